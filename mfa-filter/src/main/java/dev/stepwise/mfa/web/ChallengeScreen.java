package dev.stepwise.mfa.web;

import dev.stepwise.mfa.http.SavedRequest;
import dev.stepwise.mfa.http.PendingChallenge;
import dev.stepwise.mfa.http.MfaSession;
import dev.stepwise.mfa.core.Requirement;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.ChallengeView;
import dev.stepwise.mfa.factor.CodeSending;
import dev.stepwise.mfa.factor.Factor;
import jakarta.servlet.ServletException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shows the challenge page for one request: the factor asked for (else the first the user may choose), what
 * the factor prepares for its page, and what the pending challenge confirms. Only a {@link Start#SEND} or
 * {@link Start#RESEND}, which come from the page's POST with its CSRF token, sends a code.
 */
final class ChallengeScreen {

    /** What showing a challenge may do: only look (a GET, a page shown again), or send a code (a POST). */
    enum Start { LOOK, SEND, RESEND }

    /** A message for the page: its key, and the seconds of its {@code {0}} when it has one. */
    record Message(String key, Long retryAfter) {
        static Message of(String key) {
            return key == null ? null : new Message(key, null);
        }
    }

    private static final System.Logger LOG = System.getLogger(ChallengeScreen.class.getName());

    private final PageCall call;
    private final PendingChallenge pending;

    ChallengeScreen(PageCall call) {
        this.call = call;
        this.pending = MfaSession.of(call.request).pending(call.now());
    }

    PendingChallenge pending() {
        return pending;
    }

    /**
     * The factors the user may answer with: the pending challenge's, else (a step-up they asked for) theirs but
     * security questions, which are shown and taken only for a pending challenge that accepts them (their texts
     * are not for whoever holds the session to browse).
     */
    List<String> factors() {
        if (pending != null) {
            return pending.factors();
        }
        List<String> own = new ArrayList<>(call.enforcement.enrolled(call.user()));
        own.remove(dev.stepwise.mfa.Factors.QUESTIONS);
        return own;
    }

    /**
     * Whether "trust this device" is offered, and a ticked box honoured: only where the trust will be used, at
     * login and for session MFA, never on a step-up, which a trusted device does not satisfy (README). Decided
     * from the challenge the server issued, not from the form.
     */
    boolean offersTrust() {
        return call.enforcement.config().trust().enabled() && pending != null
                && pending.requirement().kind() == Requirement.Kind.MFA;
    }

    void show(String wanted, Message message) throws ServletException, IOException {
        show(wanted, message, Start.LOOK);
    }

    /** Shows the challenge for {@code wanted} (else the first factor); only SEND/RESEND send a code. */
    void show(String wanted, Message message, Start start) throws ServletException, IOException {
        List<String> factors = factors();
        if (factors.isEmpty()) {
            call.seeOtherPage(ChallengeServlet.ENROLL);
            return;
        }
        String factorId = wanted != null && factors.contains(wanted) ? wanted : factors.get(0);
        Factor factor = call.enforcement.factor(factorId).orElseThrow();
        ChallengeView view;
        try {
            view = start(call, factor, start, call.param("channel"));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Stepwise MFA: factor " + factorId + " could not start: "
                    + e.getClass().getName());
            view = ChallengeView.EMPTY;
            message = Message.of("stepwise.mfa.error.unavailable");
        }
        String page = factor.page();
        call.render(page != null ? page : "challenge.jsp", model(factors, factorId, view, message));
    }

    private ChallengePage model(List<String> factors, String factorId, ChallengeView view, Message message) {
        PageTexts texts = call.texts();
        SavedRequest saved = pending == null ? null : pending.saved();
        boolean body = saved != null && saved.hasBody();
        return new ChallengePage(call.links(), factorId, factors, texts.factorNames(factors),
                texts.inputmode(factorId), texts.label(factorId).orElse(null),
                texts.reason(pending == null ? "" : pending.requirement().reason()),
                MfaEnforcement.riskReasons(call.request), texts.risk(MfaEnforcement.riskOf(call.request)),
                message == null ? null : message.key(),
                message == null ? null : message.retryAfter(), pending == null ? null : pending.id(),
                ChallengePage.trustDays(offersTrust(), call.enforcement.config().trust().duration()),
                // The user confirms what they see: the request's fields, secret-looking values masked.
                body ? SubmissionPreview.of(saved) : null, body ? saved.method() + " " + saved.path() : null,
                view.model());
    }

    /**
     * The factor's page model. A GET must change nothing (any other site can make a browser send one, e.g. as an
     * {@code <img>}), so a code is sent only for {@link Start#SEND} / {@link Start#RESEND} (the page's POST, the JSON
     * API's begin); otherwise a factor that sends codes only says where a code would go.
     *
     * @param channel the other channel asked for (e.g. {@code voice}), or {@code null}
     */
    static ChallengeView start(PageCall call, Factor factor, Start start, String channel) {
        ChallengeContext ctx = call.context();
        Optional<CodeSending> sending = factor.capability(CodeSending.class);
        if (sending.isEmpty()) {
            // e.g. WebAuthn options for this page: a new page replaces an unanswered ceremony of this session,
            // which costs the user a retry and gives another site nothing
            return factor.beginChallenge(call.user(), ctx);
        }
        CodeSending codes = sending.get();
        if (start == Start.LOOK) {
            return codes.preview(call.user(), ctx);
        }
        Optional<ChallengeView> otherChannel = codes.sendOn(call.user(), ctx, channel);
        if (otherChannel.isPresent()) {
            return otherChannel.get();
        }
        return start == Start.SEND ? codes.send(call.user(), ctx) : codes.resend(call.user(), ctx);
    }
}
