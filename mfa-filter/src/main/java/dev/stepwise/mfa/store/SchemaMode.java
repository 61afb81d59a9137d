package dev.stepwise.mfa.store;

import java.util.Optional;

/**
 * What the store does with its schema when it opens, from {@code stepwise.mfa.store.create-schema}
 * (docs/schema-migrations.md).
 */
public enum SchemaMode {

    /**
     * {@code true}: applies the versions this release has and the database lacks, one at a time under a lock, and
     * records each with its script's checksum; then checks as {@link #VALIDATE}.
     */
    MIGRATE("true"),
    /**
     * {@code validate}: never writes; refuses to start unless every version of this release is recorded, none is
     * recorded as failed, none is newer, and every script the library applied is unchanged. The message names each
     * missing version and its script.
     */
    VALIDATE("validate"),
    /**
     * {@code false}: never writes, and only checks that the highest version recorded in
     * {@code stepwise_schema_version} is this release's (the meaning {@code false} always had); no checksums.
     */
    VERSION_ONLY("false");

    private final String parameterValue;

    SchemaMode(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    /**
     * The value of {@code stepwise.mfa.store.create-schema} that selects this mode.
     *
     * @return {@code true}, {@code validate} or {@code false}
     */
    public String parameterValue() {
        return parameterValue;
    }

    /**
     * The mode a parameter value selects.
     *
     * @param value {@code true}, {@code validate} or {@code false}, exactly
     * @return the mode, or empty for any other value
     */
    public static Optional<SchemaMode> ofParameter(String value) {
        for (SchemaMode m : values()) {
            if (m.parameterValue.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The mode of the boolean form of the parameter.
     *
     * @param createSchema {@code true} migrates, {@code false} checks the version only
     * @return {@link #MIGRATE} or {@link #VERSION_ONLY}
     */
    public static SchemaMode of(boolean createSchema) {
        return createSchema ? MIGRATE : VERSION_ONLY;
    }
}
