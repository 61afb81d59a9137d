package dev.stepwise.mfa.cdi;

import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.factor.questions.QuestionsFactor;
import dev.stepwise.mfa.factor.recovery.RecoveryFactor;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.runtime.MfaConfiguration;
import dev.stepwise.mfa.runtime.MfaStorage;
import dev.stepwise.mfa.runtime.PushConfiguration;
import dev.stepwise.mfa.runtime.config.PushSettings;
import dev.stepwise.mfa.factor.push.PushFactor;
import dev.stepwise.mfa.factor.push.PushSender;
import dev.stepwise.mfa.factor.push.WebPushSender;
import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.email.CodeMailer;
import dev.stepwise.mfa.factor.email.EmailAddressDirectory;
import dev.stepwise.mfa.factor.email.EmailFactor;
import dev.stepwise.mfa.factor.otp.CodeHasher;
import dev.stepwise.mfa.factor.otp.OneTimeCodeSettings;
import dev.stepwise.mfa.factor.otp.OneTimeCodes;
import dev.stepwise.mfa.factor.sms.CodeSender;
import dev.stepwise.mfa.factor.sms.HttpGatewayCodeSender;
import dev.stepwise.mfa.factor.sms.HttpGatewaySettings;
import dev.stepwise.mfa.factor.sms.PhoneNumberDirectory;
import dev.stepwise.mfa.factor.sms.SmsFactor;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.MfaConfigException;
import dev.stepwise.mfa.factor.webauthn.CloneWarning;
import dev.stepwise.mfa.factor.webauthn.WebAuthnByOrigin;
import dev.stepwise.mfa.factor.webauthn.WebAuthnConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.Optional;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Makes the built-in factors CDI beans, built from the library's configuration, clock and store (the
 * application's database, so every node shares enrolments and replay guards). The factor classes themselves are
 * plain Java; this is the only place that knows how to assemble them.
 */
@ApplicationScoped
public class BuiltInFactors {

    @Inject
    MfaConfiguration configuration;

    @Inject
    MfaStorage storage;

    @Inject
    PushConfiguration pushConfiguration;


    @Inject
    Event<CloneWarning> cloneWarning;

    private static final System.Logger LOG = System.getLogger(BuiltInFactors.class.getName());

    @Produces
    @Singleton
    TotpFactor totp() {
        return new TotpFactor(storage.store().totpCredentials(), configuration.clock(),
                TotpSettings.defaults().withWindow(configuration.config().factors().totpWindow()));
    }

    /** Recovery codes; the challenge page fires the audit event of each use (it knows the client). */
    @Produces
    @Singleton
    RecoveryFactor recovery() {
        return new RecoveryFactor(storage.store().recoveryCodes(), used -> { });
    }

    /**
     * Security questions, when {@code questions} is in {@code stepwise.mfa.factors} (off by default: the weakest
     * factor; see {@link dev.stepwise.mfa.core.QuestionRules} for what it may satisfy).
     *
     * @return the factor, or {@code null} when not offered
     */
    @Produces
    @Dependent
    Factor questions() {
        if (!configuration.config().factors().ids().contains(Factors.QUESTIONS)) {
            return null;
        }
        return new QuestionsFactor(storage.store().securityQuestions());
    }

    /**
     * Email codes, when {@code email} is in {@code stepwise.mfa.factors} (it is off by default: email is the
     * weakest channel). Needs an {@link EmailAddressDirectory} bean from the application and a mail session
     * ({@code stepwise.mfa.email.session} or {@code stepwise.mfa.email.smtp}) plus {@code stepwise.mfa.email.from}.
     */
    @Produces
    @Dependent
    Factor email(@Any Instance<EmailAddressDirectory> directories) {
        MfaConfig config = configuration.config();
        if (!config.factors().ids().contains(Factors.EMAIL)) {
            return null; // not offered: no bean instance, nothing configured is required
        }
        if (!directories.isResolvable()) {
            throw new MfaConfigException(Parameters.FACTORS.name(), String.join(",", config.factors().ids()),
                    "email offered only with one EmailAddressDirectory bean that gives users' addresses");
        }
        if (config.email().from() == null) {
            throw new MfaConfigException(Parameters.EMAIL_FROM.name(), "(not set)", "the sender address of code emails");
        }
        CodeMailer mailer = MailSessions.mailer(config.email(), config.email().from(), config.factors().issuer());
        return new EmailFactor(true, directories.get(), mailer, codes(Factors.EMAIL));
    }

    /**
     * SMS and voice codes, when {@code sms} is in {@code stepwise.mfa.factors}. Needs a {@link PhoneNumberDirectory}
     * bean, and either a {@link CodeSender} bean (the application's provider) or the built-in HTTP gateway
     * ({@code stepwise.mfa.sms.gateway.*}).
     */
    @Produces
    @Dependent
    Factor sms(@Any Instance<PhoneNumberDirectory> directories, @Any Instance<CodeSender> senders) {
        MfaConfig config = configuration.config();
        if (!config.factors().ids().contains(Factors.SMS)) {
            return null;
        }
        if (!directories.isResolvable()) {
            throw new MfaConfigException(Parameters.FACTORS.name(), String.join(",", config.factors().ids()),
                    "sms offered only with one PhoneNumberDirectory bean that gives users' phone numbers");
        }
        CodeSender sender;
        if (senders.isResolvable()) {
            sender = senders.get();
        } else if (config.sms().gatewayUrl() != null) {
            String auth = Optional.ofNullable(System.getProperty("stepwise.mfa.sms.gateway.auth"))
                    .orElse(System.getenv("STEPWISE_MFA_SMS_GATEWAY_AUTH"));
            HttpGatewaySettings gateway = HttpGatewaySettings.json(config.sms().gatewayUrl(), auth,
                    config.sms().bodyTemplate());
            sender = new HttpGatewayCodeSender(gateway);
        } else {
            throw new MfaConfigException(Parameters.SMS_GATEWAY_URL.name(), "(not set)",
                    "the gateway URL, or a CodeSender bean of the application");
        }
        return new SmsFactor(directories.get(), sender, codes(Factors.SMS), config.factors().issuer(), Optional.empty());
    }

    /**
     * Codes pushed to registered devices (Web Push), when {@code push} is in {@code stepwise.mfa.factors}. Sends
     * through a {@link PushSender} bean of the application if there is one, else the built-in Web Push sender
     * with the VAPID key pair of {@code stepwise.mfa.push.*} ({@link PushConfiguration}).
     */
    @Produces
    @Dependent
    Factor push(@Any Instance<PushSender> senders) {
        MfaConfig config = configuration.config();
        if (!config.factors().ids().contains(Factors.PUSH)) {
            return null;
        }
        PushSettings vapid = pushConfiguration.settings().orElseThrow(() -> new IllegalStateException(
                "push is offered but its settings were not read at start-up"));
        PushSender sender = senders.isResolvable() ? senders.get() : new WebPushSender(vapid.keys(), vapid.subject(),
                pushConfiguration.policy(), WebPushSender.CONNECT_TIMEOUT, WebPushSender.REQUEST_TIMEOUT,
                configuration.clock());
        dev.stepwise.mfa.factor.push.PushApprovals approvals = pushConfiguration.numberPrompt()
                ? new dev.stepwise.mfa.factor.push.PushApprovals(storage.store().pushApprovals(), configuration.clock(),
                        OneTimeCodeSettings.defaults().validity()) : null;
        return new PushFactor(storage.store().pushSubscriptions(), sender, pushConfiguration.policy(),
                codes(Factors.PUSH), config.factors().issuer(), vapid.keys().publicKey(), approvals,
                approvals == null ? null : pushConfiguration.approveAddress());
    }

    private OneTimeCodes codes(String channel) {
        return new OneTimeCodes(channel, OneTimeCodeSettings.defaults(), storage.store().oneTimeCodes(),
                new CodeHasher(storage.codePepper()), configuration.clock());
    }

    /**
     * Security keys and passkeys. A sign count that goes backwards (a cloned authenticator) refuses the sign-in,
     * logs a warning and fires {@link CloneWarning}.
     */
    @Produces
    @Singleton
    WebAuthnByOrigin webauthn() {
        MfaConfig config = configuration.config();
        WebAuthnConfig relyingParty = null;
        // checked at deployment (Parameters.WEBAUTHN_USER_VERIFICATION): one of the three values
        WebAuthnConfig.UserVerification uv = WebAuthnConfig.UserVerification.ofValue(config.webauthn().userVerification());
        if (config.webauthn().rpId() != null) {
            try {
                relyingParty = WebAuthnConfig.of(config.webauthn().rpId(), config.factors().issuer(), config.webauthn().origins())
                        .withUserVerification(uv);
            } catch (IllegalArgumentException e) {
                throw new MfaConfigException(Parameters.WEBAUTHN_ORIGINS.name(), String.join(",", config.webauthn().origins()),
                        "origins on " + config.webauthn().rpId() + " or its subdomains, https (" + e.getMessage() + ")");
            }
        } else if (config.factors().ids().contains(Factors.WEBAUTHN)) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: " + Parameters.WEBAUTHN_RP_ID.name() + " is not set; "
                    + "WebAuthn uses each request's own host as relying party (development mode). Set it in production.");
        }
        return new WebAuthnByOrigin(relyingParty, config.factors().issuer(), uv, storage.store().webAuthnCredentials(), warning -> {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: sign count of a security key of {0} went backwards "
                    + "({1} after {2}): possibly a cloned authenticator; sign-in refused", warning.user(),
                    warning.presentedSignCount(), warning.storedSignCount());
            cloneWarning.fire(warning);
        });
    }
}
