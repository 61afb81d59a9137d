package dev.stepwise.mfa.web;

import dev.stepwise.mfa.factor.webauthn.WebAuthnFactor;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writing the JSON challenge API's answers: UTF-8, never cached, and a factor's page model as a JSON object.
 */
final class ApiJson {

    static final String JSON = "application/json";

    /** The member of a view that holds WebAuthn's request options as an object. */
    static final String OPTIONS = "options";

    private ApiJson() {
    }

    /** Writes {@code json} as UTF-8 with {@code contentType}, not to be cached. */
    static void write(HttpServletResponse response, String contentType, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Writes a 200 with {@code body}. */
    static void ok(HttpServletResponse response, JsonObjectBuilder body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        write(response, JSON, body.build().toString());
    }

    /**
     * A factor's {@code ChallengeView} model as JSON: strings, numbers and booleans as they are, anything else as
     * its text; WebAuthn's request options (a JSON text in the model) as the object {@value #OPTIONS}, ready for
     * {@code PublicKeyCredential.parseRequestOptionsFromJSON}. Sorted by key, so the answer does not vary.
     */
    static JsonObjectBuilder view(Map<String, Object> model) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        new TreeMap<>(model).forEach((key, value) -> {
            if (key.equals(WebAuthnFactor.OPTIONS) && value instanceof String options) {
                json.add(OPTIONS, object(options));
            } else if (value instanceof String s) {
                json.add(key, s);
            } else if (value instanceof Boolean b) {
                json.add(key, b);
            } else if (value instanceof Integer || value instanceof Long) {
                json.add(key, ((Number) value).longValue());
            } else if (value != null) {
                json.add(key, String.valueOf(value));
            }
        });
        return json;
    }

    private static jakarta.json.JsonValue object(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new IllegalStateException("the factor's request options are not a JSON object", e);
        }
    }
}
