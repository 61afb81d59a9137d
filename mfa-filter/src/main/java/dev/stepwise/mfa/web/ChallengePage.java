package dev.stepwise.mfa.web;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model of the challenge page ({@code challenge.jsp}, and a factor's own page such as {@code webauthn.jsp}),
 * the request attribute {@value LibraryPage#MODEL}. Every value is written escaped.
 *
 * @param links       the forms' token and targets
 * @param factor      the factor shown
 * @param factors     the factors the user may choose, in page order
 * @param factorNames display names by factor id
 * @param inputmode   the code input's {@code inputmode}
 * @param label       the code input's label, or {@code null} for the default text
 * @param reason      why the user is asked
 * @param risk        message keys of the session's risk reasons
 * @param riskTexts   the texts of those reasons in the page's language, their arguments filled in
 * @param error       message key of what went wrong, or {@code null}
 * @param retryAfter  seconds to wait ({@code {0}} of the error), or {@code null}
 * @param challengeId the pending challenge the form answers, or {@code null} for a step-up the user asked for
 * @param trustDays   days "trust this device" lasts, or {@code null} when it is not offered
 * @param submission  what the confirmed request will submit, or {@code null}
 * @param target      the confirmed request as {@code "POST /path"}, or {@code null}
 * @param view        the factor's own model ({@code ChallengeView.model()}, e.g. where a code went)
 */
public record ChallengePage(PageLinks links, String factor, List<String> factors, Map<String, String> factorNames,
                            String inputmode, String label, String reason, List<String> risk, List<String> riskTexts,
                            String error,
                            Long retryAfter, String challengeId, Long trustDays, SubmissionPreview submission,
                            String target, Map<String, Object> view) {

    /**
     * Checks the components and copies the mutable ones.
     * @param links the forms' token and targets
     * @param factor the factor shown
     * @param factors the factors the user may choose, in page order
     * @param factorNames display names by factor id
     * @param inputmode the code input's {@code inputmode}
     * @param label the code input's label, or {@code null} for the default text
     * @param reason why the user is asked
     * @param risk message keys of the session's risk reasons
     * @param riskTexts the texts of those reasons in the page's language, their arguments filled in
     * @param error message key of what went wrong, or {@code null}
     * @param retryAfter seconds to wait ({@code {0}} of the error), or {@code null}
     * @param challengeId the pending challenge the form answers, or {@code null} for a step-up the user asked for
     * @param trustDays days "trust this device" lasts, or {@code null} when it is not offered
     * @param submission what the confirmed request will submit, or {@code null}
     * @param target the confirmed request as {@code "POST /path"}, or {@code null}
     * @param view the factor's own model ({@code ChallengeView.model()}, e.g. where a code went)
     */
    public ChallengePage {
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(factor, "factor");
        factors = List.copyOf(factors);
        factorNames = Collections.unmodifiableMap(new LinkedHashMap<>(factorNames));
        risk = List.copyOf(risk);
        riskTexts = List.copyOf(riskTexts);
        view = Map.copyOf(view);
    }

    /** Whole days of a trust grant, at least one (the page says "for N days"); {@code null} when not offered. */
    static Long trustDays(boolean offered, Duration trustDuration) {
        return offered ? Math.max(1, trustDuration.toDays()) : null;
    }
}
