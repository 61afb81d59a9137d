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
     * Refuses a database written by a newer release, a script the runner applied that differs from this jar's, and
     * a version left failed or half-applied by a script that differs from this jar's: what
     * {@code create-schema=true} must not run over. (A version left unfinished by this jar's script is run again.)
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
        unfinished(state, dialect, problems);
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

    /** Versions the runner started and did not finish with a script other than this jar's: only a person can say. */
    private static void failed(SchemaState state, Dialect dialect, List<String> problems) {
        for (SchemaHistory.Entry e : unfinishedEntries(state)) {
            SchemaScript script = SchemaScripts.of(dialect, e.version());
            if (!sameScript(script, e)) {
                problems.add(script.describe() + " was started at " + Instant.ofEpochMilli(e.startedAt()) + " with "
                        + "another script (" + e.script() + ", SHA-256 " + e.checksum() + "; this jar: "
                        + script.fileName() + ", SHA-256 " + script.checksum() + ") and " + (e.state()
                        == SchemaHistory.State.FAILED ? "failed: " + e.error() : "never finished") + ". " + dialect
                        + " commits each DDL statement on its own, so part of it may be in the database: run this "
                        + "jar's script by hand (every statement is idempotent; its last one records the version), "
                        + "then DELETE FROM stepwise_schema_history WHERE version = " + e.version()
                        + " and start again");
            }
        }
    }

    /** Versions left unfinished by this jar's script: {@code create-schema=true} runs them again under its lock. */
    private static void unfinished(SchemaState state, Dialect dialect, List<String> problems) {
        for (SchemaHistory.Entry e : unfinishedEntries(state)) {
            SchemaScript script = SchemaScripts.of(dialect, e.version());
            if (sameScript(script, e)) {
                problems.add(script.describe() + (e.state() == SchemaHistory.State.RUNNING
                        ? " is running since " + Instant.ofEpochMilli(e.startedAt()) + ": a migration may be in "
                        + "progress on another node; retry when it ends (if no node is migrating, one stopped half-way:"
                        + " a start with create-schema=true runs the version again)"
                        : " failed at " + Instant.ofEpochMilli(e.startedAt()) + ": " + e.error() + "; once the cause "
                        + "is fixed, a start with create-schema=true runs the version again (every statement is "
                        + "idempotent)"));
            }
        }
    }

    /** The runner's rows of this release's versions that are neither applied nor recorded. */
    static List<SchemaHistory.Entry> unfinishedEntries(SchemaState state) {
        return state.history().values().stream().filter(e -> e.state() != SchemaHistory.State.APPLIED
                && !state.recorded().contains(e.version()) && e.version() <= SchemaScripts.CURRENT).toList();
    }

    /** Whether {@code e} was written for this jar's {@code script} (same file name and checksum). */
    static boolean sameScript(SchemaScript script, SchemaHistory.Entry e) {
        return script.checksum().equals(e.checksum()) && script.fileName().equals(e.script());
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
            if (!sameScript(script, e)) {
                problems.add(script.describe() + " is not the script that was applied at "
                        + Instant.ofEpochMilli(e.startedAt()) + " (" + e.script() + ", SHA-256 " + e.checksum()
                        + "; this jar: " + script.fileName() + ", SHA-256 " + script.checksum() + "): a released script never "
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
