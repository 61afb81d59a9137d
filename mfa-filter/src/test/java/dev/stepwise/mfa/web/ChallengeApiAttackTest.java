package dev.stepwise.mfa.web;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.stepwise.mfa.web.ApiFixture.CSRF;
import static dev.stepwise.mfa.web.ApiFixture.USER;
import static dev.stepwise.mfa.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the JSON challenge API found in review: alice signed in, TOTP enrolled, a step-up pending for a
 * transfer. Each request must get its problem and leave nothing behind: no failure counted, no proof, no event.
 */
class ChallengeApiAttackTest {

    private final ApiFixture fx = new ApiFixture().aliceChallenged();

    private void assertNothingCounted() {
        assertThat(fx.failures()).isZero();
        assertThat(fx.verified()).isFalse();
        assertThat(fx.session().pending(fx.clock.instant())).isEqualTo(fx.pending);
    }

    private static void assertProblem(FakeHttp.Response response, int status, String type) {
        assertThat(response.status).isEqualTo(status);
        assertThat(response.contentType).isEqualTo("application/problem+json");
        JsonObject problem = json(response);
        assertThat(problem.getString("type")).isEqualTo("urn:stepwise:problem:" + type);
        assertThat(problem.getInt("status")).isEqualTo(status);
    }

    /**
     * A number the JSON-P parser cannot turn into a BigDecimal (exponent beyond an int, or more digits than the
     * parser allows) nested in any member is malformed input: 400, not the library's 500 with an ERROR log line
     * that any signed-in script can repeat at will.
     */
    @ParameterizedTest
    @ValueSource(strings = {"[1e9999999999]", "{\"n\":-1E-2147483649}", "[1.5e99999999999999999999]", "LONG"})
    void aNumberTooLargeForTheParserIs400NotALibraryFailure(String nested) throws Exception {
        String value = nested.equals("LONG") ? "[" + "7".repeat(2000) + "]" : nested;

        FakeHttp.Response response = fx.send(fx.post("/verify",
                "{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\",\"x\":" + value + "}"));

        assertProblem(response, 400, "bad-request");
        assertNothingCounted();
        assertThat(fx.events).isEmpty();
    }

    /**
     * The same WebAuthn answer with a huge number in the credential's extension results: refused as malformed, not
     * a 500.
     */
    @Test
    void aHugeNumberInsideTheCredentialIs400() throws Exception {
        FakeHttp.Response response = fx.send(fx.post("/verify",
                "{\"factor\":\"totp\",\"credential\":{\"clientExtensionResults\":{\"n\":1e9999999999}}}"));

        assertProblem(response, 400, "bad-request");
        assertNothingCounted();
    }

    /**
     * A browser that sends neither {@code Sec-Fetch-Site} nor {@code Origin} but a {@code Referer} of another site:
     * the library's own origin rule ({@code SiteOfOrigin.sender}, used for every protected endpoint) judges by the
     * Referer then, and so must the API's stricter rule. Today the answer is checked and counted.
     */
    @Test
    void aPostWhoseOnlyOriginSignalIsAnotherSitesRefererIsRefused() throws Exception {
        FakeHttp.Request request = ApiFixture.request(USER, fx.browser, "POST", "/verify")
                .header("Referer", "https://evil.example/page").header("X-CSRF-Token", CSRF)
                .body("application/json", ("{\"factor\":\"totp\",\"code\":\"" + fx.wrongCode() + "\"}").getBytes());

        assertProblem(fx.send(request), 403, "cross-origin");
        assertNothingCounted();
    }

    /** A same-origin Referer alone still passes (old browsers send no Sec-Fetch-Site and no Origin). */
    @Test
    void aPostWhoseOnlyOriginSignalIsItsOwnRefererIsChecked() throws Exception {
        FakeHttp.Request request = ApiFixture.request(USER, fx.browser, "POST", "/verify")
                .header("Referer", "https://bank.example/bank/transfer").header("X-CSRF-Token", CSRF)
                .body("application/json", ("{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\"}").getBytes());

        assertThat(fx.send(request).status).isEqualTo(200);
    }

    /** The CSRF token is handed only to a same-origin status request: not to one that names another site. */
    @Test
    void statusGivesNoCsrfTokenWhenTheOnlyOriginSignalIsAnotherSitesReferer() throws Exception {
        FakeHttp.Request request = ApiFixture.request(USER, fx.browser, "GET", "/status")
                .header("Referer", "https://evil.example/page");

        JsonObject status = json(fx.send(request));

        assertThat(status.containsKey("csrfToken")).isFalse();
    }

    /**
     * {@code "code":null} is a code member that is not 1 to 64 printable ASCII characters (the contract's rule, as
     * {@code "code":""} already is): 400, not a guess that costs the user one of the ten attempts before lockout.
     */
    @Test
    void aNullCodeIs400AndNotAGuess() throws Exception {
        FakeHttp.Response response = fx.send(fx.post("/verify", "{\"factor\":\"totp\",\"code\":null}"));

        assertProblem(response, 400, "bad-request");
        assertNothingCounted();
        assertThat(fx.events).isEmpty();
    }
}
