package dev.stepwise.mfa.runtime.config;

/**
 * A parameter has a value the library cannot use. Thrown at deployment, which then fails: a
 * misconfigured MFA layer must not start half-protecting an application.
 */
public final class MfaConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The parameter. */
    private final String parameter;

    /** The located. */
    private final boolean located;

    /**
     * @param parameter the parameter's name
     * @param value     the rejected value (configuration, never a secret)
     * @param format    what is accepted
     */
    public MfaConfigException(String parameter, String value, String format) {
        this(parameter, parameter + ": '" + value + "' is not valid; expected " + format, (MfaConfigException) null);
    }

    private MfaConfigException(String parameter, String message, MfaConfigException cause) {
        super(message, cause);
        this.parameter = parameter;
        this.located = cause != null;
    }

    /**
     * The same error saying where the value came from, e.g. {@code web.xml context parameter} or {@code
     * MicroProfile Config source EnvConfigSource}.
     *
     * @param origin where the parameter's value was found (never the value itself)
     * @return the same error saying where the value came from, e.g. {@code web.xml context parameter} or {@code MicroProfile Config source EnvConfigSource}
     */
    public MfaConfigException from(String origin) {
        return new MfaConfigException(parameter, getMessage() + " (value from the " + origin + ")", this);
    }

    /** Whether the message already says where the value came from ({@link #from}). */
    boolean located() {
        return located;
    }

    /** {@return the name of the offending parameter} */
    public String parameter() {
        return parameter;
    }
}
