package dev.stepwise.mfa.runtime.config;

/**
 * A context parameter has a value the library cannot use. Thrown at deployment, which then fails: a
 * misconfigured MFA layer must not start half-protecting an application.
 */
public final class MfaConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the context parameter's name
     * @param value     the rejected value (configuration, never a secret)
     * @param format    what is accepted
     */
    public MfaConfigException(String parameter, String value, String format) {
        super(parameter + ": '" + value + "' is not valid; expected " + format);
        this.parameter = parameter;
    }

    /** The name of the offending context parameter. */
    public String parameter() {
        return parameter;
    }
}
