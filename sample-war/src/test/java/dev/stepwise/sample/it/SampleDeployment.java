package dev.stepwise.sample.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Shared plumbing for the sample's Arquillian ITs.
 *
 * <p>{@link #war()} starts from the WAR that {@code package} just built (failsafe runs after it), so an IT
 * deploys the real sample app with the real {@code mfa-filter} jar in {@code WEB-INF/lib}; add test-only
 * classes or resources to it with {@code .addClass(..)} / {@code .addAsWebResource(..)}.
 *
 * <pre>{@code
 * @Deployment(testable = false)
 * static WebArchive deployment() {
 *     return SampleDeployment.war().addClass(MyProbeServlet.class);
 * }
 * }</pre>
 *
 * <p>Each deployment boots a separate Payara Micro (about 10 s), so group scenarios into few IT classes.
 */
public final class SampleDeployment {

    /** Archive name; Payara Micro derives the context root from it: {@value #CONTEXT_ROOT}, as in {@code -Prun}. */
    public static final String ARCHIVE_NAME = "bank.war";
    public static final String CONTEXT_ROOT = "/bank";

    /**
     * The sample's settings that {@link #war()} removes, as they appear in its {@code web.xml}:
     * <ul>
     *   <li>passkey sign-in ({@code stepwise.mfa.webauthn.passkey-login=on}): most ITs offer factors without
     *       {@code webauthn}, where that setting fails the deployment;</li>
     *   <li>the factors offered ({@code totp,webauthn,push,recovery}): ITs choose their own, or get the default
     *       {@code totp,webauthn,recovery} their factor lists expect;</li>
     *   <li>the adaptive login policy: ITs expect the default ({@code enrolled}) unless they choose one.</li>
     * </ul>
     */
    static final List<String> SAMPLE_ONLY = List.of(
            param("stepwise.mfa.webauthn.passkey-login", "on"),
            param("stepwise.mfa.factors", "totp,webauthn,push,recovery"),
            param("stepwise.mfa.login", "adaptive"));

    private SampleDeployment() {
    }

    /**
     * The packaged sample WAR, re-imported so that ITs can add classes to it, without the settings of its
     * {@code web.xml} that a web fragment cannot override ({@link #SAMPLE_ONLY}): an IT sets them through
     * {@link #contextParams} when it needs them, and otherwise gets the library's defaults.
     */
    public static WebArchive war() {
        WebArchive war = shipped();
        String webXml = webXml(war);
        for (String param : SAMPLE_ONLY) {
            if (!webXml.contains(param)) {
                throw new IllegalStateException("the sample's web.xml no longer sets " + param);
            }
            webXml = webXml.replace(param, "");
        }
        war.delete("/WEB-INF/web.xml");
        return war.setWebXML(new StringAsset(webXml));
    }

    private static String param(String name, String value) {
        return "<context-param>\n    <param-name>" + name + "</param-name>\n    <param-value>" + value
                + "</param-value>\n  </context-param>";
    }

    /** The packaged sample WAR as it ships, {@code web.xml} untouched (for ITs of the sample's own settings). */
    public static WebArchive shipped() {
        File built = new File(System.getProperty("sample.war", "target/sample-war.war"));
        if (!built.isFile()) {
            throw new IllegalStateException(built.getAbsolutePath()
                    + " is missing: run the ITs through Maven (`mvn verify`), which packages the WAR first");
        }
        return ShrinkWrap.create(ZipImporter.class, ARCHIVE_NAME)
                .importFrom(built)
                .as(WebArchive.class);
    }

    private static String webXml(WebArchive war) {
        try (InputStream in = war.get("/WEB-INF/web.xml").getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the sample's web.xml cannot be read", e);
        }
    }

    /**
     * A library jar for {@code WEB-INF/lib} whose {@code web-fragment.xml} sets context parameters, as an
     * administrator would in {@code web.xml} (parameters the sample's own {@code web.xml} sets win over these).
     *
     * @param nameValuePairs parameter names and values, alternating
     */
    public static org.jboss.shrinkwrap.api.spec.JavaArchive contextParams(String... nameValuePairs) {
        StringBuilder xml = new StringBuilder(
                "<web-fragment xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
                        + "  <name>it_config</name>\n");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            xml.append("  <context-param><param-name>").append(nameValuePairs[i])
                    .append("</param-name><param-value>").append(nameValuePairs[i + 1])
                    .append("</param-value></context-param>\n");
        }
        xml.append("</web-fragment>\n");
        return ShrinkWrap.create(org.jboss.shrinkwrap.api.spec.JavaArchive.class, "it-config.jar")
                .addAsManifestResource(new org.jboss.shrinkwrap.api.asset.StringAsset(xml.toString()),
                        "web-fragment.xml");
    }

    /**
     * The sample with the test rig the attack suite shares: {@link TestUsers} (a fresh account per test),
     * {@link TestCodeFactor} (offered alone unless {@code stepwise.mfa.factors} is among the parameters), the
     * movable {@link TestClock} and the {@link AuditTrailServlet}.
     *
     * @param nameValuePairs further context parameters, as for {@link #contextParams}
     */
    public static WebArchive withTestRig(String... nameValuePairs) {
        List<String> params = new ArrayList<>(List.of(nameValuePairs));
        if (!params.contains("stepwise.mfa.factors")) {
            params.addAll(List.of("stepwise.mfa.factors", TestCodeFactor.ID));
        }
        return war().addClasses(TestUsers.class, TestCodeFactor.class, TestClock.class, TestClockServlet.class,
                        AuditTrailServlet.class)
                .addAsLibrary(contextParams(params.toArray(String[]::new)));
    }

    /**
     * Adds {@code patterns} to the {@code stepwise.mfa.protect} value of the sample's own {@code web.xml} (which a
     * web fragment cannot override), e.g. {@code "/admin=mfa; /it/plain=stepup:PT1M"}.
     */
    public static WebArchive protect(WebArchive war, String patterns) {
        String sampleValue = "<param-value>/statements/*=mfa</param-value>";
        String webXml = webXml(war);
        if (!webXml.contains(sampleValue)) {
            throw new IllegalStateException("the sample's web.xml no longer sets " + sampleValue);
        }
        war.delete("/WEB-INF/web.xml");
        return war.setWebXML(new StringAsset(webXml.replace(sampleValue,
                "<param-value>/statements/*=mfa; " + patterns + "</param-value>")));
    }

    /**
     * {@code deployed} with an IP literal host ({@code 127.0.0.1}, as WildFly reports its address) replaced by
     * {@code localhost}, for pages whose origin must be a domain (a WebAuthn relying party).
     */
    public static URL byName(URL deployed) throws java.net.MalformedURLException {
        return "127.0.0.1".equals(deployed.getHost())
                ? new URL(deployed.getProtocol(), "localhost", deployed.getPort(), deployed.getFile()) : deployed;
    }

    /**
     * A copy of the sample's {@code jboss-deployment-structure.xml} (WildFly) that also gives the archive the
     * server module {@code module}, e.g. {@code com.h2database.h2} for a test's own H2 datasource; other servers
     * ignore the file.
     */
    public static WebArchive withWildFlyModule(WebArchive war, String module) {
        String path = "/WEB-INF/jboss-deployment-structure.xml";
        String xml;
        try (InputStream in = war.get(path).getAsset().openStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the sample's jboss-deployment-structure.xml cannot be read", e);
        }
        war.delete(path);
        return war.addAsWebInfResource(new StringAsset(xml.replace("    </exclusions>",
                "    </exclusions>\n    <dependencies>\n      <module name=\"" + module + "\"/>\n    </dependencies>")),
                "jboss-deployment-structure.xml");
    }

    /**
     * Resolves {@code path} (relative, e.g. {@code "account/password"}) against the deployment's base URL
     * ({@code @ArquillianResource URL}, which ends with the context root and a slash).
     */
    public static URI resolve(URL base, String path) {
        try {
            return base.toURI().resolve(path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(base.toString(), e);
        }
    }
}
