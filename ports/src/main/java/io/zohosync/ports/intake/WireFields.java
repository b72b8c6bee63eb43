package io.zohosync.ports.intake;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads typed fields out of a wire form, collecting a {@link FieldError} for each field of the wrong type. */
public final class WireFields {

    private final Map<String, Object> json;
    private final String path;
    private final List<FieldError> errors;

    private WireFields(Map<String, Object> json, String path, List<FieldError> errors) {
        this.json = json == null ? Map.of() : json;
        this.path = path;
        this.errors = errors;
    }

    public static WireFields of(Map<String, Object> json) {
        return new WireFields(json, "", new ArrayList<>());
    }

    /**
     * The longest text any field takes unless its mapping says less: Zoho's longest free-text fields (an
     * item's description, a note) stop at 2,000 characters. No field of any flow is unbounded.
     */
    public static final int MAX_TEXT = 2_000;

    /** A text field of at most {@value #MAX_TEXT} characters. */
    public String string(String field) {
        return string(field, MAX_TEXT);
    }

    /** A text field of at most {@code max} characters (UTF-16 units, as Zoho counts them): longer is refused, never cut. */
    public String string(String field, int max) {
        Object value = json.get(field);
        if (value != null && !(value instanceof String)) {
            return wrong(field, "must be a string");
        }
        String text = (String) value;
        if (text != null && text.length() > max) {
            // the text still goes on to the entity, whose own rules would otherwise report a field missing
            wrong(field, "must be at most " + max + " characters");
        }
        return text;
    }

    public Boolean bool(String field) {
        Object value = json.get(field);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        return wrong(field, "must be true or false");
    }

    /** The most digits, and decimal places, a number may have: more than any amount or quantity Zoho keeps. */
    static final int MAX_DIGITS = 20;

    static final int MAX_SCALE = 10;

    /**
     * A number given as a JSON number or a decimal string ("12.50"), of at most {@value #MAX_DIGITS} digits and
     * {@value #MAX_SCALE} decimal places: {@code 1e999999999} is refused here rather than expanded later.
     */
    public BigDecimal decimal(String field) {
        Object value = json.get(field);
        if (value == null) {
            return null;
        }
        BigDecimal number;
        try {
            number = value instanceof Number n
                    ? new BigDecimal(n.toString())
                    : value instanceof String s && s.length() <= 2 * MAX_DIGITS ? new BigDecimal(s.trim()) : null;
        } catch (NumberFormatException e) {
            number = null;
        }
        if (number == null) {
            return wrong(field, "must be a number");
        }
        BigDecimal plain = number.stripTrailingZeros();
        if (plain.precision() - plain.scale() > MAX_DIGITS || plain.scale() > MAX_SCALE) {
            return wrong(field, "must have at most " + MAX_DIGITS + " digits and " + MAX_SCALE + " decimal places");
        }
        return number;
    }

    /** A nested object's fields (empty when absent); errors in it are named {@code field.inner}. */
    @SuppressWarnings("unchecked")
    public WireFields object(String field) {
        Object value = json.get(field);
        if (value != null && !(value instanceof Map)) {
            wrong(field, "must be an object");
        }
        return new WireFields(
                value instanceof Map<?, ?> m ? (Map<String, Object>) m : null, path + field + ".", errors);
    }

    /** A list of nested objects (empty when absent); errors in one are named {@code field[i].inner}. */
    @SuppressWarnings("unchecked")
    public List<WireFields> objects(String field) {
        Object value = json.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            wrong(field, "must be a list");
            return List.of();
        }
        List<WireFields> objects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + field + "[" + i + "].";
            if (list.get(i) instanceof Map<?, ?> m) {
                objects.add(new WireFields((Map<String, Object>) m, at, errors));
            } else {
                errors.add(new FieldError(path + field + "[" + i + "]", "must be an object"));
            }
        }
        return objects;
    }

    /** Builds the entity; the field errors collected so far, and those the domain finds, come out as one {@link InvalidInput}. */
    public <E> E build(java.util.function.Supplier<E> entity) {
        // a rule broken here and in the domain (a length both know) is reported once
        Set<FieldError> all = new LinkedHashSet<>(errors);
        E built = null;
        try {
            built = entity.get();
        } catch (InvalidInput e) {
            all.addAll(e.errors());
        }
        if (!all.isEmpty()) {
            throw new InvalidInput(List.copyOf(all));
        }
        return built;
    }

    /** Runs a nested value's constructor, naming its errors under this object's path. */
    public <V> V nested(java.util.function.Supplier<V> value) {
        try {
            return value.get();
        } catch (InvalidInput e) {
            e.errors().forEach(error -> errors.add(new FieldError(path + error.field(), error.message())));
            return null;
        }
    }

    /** A map without null values, in insertion order: the canonical wire form drops absent fields. */
    public static Map<String, Object> compact(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            boolean empty = value == null || value instanceof Map<?, ?> m && m.isEmpty();
            if (!empty) {
                map.put((String) keysAndValues[i], value);
            }
        }
        return map;
    }

    private <T> T wrong(String field, String message) {
        errors.add(new FieldError(path + field, message));
        return null;
    }
}
