package dev.stepwise.mfa.factor.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a gateway body template: one left-to-right pass, so a value that itself contains {@code {to}} is
 * never expanded again, and every value escaped for the content type (see {@link HttpGatewaySettings}).
 * Unknown {@code {…}} sequences are copied as they are (JSON templates are full of braces).
 */
final class GatewayBody {

    private enum Escaping { JSON, FORM, XML, NONE }

    private GatewayBody() {
    }

    static String render(String template, String contentType, Map<String, String> values) {
        Escaping escaping = escapingFor(contentType);
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i + 1);
                if (end > i) {
                    String value = values.get(template.substring(i + 1, end));
                    if (value != null) {
                        out.append(escape(value, escaping));
                        i = end + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static Escaping escapingFor(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        if (type.equals("application/json") || type.endsWith("+json")) {
            return Escaping.JSON;
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return Escaping.FORM;
        }
        if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
            return Escaping.XML;
        }
        return Escaping.NONE;
    }

    private static String escape(String value, Escaping escaping) {
        switch (escaping) {
            case FORM:
                return URLEncoder.encode(value, StandardCharsets.UTF_8);
            case JSON:
                return json(value);
            case XML:
                return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;").replace("'", "&apos;");
            default:
                return value;
        }
    }

    /** RFC 8259 §7 string escaping, without the surrounding quotes. */
    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
