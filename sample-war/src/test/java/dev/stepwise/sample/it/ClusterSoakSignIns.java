package dev.stepwise.sample.it;

import dev.stepwise.sample.it.ClusterSoakUsers.User;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;

/**
 * The soak's sign-ins, each in a browser on one node: with the authenticator app, with a recovery code, and the
 * replay of the code just accepted from a second browser on the <em>other</em> node at once, which must be
 * refused. Each answer is checked; one that is not what a journey expects stops it ({@link Stop}), recorded as
 * unexpected unless the server failed (5xx and lost answers are judged from the samples, by the fault window).
 */
class ClusterSoakSignIns {

    /** A journey stopped at an answer it could not go on from. */
    static final class Stop extends Exception {
        Stop(String what) {
            super(what, null, false, false);
        }
    }

    /** Sessions past MFA, kept for the protected reads (a browser stays on its node). */
    record Session(ClusterSoakBrowser browser, String user) {
    }

    private static final int KEPT_SESSIONS = 64;

    final ClusterSoakRecorder recorder;
    final int nodes;
    private final HttpClient http;
    private final IntFunction<URL> node;
    private final Queue<Session> sessions = new ConcurrentLinkedQueue<>();

    ClusterSoakSignIns(HttpClient http, ClusterSoakRecorder recorder, IntFunction<URL> node, int nodes) {
        this.http = http;
        this.recorder = recorder;
        this.node = node;
        this.nodes = nodes;
    }

    ClusterSoakBrowser browser(int n) {
        return new ClusterSoakBrowser(http, recorder, node.apply(n), n);
    }

    /** A kept session past MFA to read with, if any; give it back with {@link #keep}. */
    Session takeSession() {
        return sessions.poll();
    }

    void keep(ClusterSoakBrowser b, String user) {
        if (sessions.size() < KEPT_SESSIONS) {
            sessions.add(new Session(b, user));
        }
    }

    /** {@code r} if its status is one of {@code expected}; otherwise the journey stops. */
    HttpResponse<String> expect(ClusterSoakBrowser b, String kind, HttpResponse<String> r, Integer... expected)
            throws Stop {
        if (List.of(expected).contains(r.statusCode())) {
            return r;
        }
        java.util.regex.Matcher title = java.util.regex.Pattern.compile("<title>([^<]*)</title>").matcher(r.body());
        String what = kind + " answered " + r.statusCode() + " " + ClusterSoakBrowser.target(r)
                + (title.find() ? " \"" + title.group(1) + "\"" : "") + containerMessage(r.body());
        if (r.statusCode() == 403 && r.body().contains("Error report")) {
            recorder.containerRefused(kind, b.node(), what);
        } else if (r.statusCode() < 500) {
            recorder.unexpected(kind, b.node(), what);
        }
        throw new Stop(what);
    }

    /** The message of the container's own error page (Payara's "Error report"), if the body is one. */
    private static String containerMessage(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<h1>([^<]*)</h1>").matcher(body);
        return body.contains("Error report") && m.find() ? ": " + m.group(1) : "";
    }

    /**
     * Signs in with the password (login page, login form) and opens the account page: the answer to that, a 303 to
     * the challenge for a user with a factor, a 200 for one without or on a trusted device.
     */
    HttpResponse<String> signIn(ClusterSoakBrowser b, String user, String accountKind)
            throws IOException, InterruptedException, Stop {
        HttpResponse<String> page = expect(b, "login-page", b.get("login-page", "login"), 200);
        HttpResponse<String> in = expect(b, "login", b.submit("login", page, "login", "username", user,
                "password", TestUsers.password(user)), 302);
        if (!ClusterSoakBrowser.target(in).equals("account")) {
            recorder.unexpected("login", b.node(), "login went to " + ClusterSoakBrowser.target(in));
            throw new Stop("login refused");
        }
        return b.follow(accountKind, in);
    }

    /**
     * Signs in to the login challenge page (the user has a factor): 200, or 429 for an account that must wait
     * (only when {@code mayWait}).
     */
    HttpResponse<String> toChallenge(ClusterSoakBrowser b, String user, String page, boolean mayWait)
            throws IOException, InterruptedException, Stop {
        HttpResponse<String> asked = expect(b, "account-before-mfa", signIn(b, user, "account-before-mfa"), 303);
        if (!ClusterSoakBrowser.target(asked).startsWith("mfa/challenge")) {
            recorder.unexpected("account-before-mfa", b.node(), "sent to " + ClusterSoakBrowser.target(asked));
            throw new Stop("not challenged");
        }
        return mayWait ? expect(b, "challenge-page", b.get("challenge-page", page), 200, 429)
                : expect(b, "challenge-page", b.get("challenge-page", page), 200);
    }

    /**
     * A sign-in with the authenticator app on the user's next node, ticking "trust this device" when the user keeps
     * one and has none yet; then the same code on the other node; then the account page and a statement.
     *
     * @return the browser, past MFA
     */
    ClusterSoakBrowser withTotp(User u) throws IOException, InterruptedException, Stop {
        int n = u.nextNode(nodes);
        ClusterSoakBrowser b = browser(n);
        HttpResponse<String> challenge = toChallenge(b, u.name, "mfa/challenge", false);
        boolean trust = u.trusting && u.trustCookie == null;
        String code = u.takeCode();
        HttpResponse<String> passed = trust ? b.answer("code", challenge, "totp", code, "trust", "on")
                : b.answer("code", challenge, "totp", code);
        expect(b, "code", passed, 303);
        b.markPassed();
        if (trust) {
            keepTrustCookie(u, b);
        }
        replay(u, (n + 1) % nodes, "mfa/challenge", "totp", code);
        afterSignIn(u, b, passed);
        return b;
    }

    /** A sign-in with one of the user's recovery codes, then the same code on the other node. */
    ClusterSoakBrowser withRecoveryCode(User u) throws IOException, InterruptedException, Stop {
        int n = u.nextNode(nodes);
        ClusterSoakBrowser b = browser(n);
        HttpResponse<String> page = toChallenge(b, u.name, "mfa/challenge?factor=recovery", false);
        String code = u.recoveryCodes.poll();
        HttpResponse<String> passed = expect(b, "recovery-code", b.answer("recovery-code", page, "recovery", code),
                303);
        b.markPassed();
        u.recoveryAccepted++;
        replay(u, (n + 1) % nodes, "mfa/challenge?factor=recovery", "recovery", code);
        afterSignIn(u, b, passed);
        return b;
    }

    private void keepTrustCookie(User u, ClusterSoakBrowser b) {
        String cookie = b.cookie(Visitor.TRUST_COOKIE);
        if (cookie == null) {
            recorder.unexpected("code", b.node(), "no trust cookie after ticking \"trust this device\"");
        } else {
            u.trustCookie = cookie;
            u.trustCookiesSeen++;
        }
    }

    /** The account page the challenge sent the browser back to, and a statement (both need MFA). */
    private void afterSignIn(User u, ClusterSoakBrowser b, HttpResponse<String> passed)
            throws IOException, InterruptedException, Stop {
        HttpResponse<String> account = expect(b, "account", b.follow("account", passed), 200);
        if (!account.body().contains(PageParts.welcome(u.name))) {
            recorder.unexpected("account", b.node(), "the account page does not greet the user");
        }
        read(b, u.name);
        keep(b, u.name);
    }

    /** A protected read: the statements, which need MFA ({@code stepwise.mfa.protect} in the sample's web.xml). */
    void read(ClusterSoakBrowser b, String user) throws IOException, InterruptedException, Stop {
        HttpResponse<String> statements = expect(b, "statements", b.get("statements", "statements"), 200);
        if (!statements.body().contains("Statements of " + user)) {
            recorder.unexpected("statements", b.node(), "not the user's statements");
        }
    }

    /**
     * The code just accepted, typed at once for the same user in a new browser on node {@code n}: refused (the
     * challenge again, or 429 when the account must wait), or the library's 503 while the database is away. The
     * browser then asks for the statements: never given.
     */
    void replay(User u, int n, String page, String factor, String code)
            throws IOException, InterruptedException, Stop {
        ClusterSoakBrowser thief = browser(n);
        HttpResponse<String> challenge = toChallenge(thief, u.name, page, true);
        HttpResponse<String> r = thief.answer("replay-" + factor, challenge, factor, code);
        if (r.statusCode() == 303 || ClusterSoakRecorder.protectedContent(r.body())) {
            recorder.doubleAccepted("replay-" + factor, n, "a " + factor + " code accepted on the other node was "
                    + "accepted again (" + r.statusCode() + ")");
        } else {
            expect(thief, "replay-" + factor, r, 200, 429);
            recorder.replayRefused();
        }
        thief.get("statements-without-mfa", "statements");
    }
}
