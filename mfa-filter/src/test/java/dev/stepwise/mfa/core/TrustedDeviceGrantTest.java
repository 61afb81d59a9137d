package dev.stepwise.mfa.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link TrustedDeviceGrant#isValidAt}: trust ends at {@code expiresAt}, exclusive.
 */
class TrustedDeviceGrantTest {

    private static final Instant EXPIRES = Instant.parse("2025-03-31T10:00:00Z");
    private final TrustedDeviceGrant grant = new TrustedDeviceGrant("device-1", EXPIRES);

    @Test
    void isValidAtWhenAlmostExpiredThenValid() {
        assertThat(grant.isValidAt(EXPIRES.minusNanos(1))).isTrue();
    }

    @Test
    void isValidAtWhenExactlyExpiresAtThenInvalid() {
        assertThat(grant.isValidAt(EXPIRES)).isFalse();
    }

    @Test
    void isValidAtWhenJustExpiredThenInvalid() {
        assertThat(grant.isValidAt(EXPIRES.plusSeconds(1))).isFalse();
    }

    @Test
    void constructWhenComponentMissingThenNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new TrustedDeviceGrant(null, EXPIRES));
        assertThatNullPointerException().isThrownBy(() -> new TrustedDeviceGrant("device-1", null));
    }
}
