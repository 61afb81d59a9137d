package dev.stepwise.mfa.http;

import dev.stepwise.mfa.web.FakeHttp;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestMarksTest {

    private final FakeHttp.Request fake = new FakeHttp.Request("alice", null);
    private final HttpServletRequest request = fake.asHttpServletRequest();

    @Test
    void aConfirmationIsTakenOnce() {
        assertThat(RequestMarks.takeConfirmed(request)).isFalse();

        RequestMarks.markConfirmed(request);

        assertThat(RequestMarks.takeConfirmed(request)).isTrue();
        assertThat(RequestMarks.takeConfirmed(request)).isFalse();
        assertThat(fake.attributes).isEmpty();
    }

    @Test
    void aKeptFormBodyIsFoundAgain() {
        assertThat(RequestMarks.capturedFormBody(request)).isNull();

        RequestMarks.keepFormBody(request::setAttribute, "amount=7".getBytes());

        assertThat(RequestMarks.capturedFormBody(request)).asString().isEqualTo("amount=7");
    }
}
