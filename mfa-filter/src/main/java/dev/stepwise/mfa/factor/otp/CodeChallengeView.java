package dev.stepwise.mfa.factor.otp;

import dev.stepwise.mfa.factor.ChallengeView;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The page model of a one-time-code challenge (email, SMS, voice): which keys the factors put into their
 * {@link ChallengeView} and what they mean. Keys are a contract for pages that override the library's: the
 * challenge page reads them from its model's map {@code page.view()}.
 *
 * <table>
 *   <caption>Model keys</caption>
 *   <tr><th>key</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@value #DESTINATION}</td><td>String</td><td>masked address or number, e.g. {@code a***@example.com}</td></tr>
 *   <tr><td>{@value #SENT}</td><td>Boolean</td><td>a new code was sent by this request</td></tr>
 *   <tr><td>{@value #PENDING}</td><td>Boolean</td><td>a valid code is out (sent now or earlier): ask for it</td></tr>
 *   <tr><td>{@value #RESEND_IN}</td><td>Long</td><td>seconds until "send a new code" is allowed; 0 = now</td></tr>
 *   <tr><td>{@value #EXPIRES_IN}</td><td>Long</td><td>seconds the pending code stays valid; 0 = none</td></tr>
 *   <tr><td>{@value #DIGITS}</td><td>Integer</td><td>code length, for the input's {@code maxlength}/{@code pattern}</td></tr>
 *   <tr><td>{@value #NOTICE}</td><td>String</td><td>message key of what to tell the user, with
 *       {@code {0}} = destination, {@code {1}} = seconds (see below)</td></tr>
 *   <tr><td>{@value #DELIVERY_ERROR}</td><td>String</td><td>message key, present only if sending failed</td></tr>
 * </table>
 *
 * <p>Notice keys: {@value #NOTICE_SENT} ({@code {0}}), {@value #NOTICE_PENDING} ({@code {0}}),
 * {@value #NOTICE_UNSENT} ({@code {0}}),
 * {@value #NOTICE_COOLDOWN} ({@code {0}}, {@code {1}} = {@value #RESEND_IN}). Delivery error key:
 * {@value #ERROR_NOT_SENT}.
 *
 * <p>A page writes the destination escaped: {@code <fmt:message>} puts its parameters into the text as they are,
 * and the destination comes from the user's profile (an address may contain markup).
 *
 * <pre>{@code
 * <c:set var="view" value="${page.view()}"/>   <%-- the challenge page's model holds the factor's view --%>
 * <c:if test="${not empty view.stepwise_notice}"><fmt:message key="${view.stepwise_notice}">
 *     <fmt:param value="${fn:escapeXml(view.stepwise_destination)}"/><fmt:param value="${fn:escapeXml(view.stepwise_resendIn)}"/>
 * </fmt:message></c:if>
 * <c:if test="${not view.stepwise_codePending}">  <%-- nothing out yet: offer to send (POST, action=send) --%>
 * }</pre>
 */
public final class CodeChallengeView {

    /**
     * The bundle (English, German) with the page texts of these keys and of {@link OneTimeCodes#ERROR_EXPIRED},
     * {@code stepwise.mfa.code.resend}, {@code stepwise.mfa.code.voice} and {@code stepwise.mfa.code.weaker};
     * to be merged into the pages' bundle.
     */
    public static final String BUNDLE = "dev.stepwise.mfa.factor.otp.messages";

    /** The page model key {@value}. */
    public static final String DESTINATION = "stepwise_destination";
    /** The page model key {@value}. */
    public static final String SENT = "stepwise_codeSent";
    /** The page model key {@value}. */
    public static final String PENDING = "stepwise_codePending";
    /** The page model key {@value}. */
    public static final String RESEND_IN = "stepwise_resendIn";
    /** The page model key {@value}. */
    public static final String EXPIRES_IN = "stepwise_codeExpiresIn";
    /** The page model key {@value}. */
    public static final String DIGITS = "stepwise_codeDigits";
    /** The page model key {@value}. */
    public static final String NOTICE = "stepwise_notice";
    /** The page model key {@value}. */
    public static final String DELIVERY_ERROR = "stepwise_deliveryError";

    /** "We sent a code to {0}." */
    public static final String NOTICE_SENT = "stepwise.mfa.code.sent";
    /** "We sent a code to {0} a moment ago. Enter it, or ask for a new one." */
    public static final String NOTICE_PENDING = "stepwise.mfa.code.pending";
    /** "We will send a code to {0}." (nothing sent yet: the page offers to send one) */
    public static final String NOTICE_UNSENT = "stepwise.mfa.code.unsent";
    /** "You can ask for a new code in {1} seconds." */
    public static final String NOTICE_COOLDOWN = "stepwise.mfa.code.cooldown";
    /** "We couldn't send a code just now. …" */
    public static final String ERROR_NOT_SENT = "stepwise.mfa.error.not-sent";

    private CodeChallengeView() {
    }

    /**
     * The view after a send attempt.
     *
     * @param maskedDestination the masked destination
     * @param outcome the outcome
     * @param codes the codes
     * @param extra more entries for the page model
     * @return the view after a send attempt
     */
    public static ChallengeView of(String maskedDestination, SendOutcome outcome, OneTimeCodes codes,
                                   Map<String, Object> extra) {
        Objects.requireNonNull(outcome, "outcome");
        Instant now = codes.now();
        Map<String, Object> model = base(maskedDestination, outcome.live(), codes, now, extra);
        if (outcome instanceof SendOutcome.Sent) {
            model.put(SENT, Boolean.TRUE);
            model.put(NOTICE, NOTICE_SENT);
            model.put(RESEND_IN, SendOutcome.secondsRoundedUp(codes.settings().resendCooldown()));
        } else if (outcome instanceof SendOutcome.CoolingDown cooling) {
            model.put(NOTICE, NOTICE_COOLDOWN);
            model.put(RESEND_IN, cooling.remainingSeconds());
        } else {
            model.put(DELIVERY_ERROR, ERROR_NOT_SENT);
            // a send that may have delivered (a timeout) keeps its cooldown; one that cannot have starts none
            boolean kept = outcome instanceof SendOutcome.NotDelivered failed && failed.failure().mayHaveDelivered();
            model.put(RESEND_IN, kept ? SendOutcome.secondsRoundedUp(codes.settings().resendCooldown()) : 0L);
            if (outcome.live().isPresent()) {
                model.put(NOTICE, NOTICE_PENDING);
            }
        }
        return new ChallengeView(model);
    }

    /**
     * The view before the user asked for a code: {@link #pending} if a code sent earlier is still valid, else
     * where a code would go, with nothing out ({@value #PENDING} {@code false}, notice {@value #NOTICE_UNSENT}).
     *
     * @param maskedDestination the masked destination
     * @param live the live
     * @param codes the codes
     * @param extra more entries for the page model
     * @return the view before the user asked for a code: {@link #pending} if a code sent earlier is still valid, else where a code would go, with nothing out ({@value #PENDING} {@code false}, notice {@value #NOTICE_UNSENT})
     */
    public static ChallengeView look(String maskedDestination, Optional<CodeIssue> live, OneTimeCodes codes,
                                     Map<String, Object> extra) {
        if (live.isPresent()) {
            return pending(maskedDestination, live.get(), codes, extra);
        }
        Map<String, Object> model = base(maskedDestination, Optional.empty(), codes, codes.now(), extra);
        model.put(NOTICE, NOTICE_UNSENT);
        model.put(RESEND_IN, 0L);
        return new ChallengeView(model);
    }

    /**
     * The view when a valid code is already out and nothing was sent now.
     *
     * @param maskedDestination the masked destination
     * @param live the live
     * @param codes the codes
     * @param extra more entries for the page model
     * @return the view when a valid code is already out and nothing was sent now
     */
    public static ChallengeView pending(String maskedDestination, CodeIssue live, OneTimeCodes codes,
                                        Map<String, Object> extra) {
        Objects.requireNonNull(live, "live");
        Instant now = codes.now();
        Map<String, Object> model = base(maskedDestination, Optional.of(live), codes, now, extra);
        model.put(NOTICE, NOTICE_PENDING);
        Duration wait = Duration.between(now, live.issuedAt().plus(codes.settings().resendCooldown()));
        model.put(RESEND_IN, Math.min(SendOutcome.secondsRoundedUp(wait),
                SendOutcome.secondsRoundedUp(codes.settings().resendCooldown())));
        return new ChallengeView(model);
    }

    private static Map<String, Object> base(String maskedDestination, Optional<CodeIssue> live, OneTimeCodes codes,
                                            Instant now, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put(DESTINATION, Objects.requireNonNull(maskedDestination, "maskedDestination"));
        model.put(SENT, Boolean.FALSE);
        model.put(PENDING, live.isPresent());
        model.put(EXPIRES_IN, live.map(i -> SendOutcome.secondsRoundedUp(Duration.between(now, i.expiresAt())))
                .orElse(0L));
        model.put(DIGITS, codes.settings().digits());
        return model;
    }
}
