package dev.stepwise.mfa.web;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.core.SiteOfOrigin;
import dev.stepwise.mfa.event.EventHeader;
import dev.stepwise.mfa.event.MfaEvent;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.PasskeyLogin;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import dev.stepwise.mfa.runtime.Attempts;
import dev.stepwise.mfa.runtime.MfaStorage;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;

/**
 * Passkey sign-in under {@code {stepwise.mfa.path}/passkey} (README "Passkey sign-in"), registered by
 * {@link MfaBootstrap} only with {@code stepwise.mfa.webauthn.passkey-login=on} (else, and without the
 * {@code webauthn} factor, every path answers 404):
 * <ul>
 *   <li>{@code GET /passkey}: the library's sign-in page ({@code passkey.jsp}, script {@code passkey.js});</li>
 *   <li>{@code POST /passkey/options}: request options with an empty {@code allowCredentials} and user verification
 *       required; the challenge is kept in the (pre-login) session;</li>
 *   <li>{@code POST /passkey/verify} with {@code {"credential": PublicKeyCredential.toJSON()}}: the assertion is
 *       checked as one attempt on its owner's account ({@link Attempts#signIn}); then the application's identity
 *       store decides through {@code SecurityContext.authenticate} with a {@link PasskeyCredential}. Only when it
 *       accepts and the request's caller is that user is the proof recorded (new session id, {@code webauthn}
 *       verified, {@link MfaEvent.PasskeySignIn}), and the answer is 303 to the context root.</li>
 * </ul>
 * Both POSTs come only from a script of the request's own origin ({@link SiteOfOrigin#sameOriginOnly}) and only
 * without a signed-in caller. Every refusal is the same 401 problem: it never tells whether a credential or an
 * account exists or is locked. A store outage is 503 and records nothing.
 */
public final class PasskeyServlet extends HttpServlet {

    /** Where passkey sign-in is under {@code stepwise.mfa.path}. */
    static final String PATH = "/passkey";
    static final String OPTIONS = "/options";
    static final String VERIFY = "/verify";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(PasskeyServlet.class.getName());

    @Inject
    transient MfaEnforcement enforcement;

    @Inject
    transient MfaStorage storage;

    @Inject
    transient SecurityContext security;

    /** Creates the passkey sign-in servlet (the container injects the library). */
    public PasskeyServlet() {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Optional<PasskeyLogin> passkeys = enforcement.config().webauthn().passkeyLogin()
                ? enforcement.factor(Factors.WEBAUTHN).flatMap(f -> f.capability(PasskeyLogin.class))
                : Optional.empty();
        if (passkeys.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        PageCall call = new PageCall(request, response, enforcement, storage);
        try {
            route(call, passkeys.get());
        } catch (ApiProblem problem) {
            if (!response.isCommitted()) {
                problem.writeTo(response);
            }
        } catch (RuntimeException | LinkageError e) {
            LibraryFailure.logAndAnswer(LOG, "passkey sign-in " + request.getPathInfo(), e, true);
            if (!response.isCommitted()) {
                (LibraryFailure.isStoreOutage(e) ? ApiProblem.unavailable() : ApiProblem.failed()).writeTo(response);
            }
        }
    }

    private void route(PageCall call, PasskeyLogin passkeys) throws ApiProblem, IOException, ServletException {
        String path = call.request.getPathInfo() == null ? "" : call.request.getPathInfo();
        String method = call.request.getMethod();
        switch (path) {
            case "", "/" -> {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    throw ApiProblem.methodNotAllowed("GET");
                }
                String context = call.request.getContextPath();
                call.render("passkey.jsp", new PasskeyPage(call.base() + PATH, context + "/"));
            }
            case OPTIONS -> {
                guard(call, method);
                String options = passkeys.beginPasskeySignIn(call.context());
                call.response.setHeader("Cache-Control", "no-store");
                call.response.setContentType("application/json");
                call.response.getOutputStream().write(options.getBytes(StandardCharsets.UTF_8));
            }
            case VERIFY -> {
                guard(call, method);
                signIn(call, passkeys, credential(JsonBody.read(call.request)));
            }
            default -> call.error(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /** A POST from a script of this origin, by a visitor not signed in; else the problem, nothing read. */
    private void guard(PageCall call, String method) throws ApiProblem {
        if (!method.equals("POST")) {
            throw ApiProblem.methodNotAllowed("POST");
        }
        HttpServletRequest request = call.request;
        SiteOfOrigin.Verdict verdict = SiteOfOrigin.sameOriginOnly(enforcement.origin(request),
                request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Referer"));
        if (verdict.crossSite()) {
            throw ApiProblem.crossOrigin();
        }
        if (request.getUserPrincipal() != null) {
            throw ApiProblem.of(409, "signed-in", "Already signed in", "Sign out before signing in with a passkey.");
        }
    }

    /** The body's {@code credential}, which must be an object ({@code PublicKeyCredential.toJSON()}). */
    private static String credential(JsonBody body) throws ApiProblem {
        if (body.type("credential") != JsonValue.ValueType.OBJECT) {
            throw ApiProblem.badRequest("The member credential must be an object (PublicKeyCredential.toJSON()).");
        }
        return body.input().get("credential");
    }

    /** The assertion checked as one attempt on its owner, then the identity store's decision, then the proof. */
    private void signIn(PageCall call, PasskeyLogin passkeys, String credential) throws ApiProblem {
        ChallengeContext ctx = call.context();
        Optional<PasskeyLogin.Claim> claim = passkeys.claimPasskey(credential, ctx);
        if (claim.isEmpty()) {
            throw refused();
        }
        String user = claim.get().user();
        AttemptOutcome outcome = new Attempts(storage.throttle(), enforcement.clock(), enforcement::fire)
                .signIn(user, Factors.WEBAUTHN, ctx, () -> passkeys.verifyPasskey(claim.get(), ctx));
        if (outcome instanceof AttemptOutcome.Unavailable) {
            throw ApiProblem.unavailable();
        }
        if (!(outcome instanceof AttemptOutcome.Verified verified)) {
            throw refused(); // wrong, locked or throttled: the same answer as an unknown credential
        }
        HttpServletRequest request = call.request;
        HttpServletResponse response = call.response;
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new PasskeyCredential(user, call.now())).newAuthentication(true));
        Principal caller = request.getUserPrincipal();
        boolean accepted = status == AuthenticationStatus.SUCCESS || status == AuthenticationStatus.SEND_CONTINUE;
        if (!accepted || caller == null || !caller.getName().equals(user)) {
            LOG.log(System.Logger.Level.INFO, "Stepwise MFA: a verified passkey of {0} proved nothing: the "
                    + "application answered {1} with caller {2}", user, status, caller == null ? "none" : "another");
            if (status == AuthenticationStatus.SEND_CONTINUE) {
                return; // the application's mechanism answers (a redirect); no proof: the usual challenge follows
            }
            throw refused();
        }
        enforcement.recordVerified(request, user, Factors.WEBAUTHN, verified.heldUntil());
        enforcement.fire(new MfaEvent.PasskeySignIn(new EventHeader(user, call.now(),
                enforcement.clientAddress(request), MfaEnforcement.userAgent(request)), Factors.WEBAUTHN,
                claim.get().keyName()));
        if (!response.isCommitted() && status == AuthenticationStatus.SUCCESS) {
            call.seeOther(request.getContextPath() + "/");
        }
    }

    private static ApiProblem refused() {
        return ApiProblem.of(401, "passkey-rejected", "Not signed in",
                "That passkey could not sign you in. Try again, or sign in another way.");
    }
}
