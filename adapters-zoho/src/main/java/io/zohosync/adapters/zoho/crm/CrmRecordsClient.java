package io.zohosync.adapters.zoho.crm;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Lead;
import io.zohosync.domain.customer.Address;
import io.zohosync.ports.out.zoho.CrmActivity;
import io.zohosync.ports.out.zoho.CrmFields;
import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.ZohoCrm;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Zoho CRM adapter for {@link ZohoCrm}: {@code POST /crm/v8/{Contacts|Leads}/upsert} (duplicate check on Email, then
 * the platform id field), {@code POST /crm/v8/Notes} and {@code /Tasks}, {@code GET /crm/v8/Contacts/search} with
 * criteria of up to ten emails joined by {@code or}; no automations ({@code trigger: []}).
 */
public final class CrmRecordsClient implements ZohoCrm {

    /** Per-record codes that say "not now" rather than "not this record": the record is taken again later. */
    private static final Set<String> TRANSIENT = Set.of("RECORD_LOCKED", "INTERNAL_ERROR", "DEPENDENT_SERVICE_ERROR");

    private final ZohoApi api;

    public CrmRecordsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<List<CrmUpsertResult>>> upsertContacts(List<CrmContact> contacts, CrmFields settings) {
        JsonArray checks = new JsonArray().add("Email");
        if (settings.platformIdField() != null) {
            checks.add(settings.platformIdField());
        }
        return write("/Contacts/upsert", checks, contacts, CrmContact::platformId, c -> contact(c, settings));
    }

    @Override
    public Future<ZohoOutcome<List<CrmUpsertResult>>> updateContacts(
            List<CrmContact> contacts, List<String> ids, CrmFields settings) {
        List<Integer> at =
                java.util.stream.IntStream.range(0, contacts.size()).boxed().toList();
        return write(
                true,
                "/Contacts",
                null,
                at,
                i -> contacts.get(i).platformId(),
                i -> contact(contacts.get(i), settings).put("id", ids.get(i)));
    }

    @Override
    public Future<ZohoOutcome<List<CrmUpsertResult>>> upsertLeads(List<Lead> leads, CrmFields settings) {
        return write(
                "/Leads/upsert",
                new JsonArray().add("Email"),
                leads,
                Lead::platformId,
                l -> fields(l.firstName(), l.lastName(), l.email(), l.phone())
                        .put("Company", l.company() == null || l.company().isBlank() ? "-" : l.company())
                        .put("Description", l.description())
                        .put(
                                "Lead_Source",
                                l.source() == null || l.source().isBlank() ? settings.leadSource() : l.source()));
    }

    @Override
    public Future<ZohoOutcome<List<CrmUpsertResult>>> addNotes(List<CrmActivity> notes) {
        return write(
                "/Notes",
                null,
                notes,
                CrmActivity::platformId,
                n -> new JsonObject()
                        .put("Note_Title", n.title())
                        .put("Note_Content", n.content())
                        .put(
                                "Parent_Id",
                                new JsonObject()
                                        .put("module", new JsonObject().put("api_name", n.parentModule()))
                                        .put("id", n.parentId())));
    }

    @Override
    public Future<ZohoOutcome<List<CrmUpsertResult>>> addTasks(List<CrmActivity> tasks) {
        return write(
                "/Tasks",
                null,
                tasks,
                CrmActivity::platformId,
                t -> new JsonObject()
                        .put("Subject", t.title())
                        .put("Description", t.content())
                        .put("Who_Id", new JsonObject().put("id", t.contactId()))
                        .put("Status", "Not Started"));
    }

    @Override
    public Future<ZohoOutcome<Map<String, String>>> contactsByEmail(Collection<String> emails) {
        return search("Contacts", "Email", emails);
    }

    @Override
    public Future<ZohoOutcome<Map<String, String>>> leadsByEmail(Collection<String> emails) {
        return search("Leads", "Email", emails);
    }

    @Override
    public Future<ZohoOutcome<Map<String, String>>> activitiesByTitle(String module, Collection<String> titles) {
        return search(module, "Notes".equals(module) ? "Note_Title" : "Subject", titles);
    }

    /** The ids of {@code module}'s records whose {@code field} equals one of {@code values}, keyed by the lower-cased value. */
    private Future<ZohoOutcome<Map<String, String>>> search(String module, String field, Collection<String> values) {
        List<String> wanted = values.stream()
                .map(e -> e.trim().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        Map<String, String> found = new HashMap<>();
        Future<ZohoOutcome<Map<String, String>>> chain = Future.succeededFuture(new ZohoOutcome.Success<>(found));
        for (int from = 0; from < wanted.size(); from += MAX_EMAILS_PER_SEARCH) {
            List<String> some = wanted.subList(from, Math.min(wanted.size(), from + MAX_EMAILS_PER_SEARCH));
            chain = chain.compose(sofar -> !(sofar instanceof ZohoOutcome.Success<Map<String, String>>)
                    ? Future.succeededFuture(sofar)
                    : api.call(
                            ZohoRequest.get(ZohoProduct.CRM, "/" + module + "/search")
                                    .param("criteria", criteria(field, some))
                                    .param("per_page", 200),
                            body -> {
                                body.getJsonArray("data", new JsonArray()).forEach(row -> {
                                    JsonObject record = (JsonObject) row;
                                    String value = record.getString(field);
                                    if (value != null) {
                                        found.putIfAbsent(
                                                value.trim().toLowerCase(Locale.ROOT), record.getString("id"));
                                    }
                                });
                                return found;
                            }));
        }
        return chain;
    }

    @Override
    public Future<ZohoOutcome<String>> read(String module, String id) {
        return api.call(ZohoRequest.get(ZohoProduct.CRM, "/" + module + "/" + id), body -> {
                    JsonArray data = body.getJsonArray("data", new JsonArray());
                    return data.isEmpty() ? null : data.getJsonObject(0).getString("id");
                })
                .map(outcome -> outcome instanceof ZohoOutcome.Success<String> ok && ok.value() == null
                        ? new ZohoOutcome.NotFound<>("no CRM " + module + " record " + id)
                        : outcome);
    }

    /** {@code ((Email:equals:a@b.co)or(Email:equals:c@d.co))}, with CRM's escapes for parentheses and commas. */
    static String criteria(List<String> emails) {
        return criteria("Email", emails);
    }

    /** {@code ((<field>:equals:a)or(<field>:equals:b))}, with CRM's escapes for parentheses and commas. */
    static String criteria(String field, List<String> emails) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < emails.size(); i++) {
            if (i > 0) {
                text.append("or");
            }
            String escaped = emails.get(i).replaceAll("([(),\\\\])", "\\\\$1");
            text.append('(').append(field).append(":equals:").append(escaped).append(')');
        }
        return text.append(')').toString();
    }

    private <R> Future<ZohoOutcome<List<CrmUpsertResult>>> write(
            String path, JsonArray checks, List<R> records, Function<R, String> id, Function<R, JsonObject> fields) {
        return write(false, path, checks, records, id, fields);
    }

    private <R> Future<ZohoOutcome<List<CrmUpsertResult>>> write(
            boolean put,
            String path,
            JsonArray checks,
            List<R> records,
            Function<R, String> id,
            Function<R, JsonObject> fields) {
        List<CrmUpsertResult> results = new ArrayList<>();
        Future<ZohoOutcome<List<CrmUpsertResult>>> chain = Future.succeededFuture(new ZohoOutcome.Success<>(results));
        for (int from = 0; from < records.size(); from += MAX_RECORDS_PER_CALL) {
            List<R> batch = records.subList(from, Math.min(records.size(), from + MAX_RECORDS_PER_CALL));
            chain = chain.compose(sofar -> {
                if (!(sofar instanceof ZohoOutcome.Success<List<CrmUpsertResult>>)) {
                    return Future.succeededFuture(sofar);
                }
                JsonArray data = new JsonArray();
                batch.forEach(r -> data.add(ZohoJson.withoutNulls(fields.apply(r))));
                JsonObject body = new JsonObject().put("data", data).put("trigger", new JsonArray());
                if (checks != null) {
                    body.put("duplicate_check_fields", checks);
                }
                ZohoRequest request = put
                        ? ZohoRequest.put(ZohoProduct.CRM, path, body)
                        : ZohoRequest.post(ZohoProduct.CRM, path, body);
                return api.call(request, r -> read(r, batch, id)).map(outcome -> {
                    if (outcome instanceof ZohoOutcome.Success<List<CrmUpsertResult>> s) {
                        results.addAll(s.value());
                        return new ZohoOutcome.Success<>(results);
                    }
                    return outcome;
                });
            });
        }
        return chain;
    }

    private static JsonObject contact(CrmContact c, CrmFields settings) {
        Address a = c.mailing();
        String street =
                a.street() == null ? a.street2() : a.street2() == null ? a.street() : a.street() + ", " + a.street2();
        JsonObject json = fields(c.firstName(), c.lastName(), c.email(), c.phone())
                .put("Account_Name", c.accountName() == null ? null : new JsonObject().put("name", c.accountName()))
                .put("Mailing_Street", street)
                .put("Mailing_City", a.city())
                .put("Mailing_State", a.state())
                .put("Mailing_Zip", a.zip())
                .put("Mailing_Country", a.country())
                .put("Lead_Source", settings.leadSource());
        if (settings.platformIdField() != null) {
            json.put(settings.platformIdField(), c.platformId());
        }
        return json;
    }

    private static JsonObject fields(String first, String last, String email, String phone) {
        String lastName = last == null || last.isBlank() ? (first == null || first.isBlank() ? email : first) : last;
        return new JsonObject()
                .put("First_Name", last == null || last.isBlank() ? null : first)
                .put("Last_Name", lastName)
                .put("Email", email)
                .put("Phone", phone);
    }

    private static <R> List<CrmUpsertResult> read(JsonObject response, List<R> batch, Function<R, String> id) {
        JsonArray data = response.getJsonArray("data", new JsonArray());
        List<CrmUpsertResult> results = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonObject item = i < data.size() ? data.getJsonObject(i) : new JsonObject();
            JsonObject details = item.getJsonObject("details", new JsonObject());
            String code = item.getString("code", "NO_RESULT");
            CrmUpsertResult.Action action = "SUCCESS".equals(code)
                    ? "update".equals(item.getString("action"))
                            ? CrmUpsertResult.Action.UPDATED
                            : CrmUpsertResult.Action.CREATED
                    : TRANSIENT.contains(code) ? CrmUpsertResult.Action.DEFERRED : CrmUpsertResult.Action.FAILED;
            String message = item.getString("message", "Zoho CRM sent no result for this record");
            if (!"SUCCESS".equals(code) && details.getString("api_name") != null) {
                message = message + " (" + details.getString("api_name") + ")";
            }
            results.add(new CrmUpsertResult(id.apply(batch.get(i)), action, details.getString("id"), code, message));
        }
        return results;
    }
}
