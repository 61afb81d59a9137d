package dev.stepwise.mfa.store;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The SQL dialects the JDBC store speaks, detected from {@link DatabaseMetaData#getDatabaseProductName()}.
 * Each has its own migration scripts in the jar, under {@code dev/stepwise/mfa/store/migration/<name>/}
 * (docs/schema-migrations.md).
 *
 * <p>The statements are kept to what H2 (2.2.224, Payara's embedded default, and later), PostgreSQL (12 and
 * later) and MariaDB (10.6 and later) accept; only "insert unless present", "insert or replace", "update and
 * return the rows" ({@link #returning}) and the two TOTP statements that write two tables differ. MariaDB has no
 * {@code UPDATE … RETURNING}: there the stores fall back to a few statements (see {@link #updateReturns()}).
 */
public enum Dialect {

    /** H2 2.x, e.g. {@code java:comp/DefaultDataSource} of Payara Micro. */
    H2("h2"),
    /** PostgreSQL, for production and clustered deployments. */
    POSTGRESQL("postgresql"),
    /**
     * MariaDB 10.6 and later with InnoDB tables, through MariaDB Connector/J; tested with 10.11. MySQL is refused
     * (see {@link #of}).
     */
    MARIADB("mariadb");

    /** The oldest MariaDB release accepted (the store is tested on 10.11). */
    static final int MARIADB_MIN_MAJOR = 10;
    static final int MARIADB_MIN_MINOR = 6;

    /** The databases {@link #of} accepts, for messages. */
    public static final String SUPPORTED = "H2 2.2 or later, PostgreSQL 12 or later, MariaDB 10.6 or later";

    private final String fileName;

    Dialect(String fileName) {
        this.fileName = fileName;
    }

    /**
     * The folder of this dialect's migration scripts under {@code dev/stepwise/mfa/store/migration/} in the jar.
     *
     * @return {@code h2}, {@code postgresql} or {@code mariadb}
     */
    public String folderName() {
        return fileName;
    }

    /**
     * The class-path folder holding this dialect's migration scripts, a Flyway location without its
     * {@code classpath:} prefix.
     *
     * @return e.g. {@code dev/stepwise/mfa/store/migration/postgresql}
     */
    public String migrationFolder() {
        return SchemaScript.FOLDER + fileName;
    }

    /**
     * Whether {@link #returning} can be one statement: not on MariaDB, which has no {@code UPDATE … RETURNING}.
     *
     * @return false on MariaDB only
     */
    public boolean updateReturns() {
        return this != MARIADB;
    }

    /**
     * One statement that runs {@code update} and returns {@code columns} of the rows it changed, with their new
     * values, as a result set (none when it matched no row): PostgreSQL's {@code UPDATE … RETURNING …}, H2's
     * data change delta table {@code SELECT … FROM FINAL TABLE (UPDATE …)}. Run it with {@code executeQuery}.
     *
     * @param update  an {@code UPDATE} statement
     * @param columns the columns to return, comma-separated
     * @return the statement to run with {@code executeQuery}
     * @throws UnsupportedOperationException on MariaDB ({@link #updateReturns()} is false): update, then select
     *                                       the rows in the same transaction
     */
    public String returning(String update, String columns) {
        return switch (this) {
            case POSTGRESQL -> update + " RETURNING " + columns;
            case H2 -> "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
            case MARIADB -> throw new UnsupportedOperationException("MariaDB has no UPDATE … RETURNING");
        };
    }

    /**
     * The dialect of a connected database.
     *
     * @param meta the connection's metadata
     * @return the dialect
     * @throws SQLException         when the metadata cannot be read
     * @throws StoreSchemaException for a database product the store does not support, naming the product and
     *                              version found, the supported ones and how to give the library one of them
     * @throws SQLException if the database fails
     */
    public static Dialect of(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName();
        String version = meta.getDatabaseProductVersion();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        switch (p) {
            case "h2":
                return H2;
            case "postgresql":
                return POSTGRESQL;
            case "mariadb":
                if (meta.getDatabaseMajorVersion() < MARIADB_MIN_MAJOR || meta.getDatabaseMajorVersion()
                        == MARIADB_MIN_MAJOR && meta.getDatabaseMinorVersion() < MARIADB_MIN_MINOR) {
                    throw unsupported(product, version, "this MariaDB release is older than 10.6");
                }
                return MARIADB;
            case "mysql":
                // MariaDB Connector/J names a MySQL server "MySQL"; MySQL Connector/J names every server so, a
                // MariaDB one too, and refuses executeQuery for the statements that return rows here.
                throw unsupported(product, version, "MySQL is not supported (its SQL lacks statements the store "
                        + "relies on, and it is not tested); a MariaDB server must be reached through MariaDB "
                        + "Connector/J, which reports it as MariaDB");
            default:
                throw unsupported(product, version, null);
        }
    }

    private static StoreSchemaException unsupported(String product, String version, String why) {
        return new StoreSchemaException("the Stepwise MFA store does not support the database '" + product + "' "
                + version + (why == null ? "" : " (" + why + ")") + "; supported: " + SUPPORTED
                + ". Name a DataSource of one of them in the context parameter stepwise.mfa.datasource (JNDI name; "
                + "default java:comp/DefaultDataSource) and put its JDBC driver on the server");
    }
}
