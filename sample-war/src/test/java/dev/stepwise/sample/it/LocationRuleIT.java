package dev.stepwise.sample.it;

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
 * Location rules on a real server: the test client connects from the loopback address, which is outside the
 * only allowed network (192.0.2.0/24), so statements are refused (a page of its own that names no rule or network;
 * a problem of its own type for scripts) and the account pages ask a fresh factor.
 */
@ExtendWith(ArquillianExtension.class)
class LocationRuleIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.withTestRig("stepwise.mfa.location.rules",
                "path:/statements/* from 192.0.2.0/24 else deny; path:/account/* from 192.0.2.0/24 else stepup");
    }

    @ArquillianResource
    URL base;

    @Test
    void statementsAreRefusedFromOutsideTheAllowedNetworkEvenAfterAFactor() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());

        HttpResponse<String> statements = user.get("statements/2026-11");

        assertThat(statements.statusCode()).isEqualTo(403);
        assertThat(statements.body()).contains("This page is not available from your network or location.")
                .doesNotContain("192.0.2", "second factor");
        HttpResponse<String> german = user.getWith(java.util.Map.of("Accept-Language", "de"), "statements/2026-11");
        assertThat(german.body()).contains("Diese Seite ist aus Ihrem Netzwerk oder von Ihrem Standort aus nicht");
        HttpResponse<String> api = user.getWith(java.util.Map.of("Accept", "application/json"), "statements/2026-11");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.body()).contains("\"type\":\"urn:stepwise:problem:location-refused\"")
                .doesNotContain("192.0.2");
    }

    @Test
    void theAccountAsksAFreshFactorFromOutsideWithTheLocationReason() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        assertThat(user.get("account").statusCode()).as("the sign-in's factor is fresh").isEqualTo(200);

        user.advanceClock("PT6M");
        HttpResponse<String> asked = user.get("account");

        assertThat(asked.statusCode()).isEqualTo(303);
        HttpResponse<String> challenge = user.follow(asked);
        assertThat(challenge.body()).contains("You are signing in from outside the allowed networks.");
        HttpResponse<String> passed = user.answerChallenge(challenge, TestCodeFactor.ID, TestCodeFactor.CODE);
        assertThat(user.follow(passed).statusCode()).isEqualTo(200);
    }
}
