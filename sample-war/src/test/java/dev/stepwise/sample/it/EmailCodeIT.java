package dev.stepwise.sample.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email codes end to end: the sample on Payara Micro sends through a real SMTP server (GreenMail, in this
 * JVM) and the test reads the mail as the user would. Email is offered here because the deployment turns it
 * on; it is off by default.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailCodeIT {

    private static final TestMail MAIL = new TestMail();
    private static final GreenMail SMTP = MAIL.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = SampleDeployment.contextParams(MAIL.contextParams("stepwise.mfa.factors", "email"));
        return SampleDeployment.war().addClasses(Visitor.class, TestClock.class, TestClockServlet.class)
                .addAsLibrary(config);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @ArquillianResource
    URL base;

    @Test
    @Order(1)
    void aliceReceivesACodeByEmailAndItWorksOnce() throws Exception {
        Visitor alice = new Visitor(base);
        alice.signIn("alice", "alice-password");

        // 1. The login challenge sends her a code and says where, masked.
        HttpResponse<String> challenge = alice.follow(alice.get("account"));
        assertThat(challenge.body()).contains("We sent a code to a***@bank.example").contains("less secure");
        MimeMessage mail = MAIL.lastTo("alice@bank.example");
        String body = GreenMailUtil.getBody(mail);
        assertThat(mail.getSubject()).doesNotContainPattern("[0-9]{6}");
        assertThat(body).doesNotContain("http://").doesNotContain("https://");
        String code = TestMail.codeIn(mail);

        // 2. Showing the page again does not send another mail (she may be typing the first code).
        int before = SMTP.getReceivedMessages().length;
        alice.get("mfa/challenge");
        assertThat(SMTP.getReceivedMessages()).hasSize(before);

        // 3. The code lets her in; the same code a second time does not.
        HttpResponse<String> passed = alice.answerChallenge(challenge, "email", code);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(alice.follow(passed).body()).contains("Welcome, <span id=\"user\">alice</span>");

        Visitor again = new Visitor(base);
        again.signIn("alice", "alice-password");
        HttpResponse<String> secondChallenge = again.follow(again.get("account"));
        HttpResponse<String> replay = again.answerChallenge(secondChallenge, "email", code);
        assertThat(replay.body()).contains("That code didn't work");
    }

    @Test
    @Order(2)
    void afterAResendOnlyTheNewestCodeWorks() throws Exception {
        Visitor bob = new Visitor(base);
        bob.signIn("bob", "bob-password");
        HttpResponse<String> challenge = bob.follow(bob.get("account"));
        String first = TestMail.codeIn(MAIL.lastTo("bob@bank.example"));

        // Half a minute later he asks for a new code; the first one stops working.
        bob.advanceClock("PT31S");
        HttpResponse<String> resent = bob.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(challenge),
                "factor", "email", "action", "resend");
        assertThat(resent.body()).contains("We sent a code to b***@bank.example");
        String second = TestMail.codeIn(MAIL.lastTo("bob@bank.example"));
        assertThat(second).isNotEqualTo(first);

        assertThat(bob.answerChallenge(resent, "email", first).body()).contains("That code didn't work");
        HttpResponse<String> passed = bob.answerChallenge(resent, "email", second);
        assertThat(passed.statusCode()).isEqualTo(303);
    }

    @Test
    @Order(3)
    void anExpiredCodeIsRefused() throws Exception {
        Visitor admin = new Visitor(base);
        admin.signIn("admin", "admin-password");
        HttpResponse<String> challenge = admin.follow(admin.get("account"));
        String code = TestMail.codeIn(MAIL.lastTo("admin@bank.example"));

        admin.advanceClock("PT11M"); // codes live ten minutes at most
        assertThat(admin.answerChallenge(challenge, "email", code).body()).contains("That code has expired or was already used");
    }

    @Test
    @Order(4)
    void whenTheMailServerIsDownThePageSaysSoAndNothingChanges() throws Exception {
        Visitor alice = new Visitor(base);
        alice.signIn("alice", "alice-password");
        HttpResponse<String> challenge = alice.follow(alice.get("account"));
        String valid = TestMail.codeIn(MAIL.lastTo("alice@bank.example"));

        SMTP.stop();
        alice.advanceClock("PT31S");
        HttpResponse<String> resend = alice.post("mfa/challenge", "stepwise_csrf", Visitor.csrf(challenge),
                "factor", "email", "action", "resend");
        assertThat(resend.body()).contains("We could not send a code just now");

        // The code she already has still works: a failed send changed nothing.
        HttpResponse<String> passed = alice.answerChallenge(resend, "email", valid);
        assertThat(passed.statusCode()).isEqualTo(303);
    }
}
