package dev.stepwise.mfa.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares what a database holds ({@link SchemaState}) with this release's scripts and says, in one message, every
 * reason the store cannot use it. Never writes.
 */
final class SchemaCheck {

    private SchemaCheck() {
    }

    /**
     * Refuses a database written by a newer release, a version the runner left failed or half-applied, and a
     * script the runner applied that differs from this jar's: what {@code create-schema=true} must not run over.
     *
     * @throws StoreSchemaException naming each
     */
    static void requireSafeToMigrate(SchemaState state, Dialect dialect) {
        fail(unsafe(state, dialect));
    }

    /**
     * {@link #requireSafeToMigrate}, and every version of this release must be recorded
     * ({@code create-schema=validate}, and after a migration).
     *
     * @throws StoreSchemaException naming each problem and each missing version's script
     */
    static void requireCurrent(SchemaState state, Dialect dialect) {
        List<String> problems = unsafe(state, dialect);
        missing(state, dialect, problems);
        fail(problems);
    }

    private static List<String> unsafe(SchemaState state, Dialect dialect) {
        List<String> problems = new ArrayList<>();
        newer(state, problems);
        failed(state, dialect, problems);
        edited(state, dialect, problems);
        return problems;
    }

    /**
     * {@code create-schema=false}: only the highest recorded version must be this release's.
     *
     * @throws StoreSchemaException when it is not
     */
    static void requireCurrentVersionRecorded(SchemaState state, Dialect dialect) {
        List<String> problems = new ArrayList<>();
        newer(state, problems);
        if (state.highest() < SchemaScripts.CURRENT) {
            problems.add((state.recorded().isEmpty() ? "no schema version is recorded (stepwise_schema_version is "
                    + "missing or empty)" : "the highest recorded schema version is " + state.highest())
                    + "; this release needs version " + SchemaScripts.CURRENT + ": set create-schema=true, or run "
                    + scriptsFrom(state.highest() + 1, dialect) + " from the mfa-filter jar");
        }
        fail(problems);
    }

    private static void newer(SchemaState state, List<String> problems) {
        int highest = Math.max(state.highest(), state.history().keySet().stream().mapToInt(v -> v).max().orElse(0));
        if (highest > SchemaScripts.CURRENT) {
            problems.add("the database holds schema version " + highest + ", written by a newer release; this "
                    + "release knows versions up to " + SchemaScripts.CURRENT + " and changed nothing: deploy the newer"
                    + " release (or restore the database of this one)");
        }
    }

    private static void failed(SchemaState state, Dialect dialect, List<String> problems) {
        for (SchemaHistory.Entry e : state.history().values()) {
            if (e.state() != SchemaHistory.State.APPLIED && !state.recorded().contains(e.version())
                    && e.version() <= SchemaScripts.CURRENT) {
                problems.add(SchemaScripts.of(dialect, e.version()).describe() + " was started at "
                        + Instant.ofEpochMilli(e.startedAt()) + " and " + (e.state() == SchemaHistory.State.FAILED
                        ? "failed: " + e.error() : "never finished (the node stopped)")
                        + ". " + dialect + " commits each DDL statement on its own, so part of it may be in the "
                        + "database. Run the whole script by hand (every statement is idempotent, and its last one "
                        + "records the version), or undo what it created; then DELETE FROM stepwise_schema_history "
                        + "WHERE version = " + e.version() + " and start again");
            }
        }
    }

    private static void edited(SchemaState state, Dialect dialect, List<String> problems) {
        for (SchemaHistory.Entry e : state.history().values()) {
            if (e.version() > SchemaScripts.CURRENT || e.state() != SchemaHistory.State.APPLIED) {
                continue;
            }
            SchemaScript script = SchemaScripts.of(dialect, e.version());
            if (!state.recorded().contains(e.version())) {
                problems.add(script.describe() + " was applied by the library at " + Instant.ofEpochMilli(
                        e.startedAt()) + " but its row in stepwise_schema_version is gone: run the script by hand again"
                        + " (idempotent; its last statement records the version) and DELETE FROM"
                        + " stepwise_schema_history WHERE version = " + e.version());
                continue;
            }
            String now = script.checksum();
            if (!now.equals(e.checksum()) || !script.fileName().equals(e.script())) {
                problems.add(script.describe() + " is not the script that was applied at "
                        + Instant.ofEpochMilli(e.startedAt()) + " (" + e.script() + ", SHA-256 " + e.checksum()
                        + "; this jar: " + script.fileName() + ", SHA-256 " + now + "): a released script never "
                        + "changes, so this jar was built from edited scripts. Deploy a jar built from the released "
                        + "scripts");
            }
        }
    }

    private static void missing(SchemaState state, Dialect dialect, List<String> problems) {
        for (int v = 1; v <= SchemaScripts.CURRENT; v++) {
            if (!state.recorded().contains(v)) {
                problems.add("missing " + SchemaScripts.of(dialect, v).describe());
            }
        }
        if (problems.stream().anyMatch(p -> p.startsWith("missing "))) {
            problems.add("run the missing scripts in order (or set create-schema=true); docs/schema-migrations.md");
        }
    }

    private static String scriptsFrom(int first, Dialect dialect) {
        List<String> names = new ArrayList<>();
        for (int v = Math.max(1, first); v <= SchemaScripts.CURRENT; v++) {
            names.add(SchemaScripts.of(dialect, v).resource());
        }
        return String.join(", ", names);
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new StoreSchemaException("the Stepwise MFA schema cannot be used: " + String.join("; ", problems));
        }
    }
}
