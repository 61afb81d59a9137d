package dev.stepwise.mfa.factor.recovery;

import dev.stepwise.mfa.Factors;
import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.EnrolmentRemoval;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.RecoveryCodes;
import dev.stepwise.mfa.factor.Verification;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Single-use recovery codes (NIST SP 800-63B §5.1.2 look-up secrets), factor id {@value Factors#RECOVERY}.
 * Enrolled while at least one unused code is left.
 *
 * <pre>{@code
 * RecoveryFactor recovery = new RecoveryFactor(store, used -> recoveryCodeUsedEvent.fire(used));
 * RecoveryCodeSet shown = recovery.regenerate("alice");   // show once; old codes stop working
 * Verification v = recovery.verify("alice", Map.of("code", "7k2m-9xq4-h3vd-05tr"), ctx);
 * }</pre>
 *
 * <p>Verification: the input is normalised ({@link RecoveryCodeFormat#normalise}) and refused early if it
 * cannot be a code; otherwise it is compared (constant time) with each unused hash and the matching one is
 * consumed atomically — only the one request whose {@link RecoveryCodeStore#consume} returns {@code true} is
 * accepted. Then the listener hears about it. The listener runs after the code is used up; if it throws, the
 * exception propagates and nothing is granted (fail closed), and the code stays used.
 */
public final class RecoveryFactor implements Factor, RecoveryCodes, EnrolmentRemoval {

    /** The form field holding the code. */
    public static final String INPUT_CODE = "code";

    /** Bundle key shown for any refused code. */
    public static final String ERROR_CODE = "stepwise.mfa.error.code";

    private final RecoveryCodeStore store;
    private final RecoveryCodeHasher hasher;
    private final Consumer<RecoveryCodeUsed> onUse;
    private final SecureRandom random;

    /**
     * With the default hasher ({@value RecoveryCodeHasher#DEFAULT_ITERATIONS} PBKDF2 iterations).
     *
     * @param store the hashes of unused codes
     * @param onUse told after each successful use (e.g. fires a CDI event that emails the user)
     */
    public RecoveryFactor(RecoveryCodeStore store, Consumer<RecoveryCodeUsed> onUse) {
        this(store, new RecoveryCodeHasher(), onUse, new SecureRandom());
    }

    /**
     * @param store  the hashes of unused codes
     * @param hasher how codes are hashed
     * @param onUse  told after each successful use
     * @param random the source of new codes
     */
    public RecoveryFactor(RecoveryCodeStore store, RecoveryCodeHasher hasher, Consumer<RecoveryCodeUsed> onUse,
                          SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.onUse = Objects.requireNonNull(onUse, "onUse");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String id() {
        return Factors.RECOVERY;
    }

    /** Whether {@code user} has at least one unused code. */
    @Override
    public boolean isEnrolled(String user) {
        return remaining(user) > 0;
    }

    /** How many unused codes {@code user} has. */
    @Override
    public int remaining(String user) {
        return store.remaining(Objects.requireNonNull(user, "user"));
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(ctx, "ctx");
        Optional<String> code = RecoveryCodeFormat.normalise(input.get(INPUT_CODE));
        if (code.isEmpty()) {
            return Verification.rejected(ERROR_CODE);   // malformed: no hashing, no store access
        }
        for (RecoveryCodeHash candidate : store.list(user)) {
            if (hasher.matches(code.get(), candidate)) {
                // NIST SP 800-63B §5.1.2.2: use once — only the request that removes the row wins
                if (!store.consume(user, candidate.id())) {
                    return Verification.rejected(ERROR_CODE);
                }
                onUse.accept(new RecoveryCodeUsed(user, store.remaining(user), ctx.now()));
                return Verification.accepted();
            }
        }
        return Verification.rejected(ERROR_CODE);
    }

    /**
     * Generates a new set for {@code user}, replacing every old code (docs/security-model.md: regenerating invalidates all
     * old ones; the caller requires a fresh factor first). The returned set is the only copy of the plain codes.
     *
     * @param user the user name (the container's caller principal name)
     * @return the recovery code set
     */
    public RecoveryCodeSet regenerate(String user) {
        Objects.requireNonNull(user, "user");
        RecoveryCodeSet set = RecoveryCodeSet.generate(random);
        List<RecoveryCodeHash> hashes = new ArrayList<>(set.codes().size());
        for (String code : set.codes()) {
            hashes.add(hasher.hash(RecoveryCodeFormat.normalise(code).orElseThrow()));
        }
        store.replaceAll(user, hashes);
        return set;
    }

    /**
     * Removes every code of {@code user} (the caller has required a fresh factor first).
     *
     * @param user the user name (the container's caller principal name)
     */
    public void removeAll(String user) {
        store.replaceAll(Objects.requireNonNull(user, "user"), List.of());
    }

    /** {@link RecoveryCodes}: {@link #regenerate}, as the plain codes to show once. */
    @Override
    public List<String> replaceCodes(String user) {
        return regenerate(user).codes();
    }

    /** {@link EnrolmentRemoval}: {@link #removeAll}. */
    @Override
    public void removeEnrolment(String user) {
        removeAll(user);
    }
}
