package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.factor.push.PushEndpointPolicy;
import dev.stepwise.mfa.runtime.config.PushSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The push factor's deployment settings: the VAPID key pair and subject ({@link PushSettings}) and the endpoint
 * policy, read once by the library's start-up listener when {@code push} is in {@code stepwise.mfa.factors}
 * (a bad value fails the deployment), and nothing is read or generated otherwise.
 *
 * <pre>{@code
 * push.start(parameters, config.factors().ids());   // at start-up
 * PushSettings vapid = push.settings().orElseThrow();
 * }</pre>
 */
@ApplicationScoped
public class PushConfiguration {

    private volatile PushSettings settings;
    private volatile PushEndpointPolicy policy;
    private volatile boolean numberPrompt;
    private volatile String approvePath;
    private volatile String approvalOrigin;

    /** For CDI. */
    public PushConfiguration() {
        // started by the listener
    }

    /**
     * Reads the settings if push is offered. The private key comes from the system property
     * {@value PushSettings#VAPID_KEY}, else the environment variable {@value PushSettings#VAPID_KEY_ENVIRONMENT}.
     *
     * @param parameters the parameters (MicroProfile Config over the context parameters)
     * @param factorIds  the offered factors
     */
    public void start(Function<String, String> parameters, List<String> factorIds) {
        Objects.requireNonNull(parameters, "parameters");
        if (!factorIds.contains(dev.stepwise.mfa.Factors.PUSH)) {
            return;
        }
        PushSettings read = PushSettings.read(parameters, name -> Optional.ofNullable(System.getProperty(name))
                .orElseGet(() -> System.getenv(PushSettings.VAPID_KEY_ENVIRONMENT)));
        policy = PushSettings.policy(parameters, read);
        numberPrompt = "number".equals(PushSettings.PROMPT.read(parameters));
        approvalOrigin = PushSettings.approvalOrigin(parameters, read).orElse(null);
        settings = read;
    }

    /** {@return the VAPID settings, empty when push is not offered (or before start-up)} */
    public Optional<PushSettings> settings() {
        return Optional.ofNullable(settings);
    }

    /** {@return whether the push factor asks for a number to match ({@code stepwise.mfa.push.prompt=number})} */
    public boolean numberPrompt() {
        return numberPrompt;
    }

    /**
     * Sets where the approval page is, from the origin (the context path, {@code stepwise.mfa.path} and
     * {@code /push/approve}); called by the start-up listener, which knows the context path.
     *
     * @param path the path
     */
    public void approvePath(String path) {
        approvePath = Objects.requireNonNull(path, "path");
    }

    /** {@return the approval page's path from the origin, e.g. {@code /app/mfa/push/approve}} */
    public String approvePath() {
        String p = approvePath;
        if (p == null) {
            throw new IllegalStateException("the approval page's path is set at start-up");
        }
        return p;
    }

    /**
     * {@return the approval page's address in the links: {@code stepwise.mfa.push.origin} and {@link #approvePath()},
     * or, in development mode without that origin, the path alone (the link then names the sign-in request's
     * origin)}
     */
    public String approveAddress() {
        String origin = approvalOrigin;
        return origin == null ? approvePath() : origin + approvePath();
    }

    /** {@return the endpoint policy: strict unless local endpoints were allowed in development mode} */
    public PushEndpointPolicy policy() {
        PushEndpointPolicy p = policy;
        return p == null ? PushEndpointPolicy.strict() : p;
    }
}
