package dev.stepwise.sample;

import dev.stepwise.mfa.cdi.MfaAccounts;
import dev.stepwise.mfa.event.MfaStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Seeds the demo once Stepwise MFA has started: bob already uses an authenticator app, with a secret that is
 * printed in the README so anyone trying the sample can add it to their app. (A real application never
 * publishes a secret; this one exists to be tried out.)
 */
@ApplicationScoped
public class DemoData {

    /** bob's TOTP secret, as an authenticator app shows it. Public on purpose: demo only. */
    public static final String BOB_TOTP_SECRET = "6OXW ET6Y JHUE 37TO QNUD BBLG NFT4 6M2A";

    private static final System.Logger LOG = System.getLogger(DemoData.class.getName());

    @Inject
    MfaAccounts accounts;

    /** The factors the library offers, once it has started. */
    private volatile List<String> factors = List.of();

    /**
     * Whether the library offers {@code factor} (for the account page's links).
     *
     * @param factor a factor id, e.g. {@code push}
     * @return whether it is among the factors offered
     */
    public boolean offers(String factor) {
        return factors.contains(factor);
    }

    void seed(@Observes MfaStarted started) {
        factors = List.copyOf(started.factors());
        if (started.factors().contains("totp")) {
            accounts.provisionTotp("bob", BOB_TOTP_SECRET);
        }
        LOG.log(System.Logger.Level.INFO, "Stepwise Bank is ready: open /bank/ and sign in as alice / alice-password "
                + "(no second factor yet), bob / bob-password (authenticator app, secret in the README) or "
                + "admin / admin-password");
    }
}
