package dev.stepwise.mfa.factor.sms;

import java.util.Optional;

/**
 * Where the SMS factor finds a user's phone number. The application implements it: the library does not own user
 * profiles. Return only a number the user has confirmed (by a code sent to it), in E.164 form
 * ({@code +4915112345678}); return empty when there is none — the SMS factor then counts as not enrolled.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class UserPhones implements PhoneNumberDirectory {
 *     @Inject UserRepository users;
 *
 *     public Optional<String> phoneNumberOf(String user) {
 *         return users.find(user).filter(User::phoneVerified).map(User::phoneE164);
 *     }
 * }
 * }</pre>
 *
 * <p>Called on every challenge; it should be quick and must be thread-safe.
 */
@FunctionalInterface
public interface PhoneNumberDirectory {

    /**
     * The confirmed number of {@code user} (the principal name) in E.164 form, or empty.
     *
     * @param user the user name (the container's caller principal name)
     * @return the confirmed number of {@code user} (the principal name) in E.164 form, or empty
     */
    Optional<String> phoneNumberOf(String user);
}
