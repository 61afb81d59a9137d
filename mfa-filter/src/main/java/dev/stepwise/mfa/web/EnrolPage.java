package dev.stepwise.mfa.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The model of {@code enroll.jsp}: a user without a factor is told what to set up.
 *
 * @param links       the forms' token and targets
 * @param factorNames display names of the offered factors, in page order
 */
public record EnrolPage(PageLinks links, Map<String, String> factorNames) {

    /**
     * Checks the components.
     * @param links the forms' token and targets
     * @param factorNames display names of the offered factors, in page order
     */
    public EnrolPage {
        Objects.requireNonNull(links, "links");
        factorNames = Collections.unmodifiableMap(new LinkedHashMap<>(factorNames));
    }
}
