package dev.stepwise.mfa.factor.webauthn;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Stored credentials' attested data, decoded once and kept by the <em>whole</em> stored value: the same bytes give
 * the same decoded object, a changed record (another public key under the same credential id) is decoded afresh.
 * At most {@code bound} values, the least recently used going first; thread-safe.
 *
 * <p>What is kept must be immutable: a pure function of the bytes, shared between requests and users. webauthn4j's
 * {@code AttestedCredentialData} and its COSE keys set their fields only when built and hand out copies of
 * their arrays; the verifier changes only the credential record (counter, flags), which is built per verification
 * and never kept here. Two records with the same bytes decode to equal objects anyway, so a hit gives nobody
 * anything that decoding would not: whose credential it is stays the store's and the factor's check.
 *
 * @param <T> the decoded form
 */
final class DecodedCredentials<T> {

    private final Function<byte[], T> decoder;
    private final Map<ByteBuffer, T> kept;

    /**
     * @param bound   the most values kept, at least 1
     * @param decoder turns stored bytes into the kept form; gets its own copy, may throw (nothing is kept then)
     */
    DecodedCredentials(int bound, Function<byte[], T> decoder) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1: " + bound);
        }
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.kept = new LinkedHashMap<>(Math.min(bound, 64), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, T> eldest) {
                return size() > bound;
            }
        };
    }

    /** What {@code stored} decodes to: kept if it was decoded before, otherwise decoded now (outside the lock). */
    T get(byte[] stored) {
        ByteBuffer key = ByteBuffer.wrap(stored.clone());   // a copy: the caller may reuse its array
        synchronized (kept) {
            T hit = kept.get(key);
            if (hit != null) {
                return hit;
            }
        }
        T decoded = Objects.requireNonNull(decoder.apply(stored.clone()), "decoded");
        synchronized (kept) {
            T raced = kept.putIfAbsent(key, decoded);
            return raced != null ? raced : decoded;
        }
    }

    /** How many decoded values are kept. */
    int size() {
        synchronized (kept) {
            return kept.size();
        }
    }
}
