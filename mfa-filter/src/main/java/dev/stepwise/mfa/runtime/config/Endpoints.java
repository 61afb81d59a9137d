package dev.stepwise.mfa.runtime.config;

import dev.stepwise.mfa.core.net.ClientAddress;
import dev.stepwise.mfa.runtime.config.MfaConfigException;

import java.net.URI;
import java.net.URISyntaxException;

/** Other machines the library talks to or believes: the SMTP relay, the SMS gateway, reverse proxies. */
public final class Endpoints {

    private Endpoints() {
    }

    /** An SMTP relay's address. */
    public record SmtpRelay(String host, int port) {
    }

    /**
     * {@code host:port} of an SMTP relay, e.g. {@code 127.0.0.1:2525}.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the SMTP relay
     */
    public static SmtpRelay smtpRelay(String parameter, String value) {
        String format = "host:port of an SMTP relay, e.g. 127.0.0.1:2525";
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || !value.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw new MfaConfigException(parameter, value, format);
        }
        String host = value.substring(0, colon);
        int port = Integer.parseInt(value.substring(colon + 1));
        if (port < 1 || port > 65535 || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw new MfaConfigException(parameter, value, format);
        }
        return new SmtpRelay(host, port);
    }

    /**
     * An absolute URL with scheme and host.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return an absolute URL with scheme and host
     */
    public static URI absoluteUrl(String parameter, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new MfaConfigException(parameter, value, "an absolute https URL of the gateway");
    }

    /**
     * The gateway's JSON body: it must name the recipient and the message (or the bare code).
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the gateway's JSON body: it must name the recipient and the message (or the bare code)
     */
    public static String bodyTemplate(String parameter, String value) {
        if (!value.contains("{to}") || !(value.contains("{message}") || value.contains("{code}"))) {
            throw new MfaConfigException(parameter, value, "a body template naming {to} and {message} (or {code})");
        }
        return value;
    }

    /**
     * The reverse proxies whose forwarding headers are believed ({@code X-Forwarded-For}, {@code X-Forwarded-Proto},
     * {@code Forwarded}): IP addresses or CIDR blocks, separated by commas or white space; blank is none.
     *
     * @param parameter the name of the configuration parameter
     * @param value the parameter's value as configured
     * @return the reverse proxies whose forwarding headers are believed ({@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code Forwarded}): IP addresses or CIDR blocks, separated by commas or white space; blank is none
     */
    public static ClientAddress proxies(String parameter, String value) {
        try {
            return ClientAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MfaConfigException(parameter, value, "IP addresses or CIDR blocks of your reverse proxies, "
                    + "e.g. 10.0.0.0/8, 2001:db8::/32 (" + e.getMessage() + ")");
        }
    }
}
