package dev.stepwise.mfa.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One versioned migration script of one dialect, in the jar under {@code dev/stepwise/mfa/store/migration/<dialect>/} with
 * Flyway's name {@code V<version>__<description>.sql}.
 *
 * @param version     the schema version it makes, from 1
 * @param description the part of the name after {@code __}, words joined by {@code _}
 * @param dialect     the database it is written for
 */
record SchemaScript(int version, String description, Dialect dialect) {

    /** The folder of every dialect's scripts, a Flyway location ({@code classpath:dev/stepwise/mfa/store/migration/h2}). */
    static final String FOLDER = "dev/stepwise/mfa/store/migration/";

    /** The file name, e.g. {@code V1__first_schema.sql}. */
    String fileName() {
        return "V" + version + "__" + description + ".sql";
    }

    /** The class-path resource, e.g. {@code dev/stepwise/mfa/store/migration/postgresql/V1__first_schema.sql}. */
    String resource() {
        return FOLDER + dialect.folderName() + "/" + fileName();
    }

    /** The script as it is in the jar. */
    String text() {
        try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the jar: " + resource());
            }
            return normalise(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource(), e);
        }
    }

    /** The statements, in order, without comments ({@link SqlStatements}). */
    List<String> statements() {
        return SqlStatements.split(resource(), text());
    }

    /**
     * SHA-256 of the text {@linkplain #normalise normalised}, in hex: what {@code stepwise_schema_history} records.
     */
    String checksum() {
        return checksum(text());
    }

    static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalise(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The text without a leading UTF-8 byte order mark and with every line end ({@code \r\n}, a lone {@code \r})
     * made {@code \n}: an editor or a Git checkout that changes only these changes neither checksum nor statements.
     */
    static String normalise(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return body.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** What a message names: the file and where it is. */
    String describe() {
        return "version " + version + " (" + resource() + " in the mfa-filter jar)";
    }
}
