package dev.stepwise.mfa.runtime.config;

/**
 * Turns one context parameter's text into its value.
 *
 * @param <T> the parsed value's type
 */
@FunctionalInterface
public interface ValueParser<T> {

    /**
     * @param parameter the parameter's name, for the error
     * @param value     the trimmed text
     * @return the t
     * @throws dev.stepwise.mfa.runtime.config.MfaConfigException naming the parameter and the accepted format
     */
    T parse(String parameter, String value);
}
