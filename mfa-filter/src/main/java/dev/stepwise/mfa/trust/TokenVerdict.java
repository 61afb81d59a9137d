package dev.stepwise.mfa.trust;

import java.util.Objects;

/**
 * What {@link TrustTokenCodec#verify} made of a cookie value: a verified token, or the reason it was refused.
 * Refusals are values, never exceptions, whatever the input.
 *
 * <pre>{@code
 * TokenVerdict v = codec.verify(cookie, user, keyId -> ring.verifyingKey(keys, keyId, now), now);
 * if (v instanceof TokenVerdict.Verified ok) { … ok.token().deviceIdText() … }
 * }</pre>
 */
public sealed interface TokenVerdict {

    /** Signature valid, bound to the user, not expired. */
    record Verified(TrustToken token) implements TokenVerdict {
        /**
         * Checks the components.
         * @param token the token
         */
        public Verified {
            Objects.requireNonNull(token, "token");
        }
    }

    /** Not accepted. */
    record Rejected(TrustRefusal reason) implements TokenVerdict {
        /**
         * Checks the components.
         * @param reason the reason
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
