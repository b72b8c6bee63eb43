package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * CRM insert, update and upsert of up to 100 records a call, each answered on its own ({@code SUCCESS}, {@code DUPLICATE_DATA},
 * {@code INVALID_DATA}, {@code MANDATORY_NOT_FOUND}); the HTTP status sums them up: all written, mixed (207) or none (400).
 */
final class CrmWrites {
    private final CrmRecords records;

    CrmWrites(CrmRecords records) {
        this.records = records;
    }

    void insert(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        JsonArray data = module == null ? null : batch(rc);
        if (data == null) return;
        JsonArray results = new JsonArray();
        for (int i = 0; i < data.size(); i++) {
            JsonObject fields = fields(data, i);
            JsonObject problem = fields == null ? invalidRecord(i) : records.problem(module, fields, i, true, null);
            results.add(problem != null ? problem : CrmRecords.success(records.insert(module, fields), "record added"));
        }
        CrmReplies.results(rc, 201, results);
    }

    void updateMany(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        JsonArray data = module == null ? null : batch(rc);
        if (data != null) update(rc, module, data, null);
    }

    void updateOne(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        JsonArray data = module == null ? null : batch(rc);
        if (data != null) update(rc, module, data, rc.pathParam("id"));
    }

    private void update(RoutingContext rc, String module, JsonArray data, String pathId) {
        JsonArray results = new JsonArray();
        for (int i = 0; i < data.size(); i++) {
            JsonObject fields = fields(data, i);
            Object givenId = pathId != null ? pathId : fields == null ? null : fields.getValue("id");
            // an id sent as a JSON number is read as its digits; anything else is no id of this module
            String id = givenId instanceof String text
                    ? text
                    : givenId instanceof Long || givenId instanceof Integer ? String.valueOf(givenId) : null;
            JsonObject record = records.find(module, id);
            JsonObject problem = fields == null
                    ? invalidRecord(i)
                    : givenId == null
                            ? CrmReplies.error(
                                    "MANDATORY_NOT_FOUND", "required field not found", CrmRecords.at("id", i))
                            : record == null
                                    ? CrmReplies.error(
                                            "INVALID_DATA", "the id given seems to be invalid", CrmRecords.at("id", i))
                                    : records.problem(module, fields, i, false, id);
            results.add(
                    problem != null
                            ? problem
                            : CrmRecords.success(records.update(module, record, fields), "record updated"));
        }
        CrmReplies.results(rc, 200, results);
    }

    /** Updates the record matching the first duplicate-check field that matches (default Email), inserts otherwise. */
    void upsert(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        JsonArray data = module == null ? null : batch(rc);
        if (data == null) return;
        Object given = body(rc).getValue("duplicate_check_fields", new JsonArray().add("Email"));
        if (!(given instanceof JsonArray checks)) {
            CrmReplies.send(
                    rc,
                    400,
                    "INVALID_DATA",
                    "invalid data",
                    new JsonObject()
                            .put("api_name", "duplicate_check_fields")
                            .put("json_path", "$.duplicate_check_fields")
                            .put("expected_data_type", "jsonarray"));
            return;
        }
        JsonArray results = new JsonArray();
        for (int i = 0; i < data.size(); i++) {
            JsonObject fields = fields(data, i);
            if (fields == null) {
                results.add(invalidRecord(i));
                continue;
            }
            String field = null;
            JsonObject existing = null;
            for (Object check : checks) {
                existing =
                        records.matching(module, String.valueOf(check), fields.getValue(String.valueOf(check)), null);
                if (existing != null) {
                    field = String.valueOf(check);
                    break;
                }
            }
            JsonObject problem = records.problem(
                    module, fields, i, existing == null, existing == null ? null : existing.getString("id"));
            if (problem != null) {
                results.add(problem);
            } else if (existing != null) {
                results.add(CrmRecords.success(records.update(module, existing, fields), "record updated")
                        .put("action", "update")
                        .put("duplicate_field", field));
            } else {
                results.add(CrmRecords.success(records.insert(module, fields), "record added")
                        .put("action", "insert")
                        .putNull("duplicate_field"));
            }
        }
        CrmReplies.results(rc, 200, results);
    }

    /** The request's {@code data} array, or null after answering why it is refused (missing, empty, over 100 records). */
    private static JsonArray batch(RoutingContext rc) {
        JsonArray data = body(rc).getValue("data") instanceof JsonArray array ? array : null;
        if (data == null || data.isEmpty()) {
            CrmReplies.send(
                    rc,
                    400,
                    "MANDATORY_NOT_FOUND",
                    "required field not found",
                    new JsonObject().put("api_name", "data").put("json_path", "$.data"));
            return null;
        }
        if (data.size() > CrmRecords.MAX_RECORDS) {
            CrmReplies.send(
                    rc,
                    400,
                    "LIMIT_EXCEEDED",
                    "Record count exceeded",
                    new JsonObject().put("limit", CrmRecords.MAX_RECORDS));
            return null;
        }
        return data;
    }

    private static JsonObject body(RoutingContext rc) {
        return rc.body().length() == 0 ? new JsonObject() : rc.body().asJsonObject();
    }

    private static JsonObject fields(JsonArray data, int index) {
        return data.getValue(index) instanceof JsonObject object ? object : null;
    }

    private static JsonObject invalidRecord(int index) {
        return CrmReplies.error(
                "INVALID_DATA", "invalid data", new JsonObject().put("json_path", "$.data[" + index + "]"));
    }
}
