package dev.stepwise.mfa.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SecretBox#open} keeps its initialised ciphers for the next call: nothing one call leaves behind — a
 * refused value, another owner's value, a half-read one — changes what the next call opens or refuses.
 */
class SecretBoxReuseTest {

    private final SecretBox box = new SecretBox(SecretBox.generateKey());

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRefusedValueThenTheNextGoodValueStillOpensAndTheNextBadOneIsStillRefused() {
        byte[] alices = box.seal(text("alice-secret"), "alice", "totp");
        byte[] bobs = box.seal(text("bob-secret-longer"), "bob", "totp");
        byte[] tampered = alices.clone();
        tampered[tampered.length - 1] ^= 1;

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> box.open(tampered, "alice", "totp")).isInstanceOf(SecretBoxException.class);
            assertThatThrownBy(() -> box.open(alices, "bob", "totp")).isInstanceOf(SecretBoxException.class);
            assertThat(box.open(alices, "alice", "totp")).isEqualTo(text("alice-secret"));
            assertThat(box.open(bobs, "bob", "totp")).isEqualTo(text("bob-secret-longer"));
            assertThatThrownBy(() -> box.open(bobs, "bob", "trust")).isInstanceOf(SecretBoxException.class);
        }
    }

    @Test
    void aValueSealedByAnotherKeyAfterManyOpensIsStillRefused() {
        SecretBox other = new SecretBox(SecretBox.generateKey());
        byte[] mine = box.seal(text("mine"), "alice", "totp");
        for (int i = 0; i < 20; i++) {
            box.open(mine, "alice", "totp");
        }
        byte[] foreign = other.seal(text("theirs"), "alice", "totp");

        assertThatThrownBy(() -> box.open(foreign, "alice", "totp")).isInstanceOf(SecretBoxException.class);
        assertThat(other.open(foreign, "alice", "totp")).isEqualTo(text("theirs"));
    }

    @Test
    void thirtyTwoThreadsOpeningTheirOwnAndOthersValuesThenEveryAnswerIsRight() throws Exception {
        int users = 32;
        byte[][] sealed = new byte[users][];
        for (int i = 0; i < users; i++) {
            sealed[i] = box.seal(text("secret-of-user" + i), "user" + i, "totp");
        }
        AtomicInteger next = new AtomicInteger();

        List<Boolean> results = Concurrently.run(users, () -> {
            int me = next.getAndIncrement();
            for (int round = 0; round < 300; round++) {
                int other = (me + 1 + round % (users - 1)) % users;   // never me
                if (!new String(box.open(sealed[me], "user" + me, "totp"), StandardCharsets.UTF_8)
                        .equals("secret-of-user" + me)) {
                    return false;
                }
                try {
                    box.open(sealed[other], "user" + me, "totp");   // another user's value under my name
                    return false;
                } catch (SecretBoxException expected) {
                    // refused, as it must be
                }
            }
            return true;
        });

        assertThat(results).hasSize(users).containsOnly(true);
    }
}
