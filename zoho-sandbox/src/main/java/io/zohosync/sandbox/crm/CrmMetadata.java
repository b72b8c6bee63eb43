package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What CRM's SDKs read before their first record call: the modules, a module's fields, the current user and the
 * organization — told from the modules and fields the sandbox's records have, and the user that owns them.
 */
final class CrmMetadata {
    private static final Set<String> USER_TYPES =
            Set.of("AllUsers", "ActiveUsers", "AdminUsers", "ActiveConfirmedUsers", "CurrentUser", "ConfirmedUsers");

    /** A field every record of both modules may carry: api name, data type, JSON type, read-only, mandatory. */
    private record Field(
            String apiName, String label, String dataType, String jsonType, boolean readOnly, boolean mandatory) {}

    private static final List<Field> FIELDS = List.of(
            new Field("Owner", "Contact Owner", "ownerlookup", "jsonobject", false, false),
            new Field("First_Name", "First Name", "text", "string", false, false),
            new Field("Last_Name", "Last Name", "text", "string", false, true),
            new Field("Email", "Email", "email", "string", false, false),
            new Field("Phone", "Phone", "phone", "string", false, false),
            new Field("Mobile", "Mobile", "phone", "string", false, false),
            new Field("Description", "Description", "textarea", "string", false, false),
            new Field("Created_By", "Created By", "ownerlookup", "jsonobject", true, false),
            new Field("Modified_By", "Modified By", "ownerlookup", "jsonobject", true, false),
            new Field("Created_Time", "Created Time", "datetime", "string", true, false),
            new Field("Modified_Time", "Modified Time", "datetime", "string", true, false));

    private final SandboxContext context;
    private final CrmRecords records;

    CrmMetadata(SandboxContext context, CrmRecords records) {
        this.context = context;
        this.records = records;
    }

    void modules(RoutingContext rc) {
        JsonArray modules = new JsonArray();
        for (int i = 0; i < CrmRecords.MODULES.size(); i++) {
            String module = CrmRecords.MODULES.get(i);
            modules.add(new JsonObject()
                    .put("id", "57257670000000020" + (i + 1))
                    .put("api_name", module)
                    .put("module_name", module)
                    .put("plural_label", module)
                    .put("singular_label", module.substring(0, module.length() - 1))
                    .put("api_supported", true)
                    .put("creatable", true)
                    .put("editable", true)
                    .put("deletable", false)
                    .put("viewable", true)
                    .put("visible", true)
                    .put("status", "visible")
                    .put("generated_type", "default")
                    .put("sequence_number", i + 1));
        }
        ZohoReplies.send(rc, 200, new JsonObject().put("modules", modules));
    }

    /** The fields of {@code ?module=}: the ones the sandbox checks and stamps, and any other its records carry (as text). */
    void fields(RoutingContext rc) {
        String given = rc.request().getParam("module");
        if (given == null || given.isBlank()) {
            CrmReplies.send(
                    rc,
                    400,
                    "REQUIRED_PARAM_MISSING",
                    "One of the expected parameter is missing",
                    new JsonObject().put("param_name", "module"));
            return;
        }
        String module = CrmRecords.MODULES.stream()
                .filter(m -> m.equalsIgnoreCase(given))
                .findFirst()
                .orElse(null);
        if (module == null) {
            CrmReplies.send(
                    rc,
                    400,
                    "INVALID_MODULE",
                    "The module name given seems to be invalid",
                    new JsonObject().put("param_name", "module"));
            return;
        }
        JsonArray fields = new JsonArray();
        Set<String> known = new LinkedHashSet<>();
        int n = 0;
        for (Field f : FIELDS) {
            known.add(f.apiName());
            fields.add(field(module, ++n, f));
        }
        for (JsonObject record : records.all(module)) {
            for (String name : record.fieldNames()) {
                if (!name.equals("id") && !name.startsWith("$") && known.add(name)) {
                    fields.add(
                            field(module, ++n, new Field(name, name.replace('_', ' '), "text", "string", false, false))
                                    .put("custom_field", true));
                }
            }
        }
        ZohoReplies.send(rc, 200, new JsonObject().put("fields", fields));
    }

    private static JsonObject field(String module, int n, Field f) {
        JsonObject field = new JsonObject()
                .put("id", "5725767000000" + (module.equals("Contacts") ? "3" : "4") + String.format("%05d", n))
                .put("api_name", f.apiName())
                .put("field_label", f.label())
                .put("display_label", f.label())
                .put("data_type", f.dataType())
                .put("json_type", f.jsonType())
                .put("read_only", f.readOnly())
                .put("system_mandatory", f.mandatory())
                .put("custom_field", false)
                .put("visible", true)
                .put("length", f.jsonType().equals("string") ? 255 : 120);
        if (f.apiName().equals("Email")) {
            // the sandbox refuses a second record with the same email (DUPLICATE_DATA), ignoring case
            field.put("unique", new JsonObject().put("casesensitive", "false"));
        }
        return field;
    }

    void users(RoutingContext rc) {
        String type = rc.request().getParam("type");
        if (type != null && !USER_TYPES.contains(type)) {
            CrmReplies.send(rc, 400, "INVALID_DATA", "invalid data", new JsonObject().put("param_name", "type"));
            return;
        }
        JsonObject user = CrmRecords.USER
                .copy()
                .put("full_name", CrmRecords.USER.getString("name"))
                .put("first_name", "Sandbox")
                .put("last_name", "User")
                .put("status", "active")
                .put("confirm", true)
                .put("role", new JsonObject().put("name", "CEO").put("id", "5725767000000026005"))
                .put("profile", new JsonObject().put("name", "Administrator").put("id", "5725767000000026011"))
                .put("time_zone", "Etc/UTC")
                .put("locale", "en_US")
                .put("country_locale", "en_US");
        user.remove("name");
        JsonObject info = new JsonObject()
                .put("per_page", 200)
                .put("count", 1)
                .put("page", 1)
                .put("more_records", false);
        ZohoReplies.send(
                rc,
                200,
                new JsonObject().put("users", new JsonArray().add(user)).put("info", info));
    }

    void org(RoutingContext rc) {
        String orgId = context.settings().organizationId();
        JsonObject org = new JsonObject()
                .put("id", "5725767000000020001")
                .put("company_name", "Sandbox Org")
                .put("domain_name", "org" + orgId)
                .put("zgid", orgId)
                .put("primary_email", CrmRecords.USER.getString("email"))
                .put("primary_zuid", CrmRecords.USER.getString("id"))
                .put("time_zone", "Etc/UTC")
                .put("country_code", "US")
                .put("iso_code", "USD")
                .put("currency_symbol", "$")
                .put("mc_status", false)
                .put("license_details", new JsonObject().put("paid", false).put("paid_type", "free"));
        ZohoReplies.send(rc, 200, new JsonObject().put("org", new JsonArray().add(org)));
    }

    /** CRM's answer to a URL it does not serve: its own error shape, never Books' {@code {"code":5}}. */
    static void invalidUrl(RoutingContext rc) {
        CrmReplies.send(
                rc,
                404,
                "INVALID_URL_PATTERN",
                "Please check if the URL trying to access is a correct one",
                new JsonObject());
    }
}
