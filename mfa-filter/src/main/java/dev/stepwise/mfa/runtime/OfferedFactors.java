package dev.stepwise.mfa.runtime;

import dev.stepwise.mfa.runtime.config.Parameters;
import dev.stepwise.mfa.factor.Factor;
import dev.stepwise.mfa.runtime.config.MfaConfig;
import dev.stepwise.mfa.runtime.config.MfaConfigException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which of the available factors this deployment offers ({@code stepwise.mfa.factors}), in page order. */
final class OfferedFactors {

    private OfferedFactors() {
    }

    /**
     * The configured factors that exist, by id, in the configured order.
     *
     * @throws MfaConfigException when the parameter names a factor that does not exist, or none exists at all
     */
    static Map<String, Factor> select(MfaConfig config, Map<String, Factor> available) {
        Map<String, Factor> offered = new LinkedHashMap<>();
        for (String id : config.factors().ids()) {
            if (available.containsKey(id)) {
                offered.put(id, available.get(id));
            } else if (config.factors().configured()) {
                throw new MfaConfigException(Parameters.FACTORS.name(), String.join(",", config.factors().ids()),
                        "ids of available factors; '" + id + "' is not available (available: "
                                + String.join(", ", available.keySet()) + ")");
            }
        }
        if (offered.isEmpty()) {
            throw new MfaConfigException(Parameters.FACTORS.name(), String.join(",", config.factors().ids()),
                    "at least one available factor (available: " + String.join(", ", available.keySet()) + ")");
        }
        return offered;
    }
}
