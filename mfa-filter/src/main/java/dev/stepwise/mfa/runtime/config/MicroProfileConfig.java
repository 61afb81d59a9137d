package dev.stepwise.mfa.runtime.config;

/**
 * Reads parameters from MicroProfile Config when the server has it: system properties, environment variables
 * ({@code STEPWISE_MFA_TRUST_DURATION} for {@code stepwise.mfa.trust.duration}),
 * {@code META-INF/microprofile-config.properties} and whatever sources the server adds. MicroProfile Config is
 * optional: this class names none of its types, and {@link MicroProfileSource}, which does, is loaded only when
 * the API is there. A server without it (a plain servlet container, a Web Profile server) gets {@link
 * ParameterSource#none()} and reads {@code web.xml} alone, exactly as before.
 */
public final class MicroProfileConfig {

    static final String PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";

    private static final System.Logger LOG = System.getLogger(MicroProfileConfig.class.getName());

    private MicroProfileConfig() {
    }

    /**
     * The application's MicroProfile Config as a source of {@code stepwise.mfa.*} parameters, or {@link
     * ParameterSource#none()} when the server has no MicroProfile Config.
     *
     * @param application the application's class loader (its config includes the WAR's own properties file)
     * @return the application's MicroProfile Config as a source of {@code stepwise.mfa.*} parameters, or {@link ParameterSource#none()} when the server has no MicroProfile Config
     * @throws MfaConfigException   when MicroProfile Config has the secret key from a source it is not read from
     * @throws IllegalStateException when the API is there but gives no configuration: values meant for the
     *                               library could be ignored, so the deployment fails instead
     */
    public static ParameterSource detect(ClassLoader application) {
        if (!present(application)) {
            LOG.log(System.Logger.Level.DEBUG, "No MicroProfile Config: stepwise.mfa.* parameters come from web.xml");
            return ParameterSource.none();
        }
        try {
            return MicroProfileSource.of(application);
        } catch (MfaConfigException e) { // a misplaced secret key: the deployment fails with the library's message
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("MicroProfile Config is on the class path but gives no configuration ("
                    + e.getClass().getName() + "); stepwise.mfa.* parameters cannot be read from it. Provide a "
                    + "MicroProfile Config 2.0+ implementation or remove its API from the application", e);
        }
    }

    /** Whether MicroProfile Config's API is visible to {@code application}. */
    static boolean present(ClassLoader application) {
        try {
            Class.forName(PROVIDER, false, application);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
