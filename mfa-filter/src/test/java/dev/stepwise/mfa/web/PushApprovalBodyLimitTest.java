package dev.stepwise.mfa.web;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** The approval endpoint's 413 names its own limit (512 bytes), not the JSON API's 64 KiB. */
class PushApprovalBodyLimitTest {

    private final PushApprovalFixture fx;

    PushApprovalBodyLimitTest() throws Exception {
        fx = new PushApprovalFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theProblemNamesTheLimitThatApplies() throws Exception {
        String body = "{\"token\":\"" + "a".repeat(43) + "\",\"pad\":\"" + "x".repeat(600) + "\"}";
        FakeHttp.Response response = fx.send(fx.post("/decide", body));

        assertThat(response.status).isEqualTo(413);
        String detail = Json.createReader(new StringReader(response.bodyText())).readObject().getString("detail");
        assertThat(detail).contains("512 bytes").doesNotContain("KiB");
    }
}
