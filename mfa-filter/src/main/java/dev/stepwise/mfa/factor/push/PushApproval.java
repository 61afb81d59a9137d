package dev.stepwise.mfa.factor.push;

import dev.stepwise.mfa.core.ApprovalRules;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's push approval as stored: never the token or the session's nonce, only their SHA-256 (base64url, 43
 * characters). A user has at most one; a new one replaces it.
 *
 * @param user        the user name
 * @param tokenHash   SHA-256 of the approval token
 * @param sessionHash SHA-256 of the nonce kept in the session that started it
 * @param choices     the number to match and the decoys
 * @param state       where it stands
 * @param expiresAt   when it ends (the code validity after it started)
 */
public record PushApproval(String user, String tokenHash, String sessionHash, ApprovalRules.Choices choices,
                           ApprovalRules.State state, Instant expiresAt) {

    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{43}");

    /**
     * Checks the components.
     *
     * @param user        the user name
     * @param tokenHash   SHA-256 of the approval token
     * @param sessionHash SHA-256 of the session's nonce
     * @param choices     the numbers
     * @param state       where it stands
     * @param expiresAt   when it ends
     */
    public PushApproval {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(choices, "choices");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!isHash(tokenHash) || !isHash(sessionHash)) {
            throw new IllegalArgumentException("hashes are 43 base64url characters");
        }
    }

    /**
     * Whether {@code s} has the shape of a stored hash (or of a token: 256 bits, base64url without padding).
     *
     * @param s the text, possibly {@code null}
     * @return whether it is 43 base64url characters
     */
    public static boolean isHash(String s) {
        return s != null && HASH.matcher(s).matches();
    }

    @Override
    public String toString() {
        return "PushApproval[" + user + ", " + state + ", until " + expiresAt + "]";
    }
}
