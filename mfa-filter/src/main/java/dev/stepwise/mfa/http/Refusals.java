package dev.stepwise.mfa.http;

import dev.stepwise.mfa.core.Decision;
import dev.stepwise.mfa.core.Decision.ChallengeRequired;
import dev.stepwise.mfa.core.Decision.Denied;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.runtime.MfaRuntime;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.util.Locale;

/**
 * What happens when a request is not let through, as explicit steps: an unsafe request from another site is
 * refused (and audited) before anything is saved; a challenge saves the request to resume (a browser's) or the
 * page to return to (a script's), writes the pending challenge and fires {@link MfaEvent.ChallengeIssued}; then
 * the {@link AnswerRenderer} writes the answer.
 */
public final class Refusals {

    private static final System.Logger LOG = System.getLogger(Refusals.class.getName());

    private final MfaRuntime runtime;

    /**
     * Creates the refusals from its parts.
     *
     * @param runtime the runtime
     */
    public Refusals(MfaRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Refuses an unsafe request from another site (docs/security-model.md): returns the refusal after firing
     * {@link MfaEvent.CrossSiteRefused}, or {@code null} when the request may go on.
     *
     * @param facts what the library read from the request
     * @return the decision
     */
    public Decision refuseCrossSite(RequestFacts facts) {
        if (!facts.isCrossSite()) {
            return null;
        }
        runtime.fire(new MfaEvent.CrossSiteRefused(facts.eventHeader(runtime.clock().instant()), facts.method(),
                facts.path(), facts.unsafeCrossSite().seen()));
        return new Denied(Denied.Why.CROSS_SITE);
    }

    /**
     * The steps of a refusal, then its answer.
     *
     * @param decision the decision
     * @param request the HTTP request
     * @param facts what the library read from the request
     * @return the steps of a refusal, then its answer
     */
    public MfaAnswer answer(Decision decision, HttpServletRequest request, RequestFacts facts) {
        Decision d = decision;
        if (d instanceof ChallengeRequired) {
            // Whoever refused (a filter, an interceptor, the application's own MfaRequiredException): a request
            // from another site is never saved to be replayed after the victim's challenge.
            Decision crossSite = refuseCrossSite(facts);
            d = crossSite != null ? crossSite : d;
        }
        if (d instanceof ChallengeRequired c) {
            issueChallenge(c, request, facts);
        }
        if (d instanceof Denied denied && denied.why() == Denied.Why.NO_ACCEPTABLE_FACTOR) {
            LOG.log(System.Logger.Level.WARNING, "Stepwise MFA: {0} requires factors none of which is "
                    + "offered; access denied. Check the annotation and stepwise.mfa.factors.", facts.path());
        }
        return new AnswerRenderer(runtime.config().pages().path()).render(d, facts, runtime.clock().instant(),
                facts.apiClient() ? Locale.ROOT : PageLocale.of(request));
    }

    /**
     * Saves what to come back to, writes the pending challenge and fires {@link MfaEvent.ChallengeIssued}. A
     * browser request is replayed after the challenge; a script's page is returned to instead, so it can send its
     * request again (the script got a 401 and knows what it was doing).
     */
    void issueChallenge(ChallengeRequired c, HttpServletRequest request, RequestFacts facts) {
        boolean api = facts.apiClient();
        SavedRequest saved = api ? RequestCapture.refererOf(request, facts.origin())
                : RequestCapture.save(request, facts.isLibraryPath(runtime.config().pages().path()));
        if (api && c.requirement().kind() == Requirement.Kind.STEP_UP && c.requirement().maxAge().isZero()) {
            saved = null; // a confirmation per request needs the request itself, which a script keeps
        }
        Instant now = runtime.clock().instant();
        MfaSession session = MfaSession.of(request);
        if (session.pending(now) == null || !facts.fromAnotherSite()) {
            // A navigation from another site (a link, an <img>) may not replace what the user is confirming.
            session.pending(PendingChallenge.issue(c.factors(), c.requirement(), saved, now,
                    now.plus(runtime.config().requests().challengeExpiry())));
        }
        runtime.fire(new MfaEvent.ChallengeIssued(facts.eventHeader(runtime.clock().instant()), c.factors(),
                c.requirement().reason(), facts.path()));
    }
}
