package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** CRM reads: one record by id and search by {@code criteria}, {@code email}, {@code phone} or {@code word}; HTTP 204 with no body when nothing matches. */
final class CrmSearch {
    private static final int MAX_PER_PAGE = 200;

    private final CrmRecords records;

    CrmSearch(CrmRecords records) {
        this.records = records;
    }

    void get(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        if (module == null) return;
        JsonObject record = records.find(module, rc.pathParam("id"));
        if (record == null) {
            rc.response().setStatusCode(204).end();
            return;
        }
        ZohoReplies.send(rc, 200, new JsonObject().put("data", new JsonArray().add(record)));
    }

    void search(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        if (module == null) return;
        Predicate<JsonObject> wanted = wanted(rc);
        if (wanted == null) return;
        int page = number(rc, "page", 1);
        int perPage = number(rc, "per_page", MAX_PER_PAGE);
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
            CrmReplies.send(
                    rc,
                    400,
                    "INVALID_DATA",
                    "invalid data",
                    new JsonObject().put("param", page < 1 ? "page" : "per_page"));
            return;
        }
        List<JsonObject> found = records.all(module).stream().filter(wanted).toList();
        int from = Math.min(found.size(), (page - 1) * perPage);
        int to = Math.min(found.size(), from + perPage);
        if (from == to) {
            rc.response().setStatusCode(204).end();
            return;
        }
        JsonObject info = new JsonObject()
                .put("per_page", perPage)
                .put("count", to - from)
                .put("page", page)
                .put("sort_by", "id")
                .put("sort_order", "desc")
                .put("more_records", to < found.size());
        ZohoReplies.send(
                rc,
                200,
                new JsonObject()
                        .put("data", new JsonArray(List.copyOf(found.subList(from, to))))
                        .put("info", info));
    }

    /** The filter the query asks for, or null after answering why it cannot be used. */
    private static Predicate<JsonObject> wanted(RoutingContext rc) {
        String criteria = rc.request().getParam("criteria");
        String email = rc.request().getParam("email");
        String phone = rc.request().getParam("phone");
        String word = rc.request().getParam("word");
        if (criteria != null) {
            Predicate<JsonObject> parsed = Criteria.parse(criteria);
            if (parsed == null)
                CrmReplies.send(
                        rc, 400, "INVALID_QUERY", "invalid query formed", new JsonObject().put("param", "criteria"));
            return parsed;
        }
        if (email != null) return r -> email.equalsIgnoreCase(text(r, "Email"));
        if (phone != null) return r -> phone.equals(text(r, "Phone")) || phone.equals(text(r, "Mobile"));
        if (word != null) {
            String part = word.toLowerCase(Locale.ROOT);
            return r -> r.fieldNames().stream()
                    .anyMatch(f -> text(r, f).toLowerCase(Locale.ROOT).contains(part));
        }
        CrmReplies.send(
                rc,
                400,
                "REQUIRED_PARAM_MISSING",
                "One of the expected parameter is missing",
                new JsonObject().put("param", "criteria"));
        return null;
    }

    private static String text(JsonObject record, String field) {
        return record.getValue(field) instanceof String text ? text : "";
    }

    private static int number(RoutingContext rc, String param, int fallback) {
        String value = rc.request().getParam(param);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
