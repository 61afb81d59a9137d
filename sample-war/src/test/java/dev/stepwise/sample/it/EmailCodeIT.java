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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email codes end to end: the sample on Payara Micro sends through a real SMTP server (GreenMail, in this
 * JVM) and the test reads the mail as the user would. Email is offered here because the deployment turns it
 * on; it is off by default.
 *
 * <p>Each test signs in its own fresh {@link TestUsers} account, whose codes go to the sample's default address
 * {@code <name>@bank.example}; so each runs alone or in any order (alice and bob are the people in the story).
 */
@ExtendWith(ArquillianExtension.class)
class EmailCodeIT {

    /** The deployment's mail server, shared by the tests; a test that stops it starts it again. */
    private static final TestMail MAIL = new TestMail();
    private static final GreenMail SMTP = MAIL.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = SampleDeployment.contextParams(MAIL.contextParams("stepwise.mfa.factors", "email"));
        return SampleDeployment.war().addClasses(TestUsers.class, Visitor.class, TestClock.class,
                        TestClockServlet.class)
                .addAsLibrary(config);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @ArquillianResource
    URL base;

    @Test
    void aliceAsksForACodeByEmailAndItWorksOnce() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor alice = new Visitor(base);
        alice.signIn(name);

        // 1. The login challenge says where a code would go, masked, and sends nothing until she asks: opening
        //    the page is a GET, which any other site can make her browser send (an <img>), so it changes nothing.
        int before = SMTP.getReceivedMessages().length;
        HttpResponse<String> challenge = alice.follow(alice.get("account"));
        alice.get("mfa/challenge?factor=email");
        assertThat(SMTP.getReceivedMessages()).hasSize(before);
        assertThat(challenge.body()).contains(masked(name)).contains("id=\"stepwise-send\"")
                .contains("less secure");

        // 2. She asks for it (a POST with the page's token): the code goes out, and the page says where.
        HttpResponse<String> sent = sendCode(alice, challenge);
        assertThat(sent.body()).contains("We sent a code to " + masked(name)).contains("less secure");
        MimeMessage mail = MAIL.lastTo(address(name));
        String body = GreenMailUtil.getBody(mail);
        assertThat(mail.getSubject()).doesNotContainPattern("[0-9]{6}");
        assertThat(body).doesNotContain("http://").doesNotContain("https://");
        String code = TestMail.codeIn(mail);

        // 3. Showing the page again, or asking twice, does not send another mail (she may be typing the first code).
        int sentSoFar = SMTP.getReceivedMessages().length;
        alice.get("mfa/challenge");
        sendCode(alice, challenge);
        assertThat(SMTP.getReceivedMessages()).hasSize(sentSoFar);

        // 4. The code lets her in; the same code a second time does not.
        HttpResponse<String> passed = alice.answerChallenge(sent, "email", code);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(alice.follow(passed).body()).contains(PageParts.welcome(name));

        Visitor again = new Visitor(base);
        again.signIn(name);
        HttpResponse<String> secondChallenge = sendCode(again, again.follow(again.get("account")));
        HttpResponse<String> replay = again.answerChallenge(secondChallenge, "email", code);
        assertThat(replay.body()).contains("That code didn't work");
    }

    @Test
    void afterAResendOnlyTheNewestCodeWorks() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor bob = new Visitor(base);
        bob.signIn(name);
        HttpResponse<String> challenge = sendCode(bob, bob.follow(bob.get("account")));
        String first = TestMail.codeIn(MAIL.lastTo(address(name)));

        // Half a minute later he asks for a new code; the first one stops working.
        bob.advanceClock("PT31S");
        HttpResponse<String> resent = bob.submit(challenge, "mfa/challenge", "factor", "email", "action", "resend");
        assertThat(resent.body()).contains("We sent a code to " + masked(name));
        String second = TestMail.codeIn(MAIL.lastTo(address(name)));
        assertThat(second).isNotEqualTo(first);

        assertThat(bob.answerChallenge(resent, "email", first).body()).contains("That code didn't work");
        HttpResponse<String> passed = bob.answerChallenge(resent, "email", second);
        assertThat(passed.statusCode()).isEqualTo(303);
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor admin = new Visitor(base);
        admin.signIn(name);
        HttpResponse<String> challenge = sendCode(admin, admin.follow(admin.get("account")));
        String code = TestMail.codeIn(MAIL.lastTo(address(name)));

        admin.advanceClock("PT11M"); // codes live ten minutes at most
        // The page she kept open belongs to a challenge that has expired too (after five minutes): answering it
        // shows the current page, and there the code is refused.
        HttpResponse<String> current = admin.answerChallenge(challenge, "email", code);
        assertThat(admin.answerChallenge(current, "email", code).body())
                .contains("That code has expired or was already used");
    }

    @Test
    void anAddressWithMarkupIsShownAsTextNotAsMarkup() throws Exception {
        String name = TestUsers.withoutFactor();
        String withMarkup = "bob@<b>bold</b><script>alert(1)</script>.example";
        Visitor bob = new Visitor(base);
        bob.signIn(name);
        HttpResponse<String> challenge = sendCode(bob, bob.follow(bob.get("account")));
        HttpResponse<String> account = bob.follow(bob.answerChallenge(challenge, "email",
                TestMail.codeIn(MAIL.lastTo(address(name)))));
        assertThat(account.body()).contains(PageParts.welcome(name));

        // 1. bob gives the bank an address with markup in it (the sample accepts any local@domain). The form
        //    carries the session's token, which every page of the session shows.
        HttpResponse<String> changed = bob.submit(challenge, "account/email", "email", withMarkup);
        assertThat(changed.statusCode()).isEqualTo(302);

        // 2. At his next sign-in the challenge names the address (masked) as text, not as markup ...
        Visitor next = new Visitor(base);
        next.signIn(name);
        HttpResponse<String> page = next.follow(next.get("account"));
        assertThat(page.body()).contains("b***@&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;.example")
                .doesNotContain("<b>bold").doesNotContain("<script>alert");

        // 3. ... and so after he asked for a code (which no mail server takes for such an address).
        HttpResponse<String> afterSend = sendCode(next, page);
        assertThat(afterSend.body()).contains("We could not send a code just now")
                .doesNotContain("<b>bold").doesNotContain("<script>alert");
    }

    @Test
    void whenTheMailServerIsDownThePageSaysSoAndNothingChanges() throws Exception {
        String name = TestUsers.withoutFactor();
        Visitor alice = new Visitor(base);
        alice.signIn(name);
        HttpResponse<String> challenge = sendCode(alice, alice.follow(alice.get("account")));
        String valid = TestMail.codeIn(MAIL.lastTo(address(name)));

        SMTP.stop();
        try {
            alice.advanceClock("PT31S");
            HttpResponse<String> resend = alice.submit(challenge, "mfa/challenge", "factor", "email",
                    "action", "resend");
            assertThat(resend.body()).contains("We could not send a code just now");

            // The code she already has still works: a failed send changed nothing.
            HttpResponse<String> passed = alice.answerChallenge(resend, "email", valid);
            assertThat(passed.statusCode()).isEqualTo(303);
        } finally {
            SMTP.start(); // the other tests of the deployment send through it
        }
    }

    /** Presses "Send code" on the email challenge page {@code page}. */
    private static HttpResponse<String> sendCode(Visitor visitor, HttpResponse<String> page) throws Exception {
        HttpResponse<String> sent = visitor.submit(page, "mfa/challenge", "factor", "email", "action", "send");
        assertThat(sent.statusCode()).isEqualTo(200);
        return sent;
    }

    /** Where the sample sends a test user's codes: its default address for every user who gave none. */
    private static String address(String user) {
        return user + "@bank.example";
    }

    /** That address as the challenge page shows it: the first letter, the domain. */
    private static String masked(String user) {
        return user.charAt(0) + "***@bank.example";
    }
}
