package dev.stepwise.mfa.factor.recovery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryRecoveryCodeStoreTest {

    private final InMemoryRecoveryCodeStore store = new InMemoryRecoveryCodeStore();

    @Test
    void consumeWhenPresentThenOnceOnly() {
        store.replaceAll("alice", List.of(hash("a"), hash("b")));

        assertThat(store.consume("alice", "a")).isTrue();
        assertThat(store.consume("alice", "a")).isFalse();
        assertThat(store.remaining("alice")).isEqualTo(1);
        assertThat(store.list("alice")).extracting(RecoveryCodeHash::id).containsExactly("b");
    }

    @Test
    void consumeWhenOtherUsersIdThenFalse() {
        store.replaceAll("alice", List.of(hash("a")));
        store.replaceAll("bob", List.of(hash("b")));

        assertThat(store.consume("alice", "b")).isFalse();
        assertThat(store.consume("carol", "a")).isFalse();
        assertThat(store.remaining("bob")).isEqualTo(1);
    }

    @Test
    void replaceAllWhenCalledAgainThenOldIdsGone() {
        store.replaceAll("alice", List.of(hash("a"), hash("b")));
        store.replaceAll("alice", List.of(hash("c")));

        assertThat(store.consume("alice", "a")).isFalse();
        assertThat(store.list("alice")).extracting(RecoveryCodeHash::id).containsExactly("c");
    }

    @Test
    void replaceAllWhenEmptyThenNothingLeft() {
        store.replaceAll("alice", List.of(hash("a")));
        store.replaceAll("alice", List.of());

        assertThat(store.remaining("alice")).isZero();
        assertThat(store.list("alice")).isEmpty();
    }

    @Test
    void consumeWhenLastCodeThenUserHasNone() {
        store.replaceAll("alice", List.of(hash("a")));

        assertThat(store.consume("alice", "a")).isTrue();
        assertThat(store.remaining("alice")).isZero();
        assertThat(store.consume("alice", "a")).isFalse();
    }

    @Test
    void replaceAllWhenDuplicateIdsThenRefusedAndOldSetKept() {
        store.replaceAll("alice", List.of(hash("a")));

        assertThatThrownBy(() -> store.replaceAll("alice", List.of(hash("x"), hash("x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("alice")).extracting(RecoveryCodeHash::id).containsExactly("a");
    }

    private static RecoveryCodeHash hash(String id) {
        return new RecoveryCodeHash(id, new byte[] {1}, 10_000, new byte[] {2});
    }
}
