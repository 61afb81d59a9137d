package dev.stepwise.mfa.runtime.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The administration API and the exemptions it grants.
 *
 * @param role               {@code stepwise.mfa.admin-role}: the role that may use the admin API
 * @param exemptionMax       {@code stepwise.mfa.exemption.max-duration}: the longest exemption an admin may grant
 * @param exemptionEnrolHold {@code stepwise.mfa.exemption.enrol-hold}: how long a factor enrolled under an
 *                           exemption cannot answer a step-up
 */
public record AdminSettings(String role, Duration exemptionMax, Duration exemptionEnrolHold) {

    /**
     * Checks the components.
     * @param role {@code stepwise.mfa.admin-role}: the role that may use the admin API
     * @param exemptionMax {@code stepwise.mfa.exemption.max-duration}: the longest exemption an admin may grant
     * @param exemptionEnrolHold {@code stepwise.mfa.exemption.enrol-hold}: how long a factor enrolled under an exemption cannot answer a step-up
     */
    public AdminSettings {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(exemptionMax, "exemptionMax");
        Objects.requireNonNull(exemptionEnrolHold, "exemptionEnrolHold");
    }

    /**
     * Reads the administration parameters.
     *
     * @param source where the configuration values are read from
     * @return the admin settings
     */
    public static AdminSettings read(Function<String, String> source) {
        return new AdminSettings(Parameters.ADMIN_ROLE.read(source), Parameters.EXEMPTION_MAX.read(source),
                Parameters.EXEMPTION_ENROL_HOLD.read(source));
    }
}
