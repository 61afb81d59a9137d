package dev.stepwise.mfa.runtime.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which factors are offered and what they show.
 *
 * @param ids        {@code stepwise.mfa.factors}: factor ids to offer, in the order pages list them
 * @param configured whether {@code stepwise.mfa.factors} was set (then every id must name an available factor)
 * @param issuer     {@code stepwise.mfa.issuer}: the name authenticator apps, emails and texts show
 * @param totpWindow {@code stepwise.mfa.totp.window}: accepted TOTP time steps either side of now
 * @param questionsOnStepUp {@code stepwise.mfa.questions.step-up}: whether security questions may answer any step-up
 */
public record FactorSettings(List<String> ids, boolean configured, String issuer, int totpWindow,
                             boolean questionsOnStepUp) {

    /**
     * Checks the components and copies the mutable ones.
     * @param ids {@code stepwise.mfa.factors}: factor ids to offer, in the order pages list them
     * @param configured whether {@code stepwise.mfa.factors} was set (then every id must name an available factor)
     * @param issuer {@code stepwise.mfa.issuer}: the name authenticator apps, emails and texts show
     * @param totpWindow {@code stepwise.mfa.totp.window}: accepted TOTP time steps either side of now
     * @param questionsOnStepUp {@code stepwise.mfa.questions.step-up}: whether security questions may answer any
     *                          step-up
     */
    public FactorSettings {
        ids = List.copyOf(ids);
        Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * Reads the factor parameters.
     *
     * @param source where the configuration values are read from
     * @return the factor settings
     */
    public static FactorSettings read(Function<String, String> source) {
        return new FactorSettings(Parameters.FACTORS.read(source), Parameters.FACTORS.isSet(source),
                Parameters.ISSUER.read(source), Parameters.TOTP_WINDOW.read(source),
                Parameters.QUESTIONS_STEP_UP.read(source));
    }
}
