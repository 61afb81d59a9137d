package dev.stepwise.sample;

import dev.stepwise.mfa.StepUp;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sample's accounts: balances, email addresses and the transfers each user made. */
@ApplicationScoped
public class Bank {

    /** One transfer. */
    public record Transfer(String to, BigDecimal amount) {
    }

    private final Map<String, BigDecimal> balances = new ConcurrentHashMap<>();
    private final Map<String, String> emails = new ConcurrentHashMap<>();
    private final Map<String, String> phones = new ConcurrentHashMap<>();
    private final Map<String, List<Transfer>> transfers = new ConcurrentHashMap<>();

    public BigDecimal balance(String user) {
        return balances.getOrDefault(user, OPENING);
    }

    public String email(String user) {
        return emails.getOrDefault(user, user + "@bank.example");
    }

    /** The user's mobile number (E.164), if they gave one. */
    public java.util.Optional<String> phone(String user) {
        return java.util.Optional.ofNullable(phones.get(user));
    }

    /** Changing the phone number is risky: it is where codes go. */
    @StepUp(reason = "change-phone")
    public void changePhone(String user, String phone) {
        if (phone == null || !phone.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("not a phone number in international format (+4915112345678)");
        }
        phones.put(user, phone);
    }

    public List<Transfer> transfers(String user) {
        return List.copyOf(transfers.getOrDefault(user, List.of()));
    }

    /** Changing the email address is risky: it is where password resets go. */
    @StepUp(reason = "change-email")
    public void changeEmail(String user, String email) {
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("not an email address");
        }
        emails.put(user, email);
    }

    /**
     * One line of a statement: a transfer and the balance after it.
     *
     * @param transfer the transfer
     * @param balance the balance after it
     */
    public record StatementLine(Transfer transfer, BigDecimal balance) {
    }

    /** The opening balance every account starts with. */
    public static final BigDecimal OPENING = new BigDecimal("1000.00");

    /** The user's transfers, oldest first, each with the balance after it. */
    public List<StatementLine> statement(String user) {
        List<StatementLine> lines = new ArrayList<>();
        BigDecimal running = OPENING;
        for (Transfer t : transfers(user)) {
            running = running.subtract(t.amount());
            lines.add(new StatementLine(t, running));
        }
        return lines;
    }

    /** Records a transfer; the step-up is on the JAX-RS resource that calls this. */
    public synchronized Transfer transfer(String user, String to, BigDecimal amount) {
        if (amount.signum() <= 0 || to == null || to.isBlank()) {
            throw new IllegalArgumentException("a transfer needs a recipient and a positive amount");
        }
        balances.put(user, balance(user).subtract(amount));
        Transfer t = new Transfer(to, amount);
        transfers.computeIfAbsent(user, u -> new ArrayList<>()).add(t);
        return t;
    }
}
