package dev.stepwise.sample;

import dev.stepwise.mfa.factor.email.EmailAddressDirectory;
import dev.stepwise.mfa.factor.sms.PhoneNumberDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Tells Stepwise MFA where to send codes: the library does not own user profiles, the application does. Used
 * only when {@code email} or {@code sms} is in {@code stepwise.mfa.factors}.
 */
@ApplicationScoped
public class Contacts implements EmailAddressDirectory, PhoneNumberDirectory {

    @Inject
    Bank bank;

    @Override
    public Optional<String> addressOf(String user) {
        return Optional.ofNullable(bank.email(user));
    }

    @Override
    public Optional<String> phoneNumberOf(String user) {
        return bank.phone(user);
    }
}
