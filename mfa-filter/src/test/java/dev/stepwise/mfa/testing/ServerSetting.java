package dev.stepwise.mfa.testing;

import java.util.function.UnaryOperator;

/**
 * Where the tests are told of a database server: the system property {@code stepwise.test.<kind>.url} (with
 * {@code .user}, {@code .password}) or, because Maven's test JVMs do not always see {@code mvn -D...}, the environment
 * variable {@code STEPWISE_TEST_<KIND>_URL} (with {@code _USER}, {@code _PASSWORD}). A property wins over the
 * variable; a blank value names nothing.
 */
record ServerSetting(String url, String user, String password, String origin) {

    /** The server named for {@code kind} ("postgres", "mariadb"), or {@code null} when none is named. */
    static ServerSetting named(String kind, String defaultUser) {
        return named(kind, defaultUser, System::getProperty, System::getenv);
    }

    static ServerSetting named(String kind, String defaultUser, UnaryOperator<String> properties,
            UnaryOperator<String> environment) {
        String property = "stepwise.test." + kind + ".";
        String variable = "STEPWISE_TEST_" + kind.toUpperCase(java.util.Locale.ROOT) + "_";
        String url = properties.apply(property + "url");
        if (!blank(url)) {
            return new ServerSetting(url.trim(), or(properties.apply(property + "user"), defaultUser),
                    or(properties.apply(property + "password"), ""), "named by -D" + property + "url");
        }
        url = environment.apply(variable + "URL");
        if (!blank(url)) {
            return new ServerSetting(url.trim(), or(environment.apply(variable + "USER"), defaultUser),
                    or(environment.apply(variable + "PASSWORD"), ""), "named by " + variable + "URL");
        }
        return null;
    }

    DatabaseServer server() {
        return new DatabaseServer(url, user, password, origin);
    }

    /** How to name a server of this kind, for messages. */
    static String howToName(String kind, String example, String exampleUser) {
        String variable = "STEPWISE_TEST_" + kind.toUpperCase(java.util.Locale.ROOT) + "_";
        return "export " + variable + "URL=" + example + " " + variable + "USER=" + exampleUser + " (and " + variable
                + "PASSWORD if it needs one), or pass -Dstepwise.test." + kind + ".url=... (.user, .password) to Maven";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String or(String s, String otherwise) {
        return blank(s) ? otherwise : s;
    }
}
