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
 * Adaptive sign-in behind a reverse proxy the library trusts (the tests' own connections come from
 * {@code 127.0.0.1}, configured as {@code stepwise.mfa.trusted-proxies}): the proxy's {@code X-Forwarded-For}
 * is believed — the other half of {@link AdaptiveAndAdminIT}, where an untrusted peer's header is ignored — and
 * a risk assessed for one user is never reused for the next user of the same session.
 */
@ExtendWith(ArquillianExtension.class)
class AdaptiveAttackIT {

    private static final String XFF = "X-Forwarded-For";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withTestRig("stepwise.mfa.login", "adaptive",
                "stepwise.mfa.trusted-proxies", "127.0.0.1/32").addClass(SwitchUserServlet.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void forwardedForFromATrustedProxyIsBelieved() throws Exception {
        String user = TestUsers.withTestCode();
        Visitor office = new Visitor(base).withHeader(XFF, "198.51.100.7");
        office.signInWithTestCode(user); // a new device: asked, and remembered with its network

        Visitor travelling = new Visitor(base).withCookie(Visitor.DEVICE_COOKIE, office.cookie(Visitor.DEVICE_COOKIE))
                .withHeader(XFF, "198.51.100.1, 203.0.113.9");
        travelling.signIn(user, TestUsers.password(user));
        travelling.get("account");

        List<String> assessed = office.backstage().audit(user, "risk-assessed");
        assertThat(assessed).hasSize(2);
        assertThat(assessed.get(0)).contains("ip=198.51.100.7").contains("new-device");
        assertThat(assessed.get(1)).contains("ip=203.0.113.9").contains("new-network").doesNotContain("new-device");
    }

    @Test
    void behindATrustedTlsProxyTheCookiesAreHostPrefixedAndSecure() throws Exception {
        // The proxy ended TLS and says so; the server itself sees plain HTTP from 127.0.0.1.
        String user = TestUsers.withTestCode();
        Visitor browser = new Visitor(base).withHeader(XFF, "198.51.100.8").withHeader("X-Forwarded-Proto", "https");
        browser.signIn(user, TestUsers.password(user));
        HttpResponse<String> asked = browser.get("account"); // a new device: its id is set, a factor asked

        assertThat(asked.statusCode()).isEqualTo(303);
        assertThat(asked.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(Visitor.DEVICE_COOKIE + "=") && c.endsWith("; Secure"));
        HttpResponse<String> passed = browser.answerChallenge(browser.follow(asked), TestCodeFactor.ID,
                TestCodeFactor.CODE, "trust", "on");
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(passed.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("__Host-" + Visitor.TRUST_COOKIE + "=") && c.endsWith("; Secure"))
                .noneMatch(c -> c.startsWith(Visitor.TRUST_COOKIE + "="));
    }

    @Test
    void nextUserOfTheSessionIsAssessedAfresh() throws Exception {
        String first = TestUsers.withTestCode();
        String next = TestUsers.withTestCode();
        Visitor known = new Visitor(base).signInWithTestCode(first);
        Visitor browser = new Visitor(base).withCookie(Visitor.DEVICE_COOKIE, known.cookie(Visitor.DEVICE_COOKIE));
        browser.signIn(first, TestUsers.password(first));
        assertThat(browser.get("account").statusCode()).as("known device, known network").isEqualTo(200);

        assertThat(browser.switchUser(next).body()).isEqualTo(next);

        // This device was never seen with the next user: the first user's low risk must not let them in.
        assertThat(browser.get("account").statusCode()).isEqualTo(303);
        assertThat(browser.backstage().audit(next, "risk-assessed")).hasSize(1);
    }
}
