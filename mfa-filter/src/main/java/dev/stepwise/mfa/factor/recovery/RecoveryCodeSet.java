package dev.stepwise.mfa.factor.recovery;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A freshly generated set of recovery codes in plain text. This value is the only place the plain codes ever
 * exist: the store keeps salted hashes only, so the page shows the set once and it is gone (NIST SP 800-63B
 * §5.1.2; docs/security-model.md "shown once"). {@link #toString()} does not show the codes.
 *
 * <pre>{@code
 * RecoveryCodeSet set = recovery.regenerate("alice");
 * request.setAttribute("codes", set.codes());   // ["7k2m-9xq4-h3vd-05tr", …], ten of them
 * }</pre>
 *
 * @param codes the codes in display form ({@code xxxx-xxxx-xxxx-xxxx}), all different (also when normalised)
 */
public record RecoveryCodeSet(List<String> codes) {

    /** Codes per set. */
    public static final int SIZE = 10;

    /**
     * Checks the components and copies the mutable ones.
     * @param codes the codes in display form ({@code xxxx-xxxx-xxxx-xxxx}), all different (also when normalised)
     */
    public RecoveryCodeSet {
        codes = List.copyOf(codes);
        Set<String> canonical = new HashSet<>();
        for (String code : codes) {
            String normal = RecoveryCodeFormat.normalise(code)
                    .orElseThrow(() -> new IllegalArgumentException("not a recovery code"));
            if (!canonical.add(normal)) {
                throw new IllegalArgumentException("recovery codes must be distinct");
            }
        }
    }

    /**
     * {@value #SIZE} new codes of {@value RecoveryCodeFormat#BITS} bits each from {@code random}.
     *
     * @param random the source of randomness
     * @return the recovery code set
     */
    public static RecoveryCodeSet generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < SIZE) {   // a repeat has probability ~2^-74; drawing again keeps the set whole
            char[] symbols = new char[RecoveryCodeFormat.SYMBOLS];
            for (int i = 0; i < symbols.length; i++) {
                // nextInt(32) is uniform: 5 bits of SecureRandom output per symbol
                symbols[i] = RecoveryCodeFormat.ALPHABET.charAt(random.nextInt(RecoveryCodeFormat.ALPHABET.length()));
            }
            codes.add(RecoveryCodeFormat.display(new String(symbols)));
        }
        return new RecoveryCodeSet(new ArrayList<>(codes));
    }

    @Override
    public String toString() {
        return "RecoveryCodeSet[" + codes.size() + " codes hidden]";
    }
}
