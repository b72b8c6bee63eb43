package io.zohosync.adapters.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.domain.common.InvalidInput;
import io.zohosync.ports.in.SyncRecordView;
import java.util.List;

/** Reading request bodies and writing read models, field by field; JSON stays in this adapter. */
final class Json {

    private Json() {}

    /** A string field, or a 422 naming the field when it holds another type. */
    static String string(JsonObject json, String field, String path) {
        Object value = json.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw invalid(path + field, "must be a string");
    }

    static JsonObject object(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw invalid(field, "must be an object");
    }

    static Boolean bool(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw invalid(field, "must be true or false");
    }

    static Problem invalid(String field, String message) {
        return validation(List.of(new InvalidInput.FieldError(field, message)));
    }

    static Problem validation(List<InvalidInput.FieldError> errors) {
        JsonArray list = new JsonArray();
        errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
        return new Problem(422, "validation_failed", "the request breaks " + errors.size()
                + (errors.size() == 1 ? " rule" : " rules") + "; see errors", list);
    }

    static JsonObject record(SyncRecordView r) {
        return new JsonObject()
                .put("entity_type", r.entityType())
                .put("entity_id", r.entityId())
                .put("target", r.target())
                .put("status", r.status().wire())
                .put("zoho_id", r.zohoId())
                .put("attempts", r.attempts())
                .put("last_error", r.lastError())
                .put("next_run_at", r.nextRunAt() == null ? null : r.nextRunAt().toString())
                .put("updated_at", r.updatedAt() == null ? null : r.updatedAt().toString());
    }
}
