package dev.stepwise.mfa.testing;

/**
 * A database server the tests use: its JDBC URL, user and password (empty for none), and where it came from, for
 * messages ({@code origin}, e.g. "named by STEPWISE_TEST_POSTGRES_URL" or "embedded PostgreSQL on port 41234").
 * {@link #toString()} leaves the password out.
 */
public record DatabaseServer(String url, String user, String password, String origin) {

    @Override
    public String toString() {
        return url + " as user " + user + " (" + origin + ")";
    }
}
