package dev.stepwise.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON challenge API on a real Payara Micro, driven as the transfer page's script drives it: a transfer is
 * refused with the library's 401, the script reads the status, proves the factor over the API without leaving the
 * page, and sends the transfer again. Bad requests each get their problem and change nothing.
 */
@ExtendWith(ArquillianExtension.class)
class ChallengeApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = SampleDeployment.contextParams("stepwise.mfa.factors", TestCodeFactor.ID);
        return SampleDeployment.war()
                .addClasses(TestCodeFactor.class, TestUsers.class, TestClock.class, TestClockServlet.class,
                        Visitor.class, Backstage.class)
                .addAsLibrary(config);
    }

    @ArquillianResource
    URL base;

    /** A page's script in the browser of {@code visitor}: its session cookie, fetch()'s headers. */
    private final class Script {
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient http;
        private final String origin;

        Script(Visitor visitor) throws IOException {
            cookies.put(visitor.uri(""), Map.of("Set-Cookie", List.of("JSESSIONID=" + visitor.sessionId()
                    + "; Path=" + SampleDeployment.CONTEXT_ROOT)));
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            origin = visitor.origin();
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(SampleDeployment.resolve(base, path)).header("Accept", "application/json")
                    .header("Sec-Fetch-Site", "same-origin").header("Sec-Fetch-Mode", "cors")
                    .header("Sec-Fetch-Dest", "empty");
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String csrf, String type, String body)
                throws IOException, InterruptedException {
            HttpRequest.Builder b = request(path).header("Origin", origin).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> transfer(String csrf, String to) throws IOException, InterruptedException {
            return post("api/transfers", csrf, "application/x-www-form-urlencoded", "to=" + to + "&amount=3.25");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(response).path("type").stringValue()).isEqualTo("urn:stepwise:problem:" + type);
        assertThat(json(response).path("status").intValue()).isEqualTo(status);
    }

    @Test
    void aScriptProvesTheFactorOverTheApiAndItsTransferGoesThrough() throws Exception {
        Visitor admin = new Visitor(base).signInWithTestCode(TestUsers.withTestCode());
        Script script = new Script(admin);
        String csrf = Visitor.csrf(admin.get("account"));
        admin.advanceClock("PT3M"); // transfers need a factor from the last two minutes

        // 1. The transfer is refused with the 401 that names the API.
        HttpResponse<String> refused = script.transfer(csrf, "frank");
        assertThat(refused.statusCode()).isEqualTo(401);
        String api = SampleDeployment.CONTEXT_ROOT + "/mfa/api";
        assertThat(json(refused).path("challengeApi").stringValue()).isEqualTo(api);

        // 2. The status tells what is pending, with what, and the token for the POSTs.
        HttpResponse<String> statusAnswer = script.get("mfa/api/status");
        assertThat(statusAnswer.statusCode()).isEqualTo(200);
        assertThat(statusAnswer.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode status = json(statusAnswer);
        JsonNode pending = status.path("pending");
        assertThat(pending.path("kind").stringValue()).isEqualTo("step-up");
        assertThat(pending.path("reason").stringValue()).isEqualTo("transfer");
        assertThat(pending.path("maxAge").intValue()).isEqualTo(120);
        assertThat(pending.path("factors").path(0).stringValue()).isEqualTo(TestCodeFactor.ID);
        assertThat(status.path("csrfToken").stringValue()).isEqualTo(csrf);
        assertThat(status.path("verify").stringValue()).isEqualTo(api + "/verify");

        // 3. Bad requests: each its problem, nothing checked.
        badRequests(script, csrf);

        // 4. The code over the API: proven, and nothing was replayed.
        HttpResponse<String> proven = script.post("mfa/api/verify", csrf, "application/json",
                "{\"factor\":\"" + TestCodeFactor.ID + "\",\"code\":\"" + TestCodeFactor.CODE + "\",\"challenge\":\""
                        + pending.path("id").stringValue() + "\"}");
        assertThat(proven.statusCode()).as(proven.body()).isEqualTo(200);
        assertThat(json(proven).path("verified").stringValue()).isEqualTo(TestCodeFactor.ID);
        assertThat(json(proven).path("kind").stringValue()).isEqualTo("step-up");
        assertThat(admin.get("account").body()).doesNotContain("3.25 to frank");

        // 5. The script sends its transfer again: it goes through, once.
        HttpResponse<String> done = script.transfer(csrf, "frank");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("\"to\":\"frank\"");
        assertThat(json(script.get("mfa/api/status")).path("pending").isNull()).isTrue();
    }

    private void badRequests(Script script, String csrf) throws Exception {
        String code = "{\"factor\":\"" + TestCodeFactor.ID + "\",\"code\":\"" + TestCodeFactor.CODE + "\"}";
        assertProblem(script.post("mfa/api/verify", csrf, "application/json", "{\"factor\":"), 400, "bad-request");
        assertProblem(script.post("mfa/api/verify", csrf, "text/plain", code), 415, "unsupported-media-type");
        assertProblem(script.post("mfa/api/verify", csrf, "application/x-www-form-urlencoded",
                "factor=" + TestCodeFactor.ID + "&code=" + TestCodeFactor.CODE), 415, "unsupported-media-type");
        assertProblem(script.post("mfa/api/verify", csrf, "application/json",
                "{\"factor\":\"" + TestCodeFactor.ID + "\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}"), 413,
                "too-large");
        assertProblem(script.post("mfa/api/verify", csrf, "application/json",
                "{\"factor\":\"hwtoken\",\"code\":\"123456\"}"), 400, "unknown-factor");
        assertProblem(script.post("mfa/api/verify", null, "application/json", code), 403, "csrf");
        assertProblem(script.post("mfa/api/verify", csrf, "application/json",
                "{\"factor\":\"" + TestCodeFactor.ID + "\",\"factor\":\"x\",\"code\":\"1\"}"), 400, "bad-request");
        assertProblem(script.post("mfa/api/verify", csrf, "application/json",
                "{\"factor\":\"" + TestCodeFactor.ID + "\",\"code\":\"1\",\"challenge\":\"old\"}"), 409,
                "challenge-replaced");
        HttpResponse<String> crossSite = script.http.send(script.request("mfa/api/verify")
                .setHeader("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(code)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(crossSite, 403, "cross-origin");
        assertThat(json(script.get("mfa/api/status")).path("pending").isObject()).as("still pending").isTrue();
    }

    @Test
    void withoutASignInTheApiIsNotAChallenge() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                SampleDeployment.resolve(base, "mfa/api/status")).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isNotEqualTo(200).isNotEqualTo(401);
        assertThat(anonymous.headers().firstValue("Location").map(URI::create).map(URI::getPath).orElse(""))
                .doesNotContain("/mfa/challenge");
    }
}
