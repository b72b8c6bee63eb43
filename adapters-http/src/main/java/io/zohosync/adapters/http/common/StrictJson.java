package io.zohosync.adapters.http.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body to the plain Java values the ports speak (maps, lists, strings, numbers, booleans, nulls),
 * read with Jackson's streaming parser under RFC 8259 and nothing more: no comments, no single quotes, no
 * trailing commas, no second value after the first, no key given twice (which of the two would count is
 * anyone's guess). Text is refused where storage or Zoho would not keep it as sent: a NUL or another C0
 * control other than tab, line feed and carriage return, or an unpaired surrogate. Numbers stay exact.
 */
final class StrictJson {

    /** No platform entity nests this deep; a body that does is refused before any recursion can hurt. */
    static final int MAX_DEPTH = 32;

    /** Longer than any amount; a 5,000-digit number is refused by the parser before it is converted. */
    private static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private StrictJson() {}

    /** The JSON object in {@code text}; a {@link Problem} when it is anything else. */
    static Map<String, Object> object(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed("the body is empty; send a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                throw malformed("the body must be a JSON object");
            }
            Map<String, Object> object = object(parser, "");
            if (parser.nextToken() != null) {
                throw malformed("the body holds something after its JSON object");
            }
            return object;
        } catch (IOException e) {
            // Jackson's message may quote the body; the position is enough to find the fault
            var at = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getLocation() : null;
            throw malformed("the body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    private static Map<String, Object> object(JsonParser parser, String path) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String key = storable(parser.currentName(), path + "(a key)");
            if (object.containsKey(key)) {
                throw malformed("the key '" + path + key + "' is given twice");
            }
            parser.nextToken();
            object.put(key, value(parser, path + key));
        }
        return Collections.unmodifiableMap(object);
    }

    private static List<Object> array(JsonParser parser, String path) throws IOException {
        List<Object> array = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(parser, path + "[" + array.size() + "]"));
        }
        return Collections.unmodifiableList(array);
    }

    private static Object value(JsonParser parser, String path) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser, path + ".");
            case START_ARRAY -> array(parser, path);
            case VALUE_STRING -> storable(parser.getText(), path);
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> decimal(parser, path);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw malformed("the body is not valid JSON");
        };
    }

    /** A decimal exactly as written ("0.1" is 0.1, not the double nearest it); one beyond a double's range is refused. */
    private static BigDecimal decimal(JsonParser parser, String path) throws IOException {
        if (Double.isInfinite(parser.getDoubleValue())) {
            throw malformed("the body holds a number too large to read at " + path);
        }
        return parser.getDecimalValue();
    }

    private static String storable(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)) {
                throw Problem.invalid(
                        field, "must be text without NUL or other control characters, or unpaired surrogates");
            }
        }
        return text;
    }

    private static Problem malformed(String detail) {
        return new Problem(400, "malformed_json", detail);
    }
}
