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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on {@code MfaAdministration} called directly ({@link AdminCallServlet}), without the sample's admin
 * page and its role check in front: by a user who is no administrator, by an administrator whose factor is old,
 * without a reason, for themselves, for longer than allowed — and what an exemption must not give: a factor
 * enrolled under it that passes step-ups at once, or a raised session that keeps its id.
 */
@ExtendWith(ArquillianExtension.class)
class AdminAttackIT {

    private static final String CHANGED = "Your password was changed.";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withTestRig("stepwise.mfa.factors", TestCodeFactor.ID + ",totp")
                .addClass(AdminCallServlet.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void userWhoIsNoAdministratorCannotExempt() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());

        assertNotExempted(exempt(user, TestUsers.withTestCode(), "PT1H", "let me in"), 403);
    }

    @Test
    void administratorWithAStaleFactorIsAskedForAFreshOneFirst() throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());
        admin.advanceClock("PT6M");

        assertNotExempted(exempt(admin, TestUsers.withTestCode(), "PT1H", "lost phone, ticket 4711"), 303);
    }

    @Test
    void exemptionWithoutAReasonIsRefused() throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());

        assertNotExempted(exempt(admin, TestUsers.withTestCode(), "PT1H", "  "), 400);
    }

    @Test
    void administratorCannotExemptThemselves() throws Exception {
        String self = TestUsers.admin();
        Visitor admin = new Visitor(base).signInWithTestCode(self);

        assertNotExempted(exempt(admin, self, "PT1H", "travelling without my key"), 400);
    }

    @Test
    void exemptionLongerThanTheMaximumIsRefused() throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());

        assertNotExempted(exempt(admin, TestUsers.withTestCode(), "P7DT1M", "long holiday"), 400); // maximum: P7D
    }

    @Test
    void factorEnrolledUnderAnExemptionPassesNoStepUpUntilTheHoldEnds() throws Exception {
        String victim = TestUsers.withTestCode();
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());
        assertThat(exempt(admin, victim, "PT2H", "lost phone, ticket 4711").answer().body()).isEqualTo("done");

        // Whoever has the password signs in without a factor and sets up their own authenticator app.
        Visitor attacker = new Visitor(base);
        attacker.signIn(victim, TestUsers.password(victim));
        assertThat(attacker.get("account").statusCode()).isEqualTo(200);
        TotpSecret attackersApp = attacker.enrolTotp();
        assertThat(attacker.backstage().audit(victim, "factor-enrolled-under-exemption")).hasSize(1);

        // Neither the enrolment itself nor a code from the new app passes a step-up ...
        assertThat(attacker.submitFromAccount("account/password", "newPassword", "attacker-password").body())
                .doesNotContain(CHANGED);
        attacker.advanceClock("PT1M");
        assertThat(stepUpWithTotp(attacker, attackersApp).body()).doesNotContain(CHANGED);

        // ... until the hold (P1D) has passed since the enrolment.
        attacker.advanceClock("P1D");
        assertThat(stepUpWithTotp(attacker, attackersApp).body()).contains(CHANGED);
    }

    @Test
    void sessionIdChangesWhenAnExemptionLetsTheUserIn() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.admin());
        assertThat(exempt(admin, user, "PT1H", "lost phone, ticket 4712").answer().body()).isEqualTo("done");
        Visitor visitor = new Visitor(base);
        visitor.signIn(user, TestUsers.password(user));
        String signedIn = visitor.sessionId();
        assertThat(signedIn).isNotNull();

        assertThat(visitor.get("account").statusCode()).isEqualTo(200); // the exemption is used here

        assertThat(visitor.sessionId()).isNotEqualTo(signedIn);
    }

    /** Calls {@code exempt} through the test servlet, for {@code user}. */
    private static Exemption exempt(Visitor caller, String user, String duration, String reason) throws Exception {
        return new Exemption(user, caller.post("it/admin-call", "action", "exempt", "user", user,
                "duration", duration, "reason", reason));
    }

    private record Exemption(String user, HttpResponse<String> answer) {
    }

    /** The call was answered with {@code status}, and a new sign-in of the user is still asked for a factor. */
    private void assertNotExempted(Exemption call, int status) throws Exception {
        assertThat(call.answer().statusCode()).isEqualTo(status);
        assertThat(call.answer().body()).doesNotContain("done");
        Visitor visitor = new Visitor(base);
        visitor.signIn(call.user(), TestUsers.password(call.user()));
        assertThat(visitor.get("account").statusCode()).as(call.user() + " is asked for a factor").isEqualTo(303);
    }

    /**
     * Tries to change the password with a code from {@code app}, given whenever the library asks (the login
     * policy once the exemption is over, the step-up): the last page.
     */
    private static HttpResponse<String> stepUpWithTotp(Visitor visitor, TotpSecret app) throws Exception {
        HttpResponse<String> account = answerIfAsked(visitor, visitor.get("account"), app);
        return answerIfAsked(visitor, visitor.submit(account, "account/password", "newPassword", "attacker-password"),
                app);
    }

    /** When {@code answer} sends the user to a page of the library, gives the app's code there; the last page. */
    private static HttpResponse<String> answerIfAsked(Visitor visitor, HttpResponse<String> answer, TotpSecret app)
            throws Exception {
        if (answer.statusCode() != 303) {
            return answer;
        }
        HttpResponse<String> page = visitor.follow(answer);
        if (!page.body().contains("stepwise_csrf")) {
            return page;
        }
        String code = TotpCodes.at(app, visitor.backstage().serverTime());
        return visitor.followAll(visitor.answerChallenge(page, "totp", code));
    }
}
