package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.sample.it.ClusterSoakUsers.User;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The soak's mix, run by each virtual user in a loop until the deadline: TOTP sign-ins (with the replay on the
 * other node), trusted sign-ins with a step-up write (a transfer, or a password change, which revokes the trusted
 * devices: the old cookie is then tried on the other node), protected reads on kept sessions, wrong codes, recovery
 * codes and the occasional enrolment of a new authenticator app. A kind whose users are all busy or used up for
 * this step gives way to a TOTP sign-in, then to a read.
 */
final class ClusterSoakJourneys extends ClusterSoakSignIns {

    private final ClusterSoakUsers users;
    private final Function<String, Optional<String>> mailedCode;
    private final int maxEnrolments;
    private final AtomicInteger enrolments = new AtomicInteger();

    /**
     * @param mailedCode the code in the newest mail to an address, if one came (waits a little)
     */
    ClusterSoakJourneys(HttpClient http, ClusterSoakRecorder recorder, IntFunction<URL> node, int nodes,
                        ClusterSoakUsers users, Function<String, Optional<String>> mailedCode, int maxEnrolments) {
        super(http, recorder, node, nodes);
        this.users = users;
        this.mailedCode = mailedCode;
        this.maxEnrolments = maxEnrolments;
    }

    /** One virtual user: journeys until {@code deadline} ({@link System#nanoTime()}). */
    void run(long deadline, long seed) {
        Random random = new Random(seed);
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            try {
                if (!one(random)) {
                    Thread.sleep(50); // nothing to do this instant: every user busy or used up for this step
                }
            } catch (Stop | IOException stopped) {
                // recorded where it happened (a sample, or an unexpected answer); the next journey starts afresh
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | AssertionError e) {
                // named by class and place only: a message may hold a page
                StackTraceElement[] at = e.getStackTrace();
                recorder.unexpected("journey", -1, "failed: " + e.getClass().getName()
                        + (at.length > 0 ? " at " + at[0] : ""));
            }
        }
    }

    private boolean one(Random random) throws IOException, InterruptedException, Stop {
        int pick = random.nextInt(100);
        if (pick < 20 && (withUser(u -> u.trustCookie != null && u.hasFreshStep(), u -> trusted(u, random))
                || withUser(u -> u.trustCookie != null, u -> trusted(u, random)))) {
            return true;
        }
        if (pick >= 55 && pick < 67 && withUser(u -> u.wrongCodesOnly, u -> wrong(u, random))) {
            return true;
        }
        if (pick >= 67 && pick < 75 && withUser(u -> !u.recoveryCodes.isEmpty(), this::withRecoveryCode)) {
            return true;
        }
        if (pick >= 75 && pick < 78 && enrolments.getAndIncrement() < maxEnrolments) {
            enrol(random);
            return true;
        }
        if ((pick < 35 || pick >= 75) && withUser(u -> !u.wrongCodesOnly && u.hasFreshStep(), this::withTotp)) {
            return true;
        }
        return protectedRead() || withUser(u -> !u.wrongCodesOnly && u.hasFreshStep(), this::withTotp);
    }

    private interface Journey {
        Object on(User u) throws IOException, InterruptedException, Stop;
    }

    private boolean withUser(java.util.function.Predicate<User> wanted, Journey journey)
            throws IOException, InterruptedException, Stop {
        Optional<User> lent = users.lease(wanted);
        if (lent.isEmpty()) {
            return false;
        }
        try {
            journey.on(lent.get());
            return true;
        } finally {
            users.release(lent.get());
        }
    }

    /** A kept session reads its statements again. */
    private boolean protectedRead() throws IOException, InterruptedException, Stop {
        Session s = takeSession();
        if (s == null) {
            return false;
        }
        read(s.browser(), s.user());
        keep(s.browser(), s.user());
        return true;
    }

    /**
     * A sign-in on a trusted device (no challenge) on the user's next node, then, when the client has a code left
     * for this step, a step-up write: mostly a transfer, sometimes a password change. A remembered device is no fresh
     * proof, so the library asks for a code first and carries the write out afterwards.
     */
    private Object trusted(User u, Random random) throws IOException, InterruptedException, Stop {
        ClusterSoakBrowser b = browser(u.nextNode(nodes)).withCookie(Visitor.TRUST_COOKIE, u.trustCookie);
        b.markPassed(); // the device is trusted: the account page is the user's without a code
        HttpResponse<String> account = expect(b, "trusted-account", signIn(b, u.name, "trusted-account"), 200);
        if (b.cookie(Visitor.TRUST_COOKIE) == null) {
            recorder.unexpected("trusted-account", b.node(), "the trust cookie was cleared");
            u.trustCookie = null;
        }
        if (!u.hasFreshStep()) {
            read(b, u.name);
        } else if (random.nextInt(4) == 0) {
            changePassword(u, b, account);
        } else {
            transfer(u, b, account);
        }
        return b;
    }

    private void transfer(User u, ClusterSoakBrowser b, HttpResponse<String> account)
            throws IOException, InterruptedException, Stop {
        String amount = "0." + (10 + Math.floorMod(System.nanoTime(), 90));
        HttpResponse<String> asked = b.submit("transfer", account, "api/transfers", "to", "carol", "amount", amount);
        if (asked.body().contains("\"balance\"")) {
            recorder.leak("transfer", b.node(), "a transfer ran on a trusted session without a step-up");
        }
        HttpResponse<String> done = stepUp(u, b, "transfer", asked);
        if (!done.body().contains("\"amount\":" + amount)) {
            recorder.unexpected("transfer-resumed", b.node(), "not the transfer asked for");
        }
    }

    /**
     * A password change after the step-up; the sample then revokes the user's trusted devices, so the cookie the
     * client kept must be refused from now on, on the other node too: a sign-in with it there is challenged.
     */
    private void changePassword(User u, ClusterSoakBrowser b, HttpResponse<String> account)
            throws IOException, InterruptedException, Stop {
        HttpResponse<String> asked = b.submit("password-change", account, "account/password", "newPassword",
                TestUsers.password(u.name)); // a test user's password stays what it is (TestUsers)
        if (asked.body().contains("Your password was changed.")) {
            recorder.leak("password-change", b.node(), "a password changed on a trusted session without a step-up");
        }
        String kept = u.trustCookie;
        u.trustCookie = null; // revoked (or, if the change fails below, in a state the client cannot know)
        u.trustCookiesSeen = 0;
        HttpResponse<String> done = stepUp(u, b, "password-change", asked);
        if (!done.body().contains("Your password was changed.")) {
            recorder.unexpected("password-change-resumed", b.node(), "the password was not changed");
            return;
        }
        ClusterSoakBrowser other = browser((b.node() + 1) % nodes).withCookie(Visitor.TRUST_COOKIE, kept);
        HttpResponse<String> again = signIn(other, u.name, "revoked-trust-account");
        if (again.statusCode() == 200) {
            recorder.leak("revoked-trust-account", other.node(), "a revoked trust cookie spared a sign-in the code");
        }
        expect(other, "revoked-trust-account", again, 303);
    }

    /** The challenge a step-up write was sent to, passed with the current step's code; the write's own answer. */
    private HttpResponse<String> stepUp(User u, ClusterSoakBrowser b, String kind, HttpResponse<String> asked)
            throws IOException, InterruptedException, Stop {
        expect(b, kind, asked, 303);
        HttpResponse<String> challenge = expect(b, "step-up-page", b.follow("step-up-page", asked), 200);
        HttpResponse<String> passed = expect(b, "step-up-code",
                b.answer("step-up-code", challenge, "totp", u.takeCode()), 303);
        return expect(b, kind + "-resumed", b.follow(kind + "-resumed", passed), 200);
    }

    /** A wrong code for a user who only ever gets wrong ones (the lockout is theirs); then the statements, refused. */
    private Object wrong(User u, Random random) throws IOException, InterruptedException, Stop {
        ClusterSoakBrowser b = browser(u.nextNode(nodes));
        HttpResponse<String> challenge = toChallenge(b, u.name, "mfa/challenge", true);
        HttpResponse<String> r = b.answer("wrong-code", challenge, "totp", ClusterSoakUsers.wrongCode(u, random));
        if (r.statusCode() == 303) {
            recorder.leak("wrong-code", b.node(), "a wrong code was accepted");
        }
        expect(b, "wrong-code", r, 200, 429);
        b.get("statements-without-mfa", "statements");
        return b;
    }

    /**
     * A new user sets up an authenticator app: signs in (with an email code, which every user of the sample has),
     * presses "Set up", types the app's code; the client keeps the secret and the recovery codes shown, and the
     * user joins the others.
     */
    void enrol(Random random) throws IOException, InterruptedException, Stop {
        String name = TestUsers.withoutFactor();
        ClusterSoakBrowser b = browser(random.nextInt(nodes));
        HttpResponse<String> first = expect(b, "account-before-mfa", signIn(b, name, "account-before-mfa"), 200, 303);
        if (first.statusCode() == 303) {
            HttpResponse<String> challenge = expect(b, "challenge-page", b.follow("challenge-page", first), 200);
            HttpResponse<String> sent = expect(b, "email-send", b.submit("email-send", challenge, "mfa/challenge",
                    "factor", "email", "action", "send"), 200);
            String code = mailedCode.apply(name + "@bank.example").orElseThrow(() -> new Stop("no mail"));
            expect(b, "email-code", b.answer("email-code", sent, "email", code), 303);
        }
        b.markPassed();
        HttpResponse<String> offer = expect(b, "totp-setup-page", b.get("totp-setup-page", "mfa/settings/totp"), 200);
        HttpResponse<String> begun = expect(b, "totp-begin", b.submit("totp-begin", offer, "mfa/settings/totp",
                "action", "begin"), 200);
        Optional<TotpSecret> secret = PageParts.totpSecret(begun);
        if (secret.isEmpty()) {
            recorder.unexpected("totp-begin", b.node(), "no secret shown");
            return;
        }
        User u = new User(name, secret.get(), false, false);
        HttpResponse<String> answer = b.submit("totp-confirm", begun, "mfa/settings/totp", "code", u.takeCode());
        if (answer.statusCode() >= 500) {
            users.unconfirmed(u); // the client cannot know how far the set-up got: the database tells afterwards
        }
        HttpResponse<String> confirmed = expect(b, "totp-confirm", answer, 200);
        if (!confirmed.body().contains("Your authenticator app is set up.")) {
            recorder.unexpected("totp-confirm", b.node(), "the app was not set up");
            return;
        }
        u.enrolmentSeen = true;
        u.recoveryCodes.addAll(PageParts.recoveryCodes(confirmed));
        u.recoveryIssued = u.recoveryCodes.size();
        users.add(u);
    }
}
