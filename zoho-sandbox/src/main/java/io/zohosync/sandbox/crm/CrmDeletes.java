package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.ArrayList;
import java.util.List;

/**
 * CRM record deletion as Zoho documents it (crm-oas v8 {@code deleteRecords}, {@code deleteRecord},
 * {@code getDeletedRecords} and their examples): {@code DELETE /{module}?ids=..} deletes up to 100 records, each
 * answered on its own ({@code SUCCESS} "record deleted" or {@code INVALID_DATA} "record not deleted", both with
 * {@code details.id}) under 200 (all deleted), 207 (mixed) or 400 (none); {@code DELETE /{module}/{id}} deletes one;
 * {@code GET /{module}/deleted} lists the recycle bin. {@code wf_trigger} is taken and has nothing to trigger: the
 * sandbox runs no CRM workflows.
 */
final class CrmDeletes {
    private static final List<String> TYPES = List.of("all", "recycle", "permanent");

    private final CrmRecords records;

    CrmDeletes(CrmRecords records) {
        this.records = records;
    }

    /**
     * {@code ids}, comma-separated (the SDKs join repeated values so; blanks around an id are ignored): none is
     * {@code REQUIRED_PARAM_MISSING}, more than 100 {@code LIMIT_EXCEEDED} (UNCONFIRMED: Zoho documents the limit, not
     * its error; this is the shape of its other parameter limits). An id given twice is deleted once, then not found.
     */
    void deleteMany(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        if (module == null) return;
        List<String> ids = new ArrayList<>();
        for (String value : rc.queryParams().getAll("ids")) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) ids.add(id.trim());
            }
        }
        if (ids.isEmpty()) {
            CrmReplies.send(
                    rc,
                    400,
                    "REQUIRED_PARAM_MISSING",
                    "One of the expected parameter is missing",
                    new JsonObject().put("param_name", "ids"));
            return;
        }
        if (ids.size() > CrmRecords.MAX_RECORDS) {
            CrmReplies.send(
                    rc,
                    400,
                    "LIMIT_EXCEEDED",
                    "limit exceeded",
                    new JsonObject().put("limit", CrmRecords.MAX_RECORDS).put("param_name", "ids"));
            return;
        }
        JsonArray results = new JsonArray();
        for (String id : ids) {
            results.add(
                    records.delete(module, id)
                            ? deleted(id)
                            : CrmReplies.error("INVALID_DATA", "record not deleted", new JsonObject().put("id", id)));
        }
        CrmReplies.results(rc, 200, results);
    }

    /**
     * One record by the id in the path: 200 with its {@code SUCCESS} item, or, when the module has no such record, the
     * whole-request error of Zoho's example: 400 {@code INVALID_DATA} "record not deleted" pointing at the path's id
     * ({@code resource_path_index} 1, the module being 0).
     */
    void deleteOne(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        if (module == null) return;
        String id = rc.pathParam("id");
        if (!records.delete(module, id)) {
            CrmReplies.send(
                    rc, 400, "INVALID_DATA", "record not deleted", new JsonObject().put("resource_path_index", 1));
            return;
        }
        ZohoReplies.send(rc, 200, new JsonObject().put("data", new JsonArray().add(deleted(id))));
    }

    /**
     * The recycle bin, the last deleted first: {@code type} all (the default), recycle or permanent (records deleted
     * through the API go to the recycle bin; the sandbox never purges it, so none is permanent), {@code page} and
     * {@code per_page} (at most 200); 204 with no body when the page is empty. {@code If-Modified-Since} is not
     * modelled.
     */
    void listDeleted(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        if (module == null) return;
        String type = rc.request().getParam("type", "all");
        if (!TYPES.contains(type)) {
            ZohoReplies.send(
                    rc,
                    400,
                    new JsonObject()
                            .put(
                                    "data",
                                    new JsonArray()
                                            .add(CrmReplies.error(
                                                    "PATTERN_NOT_MATCHED",
                                                    "Please check whether the input values are correct",
                                                    new JsonObject().put("param_name", "type")))));
            return;
        }
        int page = ListPage.number(rc, "page", 1);
        int perPage = ListPage.number(rc, "per_page", ListPage.MAX_PER_PAGE);
        if (page < 1 || perPage < 1 || perPage > ListPage.MAX_PER_PAGE) {
            CrmReplies.send(
                    rc,
                    400,
                    "INVALID_DATA",
                    "invalid data",
                    new JsonObject().put("param_name", page < 1 ? "page" : "per_page"));
            return;
        }
        List<JsonObject> found = records.deleted(module).stream()
                .filter(entry -> type.equals("all") || type.equals(entry.getString("type")))
                .toList();
        int from = (int) Math.min(found.size(), (long) (page - 1) * perPage);
        int to = Math.min(found.size(), from + perPage);
        if (from == to) {
            rc.response().setStatusCode(204).end();
            return;
        }
        JsonObject info = new JsonObject()
                .put("per_page", perPage)
                .put("count", to - from)
                .put("page", page)
                .put("more_records", to < found.size());
        ZohoReplies.send(
                rc,
                200,
                new JsonObject()
                        .put("data", new JsonArray(List.copyOf(found.subList(from, to))))
                        .put("info", info));
    }

    private static JsonObject deleted(String id) {
        return new JsonObject()
                .put("code", "SUCCESS")
                .put("details", new JsonObject().put("id", id))
                .put("message", "record deleted")
                .put("status", "success");
    }
}
