package dev.stepwise.mfa.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything one endpoint asks of its caller: the requirement of its annotation and that of a
 * {@code stepwise.mfa.protect} pattern, or of a servlet's {@code service} method and its {@code doXxx}. They
 * combine, never replace: <em>each</em> must hold. Deciding them decides each in order; the first that is not
 * granted answers (its challenge carries its own factors, {@code maxAge} and reason), so the endpoint is never
 * looser than any one of them — a role scope, a factor restriction or a shorter {@code maxAge} of one is never
 * dropped because another applies too.
 *
 * <pre>{@code
 * Requirements r = Requirements.of(annotated, pattern);          // nulls are skipped
 * Decision d = r.decide(each -> policy.decide(each, caller, state, enrolled, exemption));
 * }</pre>
 *
 * @param all the requirements in the order they are decided (annotation first: its reason tells the user more)
 */
public record Requirements(List<Requirement> all) {

    /** Nothing is required. */
    public static final Requirements NONE = new Requirements(List.of());

    /**
     * Copies the mutable components.
     *
     * @param all the requirements in the order they are decided (annotation first: its reason tells the user more)
     */
    public Requirements {
        all = List.copyOf(all);
    }

    /**
     * Nothing is required: {@link #NONE}.
     *
     * @return the requirements
     */
    public static Requirements none() {
        return NONE;
    }

    /**
     * The given requirements, in this order, without {@code null}s and repeats.
     *
     * @param requirements the requirements
     * @return the given requirements, in this order, without {@code null}s and repeats
     */
    public static Requirements of(Requirement... requirements) {
        return NONE.and(requirements);
    }

    /**
     * These requirements and, after them, {@code more} (without {@code null}s and repeats).
     *
     * @param more the more
     * @return these requirements and, after them, {@code more} (without {@code null}s and repeats)
     */
    public Requirements and(Requirement... more) {
        List<Requirement> combined = new ArrayList<>(all);
        for (Requirement r : more) {
            if (r != null && !combined.contains(r)) {
                combined.add(r);
            }
        }
        return combined.size() == all.size() ? this : new Requirements(combined);
    }

    /**
     * These requirements and then those of {@code more}.
     *
     * @param more the more
     * @return these requirements and then those of {@code more}
     */
    public Requirements and(Requirements more) {
        return and(more.all.toArray(Requirement[]::new));
    }

    /** {@return whether nothing is required (the endpoint is not protected)} */
    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * Decides each requirement with {@code decideOne}, in order, and returns the first decision that is not a
     * grant. When all are granted: an {@link Decision.Granted.Why#EXEMPT} grant if one of them was waived by an
     * exemption (so the adapter audits the waiver), else the first grant of a requirement that applied (a factor,
     * a trusted device); {@code NOT_APPLICABLE} when none applied or there is nothing to decide.
     *
     * @param decideOne the decide one
     * @return the decision
     */
    public Decision decide(Function<Requirement, Decision> decideOne) {
        Objects.requireNonNull(decideOne, "decideOne");
        Decision first = null;
        boolean waived = false;
        for (Requirement requirement : all) {
            Decision d = Objects.requireNonNull(decideOne.apply(requirement), "decision");
            if (!(d instanceof Decision.Granted granted)) {
                return d;
            }
            if (first == null && granted.why() != Decision.Granted.Why.NOT_APPLICABLE) {
                first = d;
            }
            waived |= granted.why() == Decision.Granted.Why.EXEMPT;
        }
        if (first == null) {
            return new Decision.Granted(Decision.Granted.Why.NOT_APPLICABLE);
        }
        return waived ? new Decision.Granted(Decision.Granted.Why.EXEMPT) : first;
    }
}
