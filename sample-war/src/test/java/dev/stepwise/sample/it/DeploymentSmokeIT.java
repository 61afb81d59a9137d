package dev.stepwise.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the harness: the packaged sample WAR plus a test servlet boots on Payara Micro and answers, both to
 * {@link HttpClient} and to HtmlUnit. One deployment (one Payara Micro boot) serves all tests of this class.
 */
@ExtendWith(ArquillianExtension.class)
class DeploymentSmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SampleDeployment.war().addClass(SmokeServlet.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void servesTheTestServletToAPlainHttpClient() throws Exception {
        assertThat(base.getPath()).isEqualTo(SampleDeployment.CONTEXT_ROOT + "/");

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(SampleDeployment.resolve(base, "it/smoke")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SmokeServlet.BODY_PREFIX + SampleDeployment.CONTEXT_ROOT);
    }

    @Test
    void servesTheTestServletToHtmlUnit() throws Exception {
        try (WebClient browser = new WebClient()) {
            Page page = browser.getPage(SampleDeployment.resolve(base, "it/smoke").toURL());

            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.getWebResponse().getContentAsString())
                    .isEqualTo(SmokeServlet.BODY_PREFIX + SampleDeployment.CONTEXT_ROOT);
        }
    }
}
