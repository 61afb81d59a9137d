package dev.stepwise.mfa.core.risk;

import java.time.ZoneId;
import java.util.Optional;

/**
 * The application's knowledge of each user's time zone, for {@code unusual-time}. Optional: add it as a CDI bean
 * when the application stores a zone per user (a profile setting); users it does not know, and applications
 * without it, use {@code stepwise.mfa.adaptive.time-zone}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class ProfileZones implements UserTimeZones {
 *     @Inject Profiles profiles;
 *     public Optional<ZoneId> zoneOf(String user) {
 *         return profiles.find(user).map(Profile::zone);
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface UserTimeZones {

    /**
     * The user's time zone, if the application knows it.
     *
     * @param user the user name (the container's caller principal name)
     * @return the zone, or empty
     */
    Optional<ZoneId> zoneOf(String user);
}
