package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ZohoReplies;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** CRM reads: one record by id and search by {@code criteria}, {@code email}, {@code phone} or {@code word}; HTTP 204 with no body when nothing matches. */
final class CrmSearch {

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
        int page = ListPage.number(rc, "page", 1);
        int perPage = ListPage.number(rc, "per_page", ListPage.MAX_PER_PAGE);
        if (page < 1 || perPage < 1 || perPage > ListPage.MAX_PER_PAGE) {
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

    /**
     * List records ({@code GET /crm/v8/{module}}): {@code fields} is required and each record carries its {@code id}
     * and those fields; {@code sort_by} id, Created_Time or Modified_Time, {@code sort_order} desc or asc;
     * {@code page} and {@code per_page} (at most 200) reach the first 2,000 records, {@code page_token} (from
     * {@code next_page_token}) any further. HTTP 204 with no body when the page is empty.
     */
    void list(RoutingContext rc) {
        String module = CrmRecords.module(rc);
        if (module == null) return;
        String fields = rc.request().getParam("fields");
        if (fields == null || fields.isBlank()) {
            CrmReplies.send(
                    rc,
                    400,
                    "REQUIRED_PARAM_MISSING",
                    "One of the expected parameter is missing",
                    new JsonObject().put("param_name", "fields"));
            return;
        }
        ListPage page = ListPage.of(rc, module);
        if (page == null) return;
        Comparator<JsonObject> order = Comparator.comparing(r -> text(r, page.sortBy()));
        List<JsonObject> all = records.all(module).stream()
                .sorted(page.ascending() ? order : order.reversed())
                .toList();
        int from = Math.min(all.size(), page.offset());
        int to = Math.min(all.size(), from + page.perPage());
        if (from == to) {
            rc.response().setStatusCode(204).end();
            return;
        }
        List<String> wanted = List.of(fields.split(","));
        JsonArray data = new JsonArray();
        for (JsonObject record : all.subList(from, to)) {
            JsonObject shown = new JsonObject().put("id", record.getString("id"));
            wanted.stream()
                    .map(String::trim)
                    .filter(record::containsKey)
                    .forEach(f -> shown.put(f, record.getValue(f)));
            data.add(shown);
        }
        boolean more = to < all.size();
        JsonObject info = new JsonObject()
                .put("per_page", page.perPage())
                .put("count", to - from)
                .put("page", page.number())
                .put("sort_by", page.sortBy())
                .put("sort_order", page.ascending() ? "asc" : "desc")
                .put("more_records", more);
        // the tokens are left out, not null, where there is no such page (record.json types them as strings)
        if (more) {
            info.put("next_page_token", page.tokenAt(to))
                    .put("page_token_expiry", CrmRecords.time(records.instant().plus(Duration.ofDays(1))));
        }
        if (from > 0) {
            info.put("previous_page_token", page.tokenAt(Math.max(0, from - page.perPage())));
        }
        ZohoReplies.send(rc, 200, new JsonObject().put("data", data).put("info", info));
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
}
