package dev.stepwise.mfa.web;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of a POST to the JSON challenge API, read with bounds (README "JSON challenge API"): the Content-Type must
 * be {@code application/json} (charset UTF-8 if one is named; 415 otherwise), at most {@value #MAX_BYTES} bytes are
 * accepted and never more than one byte beyond them is read (413), the bytes must be UTF-8 and one JSON object
 * (RFC 8259) with no member twice at any level and no more than {@value #MAX_DEPTH} levels (400). The JSON-P parser
 * reads it; this class only walks its events.
 *
 * <p>The members become the factor's input as the page's form fields would: a string as it is, a number or
 * boolean as its JSON text, an object or array as its JSON text (so a WebAuthn {@code credential} reaches the factor
 * as the same text the page posts), {@code null} as absent.
 */
final class JsonBody {

    /** The largest body accepted: 64 KiB. */
    static final int MAX_BYTES = 64 * 1024;
    /** The deepest nesting accepted (a WebAuthn credential needs three levels). */
    static final int MAX_DEPTH = 8;

    private final Map<String, String> members;
    private final Set<String> strings;

    private JsonBody(Map<String, String> members, Set<String> strings) {
        this.members = Collections.unmodifiableMap(members);
        this.strings = Set.copyOf(strings);
    }

    /** Reads and checks the request's body. */
    static JsonBody read(HttpServletRequest request) throws ApiProblem, IOException {
        requireJson(request.getContentType());
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge(); // refused before reading anything
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1); // a chunked body is cut off one byte past the limit
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return parse(utf8(bytes));
    }

    /** The member {@code name} when it is a JSON string, else {@code null}. */
    String string(String name) {
        return strings.contains(name) ? members.get(name) : null;
    }

    /** Whether the member {@code name} is present (not {@code null}). */
    boolean has(String name) {
        return members.containsKey(name);
    }

    /** Whether the member {@code name} is the JSON literal {@code true}. */
    boolean isTrue(String name) {
        return !strings.contains(name) && "true".equals(members.get(name));
    }

    /** The members as a factor's input. */
    Map<String, String> input() {
        return members;
    }

    static void requireJson(String contentType) throws ApiProblem {
        if (contentType == null) {
            throw unsupported();
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw unsupported();
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            String name = pair[0].trim().toLowerCase(Locale.ROOT);
            String value = pair.length < 2 ? "" : pair[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
            if (name.equals("charset") && !value.equals("utf-8")) {
                throw unsupported();
            }
        }
    }

    private static String utf8(byte[] bytes) throws ApiProblem {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.badRequest("The body is not UTF-8.");
        }
    }

    static JsonBody parse(String text) throws ApiProblem {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw ApiProblem.badRequest("The body must be one JSON object.");
            }
            Map<String, String> members = new LinkedHashMap<>();
            Set<String> strings = new HashSet<>();
            JsonParser.Event event;
            while ((event = parser.next()) != JsonParser.Event.END_OBJECT) {
                String name = parser.getString(); // a KEY_NAME: the parser allows nothing else here
                if (members.containsKey(name) || strings.contains(name)) {
                    throw duplicate();
                }
                member(parser, name, members, strings);
            }
            if (parser.hasNext()) {
                throw ApiProblem.badRequest("The body must be one JSON object.");
            }
            return new JsonBody(members, strings);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw ApiProblem.badRequest("The body is not well-formed JSON.");
        }
    }

    private static void member(JsonParser parser, String name, Map<String, String> members, Set<String> strings)
            throws ApiProblem {
        JsonParser.Event value = parser.next();
        switch (value) {
            case VALUE_STRING -> {
                members.put(name, parser.getString());
                strings.add(name);
            }
            case VALUE_NUMBER -> members.put(name, parser.getString());
            case VALUE_TRUE -> members.put(name, "true");
            case VALUE_FALSE -> members.put(name, "false");
            case VALUE_NULL -> strings.add(name); // absent, but taken: a second one is still a duplicate
            case START_OBJECT, START_ARRAY -> members.put(name, nested(parser, value));
            default -> throw ApiProblem.badRequest("The body is not well-formed JSON.");
        }
    }

    /** The nested value that starts with {@code start}, as JSON text, checked for depth and duplicate members. */
    private static String nested(JsonParser parser, JsonParser.Event start) throws ApiProblem {
        StringWriter text = new StringWriter();
        Deque<Set<String>> objects = new ArrayDeque<>(); // names seen per open object; an empty set for an array
        try (JsonGenerator out = Json.createGenerator(text)) {
            JsonParser.Event event = start;
            String key = null;
            do {
                key = copy(parser, event, out, objects, key);
                if (objects.size() + 1 > MAX_DEPTH) {
                    throw ApiProblem.badRequest("The body is nested too deeply.");
                }
                event = objects.isEmpty() ? null : parser.next();
            } while (event != null);
        }
        return text.toString();
    }

    /** Copies one event to {@code out}; returns the pending member name (after a KEY_NAME), else {@code null}. */
    private static String copy(JsonParser parser, JsonParser.Event event, JsonGenerator out,
                               Deque<Set<String>> objects, String key) throws ApiProblem {
        switch (event) {
            case KEY_NAME -> {
                String name = parser.getString();
                if (objects.isEmpty() || !objects.peek().add(name)) {
                    throw duplicate();
                }
                return name;
            }
            case START_OBJECT -> {
                objects.push(new HashSet<>());
                start(out, key, true);
            }
            case START_ARRAY -> {
                objects.push(new HashSet<>());
                start(out, key, false);
            }
            case END_OBJECT, END_ARRAY -> {
                objects.pop();
                out.writeEnd();
            }
            case VALUE_STRING -> writeValue(out, key, Json.createValue(parser.getString()));
            case VALUE_NUMBER -> writeValue(out, key, Json.createValue(parser.getBigDecimal()));
            case VALUE_TRUE -> writeValue(out, key, jakarta.json.JsonValue.TRUE);
            case VALUE_FALSE -> writeValue(out, key, jakarta.json.JsonValue.FALSE);
            case VALUE_NULL -> writeValue(out, key, jakarta.json.JsonValue.NULL);
            default -> throw ApiProblem.badRequest("The body is not well-formed JSON.");
        }
        return null;
    }

    private static void start(JsonGenerator out, String key, boolean object) {
        if (key == null) {
            if (object) {
                out.writeStartObject();
            } else {
                out.writeStartArray();
            }
        } else if (object) {
            out.writeStartObject(key);
        } else {
            out.writeStartArray(key);
        }
    }

    private static void writeValue(JsonGenerator out, String key, jakarta.json.JsonValue value) {
        if (key == null) {
            out.write(value);
        } else {
            out.write(key, value);
        }
    }

    private static ApiProblem duplicate() {
        return ApiProblem.badRequest("A member is named twice.");
    }

    private static ApiProblem tooLarge() {
        return ApiProblem.of(413, "too-large", "Body too large", "The body may have at most 64 KiB.");
    }

    private static ApiProblem unsupported() {
        return ApiProblem.of(415, "unsupported-media-type", "Unsupported media type",
                "Send the body as application/json (UTF-8).");
    }
}
