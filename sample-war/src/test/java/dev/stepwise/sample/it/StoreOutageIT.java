package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's database goes away while people are signed in: every path fails closed with a 503 page —
 * no page that needs MFA is served, no code is accepted. The store lives in its own in-memory H2 database
 * ({@code stepwise.mfa.datasource}), which the test destroys.
 */
@ExtendWith(ArquillianExtension.class)
class StoreOutageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = SampleDeployment.contextParams("stepwise.mfa.factors", TestCodeFactor.ID + ",totp",
                "stepwise.mfa.datasource", StoreOutageServlet.DATASOURCE);
        // the outage datasource is H2's own class: WildFly gives it to the archive as a module
        return SampleDeployment.withWildFlyModule(SampleDeployment.war(), "com.h2database.h2")
                .addClasses(TestCodeFactor.class, TestUsers.class, Visitor.class, StoreOutageServlet.class,
                        LibraryCallProbe.class, LibraryCallProbe.Servlet.class, LibraryCallProbe.Resource.class)
                .addAsLibrary(config);
    }

    @ArquillianResource
    URL base;

    @Test
    void whenTheStoreIsGoneNothingIsGrantedAndPeopleSeeA503() throws Exception {
        // Before the outage: alice signs in and is challenged as usual; admin is half-way through a challenge
        // (fresh users: on a server that keeps its database across deployments, the demo users carry earlier tests).
        String aliceName = TestUsers.withTestCode();
        String adminName = TestUsers.admin();
        Visitor alice = new Visitor(base);
        alice.signIn(aliceName, TestUsers.password(aliceName));
        assertThat(alice.get("account").statusCode()).isEqualTo(303);
        Visitor admin = new Visitor(base);
        admin.signIn(adminName, TestUsers.password(adminName));
        HttpResponse<String> challenge = admin.follow(admin.get("account"));
        assertThat(challenge.statusCode()).isEqualTo(200);
        // bob has passed MFA: his protected requests read nothing from the store, so they reach the application
        String bobName = TestUsers.withTestCode();
        Visitor bob = new Visitor(base).signInWithTestCode(bobName);
        assertThat(bob.get("it/revoke-devices").body()).isEqualTo("revoked 0");
        assertThat(bob.get("api/it/revoke-devices").body()).isEqualTo("revoked 0");

        HttpResponse<String> outage = new Visitor(base).post("it/store-outage");
        assertThat(outage.statusCode()).isEqualTo(204);

        // 1. A page behind the login policy: the filter cannot tell whether alice has a factor: 503, not the page.
        HttpResponse<String> page = alice.get("account");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("Temporarily unavailable").doesNotContain("Welcome");

        // 2. admin's correct code cannot be checked against the lockout counter: 503, and still no access.
        HttpResponse<String> answer = admin.answerChallenge(challenge, TestCodeFactor.ID, TestCodeFactor.CODE);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(admin.get("account").statusCode()).isIn(303, 503);
        assertThat(admin.get("account").body()).doesNotContain("Welcome");

        // 3. The application calls the library itself (a password change revoking trusted devices) and does not
        //    catch the outage: the library's 503, from a servlet (the filter) and from JAX-RS (its mapper), not
        //    the server's 500.
        HttpResponse<String> servlet = bob.get("it/revoke-devices");
        assertThat(servlet.statusCode()).isEqualTo(503);
        assertThat(servlet.body()).contains("Temporarily unavailable");
        HttpResponse<String> resource = bob.get("api/it/revoke-devices");
        assertThat(resource.statusCode()).isEqualTo(503);
        assertThat(resource.body()).doesNotContain("revoked");
    }
}
