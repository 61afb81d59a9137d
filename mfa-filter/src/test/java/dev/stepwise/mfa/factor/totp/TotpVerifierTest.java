package dev.stepwise.mfa.factor.totp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class TotpVerifierTest {

    /** Mid-step, so ±1 step is unambiguous: step 56_666_666 spans [1_699_999_980, 1_700_000_010). */
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    private final TotpSettings settings = TotpSettings.defaults();
    private final TotpSecret secret = TotpSecret.generate();
    private InMemoryTotpCredentialStore store;
    private TotpVerifier verifier;
    private long now;

    @BeforeEach
    void activeCredential() {
        store = new InMemoryTotpCredentialStore();
        store.save(TotpCredential.pending("alice", secret).activated(TotpCredential.NO_STEP));
        verifier = verifierAt(NOW);
        now = verifier.stepAt(NOW);
    }

    @Test
    void verifyWhenCodeOfCurrentStepThenAccepted() {
        TotpCheck check = verifier.verify("alice", code(now));

        assertThat(check.isAccepted()).isTrue();
        assertThat(check.step()).isEqualTo(now);
        assertThat(store.find("alice").orElseThrow().lastStep()).isEqualTo(now);
    }

    @Test
    void verifyWhenSameCodeAgainInSameStepThenReplayed() {
        String code = code(now);
        assertThat(verifier.verify("alice", code).isAccepted()).isTrue();

        // RFC 6238 §5.2 / CVE-2015-7225: the second use of an accepted code is refused
        assertThat(verifier.verify("alice", code).outcome()).isEqualTo(TotpCheck.Outcome.REPLAYED);
    }

    @Test
    void verifyWhenSameCodeLaterButStillInWindowThenReplayed() {
        String code = code(now);
        assertThat(verifier.verify("alice", code).isAccepted()).isTrue();

        // 30 s later the same code is still inside the ±1 window, yet already used
        TotpCheck again = verifierAt(NOW.plusSeconds(30)).verify("alice", code);
        assertThat(again.outcome()).isEqualTo(TotpCheck.Outcome.REPLAYED);
    }

    @Test
    void verifyWhenOlderStepAfterNewerAcceptedThenRefused() {
        assertThat(verifier.verify("alice", code(now + 1)).isAccepted()).isTrue();

        assertThat(verifier.verify("alice", code(now)).outcome()).isEqualTo(TotpCheck.Outcome.REPLAYED);
        assertThat(verifier.verify("alice", code(now - 1)).outcome()).isEqualTo(TotpCheck.Outcome.REPLAYED);
        assertThat(store.find("alice").orElseThrow().lastStep()).isEqualTo(now + 1);
    }

    @Test
    void verifyWhenNextStepAfterAcceptedThenAccepted() {
        assertThat(verifier.verify("alice", code(now)).isAccepted()).isTrue();

        assertThat(verifierAt(NOW.plusSeconds(30)).verify("alice", code(now + 1)).isAccepted()).isTrue();
    }

    @Test
    void verifyWhenOneStepAheadThenAccepted() {
        assertThat(verifier.verify("alice", code(now + 1)).step()).isEqualTo(now + 1);
    }

    @Test
    void verifyWhenOneStepBehindThenAccepted() {
        assertThat(verifier.verify("alice", code(now - 1)).step()).isEqualTo(now - 1);
    }

    @Test
    void verifyWhenTwoStepsAheadThenRefused() {
        assertThat(verifier.verify("alice", code(now + 2)).outcome()).isEqualTo(TotpCheck.Outcome.WRONG_CODE);
    }

    @Test
    void verifyWhenTwoStepsBehindThenRefused() {
        assertThat(verifier.verify("alice", code(now - 2)).outcome()).isEqualTo(TotpCheck.Outcome.WRONG_CODE);
    }

    @Test
    void verifyWhenWindowZeroThenOnlyCurrentStep() {
        TotpVerifier strict = new TotpVerifier(settings.withWindow(0), Clock.fixed(NOW, ZoneOffset.UTC), store);

        assertThat(strict.verify("alice", code(now - 1)).isAccepted()).isFalse();
        assertThat(strict.verify("alice", code(now + 1)).isAccepted()).isFalse();
        assertThat(strict.verify("alice", code(now)).isAccepted()).isTrue();
    }

    @Test
    void verifyWhenJustBeforeStepBoundaryThenNextStepStillOneAhead() {
        // last second of a step: the code two steps on is still out of reach
        Instant lastSecond = Instant.ofEpochSecond((now + 1) * 30 - 1);
        TotpVerifier edge = verifierAt(lastSecond);
        assertThat(edge.stepAt(lastSecond)).isEqualTo(now);
        assertThat(edge.verify("alice", code(now + 2)).isAccepted()).isFalse();
        assertThat(verifierAt(lastSecond.plusSeconds(1)).verify("alice", code(now + 2)).isAccepted()).isTrue();
    }

    @Test
    void verifyWhenWrongCodeThenRefusedAndNothingUsedUp() {
        String wrong = wrongCode();

        assertThat(verifier.verify("alice", wrong).outcome()).isEqualTo(TotpCheck.Outcome.WRONG_CODE);
        assertThat(store.find("alice").orElseThrow().lastStep()).isEqualTo(TotpCredential.NO_STEP);
    }

    @Test
    void verifyWhenNoCredentialThenRefused() {
        assertThat(verifier.verify("bob", code(now)).outcome()).isEqualTo(TotpCheck.Outcome.NO_CREDENTIAL);
    }

    @Test
    void verifyWhenCredentialPendingThenRefused() {
        store.save(TotpCredential.pending("carol", secret));

        assertThat(verifier.verify("carol", code(now)).outcome()).isEqualTo(TotpCheck.Outcome.NO_CREDENTIAL);
        assertThat(store.find("carol").orElseThrow().lastStep()).isEqualTo(TotpCredential.NO_STEP);
    }

    @Test
    void verifyWhenOtherUsersSecretThenRefused() {
        store.save(TotpCredential.pending("bob", TotpSecret.generate()).activated(TotpCredential.NO_STEP));

        assertThat(verifier.verify("bob", code(now)).isAccepted()).isFalse();
    }

    // --- input rules (docs/security-model.md: ASCII digits only, spaces trimmed, length checked first) ---

    @Test
    void verifyWhenSurroundingWhitespaceThenTrimmed() {
        assertThat(verifier.verify("alice", " \t" + code(now) + " \n").isAccepted()).isTrue();
    }

    @Test
    void verifyWhenSpaceBetweenDigitGroupsThenAccepted() {
        // decided: inner U+0020 spaces are dropped, so "123 456" can be typed as the app shows it
        String code = code(now);
        assertThat(verifier.verify("alice", code.substring(0, 3) + " " + code.substring(3)).isAccepted()).isTrue();
    }

    @Test
    void verifyWhenUnicodeDigitsOfTheRightCodeThenMalformedAndNotUsedUp() {
        String code = code(now);
        StringBuilder arabicIndic = new StringBuilder();
        StringBuilder fullWidth = new StringBuilder();
        for (char c : code.toCharArray()) {
            arabicIndic.append((char) ('\u0660' + (c - '0')));
            fullWidth.append((char) ('\uFF10' + (c - '0')));
        }
        assertThat(Character.isDigit(arabicIndic.charAt(0))).isTrue();   // what a naive check would let through

        assertThat(verifier.verify("alice", arabicIndic.toString()).outcome())
                .isEqualTo(TotpCheck.Outcome.MALFORMED);
        assertThat(verifier.verify("alice", fullWidth.toString()).outcome())
                .isEqualTo(TotpCheck.Outcome.MALFORMED);
        assertThat(verifier.verify("alice", code).isAccepted()).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"٣٤٥٦٧٨", "１２３４５６", "12345", "1234567", "12345a", "abcdef", "      ",
            "123-456", "123\t456", "123\u00A0456", "+12345", "-12345", "1e5678", "１23456", "12345６"})
    void verifyWhenMalformedThenRefusedWithoutException(String input) {
        assertThatCode(() -> assertThat(verifier.verify("alice", input).outcome())
                .isEqualTo(TotpCheck.Outcome.MALFORMED)).doesNotThrowAnyException();
    }

    @Test
    void verifyWhenVeryLongInputThenRefusedWithoutException() {
        String code = code(now);

        assertThat(verifier.verify("alice", "1".repeat(1_000_000)).outcome()).isEqualTo(TotpCheck.Outcome.MALFORMED);
        assertThat(verifier.verify("alice", code + "0").outcome()).isEqualTo(TotpCheck.Outcome.MALFORMED);
        // right code padded past the raw length limit: refused before trimming
        String padded = code + " ".repeat(TotpVerifier.MAX_INPUT_LENGTH);
        assertThat(verifier.verify("alice", padded).outcome()).isEqualTo(TotpCheck.Outcome.MALFORMED);
        assertThat(verifier.verify("alice", code).isAccepted()).isTrue();
    }

    @Test
    void normaliseKeepsOnlyAsciiDigits() {
        assertThat(TotpVerifier.normalise("  012 345 ", 6)).isEqualTo("012345");
        assertThat(TotpVerifier.normalise("01234567", 8)).isEqualTo("01234567");
        assertThat(TotpVerifier.normalise("0123456", 6)).isNull();
        assertThat(TotpVerifier.normalise("012 34", 6)).isNull();
    }

    // --- concurrency: RFC 6238 §5.2 under a race ---

    @Test
    void verifyWhenOneCodeSubmittedConcurrentlyThenExactlyOneAccepted() throws Exception {
        String code = code(now);
        int threads = 8;
        int attempts = 100;
        // the first eight verifications all read the credential (last step: none) before any may go on, so all
        // eight match the code and race on advanceLastStep: only its atomicity keeps the winners to one
        CountDownLatch allHaveRead = new CountDownLatch(threads);
        TotpCredentialStore racing = new TotpCredentialStore() {
            @Override
            public Optional<TotpCredential> find(String user) {
                Optional<TotpCredential> found = store.find(user);
                allHaveRead.countDown();
                try {
                    allHaveRead.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return found;
            }

            @Override
            public void save(TotpCredential credential) {
                store.save(credential);
            }

            @Override
            public void delete(String user) {
                store.delete(user);
            }

            @Override
            public boolean saveUnlessActive(TotpCredential credential) {
                return store.saveUnlessActive(credential);
            }

            @Override
            public boolean activatePending(TotpCredential pending, long acceptedStep) {
                return store.activatePending(pending, acceptedStep);
            }

            @Override
            public boolean advanceLastStep(String user, long step) {
                return store.advanceLastStep(user, step);
            }
        };
        TotpVerifier concurrent = new TotpVerifier(settings, Clock.fixed(NOW, ZoneOffset.UTC), racing);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<TotpCheck>> results = new ArrayList<>();
            Callable<TotpCheck> attempt = () -> {
                start.await();
                return concurrent.verify("alice", code);
            };
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit(attempt));
            }
            start.countDown();

            int accepted = 0;
            int replayed = 0;
            for (Future<TotpCheck> result : results) {
                TotpCheck check = result.get(30, TimeUnit.SECONDS);
                if (check.isAccepted()) {
                    accepted++;
                } else if (check.outcome() == TotpCheck.Outcome.REPLAYED) {
                    replayed++;
                }
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(replayed).isEqualTo(attempts - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    private TotpVerifier verifierAt(Instant instant) {
        return new TotpVerifier(settings, Clock.fixed(instant, ZoneOffset.UTC), store);
    }

    private String code(long step) {
        return verifier.codeAt(secret, step);
    }

    /** A well-formed code that matches none of the steps in the window. */
    private String wrongCode() {
        List<String> window = List.of(code(now - 1), code(now), code(now + 1));
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", i);
            if (!window.contains(candidate)) {
                return candidate;
            }
        }
    }
}
