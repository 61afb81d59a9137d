package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.runtime.config.MfaConfigException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Which of the configured factor ids are offered, given the factors that exist. */
public final class OfferedFactors {

    private OfferedFactors() {
    }

    /**
     * The ids of {@code settings} that name an available factor, in the configured order. Ids that name none
     * are skipped when they are the defaults (an application need not have every built-in factor) and refused
     * when {@code stepwise.mfa.factors} names them.
     *
     * @param available ids of the factors that exist
     * @param settings the settings
     * @return the ids of {@code settings} that name an available factor, in the configured order
     * @throws MfaConfigException when a configured id names no available factor, or no id does
     */
    public static List<String> select(FactorSettings settings, Collection<String> available) {
        String name = Parameters.FACTORS.name();
        String value = String.join(",", settings.ids());
        List<String> offered = new ArrayList<>();
        for (String id : settings.ids()) {
            if (available.contains(id)) {
                offered.add(id);
            } else if (settings.configured()) {
                throw new MfaConfigException(name, value, "ids of available factors; '" + id
                        + "' is not available (available: " + String.join(", ", available) + ")");
            }
        }
        if (offered.isEmpty()) {
            throw new MfaConfigException(name, value,
                    "at least one available factor (available: " + String.join(", ", available) + ")");
        }
        return offered;
    }
}
