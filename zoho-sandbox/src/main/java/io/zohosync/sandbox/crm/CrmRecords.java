package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.SandboxContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CRM organization's Contacts and Leads, with the per-record checks Zoho applies (mandatory Last_Name, valid and
 * unique Email), and each module's recycle bin: what was deleted, by whom and when.
 */
final class CrmRecords {
    static final int MAX_RECORDS = 100;
    static final List<String> MODULES = List.of("Contacts", "Leads", "Notes", "Tasks");
    /** The modules of people: Last_Name mandatory, Email checked and unique. */
    static final List<String> PEOPLE = List.of("Contacts", "Leads");
    /** CRM's standard lengths of the fields the sandbox checks (Zoho's default layouts). */
    private static final Map<String, Integer> MAX_LENGTH = Map.of(
            "First_Name",
            40,
            "Last_Name",
            80,
            "Email",
            100,
            "Phone",
            30,
            "Mobile",
            30,
            "Subject",
            255,
            "Note_Title",
            120);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final JsonObject USER = new JsonObject()
            .put("name", "Sandbox User")
            .put("id", "5725767000000411001")
            .put("email", "sandbox.user@example.com");

    private final SandboxContext context;
    private final Ledger ledger;
    private final Map<String, List<JsonObject>> recycleBin = new HashMap<>();

    CrmRecords(SandboxContext context) {
        this.context = context;
        this.ledger = new Ledger(context, CrmApi.PRODUCT);
    }

    /** The module named in the path (any case) as Zoho spells it, or null after answering INVALID_MODULE. */
    static String module(RoutingContext rc) {
        String given = rc.pathParam("module");
        for (String module : MODULES) {
            if (module.equalsIgnoreCase(given)) return module;
        }
        CrmReplies.send(rc, 400, "INVALID_MODULE", "The module name given seems to be invalid", new JsonObject());
        return null;
    }

    List<JsonObject> all(String module) {
        return ledger.all(module);
    }

    JsonObject find(String module, String id) {
        return ledger.find(module, id);
    }

    /** Another record of the module whose {@code field} equals {@code value} (text compared ignoring case). */
    JsonObject matching(String module, String field, Object value, String exceptId) {
        if (value == null) return null;
        for (JsonObject record : ledger.all(module)) {
            Object other = record.getValue(field);
            boolean same = value instanceof String text && other instanceof String otherText
                    ? text.equalsIgnoreCase(otherText)
                    : value.equals(other);
            if (same && !record.getString("id").equals(exceptId)) return record;
        }
        return null;
    }

    /** Why {@code fields} (at {@code $.data[index]}) cannot be written, as a per-record error; null when they can. */
    JsonObject problem(String module, JsonObject fields, int index, boolean creating, String exceptId) {
        JsonObject tooLong = tooLong(fields, index);
        if (tooLong != null) return tooLong;
        if (module.equals("Notes")) return noteProblem(fields, index, creating);
        if (module.equals("Tasks")) return taskProblem(fields, index, creating);
        Object lastName = fields.getValue("Last_Name");
        if (creating && lastName == null
                || fields.containsKey("Last_Name") && (!(lastName instanceof String name) || name.isBlank())) {
            return lastName == null || lastName instanceof String
                    ? CrmReplies.error("MANDATORY_NOT_FOUND", "required field not found", at("Last_Name", index))
                    : CrmReplies.error(
                            "INVALID_DATA",
                            "invalid data",
                            at("Last_Name", index).put("expected_data_type", "text"));
        }
        Object email = fields.getValue("Email");
        if (email != null
                && (!(email instanceof String text) || !EMAIL.matcher(text).matches())) {
            return CrmReplies.error(
                    "INVALID_DATA", "invalid data", at("Email", index).put("expected_data_type", "email"));
        }
        JsonObject duplicate = matching(module, "Email", email, exceptId);
        if (duplicate != null) {
            return CrmReplies.error(
                    "DUPLICATE_DATA",
                    "duplicate data",
                    at("Email", index)
                            .put(
                                    "duplicate_record",
                                    new JsonObject()
                                            .put("id", duplicate.getString("id"))
                                            .put("module", new JsonObject().put("api_name", module))
                                            .put("Owner", USER.copy()))
                            .put("more_records", false));
        }
        return null;
    }

    /** A text longer than CRM keeps in its field: INVALID_DATA with {@code maximum_length}, as Zoho answers it. */
    private static JsonObject tooLong(JsonObject fields, int index) {
        for (Map.Entry<String, Integer> max : MAX_LENGTH.entrySet()) {
            if (fields.getValue(max.getKey()) instanceof String text && text.length() > max.getValue()) {
                return CrmReplies.error(
                        "INVALID_DATA", "invalid data", at(max.getKey(), index).put("maximum_length", max.getValue()));
            }
        }
        return null;
    }

    /** A note needs its content and a parent: {@code Parent_Id} {@code {"module":{"api_name":..},"id":..}} of a record that exists. */
    private JsonObject noteProblem(JsonObject fields, int index, boolean creating) {
        if (creating && !(fields.getValue("Note_Content") instanceof String content && !content.isBlank())) {
            return CrmReplies.error("MANDATORY_NOT_FOUND", "required field not found", at("Note_Content", index));
        }
        Object parent = fields.getValue("Parent_Id");
        if (creating && parent == null) {
            return CrmReplies.error("MANDATORY_NOT_FOUND", "required field not found", at("Parent_Id", index));
        }
        if (parent != null
                && !(parent instanceof JsonObject p
                        && p.getValue("module") instanceof JsonObject m
                        && m.getValue("api_name") instanceof String parentModule
                        && PEOPLE.contains(parentModule)
                        && p.getValue("id") instanceof String id
                        && find(parentModule, id) != null)) {
            return CrmReplies.error("INVALID_DATA", "invalid data", at("Parent_Id", index));
        }
        return null;
    }

    /** A task needs its subject; {@code Who_Id} {@code {"id":..}}, when given, names a contact or lead that exists. */
    private JsonObject taskProblem(JsonObject fields, int index, boolean creating) {
        if (creating && !(fields.getValue("Subject") instanceof String subject && !subject.isBlank())) {
            return CrmReplies.error("MANDATORY_NOT_FOUND", "required field not found", at("Subject", index));
        }
        Object who = fields.getValue("Who_Id");
        if (who != null
                && !(who instanceof JsonObject w
                        && w.getValue("id") instanceof String id
                        && (find("Contacts", id) != null || find("Leads", id) != null))) {
            return CrmReplies.error("INVALID_DATA", "invalid data", at("Who_Id", index));
        }
        return null;
    }

    static JsonObject at(String field, int index) {
        return new JsonObject().put("api_name", field).put("json_path", "$.data[" + index + "]." + field);
    }

    JsonObject insert(String module, JsonObject fields) {
        String now = now();
        JsonObject record = fields.copy()
                // 19 digits like Zoho's record ids: beyond JavaScript's 2^53, as clients meet them there
                .put("id", "572576700000" + ledger.newId().substring(8))
                .put("Created_Time", now)
                .put("Modified_Time", now)
                .put("Created_By", USER.copy())
                .put("Modified_By", USER.copy())
                .put("Owner", USER.copy());
        save(module, record);
        return record;
    }

    JsonObject update(String module, JsonObject record, JsonObject fields) {
        JsonObject changes = fields.copy();
        for (String system : List.of("id", "Created_Time", "Created_By")) changes.remove(system);
        record.mergeIn(changes).put("Modified_Time", now()).put("Modified_By", USER.copy());
        save(module, record);
        return record;
    }

    /**
     * Deletes the record (gone from reads, lists, searches and inspection) and files it in the module's recycle bin, as
     * Zoho's {@code GET /{module}/deleted} lists it; false when the module has no record of that id.
     */
    boolean delete(String module, String id) {
        JsonObject record = ledger.find(module, id);
        if (record == null) return false;
        ledger.remove(module, id);
        String name = (text(record, "First_Name") + " " + text(record, "Last_Name")).trim();
        recycleBin
                .computeIfAbsent(module, k -> new ArrayList<>())
                .add(
                        0,
                        new JsonObject()
                                .put("deleted_by", minified(USER))
                                .put("id", id)
                                .put("display_name", name.isEmpty() ? null : name)
                                .put("type", "recycle")
                                .put("created_by", minified(record.getJsonObject("Created_By", USER)))
                                .put("deleted_time", now()));
        return true;
    }

    /** The module's deleted records, the last deleted first. */
    List<JsonObject> deleted(String module) {
        return List.copyOf(recycleBin.getOrDefault(module, List.of()));
    }

    private static JsonObject minified(JsonObject user) {
        return new JsonObject().put("name", user.getString("name")).put("id", user.getString("id"));
    }

    private static String text(JsonObject record, String field) {
        return record.getValue(field) instanceof String text ? text : "";
    }

    /** A SUCCESS item: what Zoho reports about the record written. */
    static JsonObject success(JsonObject record, String message) {
        return new JsonObject()
                .put("code", "SUCCESS")
                .put(
                        "details",
                        new JsonObject()
                                .put("Modified_Time", record.getString("Modified_Time"))
                                .put("Modified_By", record.getJsonObject("Modified_By"))
                                .put("Created_Time", record.getString("Created_Time"))
                                .put("id", record.getString("id"))
                                .put("Created_By", record.getJsonObject("Created_By"))
                                .put("$approval_state", "approved"))
                .put("message", message)
                .put("status", "success");
    }

    private void save(String module, JsonObject record) {
        String email = record.getValue("Email") instanceof String text ? text : "";
        ledger.save(
                module,
                record.getString("id"),
                record,
                List.of(record.getString("id"), email),
                List.of(
                        record.getValue("Description") instanceof String text ? text : "",
                        record.getValue("Note_Content") instanceof String note ? note : ""));
    }

    private String now() {
        return TIME.format(context.clock().now());
    }

    java.time.Instant instant() {
        return context.clock().now();
    }

    static String time(java.time.Instant at) {
        return TIME.format(at);
    }
}
