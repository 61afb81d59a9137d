package dev.stepwise.mfa.web;

import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.MicroProfileConfig;
import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.runtime.Housekeeping;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaRuntime;
import dev.stepwise.mfa.runtime.MfaStorage;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts the library when the application deploys: parses the context parameters once into an immutable
 * {@link MfaConfig} (a bad value fails the deployment with a message naming the parameter), checks the
 * configured factors exist, resolves every servlet's requirements, and registers the challenge pages, the JSON
 * challenge API ({@link ChallengeApiServlet}) and, when it is on, passkey sign-in ({@link PasskeyServlet}) under
 * {@code stepwise.mfa.path}. Declared in the library's {@code web-fragment.xml}.
 */
public final class MfaBootstrap implements ServletContextListener {

    @Inject
    private MfaConfiguration configuration;

    @Inject
    private MfaRuntime runtime;

    @Inject
    private MfaStorage storage;

    @Inject
    private dev.stepwise.mfa.runtime.PushConfiguration pushConfiguration;

    @Inject
    private jakarta.enterprise.event.Event<dev.stepwise.mfa.event.MfaStarted> started;

    private static final Duration HOUSEKEEPING_PERIOD = Duration.ofHours(6);

    private Housekeeping housekeeping;

    private static final System.Logger LOG = System.getLogger(MfaBootstrap.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        var overrides = MicroProfileConfig.detect(context.getClassLoader());
        MfaConfig config = MfaConfig.parse(context::getInitParameter, overrides); // MicroProfile Config wins over web.xml
        configuration.start(config); // first: the factor beans created next read their settings and clock here
        pushConfiguration.start(pushParameters(context, overrides), config.factors().ids());
        pushConfiguration.approvePath(context.getContextPath() + config.pages().path() + PushApprovalServlet.PATH);
        runtime.configure();
        ServletRequirements.resolveAndPublish(context, runtime.annotations());
        storage.store(); // opens the database now: a wrong datasource or schema fails the deployment
        ServletRegistration.Dynamic pages = context.addServlet("StepwiseMfaPages", ChallengeServlet.class);
        if (pages == null) {
            throw new IllegalStateException("a servlet named StepwiseMfaPages is already registered");
        }
        String base = config.pages().path();
        var clash = pages.addMapping(base + ChallengeServlet.CHALLENGE, base + ChallengeServlet.ENROLL,
                base + ChallengeServlet.LOGOUT);
        ServletRegistration.Dynamic settings = context.addServlet("StepwiseMfaSettings", SettingsServlet.class);
        if (settings == null) {
            throw new IllegalStateException("a servlet named StepwiseMfaSettings is already registered");
        }
        clash = new java.util.HashSet<>(clash);
        clash.addAll(settings.addMapping(base + SettingsServlet.SETTINGS, base + SettingsServlet.TOTP,
                base + SettingsServlet.WEBAUTHN, base + SettingsServlet.QUESTIONS, base + SettingsServlet.PUSH));
        ServletRegistration.Dynamic api = context.addServlet("StepwiseMfaApi", ChallengeApiServlet.class);
        if (api == null) {
            throw new IllegalStateException("a servlet named StepwiseMfaApi is already registered");
        }
        clash.addAll(api.addMapping(base + ChallengeApiServlet.PATH + "/*"));
        clash.addAll(registerPasskeySignIn(context, config));
        clash.addAll(registerPushApproval(context, base));
        if (!clash.isEmpty()) {
            throw new MfaConfigException(Parameters.PATH.name(), base, "a path no servlet of the application uses "
                    + "(already mapped: " + clash + ")");
        }
        started.fire(new dev.stepwise.mfa.event.MfaStarted(runtime.offered()));
        housekeeping = scheduleHousekeeping(); // last: a deployment that fails above leaves no thread behind
    }

    /**
     * The parameters for push: MicroProfile Config over the context parameters, except the VAPID private key,
     * looked up among the context parameters only (to refuse it there): MicroProfile Config would also find it as
     * the environment variable, where it belongs.
     */
    private static java.util.function.Function<String, String> pushParameters(ServletContext context,
            dev.stepwise.mfa.runtime.config.ParameterSource overrides) {
        java.util.function.Function<String, String> merged = overrides
                .over(dev.stepwise.mfa.runtime.config.ParameterSource.contextParameters(context::getInitParameter))
                .values();
        return name -> dev.stepwise.mfa.runtime.config.PushSettings.VAPID_KEY.equals(name)
                ? context.getInitParameter(name) : merged.apply(name);
    }

    /** Passkey sign-in's servlet, only with {@code stepwise.mfa.webauthn.passkey-login=on}; its clashing paths. */
    private static java.util.Set<String> registerPasskeySignIn(ServletContext context, MfaConfig config) {
        if (!config.webauthn().passkeyLogin()) {
            return java.util.Set.of();
        }
        ServletRegistration.Dynamic passkey = context.addServlet("StepwiseMfaPasskey", PasskeyServlet.class);
        if (passkey == null) {
            throw new IllegalStateException("a servlet named StepwiseMfaPasskey is already registered");
        }
        return passkey.addMapping(config.pages().path() + PasskeyServlet.PATH + "/*");
    }

    /** The push approval page's servlet, only with {@code stepwise.mfa.push.prompt=number}; its clashing paths. */
    private java.util.Set<String> registerPushApproval(ServletContext context, String base) {
        if (!pushConfiguration.settings().isPresent() || !pushConfiguration.numberPrompt()) {
            return java.util.Set.of();
        }
        ServletRegistration.Dynamic approve = context.addServlet("StepwiseMfaPushApproval", PushApprovalServlet.class);
        if (approve == null) {
            throw new IllegalStateException("a servlet named StepwiseMfaPushApproval is already registered");
        }
        ServletRegistration.Dynamic poll = context.addServlet("StepwiseMfaPushStatus", PushStatusServlet.class);
        if (poll == null) {
            throw new IllegalStateException("a servlet named StepwiseMfaPushStatus is already registered");
        }
        java.util.Set<String> clash = new java.util.HashSet<>(approve.addMapping(base + PushApprovalServlet.PATH + "/*"));
        clash.addAll(poll.addMapping(base + PushStatusServlet.PATH));
        return clash;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (housekeeping != null) {
            housekeeping.close();
        }
    }

    /**
     * Deletes expired trusted devices, signing keys, pending codes, ended exemptions and sign-in history older
     * than {@code stepwise.mfa.adaptive.memory} now and then every six hours ({@link Housekeeping}: on the
     * container's managed scheduler, or on a thread of its own when the server has none).
     */
    private Housekeeping scheduleHousekeeping() {
        Runnable purge = () -> {
            int removed = storage.store().purgeExpired(runtime.clock().instant(), runtime.config().adaptive().memory());
            LOG.log(System.Logger.Level.DEBUG, "Stepwise MFA housekeeping removed {0} expired rows", removed);
        };
        return Housekeeping.start(purge, MfaBootstrap::managedScheduler, HOUSEKEEPING_PERIOD);
    }

    private static Optional<ScheduledExecutorService> managedScheduler() {
        try {
            Object found = new InitialContext().lookup("java:comp/DefaultManagedScheduledExecutorService");
            return found instanceof ScheduledExecutorService s ? Optional.of(s) : Optional.empty();
        } catch (NamingException e) {
            return Optional.empty();
        }
    }
}
