package io.zohosync.domain.common;

import java.util.List;

/** Domain rejection: input that breaks a rule, with every broken field named for the caller. */
public final class InvalidInput extends RuntimeException {

    /** One broken rule: the field's path (as the caller spelled it) and a sentence about it. */
    public record FieldError(String field, String message) {}

    private final transient List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(
                errors.isEmpty()
                        ? "invalid input"
                        : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
