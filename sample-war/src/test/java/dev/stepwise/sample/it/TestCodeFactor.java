package dev.stepwise.sample.it;

import dev.stepwise.mfa.factor.ChallengeContext;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.factor.Verification;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * A factor for in-container tests of the spine only: users {@code alice} and {@code admin} have it (and the
 * {@link TestUsers} whose names say so), and {@link #CODE} proves it. It exercises the {@link Factor} SPI exactly
 * as a real factor does.
 */
@ApplicationScoped
public class TestCodeFactor implements Factor {

    public static final String ID = "testcode";
    public static final String CODE = "424242";
    static final Set<String> ENROLLED = Set.of("alice", "admin");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean isEnrolled(String user) {
        return ENROLLED.contains(user) || TestUsers.hasTestCode(user);
    }

    @Override
    public Verification verify(String user, Map<String, String> input, ChallengeContext ctx) {
        String code = input.getOrDefault("code", "").trim();
        boolean ok = isEnrolled(user) && MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8),
                CODE.getBytes(StandardCharsets.UTF_8));
        return ok ? Verification.accepted() : Verification.rejected("stepwise.mfa.error.code");
    }
}
