package dev.stepwise.mfa.core;

import dev.stepwise.mfa.RequiresMfa;
import dev.stepwise.mfa.StepUp;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@link RequiresMfa} and {@link StepUp} on a class and a method into a {@link Requirement}. Used by
 * the filter (for servlet classes, {@code doXxx} and {@code service} methods, once per servlet at startup) and by
 * the interceptor (once per method), so both read the annotations the same way.
 *
 * <p>Rules: the method's annotations win over the class's; on one element {@code @StepUp} wins over
 * {@code @RequiresMfa} (it is the stricter). Class annotations are {@code @Inherited}.
 */
public final class AnnotatedRequirements {

    private final Duration defaultMaxAge;

    /** @param defaultMaxAge for {@code @StepUp} without {@code maxAge} */
    public AnnotatedRequirements(Duration defaultMaxAge) {
        this.defaultMaxAge = Objects.requireNonNull(defaultMaxAge, "defaultMaxAge");
    }

    /**
     * The requirement for calling {@code method} on {@code type} (method may be {@code null}: class only).
     *
     * @param type the type
     * @param method the HTTP method
     * @return the requirement for calling {@code method} on {@code type} (method may be {@code null}: class only)
     * @throws IllegalArgumentException if a {@code maxAge} is not an ISO-8601 duration; the message names the
     *                                  annotated element
     */
    public Optional<Requirement> resolve(Class<?> type, Method method) {
        if (method != null) {
            Optional<Requirement> onMethod = declaredOn(method);
            if (onMethod.isPresent()) {
                return onMethod;
            }
        }
        return of(type, type.getName());
    }

    /**
     * The requirement of the annotations on {@code method} itself, without its class's (for a method that applies in
     * addition to another, such as a servlet's {@code service}).
     *
     * @param method the HTTP method
     * @return the requirement of the annotations on {@code method} itself, without its class's (for a method that applies in addition to another, such as a servlet's {@code service})
     * @throws IllegalArgumentException if a {@code maxAge} is not an ISO-8601 duration
     */
    public Optional<Requirement> declaredOn(Method method) {
        return of(method, method.getDeclaringClass().getName() + "#" + method.getName());
    }

    private Optional<Requirement> of(AnnotatedElement element, String where) {
        StepUp stepUp = element.getAnnotation(StepUp.class);
        if (stepUp != null) {
            Duration maxAge = stepUp.maxAge().isEmpty() ? defaultMaxAge : parseMaxAge(stepUp.maxAge(), where);
            return Optional.of(new Requirement(Requirement.Kind.STEP_UP, setOf(stepUp.factors()), Set.of(),
                    maxAge, stepUp.reason(), stepUp.trustedDeviceSatisfies()));
        }
        RequiresMfa mfa = element.getAnnotation(RequiresMfa.class);
        if (mfa != null) {
            return Optional.of(new Requirement(Requirement.Kind.MFA, setOf(mfa.factors()), setOf(mfa.roles()),
                    null, mfa.reason(), mfa.trustedDeviceSatisfies()));
        }
        return Optional.empty();
    }

    /**
     * The attribute values as a set. Not {@code Set.of(array)}: that throws on a repeated entry
     * ({@code factors = {"totp", "totp"}}) with a message that names neither the attribute nor the element.
     */
    private static Set<String> setOf(String[] values) {
        return new LinkedHashSet<>(Arrays.asList(values));
    }

    private static Duration parseMaxAge(String value, String where) {
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                throw new IllegalArgumentException("@StepUp(maxAge = \"" + value + "\") on " + where
                        + " is negative; expected a positive ISO-8601 duration such as PT5M");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("@StepUp(maxAge = \"" + value + "\") on " + where
                    + " is not an ISO-8601 duration; expected e.g. PT5M or PT30S", e);
        }
    }
}
