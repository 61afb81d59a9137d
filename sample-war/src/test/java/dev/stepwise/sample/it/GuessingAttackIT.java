package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.totp.TotpSecret;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks by someone who has the password and guesses the second factor: many sessions guessing at the same
 * instant, a code seen over the owner's shoulder used again, look-alike digits, a megabyte of input, and a
 * TOTP secret too short to resist guessing slipped in through the provisioning API ({@link ProvisionServlet}).
 * With the default policy three failures are free, then each attempt waits.
 */
@ExtendWith(ArquillianExtension.class)
class GuessingAttackIT {

    private static final Pattern RECOVERY_CODE = Pattern.compile("<code>[0-9a-z]{4}(-[0-9a-z]{4}){3}</code>");
    private static final String WRONG = "That code didn't work";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withTestRig("stepwise.mfa.factors", TestCodeFactor.ID + ",totp,recovery")
                .addClass(ProvisionServlet.class).addClass(AdminCallServlet.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void parallelGuessesAreCheckedOnlyAsAllowed() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor owner = new Visitor(base).signInWithTestCode(user);
        HttpResponse<String> codes = owner.post("mfa/settings", "stepwise_csrf",
                Visitor.csrf(owner.get("mfa/settings")), "action", "recovery");
        assertThat(RECOVERY_CODE.matcher(codes.body()).results().count()).as("recovery codes").isEqualTo(10);

        // 32 sessions of the attacker, each at the recovery-code challenge ...
        List<Visitor> sessions = new ArrayList<>();
        List<HttpResponse<String>> pages = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Visitor session = new Visitor(base);
            session.signInToChallenge(user);
            HttpResponse<String> page = session.get("mfa/challenge?factor=recovery");
            assertThat(page.body()).contains("name=\"factor\" value=\"recovery\"");
            sessions.add(session);
            pages.add(page);
        }
        // ... send a wrong code at the same instant (the clock stands still, so no delay runs out meanwhile).
        Backstage backstage = owner.backstage();
        backstage.stopClock(true);
        List<HttpResponse<String>> answers;
        try {
            List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                racing.add(sessions.get(i).answerChallengeAsync(pages.get(i), "recovery", "zzzz-zzzz-zzzz-zzzz"));
            }
            answers = racing.stream().map(CompletableFuture::join).toList();
        } finally {
            backstage.stopClock(false);
        }

        assertThat(answers).filteredOn(a -> a.statusCode() == 200 && a.body().contains(WRONG)).hasSize(3);
        assertThat(answers).filteredOn(a -> a.statusCode() == 429).hasSize(29)
                .allSatisfy(a -> assertThat(a.headers().firstValue("Retry-After")).isPresent());
    }

    @Test
    void totpCodeReplayedInAnotherSessionIsRefused() throws Exception {
        AtChallenge owner = totpUserAtChallenge();
        String code = owner.code();
        assertThat(owner.visitor().answerChallenge(owner.page(), "totp", code).statusCode()).isEqualTo(303);

        Visitor attacker = new Visitor(base);
        HttpResponse<String> replay = attacker.answerChallenge(attacker.signInToChallenge(owner.user()), "totp", code);

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains(WRONG);
        assertThat(attacker.get("account").statusCode()).isEqualTo(303);
    }

    @Test
    void unicodeDigitsOfTheRightCodeAreRefused() throws Exception {
        AtChallenge user = totpUserAtChallenge();
        String code = user.code();

        HttpResponse<String> lookalike = user.visitor().answerChallenge(user.page(), "totp",
                TotpCodes.arabicIndic(code));

        assertThat(lookalike.body()).contains(WRONG);
        assertThat(user.visitor().answerChallenge(lookalike, "totp", code).statusCode()).as("the digits were right")
                .isEqualTo(303);
    }

    @Test
    void megabyteOfInputIsRefusedCalmly() throws Exception {
        AtChallenge user = totpUserAtChallenge();

        HttpResponse<String> flood = user.visitor().answerChallenge(user.page(), "totp", "1".repeat(1 << 20));

        assertThat(flood.statusCode()).isIn(200, 400, 413);
        assertThat(flood.body()).doesNotContain("Exception").hasSizeLessThan(64 * 1024);
        HttpResponse<String> page = user.visitor().get("mfa/challenge");
        assertThat(user.visitor().answerChallenge(page, "totp", user.code()).statusCode())
                .as("the session still works").isEqualTo(303);
    }

    @Test
    void shortTotpSecretIsRefusedByTheProvisioningApi() throws Exception {
        String user = TestUsers.withoutFactor();
        String bits128 = "JBSWY3DPEHPK3PXPJBSWY3DPEE"; // 26 base32 characters: 16 bytes

        HttpResponse<String> refused = new Visitor(base).post("it/provision", "user", user, "secret", bits128);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain(bits128);
        Visitor visitor = new Visitor(base);
        visitor.signIn(user, TestUsers.password(user));
        assertThat(visitor.get("account").statusCode()).as("no factor was activated").isEqualTo(200);
    }

    /** A user with a fresh 160-bit authenticator app (provisioning API), signed in, at the login challenge. */
    private AtChallenge totpUserAtChallenge() throws Exception {
        String user = TestUsers.withoutFactor();
        TotpSecret secret = TotpSecret.generate();
        HttpResponse<String> done = new Visitor(base).post("it/provision", "user", user, "secret", secret.base32());
        assertThat(done.body()).isEqualTo("provisioned");
        Visitor visitor = new Visitor(base);
        return new AtChallenge(user, secret, visitor, visitor.signInToChallenge(user));
    }

    private record AtChallenge(String user, TotpSecret secret, Visitor visitor, HttpResponse<String> page) {
        /** The code the user's app shows now (at the server's clock). */
        String code() throws Exception {
            return TotpCodes.at(secret, visitor.backstage().serverTime());
        }
    }

    @Test
    void recoveryCodesHandedOutUnderAnExemptionPassNoStepUp() throws Exception {
        // An administrator exempts the user (lost phone); whoever has the password signs in without a factor ...
        String victim = TestUsers.withTestCode();
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());
        assertThat(admin.post("it/admin-call", "action", "exempt", "user", victim, "duration", "PT2H",
                "reason", "lost phone, ticket 4713").body()).isEqualTo("done");
        Visitor attacker = new Visitor(base);
        attacker.signIn(victim, TestUsers.password(victim));
        assertThat(attacker.get("account").statusCode()).isEqualTo(200);

        // ... sets up their own app, and is handed recovery codes with it.
        HttpResponse<String> begun = attacker.post("mfa/settings/totp", "stepwise_csrf",
                Visitor.csrf(attacker.get("mfa/settings/totp")), "action", "begin");
        TotpSecret app = PageParts.totpSecret(begun).orElseThrow();
        HttpResponse<String> codesPage = attacker.followAll(attacker.post("mfa/settings/totp", "stepwise_csrf",
                Visitor.csrf(begun), "code", TotpCodes.at(app, attacker.backstage().serverTime())));
        List<String> codes = RECOVERY_CODE.matcher(codesPage.body()).results()
                .map(m -> m.group().replaceAll("</?code>", "")).toList();
        assertThat(codes).as("recovery codes shown with the new app").hasSize(10);

        // A recovery code does not pass the step-up: the codes are on hold like the app they came with.
        HttpResponse<String> asked = attacker.submitFromAccount("account/password", "newPassword", "attacker-pw");
        assertThat(asked.statusCode()).isEqualTo(303);
        HttpResponse<String> answered = attacker.followAll(
                attacker.answerChallenge(attacker.follow(asked), "recovery", codes.get(0)));
        assertThat(answered.body()).doesNotContain("Your password was changed.");
    }

    @Test
    void authenticatorKeyBegunUnderAnExemptionCannotBeConfirmedAfterIt() throws Exception {
        String victim = TestUsers.withTestCode();
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());
        assertThat(admin.post("it/admin-call", "action", "exempt", "user", victim, "duration", "PT2H",
                "reason", "lost phone, ticket 4714").body()).isEqualTo("done");
        // Whoever has the password starts setting up an app during the exemption, and keeps the key ...
        Visitor attacker = new Visitor(base);
        attacker.signIn(victim, TestUsers.password(victim));
        HttpResponse<String> begun = attacker.post("mfa/settings/totp", "stepwise_csrf",
                Visitor.csrf(attacker.get("mfa/settings/totp")), "action", "begin");
        TotpSecret app = PageParts.totpSecret(begun).orElseThrow();
        // ... the exemption ends; signed in again with the password only, they are at the login challenge ...
        assertThat(admin.post("it/admin-call", "action", "end-exemption", "user", victim,
                "reason", "phone found").body()).isEqualTo("done");
        Visitor later = new Visitor(base);
        later.signIn(victim, TestUsers.password(victim));
        HttpResponse<String> challenge = later.follow(later.get("account"));
        assertThat(challenge.body()).contains("stepwise-challenge");

        // ... and confirming the key from there neither enrols it nor passes the login.
        HttpResponse<String> confirmed = later.followAll(later.post("mfa/settings/totp", "stepwise_csrf",
                Visitor.csrf(challenge), "code", TotpCodes.at(app, later.backstage().serverTime())));
        assertThat(confirmed.body()).doesNotContain("Your authenticator app is set up.");
        assertThat(later.get("account").statusCode()).as("still asked for a factor").isEqualTo(303);
    }
}
