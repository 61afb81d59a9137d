package dev.stepwise.mfa.factor;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What a factor may know about the request that challenges it, without depending on the servlet API.
 *
 * @param now           the current time from the library's clock
 * @param locale        the user's preferred locale (for messages a factor sends)
 * @param clientAddress the client's IP address as the library determined it
 * @param userAgent     the User-Agent header, possibly empty
 * @param session       per-session storage for challenge state (e.g. a WebAuthn challenge)
 * @param origin        the web origin the page was served from ({@code https://bank.example}); empty if unknown
 */
public record ChallengeContext(Instant now, Locale locale, String clientAddress, String userAgent,
                               Session session, String origin) {

    /**
     * Checks the components.
     * @param now the current time from the library's clock
     * @param locale the user's preferred locale (for messages a factor sends)
     * @param clientAddress the client's IP address as the library determined it
     * @param userAgent the User-Agent header, possibly empty
     * @param session per-session storage for challenge state (e.g. a WebAuthn challenge)
     * @param origin the web origin the page was served from ({@code https://bank.example}); empty if unknown
     */
    public ChallengeContext {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(locale, "locale");
        clientAddress = clientAddress == null ? "" : clientAddress;
        userAgent = userAgent == null ? "" : userAgent;
        Objects.requireNonNull(session, "session");
        origin = origin == null ? "" : origin;
    }

    /**
     * A context without a known origin (factors that do not bind to the web origin).
     *
     * @param now the current time from the library's clock
     * @param locale the user's preferred locale (for messages a factor sends)
     * @param clientAddress the client's IP address as the library determined it
     * @param userAgent the User-Agent header, possibly empty
     * @param session per-session storage for challenge state (e.g. a WebAuthn challenge)
     */
    public ChallengeContext(Instant now, Locale locale, String clientAddress, String userAgent, Session session) {
        this(now, locale, clientAddress, userAgent, session, "");
    }

    /** Session-bound storage for a factor's challenge state; keys are namespaced by the caller. */
    public interface Session {
        /**
         * The stored value or {@code null}.
         *
         * @param key the key
         * @return the stored value or {@code null}
         */
        Object get(String key);

        /**
         * Stores a value for this session.
         *
         * @param key the key
         * @param value the value
         */
        void put(String key, Serializable value);

        /**
         * Removes and returns the value (for single-use challenge state), or {@code null}.
         *
         * @param key the key
         * @return the value that was kept, or {@code null}
         */
        Object remove(String key);
    }
}
