package dev.stepwise.mfa.bench.store;

import dev.stepwise.mfa.core.AccountThrottle;
import dev.stepwise.mfa.core.AttemptPolicy;
import dev.stepwise.mfa.core.AttemptReservation;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeHash;
import dev.stepwise.mfa.factor.recovery.RecoveryCodeHasher;
import dev.stepwise.mfa.factor.recovery.RecoveryFactor;
import dev.stepwise.mfa.factor.totp.TotpFactor;
import dev.stepwise.mfa.factor.totp.TotpSettings;
import dev.stepwise.mfa.runtime.AttemptOutcome;
import dev.stepwise.mfa.runtime.Attempts;
import dev.stepwise.mfa.store.JdbcRecoveryCodeStore;
import dev.stepwise.mfa.store.JdbcStore;
import dev.stepwise.mfa.trust.DeviceTrust;
import dev.stepwise.mfa.trust.TrustKey;
import dev.stepwise.mfa.trust.TrustKeyRing;
import dev.stepwise.mfa.trust.TrustToken;
import dev.stepwise.mfa.trust.TrustTokenCodec;
import dev.stepwise.mfa.trust.TrustedDevices;

import java.io.Serializable;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The store work of each measured operation, through the library's own classes on its {@link JdbcStore}:
 * <ul>
 *   <li>{@code totp}: {@link Attempts#verify} with the {@link TotpFactor} and a right code — attempt reservation
 *       (read the failure count, count the attempt), credential look-up, replay guard (advance the last step),
 *       reset of the failures;</li>
 *   <li>{@code recovery}: the store calls of {@link Attempts#verify} with the recovery factor, in its order, without
 *       the PBKDF2 hashing (its cost does not depend on the store): reserve, list the codes, consume one, count the
 *       remaining codes (the factor's event), reset, count again (the attempt's event). The used code is put back
 *       afterwards, untimed, so every user keeps 10;</li>
 *   <li>{@code trust}: {@link TrustedDevices#check} of a signed trust cookie at sign-in (HMAC, record look-up,
 *       last-seen update; the signing keys are cached);</li>
 *   <li>{@code grant}: {@link TrustedDevices#isActive}, the re-check of a session's device grant.</li>
 * </ul>
 */
final class Operations {

    /** One measured operation: {@link #run} is timed, {@link #prepare} and {@link #after} are not. */
    interface Op {
        String name();

        default Object prepare(int g) {
            return null;
        }

        Object run(int g, Object prepared);

        default void after(int g, Object result) {
        }
    }

    private static final Duration STEP = Duration.ofSeconds(30);

    final BenchSchema schema;
    final JdbcStore store;
    final Instant now;
    private final byte[] secret;
    private final BenchClock totpClock;
    private final Attempts attempts;
    private final AccountThrottle throttle;
    private final TotpFactor totp;
    private final JdbcRecoveryCodeStore codes;
    private final TrustedDevices trust;
    private final TrustKey key;
    private final TrustTokenCodec codec = new TrustTokenCodec();
    private final ChallengeContext ctx;

    Operations(BenchSchema schema, JdbcStore store, Instant now, byte[] secret) {
        this.schema = schema;
        this.store = store;
        this.now = now;
        this.secret = secret.clone();
        Clock fixed = Clock.fixed(now, ZoneOffset.UTC);
        this.totpClock = new BenchClock(now);
        this.throttle = new AccountThrottle(store.attempts(), AttemptPolicy.defaults(), fixed);
        this.attempts = new Attempts(throttle, fixed, event -> { });
        this.totp = new TotpFactor(store.totpCredentials(), totpClock, TotpSettings.defaults());
        this.codes = store.recoveryCodes();
        this.trust = new TrustedDevices(store.trustedDevices(), store.trustKeys(), fixed, Population.TRUST,
                TrustedDevices.DEFAULT_KEY_ROTATION, new SecureRandom());
        // one device trusted through the library creates the signing keys; its record is removed again
        String issued = trust.issue(Population.user(1), "Firefox on Linux").device().deviceId();
        trust.revoke(Population.user(1), issued);
        this.key = new TrustKeyRing(TrustedDevices.DEFAULT_KEY_ROTATION, Population.TRUST)
                .signingKey(store.trustKeys().findAll(), now).orElseThrow();
        this.ctx = new ChallengeContext(now, Locale.ENGLISH, "203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64)",
                new MapSession());
    }

    List<Op> all() {
        return List.of(totpOp(), recoveryOp(), trustOp(), grantOp());
    }

    private Op totpOp() {
        return new Op() {
            public String name() {
                return "totp";
            }

            public Object prepare(int g) {
                totpClock.advance(STEP);
                return Totp.code(secret, totpClock.instant());
            }

            public Object run(int g, Object code) {
                AttemptOutcome o = attempts.verify(Population.user(g), totp, Map.of("code", (String) code), ctx);
                return expect(o instanceof AttemptOutcome.Verified, o);
            }
        };
    }

    private Op recoveryOp() {
        return new Op() {
            public String name() {
                return "recovery";
            }

            public Object run(int g, Object unused) {
                return recoveryStoreCalls(Population.user(g));
            }

            public void after(int g, Object used) {
                restore(Population.user(g), (RecoveryCodeHash) used);
            }
        };
    }

    /** The store calls of a successful recovery-code attempt, in the order the library makes them. */
    RecoveryCodeHash recoveryStoreCalls(String user) {
        AttemptReservation r = throttle.reserve(user);
        expect(r instanceof AttemptReservation.Reserved, r);
        List<RecoveryCodeHash> listed = codes.list(user);
        RecoveryCodeHash used = listed.get(listed.size() / 2);
        expect(codes.consume(user, used.id()), "consume");
        codes.remaining(user);
        throttle.recordSuccess(user);
        codes.remaining(user);
        return used;
    }

    private void restore(String user, RecoveryCodeHash used) {
        String insert = "INSERT INTO stepwise_recovery_code (id, user_id, salt, iterations, code_hash)"
                + " VALUES (?, ?, ?, ?, ?)";
        try (Connection c = schema.uncounted.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, used.id());
            ps.setString(2, user);
            ps.setBytes(3, used.salt());
            ps.setInt(4, used.iterations());
            ps.setBytes(5, used.hash());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Op trustOp() {
        return new Op() {
            public String name() {
                return "trust";
            }

            public Object prepare(int g) {
                return cookie(g);
            }

            public Object run(int g, Object cookie) {
                DeviceTrust t = trust.check((String) cookie, Population.user(g));
                return expect(t instanceof DeviceTrust.Trusted, t);
            }
        };
    }

    private Op grantOp() {
        return new Op() {
            public String name() {
                return "grant";
            }

            public Object run(int g, Object unused) {
                return expect(trust.isActive(Population.user(g), Population.deviceId(g, 1)), "grant");
            }
        };
    }

    /**
     * Statements of one successful recovery-code attempt on the library's real path ({@link Attempts#verify} with
     * the {@link RecoveryFactor}, PBKDF2 included), to check that the timed store calls make the same count.
     */
    long realRecoveryStatements(int g) {
        String user = Population.user(g);
        RecoveryFactor factor = new RecoveryFactor(codes, new RecoveryCodeHasher(RecoveryCodeHasher.MIN_ITERATIONS,
                new SecureRandom()), used -> { }, new SecureRandom());
        List<String> fresh = factor.replaceCodes(user);
        long before = schema.counted.statements();
        AttemptOutcome o = attempts.verify(user, factor, Map.of(RecoveryFactor.INPUT_CODE, fresh.get(7)), ctx);
        expect(o instanceof AttemptOutcome.Verified, o);
        return schema.counted.statements() - before;
    }

    /** The trust cookie of user {@code g}'s first device (always live), signed with the current key. */
    String cookie(int g) {
        Instant created = Instant.ofEpochMilli(Population.deviceCreatedAt(now.toEpochMilli(), g, 1));
        return codec.encode(TrustToken.of(key.id(), Population.user(g), Population.deviceId(g, 1), created,
                created.plus(Population.TRUST)), key);
    }

    private static Object expect(boolean ok, Object what) {
        if (!ok) {
            throw new IllegalStateException("unexpected outcome: " + what);
        }
        return what;
    }

    /** Challenge state of one session, for the context the factors get. */
    private static final class MapSession implements ChallengeContext.Session {
        private final Map<String, Object> values = new HashMap<>();

        public Object get(String k) {
            return values.get(k);
        }

        public void put(String k, Serializable v) {
            values.put(k, v);
        }

        public Object remove(String k) {
            return values.remove(k);
        }
    }
}
