package io.zohosync.adapters.zoho.crm;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Lead;
import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.ZohoCrm;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Zoho CRM adapter for {@link ZohoCrm}: {@code POST /crm/v8/{Contacts|Leads}/upsert}, duplicate check on Email, no automations. */
public final class CrmRecordsClient implements ZohoCrm {

    private final ZohoApi api;

    public CrmRecordsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<List<CrmUpsertResult>>> upsertContacts(List<CrmContact> contacts) {
        return upsert(
                "Contacts",
                contacts,
                CrmContact::platformId,
                c -> fields(c.firstName(), c.lastName(), c.email(), c.phone()));
    }

    @Override
    public Future<ZohoOutcome<List<CrmUpsertResult>>> upsertLeads(List<Lead> leads) {
        return upsert(
                "Leads",
                leads,
                Lead::platformId,
                l -> fields(l.firstName(), l.lastName(), l.email(), l.phone())
                        .put("Company", l.company() == null || l.company().isBlank() ? "-" : l.company())
                        .put("Description", l.description()));
    }

    private <R> Future<ZohoOutcome<List<CrmUpsertResult>>> upsert(
            String module, List<R> records, Function<R, String> id, Function<R, JsonObject> fields) {
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
                JsonObject body = new JsonObject()
                        .put("data", data)
                        .put("duplicate_check_fields", new JsonArray().add("Email"))
                        .put("trigger", new JsonArray());
                return api.call(
                                ZohoRequest.post(ZohoProduct.CRM, "/" + module + "/upsert", body),
                                r -> read(r, batch, id))
                        .map(outcome -> {
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
            CrmUpsertResult.Action action = !"SUCCESS".equals(code)
                    ? CrmUpsertResult.Action.FAILED
                    : "update".equals(item.getString("action"))
                            ? CrmUpsertResult.Action.UPDATED
                            : CrmUpsertResult.Action.CREATED;
            String message = item.getString("message", "Zoho CRM sent no result for this record");
            if (action == CrmUpsertResult.Action.FAILED && details.getString("api_name") != null) {
                message = message + " (" + details.getString("api_name") + ")";
            }
            results.add(new CrmUpsertResult(id.apply(batch.get(i)), action, details.getString("id"), code, message));
        }
        return results;
    }
}
