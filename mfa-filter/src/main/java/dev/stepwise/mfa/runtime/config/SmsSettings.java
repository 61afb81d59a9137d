package dev.stepwise.mfa.runtime.config;

import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * The built-in SMS/voice HTTP gateway. The authorization header's value is a secret and comes from the system
 * property {@code stepwise.mfa.sms.gateway.auth} or the variable {@code STEPWISE_MFA_SMS_GATEWAY_AUTH}, never
 * from a context parameter.
 *
 * @param gatewayUrl   {@code stepwise.mfa.sms.gateway.url}, or {@code null} when an application
 *                     {@code CodeSender} bean is used
 * @param authHeader   {@code stepwise.mfa.sms.gateway.auth-header}: the header that carries the credential
 * @param bodyTemplate {@code stepwise.mfa.sms.gateway.template}: the JSON body with {@code {to}},
 *                     {@code {message}}, {@code {code}}, {@code {channel}}
 */
public record SmsSettings(URI gatewayUrl, String authHeader, String bodyTemplate) {

    /**
     * Checks the components.
     * @param gatewayUrl {@code stepwise.mfa.sms.gateway.url}, or {@code null} when an application {@code CodeSender} bean is used
     * @param authHeader {@code stepwise.mfa.sms.gateway.auth-header}: the header that carries the credential
     * @param bodyTemplate {@code stepwise.mfa.sms.gateway.template}: the JSON body with {@code {to}}, {@code {message}}, {@code {code}}, {@code {channel}}
     */
    public SmsSettings {
        Objects.requireNonNull(authHeader, "authHeader");
        Objects.requireNonNull(bodyTemplate, "bodyTemplate");
    }

    /**
     * Reads the SMS gateway parameters.
     *
     * @param source where the configuration values are read from
     * @return the SMS settings
     */
    public static SmsSettings read(Function<String, String> source) {
        return new SmsSettings(Parameters.SMS_GATEWAY_URL.read(source),
                Parameters.SMS_GATEWAY_AUTH_HEADER.read(source), Parameters.SMS_GATEWAY_TEMPLATE.read(source));
    }
}
