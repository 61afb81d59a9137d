package dev.stepwise.mfa.factor.email;

import java.util.Optional;

/**
 * Where the email factor finds a user's address. The application implements it: the library does not own user
 * profiles. Return only an address the user has confirmed (a verified address is what makes email a factor at
 * all), and return empty when there is none — the email factor then counts as not enrolled.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class UserEmails implements EmailAddressDirectory {
 *     @Inject UserRepository users;
 *
 *     public Optional<String> addressOf(String user) {
 *         return users.find(user).filter(User::emailVerified).map(User::email);
 *     }
 * }
 * }</pre>
 *
 * <p>Called on every challenge; it should be quick and must be thread-safe.
 */
@FunctionalInterface
public interface EmailAddressDirectory {

    /**
     * The confirmed address of {@code user} (the principal name), or empty.
     *
     * @param user the user name (the container's caller principal name)
     * @return the confirmed address of {@code user} (the principal name), or empty
     */
    Optional<String> addressOf(String user);
}
