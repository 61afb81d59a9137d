package dev.stepwise.mfa.store;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The SQL dialects the JDBC store speaks, detected from {@link DatabaseMetaData#getDatabaseProductName()}.
 * Each has its own schema file in the jar, {@code dev/stepwise/mfa/store/schema-<name>.sql}.
 *
 * <p>The statements are kept to what both H2 (2.2.224, Payara's embedded default, and later) and PostgreSQL
 * (12 and later) accept; only "insert unless present", "insert or replace" and "update and return the rows"
 * ({@link #returning}) differ.
 */
public enum Dialect {

    /** H2 2.x, e.g. {@code java:comp/DefaultDataSource} of Payara Micro. */
    H2("h2"),
    /** PostgreSQL, for production and clustered deployments. */
    POSTGRESQL("postgresql");

    private final String fileName;

    Dialect(String fileName) {
        this.fileName = fileName;
    }

    /** The class-path resource holding this dialect's schema. */
    public String schemaResource() {
        return "dev/stepwise/mfa/store/schema-" + fileName + ".sql";
    }

    /**
     * One statement that runs {@code update} and returns {@code columns} of the rows it changed, with their new
     * values, as a result set (none when it matched no row): PostgreSQL's {@code UPDATE … RETURNING …}, H2's
     * data change delta table {@code SELECT … FROM FINAL TABLE (UPDATE …)}. Run it with {@code executeQuery}.
     *
     * @param update  an {@code UPDATE} statement
     * @param columns the columns to return, comma-separated
     */
    public String returning(String update, String columns) {
        return this == POSTGRESQL ? update + " RETURNING " + columns
                : "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
    }

    /**
     * The dialect of a connected database.
     *
     * @throws StoreSchemaException for a database product the store does not support
     */
    public static Dialect of(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) {
            return H2;
        }
        if (p.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new StoreSchemaException("the Stepwise MFA store does not support the database '" + product
                + "'; supported: H2, PostgreSQL");
    }
}
