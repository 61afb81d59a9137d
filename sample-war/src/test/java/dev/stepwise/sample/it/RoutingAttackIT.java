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
 * Attacks on how a request is matched to its requirement: a second requirement that would replace the first
 * instead of adding to it, and the ways around the filter — a forward, an include or an async dispatch to a
 * protected servlet ({@link RoutingProbes}), an annotation on {@code service()}, a trailing slash after an exact
 * pattern. The deployment adds {@code /admin=mfa} (the admin servlet also says
 * {@code @RequiresMfa(roles = "admin")}), {@code /it/webauthn-only=stepup:PT2M} (the servlet says
 * {@code @StepUp(factors = "webauthn")}) and {@code /it/plain=stepup:PT1M}.
 */
@ExtendWith(ArquillianExtension.class)
class RoutingAttackIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        // addClass also adds the probes, which are member classes of RoutingProbes
        WebArchive war = SampleDeployment.withTestRig("stepwise.mfa.factors", TestCodeFactor.ID + ",webauthn")
                .addClass(RoutingProbes.class);
        return SampleDeployment.protect(war, "/admin=mfa; /it/webauthn-only=stepup:PT2M; /it/plain=stepup:PT1M");
    }

    @ArquillianResource
    URL base;

    @Test
    void adminAreaPatternAsksEveryCallerBesidesTheAnnotatedRole() throws Exception {
        String user = TestUsers.withoutFactor();
        Visitor visitor = new Visitor(base);
        visitor.signIn(user, TestUsers.password(user));
        assertThat(visitor.get("account").statusCode()).isEqualTo(200); // no factor: the login policy asks nothing

        HttpResponse<String> admin = visitor.get("admin");

        assertThat(admin.statusCode()).isEqualTo(303); // /admin=mfa holds too: enrol first
        assertThat(admin.body()).doesNotContain("You have no administrative rights.");
    }

    @Test
    void patternDoesNotWidenTheFactorsTheAnnotationAccepts() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode()); // fresh, but no security key

        HttpResponse<String> answer = user.post("it/webauthn-only", "confirm", "yes");

        assertThat(answer.statusCode()).isNotEqualTo(200);
        assertThat(answer.body()).doesNotContain("webauthn-only ran");
    }

    @Test
    void forwardToAProtectedServletIsChecked() throws Exception {
        assertChallenged(staleUser().get("it/dispatch/forward"), "protected ran");
    }

    @Test
    void asyncDispatchToAProtectedServletIsChecked() throws Exception {
        assertChallenged(staleUser().get("it/dispatch/async"), "protected ran");
    }

    @Test
    void includeOfAProtectedServletIncludesNothingOfIt() throws Exception {
        HttpResponse<String> page = staleUser().get("it/dispatch/include");

        assertThat(page.body()).doesNotContain("protected ran");
    }

    @Test
    void trailingSlashDoesNotSlipPastAnExactPattern() throws Exception {
        Visitor user = staleUser();
        assertThat(user.get("it/plain").statusCode()).as("the exact pattern itself").isEqualTo(303);

        assertChallenged(user.get("it/plain/"), "plain ran");
        assertChallenged(user.post("it/plain/", "x", "1"), "plain ran");
    }

    @Test
    void annotationOnServiceHoldsForEveryMethod() throws Exception {
        Visitor user = staleUser();

        assertChallenged(user.get("it/service-annotated"), "service-annotated ran");
        assertChallenged(user.post("it/service-annotated", "x", "1"), "service-annotated ran");
    }

    /** The library answered for the probe: the user is sent to the challenge and the probe did not run. */
    private static void assertChallenged(HttpResponse<String> answer, String probeRan) {
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.body()).doesNotContain(probeRan);
    }

    /** A user whose factor is two minutes old: too old for the probes' one-minute step-up, which asks directly. */
    private Visitor staleUser() throws Exception {
        Visitor user = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        user.advanceClock("PT2M");
        HttpResponse<String> direct = user.get("it/protected");
        assertThat(direct.statusCode()).as("the probe itself asks for a fresh factor").isEqualTo(303);
        return user;
    }
}
