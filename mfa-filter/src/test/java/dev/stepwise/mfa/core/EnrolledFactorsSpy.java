package dev.stepwise.mfa.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@link EnrolledFactors} that answers a fixed set and records who was asked about, so tests can prove
 * that a granted decision never reaches the store.
 */
final class EnrolledFactorsSpy implements EnrolledFactors {

    private final Set<String> factors;
    private final List<String> askedFor = new ArrayList<>();

    private EnrolledFactorsSpy(Set<String> factors) {
        this.factors = factors;
    }

    /** A user who has enrolled {@code ids}. */
    static EnrolledFactorsSpy having(String... ids) {
        return new EnrolledFactorsSpy(Set.of(ids));
    }

    /** A user who has enrolled nothing. */
    static EnrolledFactorsSpy nothing() {
        return having();
    }

    @Override
    public Set<String> of(String user) {
        askedFor.add(user);
        return factors;
    }

    /** The users asked about, one entry per call. */
    List<String> askedFor() {
        return List.copyOf(askedFor);
    }
}
