package dev.stepwise.mfa.web;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
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
 * as the same text the page posts), {@code null} as absent. A number is copied as its JSON text; one the parser
 * cannot read as a number (more digits than it allows, an exponent beyond an {@code int}) is malformed (400), at any
 * level.
 */
final class JsonBody {

    /** The largest body accepted: 64 KiB. */
    static final int MAX_BYTES = 64 * 1024;
    /** The deepest nesting accepted (a WebAuthn credential needs three levels). */
    static final int MAX_DEPTH = 8;

    private final Map<String, String> members;
    private final Map<String, JsonValue.ValueType> types;

    private JsonBody(Map<String, String> members, Map<String, JsonValue.ValueType> types) {
        this.members = Collections.unmodifiableMap(members);
        this.types = Map.copyOf(types);
    }

    /** Reads and checks the request's body. */
    static JsonBody read(HttpServletRequest request) throws ApiProblem, IOException {
        return read(request, MAX_BYTES);
    }

    /** Reads and checks the request's body, of at most {@code maxBytes} (at most {@value #MAX_BYTES}). */
    static JsonBody read(HttpServletRequest request, int maxBytes) throws ApiProblem, IOException {
        requireJson(request.getContentType());
        int limit = Math.min(maxBytes, MAX_BYTES);
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit); // refused before reading anything
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(limit + 1); // a chunked body is cut off one byte past the limit
        }
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return parse(utf8(bytes));
    }

    /** The member {@code name} when it is a JSON string, else {@code null}. */
    String string(String name) {
        return type(name) == JsonValue.ValueType.STRING ? members.get(name) : null;
    }

    /** Whether the member {@code name} is present with a value other than {@code null}. */
    boolean has(String name) {
        return members.containsKey(name);
    }

    /** Whether the member {@code name} is present, {@code null} included. */
    boolean present(String name) {
        return types.containsKey(name);
    }

    /** The type of the member {@code name}'s value, or {@code null} when there is no such member. */
    JsonValue.ValueType type(String name) {
        return types.get(name);
    }

    /** Whether the member {@code name} is the JSON literal {@code true}. */
    boolean isTrue(String name) {
        return type(name) == JsonValue.ValueType.TRUE;
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
            Map<String, JsonValue.ValueType> types = new HashMap<>();
            while (parser.next() != JsonParser.Event.END_OBJECT) {
                String name = parser.getString(); // a KEY_NAME: the parser allows nothing else here
                if (types.containsKey(name)) {
                    throw duplicate();
                }
                types.put(name, member(parser, name, members));
            }
            if (parser.hasNext()) {
                throw ApiProblem.badRequest("The body must be one JSON object.");
            }
            return new JsonBody(members, types);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw ApiProblem.badRequest("The body is not well-formed JSON.");
        }
    }

    /** Reads the value of the member {@code name} into {@code members} (not a {@code null}); returns its type. */
    private static JsonValue.ValueType member(JsonParser parser, String name, Map<String, String> members)
            throws ApiProblem {
        JsonParser.Event value = parser.next();
        switch (value) {
            case VALUE_STRING -> members.put(name, parser.getString());
            case VALUE_NUMBER -> {
                number(parser); // checked, and kept as the JSON text it was sent as
                members.put(name, parser.getString());
            }
            case VALUE_TRUE -> members.put(name, "true");
            case VALUE_FALSE -> members.put(name, "false");
            case VALUE_NULL -> {
                return JsonValue.ValueType.NULL; // absent for the factor, but present: a second one is a duplicate
            }
            case START_OBJECT, START_ARRAY -> members.put(name, nested(parser, value));
            default -> throw ApiProblem.badRequest("The body is not well-formed JSON.");
        }
        return typeOf(value);
    }

    private static JsonValue.ValueType typeOf(JsonParser.Event value) {
        return switch (value) {
            case VALUE_STRING -> JsonValue.ValueType.STRING;
            case VALUE_NUMBER -> JsonValue.ValueType.NUMBER;
            case VALUE_TRUE -> JsonValue.ValueType.TRUE;
            case VALUE_FALSE -> JsonValue.ValueType.FALSE;
            case VALUE_NULL -> JsonValue.ValueType.NULL;
            case START_OBJECT -> JsonValue.ValueType.OBJECT;
            default -> JsonValue.ValueType.ARRAY;
        };
    }

    /**
     * The current number as the parser reads it; a number it cannot read (more digits than it allows, an exponent
     * beyond an {@code int}) is malformed input, answered 400 like any other, and logged nowhere.
     */
    private static BigDecimal number(JsonParser parser) throws ApiProblem {
        try {
            return parser.getBigDecimal();
        } catch (NumberFormatException | ArithmeticException | UnsupportedOperationException e) {
            throw ApiProblem.badRequest("The body has a number that cannot be read.");
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
            case VALUE_NUMBER -> writeValue(out, key, Json.createValue(number(parser)));
            case VALUE_TRUE -> writeValue(out, key, JsonValue.TRUE);
            case VALUE_FALSE -> writeValue(out, key, JsonValue.FALSE);
            case VALUE_NULL -> writeValue(out, key, JsonValue.NULL);
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

    private static void writeValue(JsonGenerator out, String key, JsonValue value) {
        if (key == null) {
            out.write(value);
        } else {
            out.write(key, value);
        }
    }

    private static ApiProblem duplicate() {
        return ApiProblem.badRequest("A member is named twice.");
    }

    /** The 413, naming the limit that applies here (64 KiB for the JSON API, less for smaller endpoints). */
    private static ApiProblem tooLarge(int limit) {
        String most = limit % 1024 == 0 ? limit / 1024 + " KiB" : limit + " bytes";
        return ApiProblem.of(413, "too-large", "Body too large", "The body may have at most " + most + ".");
    }

    private static ApiProblem unsupported() {
        return ApiProblem.of(415, "unsupported-media-type", "Unsupported media type",
                "Send the body as application/json (UTF-8).");
    }
}
