package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.net.ClientAddress;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What the library believes and accepts of a request to a protected endpoint.
 *
 * @param allowedOrigins  {@code stepwise.mfa.allowed-origins}: origins besides the request's own whose unsafe
 *                        requests are same-site (e.g. a separate front-end at {@code https://app.example})
 * @param challengeExpiry {@code stepwise.mfa.challenge.expiry}: how long a pending challenge and the request
 *                        it saved stay usable
 * @param trustedProxies  {@code stepwise.mfa.trusted-proxies}: the peers whose {@code X-Forwarded-For} (the client)
 *                        and {@code X-Forwarded-Proto} or {@code Forwarded} (HTTPS) are believed
 */
public record RequestSettings(Set<String> allowedOrigins, Duration challengeExpiry, ClientAddress trustedProxies) {

    /**
     * Checks the components and copies the mutable ones.
     * @param allowedOrigins {@code stepwise.mfa.allowed-origins}: origins besides the request's own whose unsafe requests are same-site (e.g. a separate front-end at {@code https://app.example})
     * @param challengeExpiry {@code stepwise.mfa.challenge.expiry}: how long a pending challenge and the request it saved stay usable
     * @param trustedProxies {@code stepwise.mfa.trusted-proxies}: the peers whose {@code X-Forwarded-For} (the client) and {@code X-Forwarded-Proto} or {@code Forwarded} (HTTPS) are believed
     */
    public RequestSettings {
        allowedOrigins = Set.copyOf(allowedOrigins);
        Objects.requireNonNull(challengeExpiry, "challengeExpiry");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /**
     * Reads the request parameters.
     *
     * @param source where the configuration values are read from
     * @return the request settings
     */
    public static RequestSettings read(Function<String, String> source) {
        return new RequestSettings(Parameters.ALLOWED_ORIGINS.read(source), Parameters.CHALLENGE_EXPIRY.read(source),
                Parameters.TRUSTED_PROXIES.read(source));
    }
}
