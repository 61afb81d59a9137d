package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.otp.CapturedLogs;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.stepwise.mfa.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad bodies sent to the JSON challenge API: each gets its problem, nothing is checked, counted or stored, and no more
 * than 64 KiB and one byte of a body is ever read. A well-formed wrong code is a guess and is counted.
 */
class ChallengeApiBodyTest {

    private final ApiFixture fx = new ApiFixture().aliceChallenged();

    private FakeHttp.Response post(String json) throws Exception {
        return fx.send(fx.post("/verify", json));
    }

    private void assertNothingHappened() {
        assertThat(fx.failures()).isZero();
        assertThat(fx.verified()).isFalse();
        assertThat(fx.events).isEmpty();
        assertThat(fx.session().pending(fx.clock.instant())).isEqualTo(fx.pending);
    }

    private static void assertProblem(FakeHttp.Response response, int status, String type) {
        assertThat(response.status).isEqualTo(status);
        assertThat(response.contentType).isEqualTo("application/problem+json");
        JsonObject problem = json(response);
        assertThat(problem.getString("type")).isEqualTo("urn:stepwise:problem:" + type);
        assertThat(problem.getInt("status")).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"factor\":\"totp\",}", "{\"factor\":totp}", "{\"factor\":\"totp\"} {}",
            "[{\"factor\":\"totp\"}]", "\"totp\"", "null", "{\"factor\":\"totp\"}x"})
    void malformedJsonOrNotAnObjectIs400(String body) throws Exception {
        assertProblem(post(body), 400, "bad-request");
        assertNothingHappened();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"code\":\"123456\"}", "{\"factor\":7,\"code\":\"123456\"}",
            "{\"factor\":null,\"code\":\"123456\"}", "{\"factor\":[\"totp\"],\"code\":\"123456\"}"})
    void aMissingOrNonStringFactorIs400(String body) throws Exception {
        assertProblem(post(body), 400, "bad-request");
        assertNothingHappened();
    }

    @Test
    void aMemberTwiceIs400AtAnyLevel() throws Exception {
        String code = fx.code();
        assertProblem(post("{\"factor\":\"webauthn\",\"factor\":\"totp\",\"code\":\"" + code + "\"}"), 400,
                "bad-request");
        assertProblem(post("{\"factor\":\"totp\",\"code\":\"" + code + "\",\"x\":{\"a\":1,\"a\":2}}"), 400,
                "bad-request");
        assertNothingHappened();
    }

    @Test
    void nestingDeeperThanTheLimitIs400() throws Exception {
        String deep = "[".repeat(JsonBody.MAX_DEPTH) + "]".repeat(JsonBody.MAX_DEPTH);
        assertProblem(post("{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\",\"x\":" + deep + "}"), 400,
                "bad-request");
        assertNothingHappened();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=iso-8859-1", "application/jsonx", "-"})
    void aWrongContentTypeIs415(String type) throws Exception {
        FakeHttp.Request request = fx.post("/verify", "{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\"}");
        request.contentType = type.equals("-") ? null : type;

        assertProblem(fx.send(request), 415, "unsupported-media-type");
        assertThat(request.bodyRead).isZero();
        assertNothingHappened();
    }

    @Test
    void jsonWithCharsetUtf8IsAccepted() throws Exception {
        FakeHttp.Request request = fx.post("/verify", "{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\"}");
        request.contentType = "Application/JSON; Charset=\"UTF-8\"";

        assertThat(fx.send(request).status).isEqualTo(200);
    }

    @Test
    void aBodyOf64KiBAndOneByteIs413AndIsNotRead() throws Exception {
        FakeHttp.Request request = fx.post("/verify", padded(JsonBody.MAX_BYTES + 1));

        assertProblem(fx.send(request), 413, "too-large");
        assertThat(request.bodyRead).isZero();
        assertNothingHappened();
    }

    @Test
    void aChunkedBodyWithoutLengthIsCutOffOneBytePastTheLimit() throws Exception {
        FakeHttp.Request request = fx.post("/verify", padded(4 * JsonBody.MAX_BYTES));
        request.contentLength = -1;

        assertProblem(fx.send(request), 413, "too-large");
        assertThat(request.bodyRead).isEqualTo(JsonBody.MAX_BYTES + 1);
        assertNothingHappened();
    }

    @Test
    void aBodyOfExactly64KiBIsRead() throws Exception {
        FakeHttp.Request request = fx.post("/verify", padded(JsonBody.MAX_BYTES));

        assertThat(fx.send(request).status).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"１２３４５６", "12345\\u0000", "123456\\n", "", "\\u0661\\u0662\\u0663\\u0664\\u0665\\u0666"})
    void aCodeThatNoFactorIssuesIs400AndNotAGuess(String code) throws Exception {
        assertProblem(post("{\"factor\":\"totp\",\"code\":\"" + code + "\"}"), 400, "bad-request");
        assertNothingHappened();
    }

    @Test
    void anOversizeOrNonStringCodeIs400AndNotAGuess() throws Exception {
        assertProblem(post("{\"factor\":\"totp\",\"code\":\"" + "1".repeat(65) + "\"}"), 400, "bad-request");
        assertProblem(post("{\"factor\":\"totp\",\"code\":123456}"), 400, "bad-request");
        assertNothingHappened();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{\"code\":\"123456\"}", "[\"123456\"]", "true", "123456"})
    void aCodeMemberThatIsNotAStringIs400AndNotAGuess(String code) throws Exception {
        assertProblem(post("{\"factor\":\"totp\",\"code\":" + code + "}"), 400, "bad-request");
        assertNothingHappened();
    }

    /** The WebAuthn answer is PublicKeyCredential.toJSON(), an object: any other value is malformed, not a guess. */
    @ParameterizedTest
    @ValueSource(strings = {"null", "\"{}\"", "42", "[]", "false"})
    void aCredentialMemberThatIsNotAnObjectIs400AndNotAGuess(String credential) throws Exception {
        assertProblem(post("{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\",\"credential\":" + credential
                + "}"), 400, "bad-request");
        assertNothingHappened();
    }

    /** A number the parser cannot read is malformed at the top level too, and no line is logged for it. */
    @ParameterizedTest
    @ValueSource(strings = {"1e9999999999", "-1E-2147483649", "LONG"})
    void aNumberTooLargeForTheParserIs400AtTheTopLevelAndNotLogged(String number) throws Exception {
        String value = number.equals("LONG") ? "9".repeat(2000) : number;
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertProblem(post("{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\",\"x\":" + value + "}"), 400,
                    "bad-request");
            assertProblem(post("{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\",\"x\":{\"y\":[" + value
                    + "]}}"), 400, "bad-request");

            assertThat(logs.lines()).noneMatch(line -> line.contains("dev.stepwise"));
        }
        assertNothingHappened();
    }

    /** Numbers the parser reads are copied as they are, at any level; the answer is checked. */
    @Test
    void ordinaryNumbersAnywhereInTheBodyAreAccepted() throws Exception {
        FakeHttp.Response response = post("{\"factor\":\"totp\",\"code\":\"" + fx.code()
                + "\",\"n\":-12.5e3,\"x\":{\"y\":[0, 1E+400, -1e-400, " + "7".repeat(1000) + "]}}");

        assertThat(response.status).isEqualTo(200);
    }

    @Test
    void bytesThatAreNotUtf8Are400() throws Exception {
        byte[] body = "{\"factor\":\"totp\",\"code\":\"12345?\"}".getBytes(StandardCharsets.US_ASCII);
        body[body.length - 3] = (byte) 0xff;
        FakeHttp.Request request = fx.post("/verify", "").body("application/json", body);

        assertProblem(fx.send(request), 400, "bad-request");
        assertNothingHappened();
    }

    @Test
    void aWellFormedWrongCodeIsAGuessAndCounted() throws Exception {
        assertProblem(post("{\"factor\":\"totp\",\"code\":\"" + fx.wrongCode() + "\"}"), 401, "factor-rejected");
        assertThat(fx.failures()).isEqualTo(1);
    }

    /** A body of exactly {@code size} bytes: the right code, and padding in a member the factor ignores. */
    private String padded(int size) {
        String head = "{\"factor\":\"totp\",\"code\":\"" + fx.code() + "\",\"pad\":\"";
        char[] pad = new char[size - head.length() - 2];
        Arrays.fill(pad, 'x');
        return head + new String(pad) + "\"}";
    }
}
