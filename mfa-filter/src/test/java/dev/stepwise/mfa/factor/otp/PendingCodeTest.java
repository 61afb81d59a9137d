package dev.stepwise.mfa.factor.otp;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PendingCodeTest {

    private static final Instant T = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void copiesTheHashInAndOut() {
        byte[] hash = {1, 2, 3};
        PendingCode code = new PendingCode("alice", "email", hash, T, T.plusSeconds(600));
        hash[0] = 9;
        assertThat(code.codeHash()).containsExactly(1, 2, 3);
        code.codeHash()[1] = 9;
        assertThat(code.codeHash()).containsExactly(1, 2, 3);
    }

    @Test
    void equalsComparesHashContents() {
        assertThat(new PendingCode("a", "sms", new byte[] {1}, T, T.plusSeconds(1)))
                .isEqualTo(new PendingCode("a", "sms", new byte[] {1}, T, T.plusSeconds(1)))
                .isNotEqualTo(new PendingCode("a", "sms", new byte[] {2}, T, T.plusSeconds(1)));
    }

    @Test
    void toStringLeavesTheHashOut() {
        assertThat(new PendingCode("alice", "email", new byte[] {0x7f, 0x7e}, T, T.plusSeconds(1)).toString())
                .contains("alice", "email").doesNotContain("127").doesNotContain("codeHash");
    }

    @Test
    void mustExpireAfterItWasIssued() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PendingCode("a", "sms", new byte[1], T, T));
    }

    @Test
    void issueIsLiveUntilJustBeforeExpiry() {
        CodeIssue issue = new PendingCode("a", "sms", new byte[1], T, T.plusSeconds(600)).issue();
        assertThat(issue.isLiveAt(T.plusSeconds(600).minusNanos(1))).isTrue();
        assertThat(issue.isLiveAt(T.plusSeconds(600))).isFalse();
    }
}
