package dev.stepwise.mfa.store;

import dev.stepwise.mfa.MutableClock;
import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptPolicy;
import dev.stepwise.mfa.core.exemption.EnrolmentHold;
import dev.stepwise.mfa.factor.TestChallengeContexts;
import dev.stepwise.mfa.factor.Verification;
import dev.stepwise.mfa.factor.totp.TotpCodesForTests;
import dev.stepwise.mfa.factor.totp.TotpCredential;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSecret;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import dev.stepwise.mfa.runtime.Attempts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TOTP code check of a challenge through the attempt unit, the throttle and the JDBC store (H2), where an account
 * without failures is counted with the credential read, and the step used with the failures ended: the throttle's
 * promises must hold exactly as with the separate statements. {@link MariaDbTotpCodeCheckAttackTest} runs the same
 * attacks on MariaDB, where the count and the read are separate statements.
 */
class TotpCodeCheckAttackTest {

    /** The database of one test. */
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }

    /** Statements that count the first attempt of an account that never failed before (the read of the key follows). */
    int statementsOfTheFirstCount() {
        return 1;
    }

    /** Statements of a right code of an account without failures: count and read key and hold, use and end. */
    int statementsOfARightCode() {
        return 2;
    }

    /** Statements of a right code of an account with failures: try from none, read the count, then as above. */
    int statementsOfARightCodeAfterAFailure() {
        return 4;
    }

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ALICE = "alice";

    private final TestDatabase db = newDatabase();
    private final FaultyDataSource ds = new FaultyDataSource(db.dataSource());
    private final MutableClock clock = new MutableClock(NOW);
    private final StatementCounter statements = new StatementCounter(ds);
    private final JdbcStore store = JdbcStore.open(statements.dataSource(), new SecretBox(SecretBox.generateKey()), true, clock);
    private final AttemptPolicy policy = AttemptPolicy.defaults();
    private final AccountThrottle throttle = new AccountThrottle(store.attempts(), policy, clock);
    private final Attempts attempts = new Attempts(throttle, clock, event -> { });
    private final TotpFactor totp = new TotpFactor(store.totpCredentials(), clock, TotpSettings.defaults());
    private final TotpSecret secret = TotpSecret.generate();

    @AfterEach
    void close() {
        db.close();
    }

    private void enrol() {
        store.totpCredentials().save(TotpCredential.pending(ALICE, secret)
                .activated(TotpCodesForTests.stepAt(NOW) - 10));
    }

    private AttemptOutcome check(String code) {
        return attempts.verify(ALICE, totp, Map.of(TotpFactor.INPUT_CODE, code), TestChallengeContexts.at(NOW));
    }

    private String right() {
        return TotpCodesForTests.codeAt(secret, NOW);
    }

    private String wrong() {
        String code = right();
        return (code.charAt(0) == '0' ? "1" : "0") + code.substring(1);
    }

    private long lastStep() {
        return store.totpCredentials().find(ALICE).orElseThrow().lastStep();
    }

    @Test
    void aRightCodeOfAnAccountWithoutFailuresIsAcceptedAndLeavesNoFailure() {
        enrol();
        assertThat(check(right())).isInstanceOf(AttemptOutcome.Verified.class);
        assertThat(throttle.check(ALICE).failures()).isZero();
        assertThat(lastStep()).isEqualTo(TotpCodesForTests.stepAt(NOW));
        assertThat(check(right())).isInstanceOf(AttemptOutcome.Rejected.class);   // each code once
        assertThat(throttle.check(ALICE).failures()).isEqualTo(1);
    }

    @Test
    void aRightCodeTakesItsStatementsAndBringsTheHoldReadWithTheKey() {
        enrol();
        Instant until = NOW.plus(Duration.ofDays(1));
        store.enrolmentHolds().save(new EnrolmentHold(ALICE, "totp", NOW.minusSeconds(60), until));
        throttle.reserve(ALICE);   // a count at zero, as an earlier sign-in leaves it
        throttle.recordSuccess(ALICE);
        statements.reset();

        AttemptOutcome outcome = check(right());

        assertThat(outcome).isEqualTo(new AttemptOutcome.Verified(Map.of("totp", until)));
        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(statementsOfARightCode());
        assertThat(throttle.check(ALICE).failures()).isZero();
    }

    @Test
    void aRightCodeAfterAFailureIsCountedFromTheFailureAndEndsIt() {
        enrol();
        assertThat(check(wrong())).isInstanceOf(AttemptOutcome.Rejected.class);
        clock.advance(policy.delayAfter(1).plusMinutes(1));
        String code = TotpCodesForTests.codeAt(secret, clock.instant());
        statements.reset();

        AttemptOutcome outcome = attempts.verify(ALICE, totp, Map.of(TotpFactor.INPUT_CODE, code),
                TestChallengeContexts.at(clock.instant()));

        assertThat(outcome).isEqualTo(new AttemptOutcome.Verified(Map.of()));
        assertThat(statements.count()).as("%s", statements.sql()).isEqualTo(statementsOfARightCodeAfterAFailure());
        assertThat(throttle.check(ALICE).failures()).isZero();
        assertThat(lastStep()).isEqualTo(TotpCodesForTests.stepAt(clock.instant()));
        assertThat(attempts.verify(ALICE, totp, Map.of(TotpFactor.INPUT_CODE, code),
                TestChallengeContexts.at(clock.instant()))).as("used once").isInstanceOf(AttemptOutcome.Rejected.class);
    }

    @Test
    void aWrongCodeIsCountedAsTheFailureItIs() {
        enrol();
        assertThat(check(wrong())).isInstanceOf(AttemptOutcome.Rejected.class);
        assertThat(throttle.check(ALICE).failures()).isEqualTo(1);
    }

    @Test
    void anAccountWithoutACredentialIsCountedToo() {
        assertThat(check(right())).isInstanceOf(AttemptOutcome.Rejected.class);
        assertThat(throttle.check(ALICE).failures()).isEqualTo(1);
    }

    @Test
    void thirtyTwoParallelWrongCodesNeverExceedTheLimitAndNoFailureIsLost() throws Exception {
        enrol();
        for (int round = 0; round < 3 * policy.maxFailures()
                && throttle.check(ALICE).failures() < policy.maxFailures(); round++) {
            List<AttemptOutcome> outcomes = Concurrently.run(32, () -> check(wrong()));
            assertThat(outcomes).noneMatch(o -> o instanceof AttemptOutcome.Verified);
            assertThat(throttle.check(ALICE).failures()).isLessThanOrEqualTo(policy.maxFailures());
            clock.advance(policy.delayAfter(throttle.check(ALICE).failures()).plusSeconds(1));
        }
        List<AttemptOutcome> locked = Concurrently.run(32, () -> check(wrong()));
        assertThat(locked).allMatch(o -> o instanceof AttemptOutcome.Refused);
        // the account is locked at the limit, with exactly as many failures as codes were rejected
        assertThat(throttle.check(ALICE).failures()).isEqualTo(policy.maxFailures());
        assertThat(check(right())).isInstanceOf(AttemptOutcome.Refused.class);
    }

    @Test
    void everyRejectedCodeIsCounted() throws Exception {
        enrol();
        List<AttemptOutcome> outcomes = Concurrently.run(32, () -> check(wrong()));
        long rejected = outcomes.stream().filter(o -> o instanceof AttemptOutcome.Rejected).count();
        assertThat(rejected).isPositive();
        assertThat(throttle.check(ALICE).failures()).isEqualTo((int) rejected);
    }

    @Test
    void thirtyTwoParallelSubmissionsOfOneRightCodeSucceedExactlyOnce() throws Exception {
        enrol();
        List<AttemptOutcome> outcomes = Concurrently.run(32, () -> check(right()));
        assertThat(outcomes).filteredOn(o -> o instanceof AttemptOutcome.Verified).hasSize(1);
        assertThat(lastStep()).isEqualTo(TotpCodesForTests.stepAt(NOW));
    }

    @Test
    void aStoreGoneBeforeTheCountChecksNothingAndWritesNothing() {
        enrol();
        for (int n = 1; n <= statementsOfTheFirstCount(); n++) {
            ds.failExecution(n);
            assertThatThrownBy(() -> check(right())).isInstanceOf(StoreUnavailableException.class);
            ds.heal();
            assertThat(throttle.check(ALICE).failures()).isZero();
            assertThat(lastStep()).isEqualTo(TotpCodesForTests.stepAt(NOW) - 10);
        }
    }

    @Test
    void aStoreGoneAfterTheCountFailsClosedTheAttemptStaysCountedAndTheStepUnused() {
        enrol();
        ds.failExecution(statementsOfTheFirstCount() + 1);
        assertThat(check(right())).isInstanceOf(AttemptOutcome.Unavailable.class);
        ds.heal();
        assertThat(throttle.check(ALICE).failures()).isEqualTo(1);
        assertThat(lastStep()).isEqualTo(TotpCodesForTests.stepAt(NOW) - 10);
    }

    @Test
    void aCredentialThatDoesNotOpenFailsClosedWithTheAttemptCounted() throws Exception {
        enrol();
        store.totpCredentials().save(TotpCredential.pending("bob", TotpSecret.generate()).activated(0));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE stepwise_totp SET secret_box = (SELECT secret_box FROM stepwise_totp"
                    + " WHERE user_id = 'bob') WHERE user_id = 'alice'");   // bob's sealed secret in alice's row
        }
        assertThat(check(right())).isInstanceOf(AttemptOutcome.Unavailable.class);
        assertThat(throttle.check(ALICE).failures()).isEqualTo(1);
    }

    @Test
    void aCodeConfirmingANewAuthenticatorKeepsEarlierFailuresCounted() {
        assertThat(check(right())).isInstanceOf(AttemptOutcome.Rejected.class);   // no authenticator yet: 1 failure
        clock.advance(Duration.ofMinutes(5));
        store.totpCredentials().save(TotpCredential.pending(ALICE, secret));
        String code = TotpCodesForTests.codeAt(secret, clock.instant());
        AttemptOutcome confirmed = attempts.confirm(ALICE, totp.id(), TestChallengeContexts.at(clock.instant()),
                () -> totp.confirm(ALICE, code));
        assertThat(confirmed).isInstanceOf(AttemptOutcome.Verified.class);
        assertThat(totp.isEnrolled(ALICE)).isTrue();
        assertThat(throttle.check(ALICE).failures()).isEqualTo(1);
    }

    @Test
    void aCodeConfirmingANewAuthenticatorOfAnAccountWithoutFailuresLeavesNone() {
        store.totpCredentials().save(TotpCredential.pending(ALICE, secret));
        AttemptOutcome confirmed = attempts.confirm(ALICE, totp.id(), TestChallengeContexts.at(NOW),
                () -> totp.confirm(ALICE, right()));
        assertThat(confirmed).isInstanceOf(AttemptOutcome.Verified.class);
        assertThat(throttle.check(ALICE).failures()).isZero();
        assertThat(Verification.accepted()).isNotNull();
    }
}
