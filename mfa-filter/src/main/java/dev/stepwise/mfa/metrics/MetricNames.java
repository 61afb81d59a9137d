package dev.stepwise.mfa.metrics;

/**
 * The metric names (docs/operations.md), all under {@code stepwise.mfa.}, and their attributes: factor ids and
 * outcomes only, never a user name, an address or anything typed.
 */
public final class MetricNames {

    /** Counter: challenges issued (a user sent to the challenge page, an API client answered 401). */
    public static final String CHALLENGES_ISSUED = "stepwise.mfa.challenges.issued";
    /** Counter, attribute {@code factor}: factors verified. */
    public static final String FACTORS_VERIFIED = "stepwise.mfa.factors.verified";
    /** Counter, attribute {@code factor}: factors tried and refused. */
    public static final String FACTORS_FAILED = "stepwise.mfa.factors.failed";
    /** Counter, attribute {@code factor}: accounts locked by a failure with that factor. */
    public static final String LOCKOUTS = "stepwise.mfa.lockouts";
    /** Counter: second steps passed with a trusted-device cookie. */
    public static final String TRUSTED_DEVICE_SIGN_INS = "stepwise.mfa.trusted.device.sign.ins";
    /** Gauge: store failures since the application started (a count that only grows). */
    public static final String STORE_ERRORS = "stepwise.mfa.store.errors";
    /** Timer, attributes {@code factor} and {@code outcome}: how long an attempt's check took. */
    public static final String VERIFICATION_TIME = "stepwise.mfa.verification.time";
    /** The attribute naming the factor. */
    public static final String FACTOR = "factor";
    /** The attribute naming the check's outcome. */
    public static final String OUTCOME = "outcome";

    private MetricNames() {
    }
}
