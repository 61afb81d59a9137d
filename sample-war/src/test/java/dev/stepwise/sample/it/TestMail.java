package dev.stepwise.sample.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SMTP server in the test JVM (GreenMail, started at once) for deployments that offer email codes: the
 * test reads the mail as the user would.
 *
 * <pre>{@code
 * static final TestMail MAIL = new TestMail();
 * SampleDeployment.contextParams(MAIL.contextParams("stepwise.mfa.factors", "email"));
 * String code = TestMail.codeIn(MAIL.lastTo("alice@bank.example"));
 * }</pre>
 */
final class TestMail {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private final int port = freePort();
    private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));

    TestMail() {
        smtp.start();
    }

    /** The server itself (to stop it, or to count what it received). */
    GreenMail server() {
        return smtp;
    }

    /** {@code more} context parameters plus those that send the library's code emails here. */
    String[] contextParams(String... more) {
        String[] params = java.util.Arrays.copyOf(more, more.length + 4);
        params[more.length] = "stepwise.mfa.email.smtp";
        params[more.length + 1] = "127.0.0.1:" + port;
        params[more.length + 2] = "stepwise.mfa.email.from";
        params[more.length + 3] = "security@bank.example";
        return params;
    }

    /** How many mails arrived so far. */
    int count() {
        return smtp.getReceivedMessages().length;
    }

    /** The newest mail to {@code address}; fails the test if there is none. */
    MimeMessage lastTo(String address) throws Exception {
        MimeMessage last = null;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                last = m;
            }
        }
        assertThat(last).as("a mail to " + address).isNotNull();
        return last;
    }

    /** The six-digit code in {@code mail}. */
    static String codeIn(MimeMessage mail) {
        Matcher m = CODE.matcher(GreenMailUtil.getBody(mail));
        assertThat(m.find()).as("a six-digit code in the mail").isTrue();
        return m.group(1);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
