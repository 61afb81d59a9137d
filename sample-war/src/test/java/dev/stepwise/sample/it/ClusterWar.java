package dev.stepwise.sample.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The WAR every node of {@link ClusterNodes} deploys: the sample with the stateless {@link TestUsers} (so every
 * node accepts the same accounts), {@link TestCodeFactor}, the node's own {@link TestClock}, the TOTP provisioning
 * API ({@link ProvisionServlet}), the audit trail, {@link ClusterHousekeepingServlet}, the PostgreSQL driver in
 * {@code WEB-INF/lib}, and a web fragment that declares the library's datasource on the run's schema and the
 * shared settings.
 *
 * <p>The datasource is what README "Running several nodes" asks of a production one: a bounded pool that validates
 * a connection before handing it out and, when one turns out dead (the database restarted, or an administrator
 * killed the backends), drops them all, so the pool recovers by itself.
 */
final class ClusterWar {

    /** JNDI name of the library's datasource ({@code stepwise.mfa.datasource}). */
    static final String DATASOURCE = "java:app/jdbc/stepwise-cluster";

    /**
     * Factors the nodes offer: the test rig's code (first, so that it is what a {@code tc…} user's challenge shows,
     * as {@link Visitor#signInTrustingThisDevice} expects), the authenticator app, email codes (every user has an
     * address: the sample's default), recovery codes.
     */
    static final String FACTORS = TestCodeFactor.ID + ",totp,email,recovery";

    /** How long one trust-cookie signing key signs: short, so that a test moves the clocks into a new slot. */
    static final String KEY_ROTATION = "PT1H";

    /** Connections per node. */
    static final int MAX_POOL = 8;

    private ClusterWar() {
    }

    /**
     * Writes the WAR to {@code file}.
     *
     * @param jdbcUrl the nodes' JDBC URL (schema and application name included)
     */
    static Path write(Path file, String jdbcUrl, String user, String password, TestMail mail) {
        List<String> params = new ArrayList<>(List.of(mail.contextParams(
                "stepwise.mfa.datasource", DATASOURCE,
                "stepwise.mfa.factors", FACTORS,
                "stepwise.mfa.trust.key-rotation", KEY_ROTATION)));
        SampleDeployment.war()
                .addClasses(TestUsers.class, TestCodeFactor.class, TestClock.class, TestClockServlet.class,
                        ProvisionServlet.class, AuditTrailServlet.class, ClusterHousekeepingServlet.class)
                .addAsLibrary(fragment(params, jdbcUrl, user, password))
                .addAsLibrary(postgresDriver())
                .as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private static JavaArchive fragment(List<String> params, String jdbcUrl, String user, String password) {
        StringBuilder xml = new StringBuilder(
                "<web-fragment xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
                        + "  <name>cluster_config</name>\n");
        for (int i = 0; i < params.size(); i += 2) {
            xml.append("  <context-param><param-name>").append(params.get(i))
                    .append("</param-name><param-value>").append(escape(params.get(i + 1)))
                    .append("</param-value></context-param>\n");
        }
        xml.append("  <data-source>\n")
                .append("    <name>").append(DATASOURCE).append("</name>\n")
                .append("    <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>\n");
        if (password.isEmpty()) { // Payara's pool refuses a user without a password: the driver takes the user
            xml.append("    <url>").append(escape(jdbcUrl + "&user=" + user)).append("</url>\n");
        } else {
            xml.append("    <url>").append(escape(jdbcUrl)).append("</url>\n")
                    .append("    <user>").append(escape(user)).append("</user>\n")
                    .append("    <password>").append(escape(password)).append("</password>\n");
        }
        // Payara's pool settings for an application's datasource (the fish.payara.* properties)
        property(xml, "fish.payara.is-connection-validation-required", "true");
        property(xml, "fish.payara.connection-validation-method", "custom-validation");
        property(xml, "fish.payara.validation-classname",
                "org.glassfish.api.jdbc.validation.PostgresConnectionValidation");
        property(xml, "fish.payara.fail-all-connections", "true");
        property(xml, "fish.payara.max-wait-time-in-millis", "5000");
        xml.append("    <isolation-level>TRANSACTION_READ_COMMITTED</isolation-level>\n")
                .append("    <initial-pool-size>2</initial-pool-size>\n")
                .append("    <max-pool-size>").append(MAX_POOL).append("</max-pool-size>\n")
                .append("    <min-pool-size>2</min-pool-size>\n")
                .append("    <max-idle-time>300</max-idle-time>\n")
                .append("  </data-source>\n")
                .append("</web-fragment>\n");
        return ShrinkWrap.create(JavaArchive.class, "cluster-config.jar")
                .addAsManifestResource(new StringAsset(xml.toString()), "web-fragment.xml");
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("    <property><name>").append(name).append("</name><value>").append(value)
                .append("</value></property>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The PostgreSQL JDBC driver jar of the test class path. */
    private static File postgresDriver() {
        try {
            return new File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
