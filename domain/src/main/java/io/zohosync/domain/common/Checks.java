package io.zohosync.domain.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects broken rules on input and throws them together as one {@link InvalidInput}. */
public final class Checks {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final List<InvalidInput.FieldError> errors = new ArrayList<>();

    public Checks required(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new InvalidInput.FieldError(field, "is required"));
        }
        return this;
    }

    /**
     * An identifier that travels in paths, headers and Zoho markers: no control characters and no line or
     * paragraph separators (a line break in an id would end a header, or hide a marker on a line of its own).
     */
    public Checks identifier(String field, String value) {
        if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            errors.add(new InvalidInput.FieldError(field, "must not contain control characters or line breaks"));
        }
        return this;
    }

    public Checks maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new InvalidInput.FieldError(field, "must be at most " + max + " characters"));
        }
        return this;
    }

    public Checks email(String field, String value) {
        if (value != null && !value.isBlank() && !EMAIL.matcher(value.trim()).matches()) {
            errors.add(new InvalidInput.FieldError(field, "is not an email address"));
        }
        return this;
    }

    public Checks rule(boolean holds, String field, String message) {
        if (!holds) {
            errors.add(new InvalidInput.FieldError(field, message));
        }
        return this;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
