package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each audit event fires exactly once, at the moment it describes, as the application's observer (the
 * sample's audit trail) receives them on a real Payara Micro.
 */
@ExtendWith(ArquillianExtension.class)
class AuditEventsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StepUpJourneyIT.deployment().addClass(AuditTrailServlet.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void aSignInWithAWrongCodeThenTheRightOneTellsTheStoryOnceEach() throws Exception {
        // fresh users: on a server that keeps its database across deployments, the demo users carry earlier tests
        String user = TestUsers.withTestCode();
        Visitor alice = new Visitor(base);
        alice.signIn(user, TestUsers.password(user));
        HttpResponse<String> challenge = alice.follow(alice.get("account"));
        alice.get("mfa/challenge"); // looking at the page again is not a new challenge
        alice.answerChallenge(challenge, TestCodeFactor.ID, "000000");
        alice.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(challenge), "factor", TestCodeFactor.ID,
                "code", TestCodeFactor.CODE, "trust", "on");
        alice.get("account");
        alice.get("account");

        List<String> lines = alice.backstage().audit(user);
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(" user="))).containsExactly(
                "mfa event=challenge-issued", "mfa event=factor-failed", "mfa event=factor-verified",
                "mfa event=device-trusted");
        assertThat(String.join("\n", lines)).doesNotContain(TestCodeFactor.CODE).doesNotContain("000000");
    }

    @Test
    void tenFailuresLockTheAccountAndTheLockoutIsOneEvent() throws Exception {
        String admin = TestUsers.admin();
        Visitor attacker = new Visitor(base);
        for (int i = 0; i < 11; i++) {
            Visitor session = new Visitor(base);
            session.signIn(admin, TestUsers.password(admin));
            session.answerChallenge(session.follow(session.get("account")), TestCodeFactor.ID, "11111" + (i % 10));
            session.advanceClock("PT5M");
        }
        List<String> lines = attacker.backstage().audit(admin);
        assertThat(lines.stream().filter(l -> l.startsWith("mfa event=factor-failed"))).hasSize(10);
        assertThat(lines.stream().filter(l -> l.startsWith("mfa event=locked-out"))).hasSize(1);
    }
}
