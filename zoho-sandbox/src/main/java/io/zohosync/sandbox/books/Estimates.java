package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Books estimates: numbering and pricing like invoices, then draft → sent → accepted/declined, expired past the expiry
 * date, invoiced once an invoice is made from one.
 */
final class Estimates {
    private static final List<String> SORT_COLUMNS =
            List.of("customer_name", "estimate_number", "date", "total", "created_time");
    private static final String[] LIST_QUERY = {
        "estimate_number",
        "estimate_number_startswith",
        "estimate_number_contains",
        "reference_number",
        "reference_number_startswith",
        "reference_number_contains",
        "customer_name",
        "customer_name_startswith",
        "customer_name_contains",
        "total",
        "total_less_than",
        "total_less_equals",
        "total_greater_than",
        "total_greater_equals",
        "customer_id",
        "item_id",
        "item_name",
        "item_name_startswith",
        "item_name_contains",
        "item_description",
        "item_description_startswith",
        "item_description_contains",
        "custom_field",
        "expiry_date",
        "date",
        "status",
        "filter_by",
        "search_text",
        "sort_column",
        "sort_order",
        "page",
        "per_page"
    };
    private static final String[] ROW_FIELDS = {
        "estimate_id",
        "customer_name",
        "customer_id",
        "status",
        "estimate_number",
        "reference_number",
        "date",
        "expiry_date",
        "currency_id",
        "currency_code",
        "total",
        "created_time",
        "last_modified_time"
    };

    private final SalesDocuments documents;

    Estimates(SalesDocuments documents) {
        this.documents = documents;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/estimates", "send", "ignore_auto_number_generation"), this::create)
                .add(Operation.get(ROOT + "/estimates", LIST_QUERY), this::list)
                .add(Operation.get(ROOT + "/estimates/:estimate_id", "print", "accept"), this::get)
                .add(Operation.put(ROOT + "/estimates/:estimate_id", "ignore_auto_number_generation"), this::update)
                .add(Operation.delete(ROOT + "/estimates/:estimate_id"), this::delete)
                .add(
                        Operation.action(ROOT + "/estimates/:estimate_id/status/sent"),
                        rc -> move(rc, "sent", "Estimate status has been changed to Sent", List.of("draft", "sent")))
                .add(
                        Operation.action(ROOT + "/estimates/:estimate_id/status/accepted"),
                        rc -> move(
                                rc,
                                "accepted",
                                "Estimate status has been changed to Accepted.",
                                List.of("sent", "expired", "declined", "accepted")))
                .add(
                        Operation.action(ROOT + "/estimates/:estimate_id/status/declined"),
                        rc -> move(
                                rc,
                                "declined",
                                "Estimate status has been changed to Declined.",
                                List.of("sent", "expired", "accepted", "declined")));
    }

    /** An invoice was made from the estimate (Books' {@code invoiced_estimate_id}): it is invoiced. False when there is none. */
    boolean invoiced(String estimateId) {
        JsonObject estimate = find(estimateId);
        if (estimate == null) return false;
        estimate.put("status", "invoiced");
        documents.touch(estimate);
        return true;
    }

    boolean exists(String estimateId) {
        return find(estimateId) != null;
    }

    private JsonObject find(String id) {
        JsonObject estimate = documents.find(id);
        if (estimate != null) expire(estimate);
        return estimate;
    }

    private void create(RoutingContext rc) {
        JsonObject estimate = documents.create(rc, Bodies.json(rc));
        if (estimate == null) return;
        estimate.put("expiry_date", estimate.getString("expiry_date", ""))
                .put("status", Bodies.flag(rc, "send") ? "sent" : "draft");
        documents.save(estimate);
        ZohoReplies.created(rc, "The estimate has been created", "estimate", estimate);
    }

    private void update(RoutingContext rc) {
        JsonObject estimate = find(rc.pathParam("estimate_id"));
        if (estimate == null) {
            ZohoReplies.notFound(rc, "Estimate");
            return;
        }
        JsonObject body = Bodies.json(rc);
        if (!Bodies.flag(rc, "ignore_auto_number_generation")) body.remove("estimate_number");
        JsonObject updated = documents.update(rc, estimate, body);
        if (updated == null) return;
        documents.save(updated);
        ZohoReplies.ok(rc, "Estimate information has been updated.", "estimate", updated);
    }

    private void get(RoutingContext rc) {
        JsonObject estimate = find(rc.pathParam("estimate_id"));
        if (estimate == null) {
            ZohoReplies.notFound(rc, "Estimate");
            return;
        }
        ZohoReplies.ok(rc, "success", "estimate", estimate);
    }

    private void delete(RoutingContext rc) {
        if (find(rc.pathParam("estimate_id")) == null) {
            ZohoReplies.notFound(rc, "Estimate");
            return;
        }
        documents.remove(rc.pathParam("estimate_id"));
        ZohoReplies.ok(rc, "The estimate has been deleted.");
    }

    private void move(RoutingContext rc, String status, String message, List<String> from) {
        JsonObject estimate = find(rc.pathParam("estimate_id"));
        if (estimate == null) {
            ZohoReplies.notFound(rc, "Estimate");
            return;
        }
        if (!from.contains(estimate.getString("status"))) {
            ZohoReplies.invalid(rc, "status");
            return;
        }
        estimate.put("status", status);
        documents.touch(estimate);
        ZohoReplies.ok(rc, message);
    }

    private void list(RoutingContext rc) {
        String search = rc.request().getParam("search_text");
        String filter = rc.request().getParam("filter_by");
        List<JsonObject> rows = new ArrayList<>();
        for (JsonObject estimate : documents.all()) {
            expire(estimate);
            boolean matches = Filters.text(rc, "estimate_number", estimate.getString("estimate_number"))
                    && Filters.text(rc, "reference_number", estimate.getString("reference_number"))
                    && Filters.text(rc, "customer_name", estimate.getString("customer_name"))
                    && Filters.exact(rc, "customer_id", estimate.getString("customer_id"))
                    && Filters.exact(rc, "status", estimate.getString("status"))
                    && Filters.exact(rc, "date", estimate.getString("date"))
                    && (search == null
                            || (estimate.getString("estimate_number") + " " + estimate.getString("reference_number")
                                            + " " + estimate.getString("customer_name"))
                                    .toLowerCase(Locale.ROOT)
                                    .contains(search.toLowerCase(Locale.ROOT)))
                    && (filter == null
                            || filter.equals("Status.All")
                            || filter.equalsIgnoreCase("Status." + estimate.getString("status")));
            if (matches) {
                JsonObject row = new JsonObject();
                for (String field : ROW_FIELDS) row.put(field, estimate.getValue(field));
                rows.add(row);
            }
        }
        ZohoReplies.list(
                rc,
                "estimates",
                Filters.sorted(rc, rows, SORT_COLUMNS, "created_time"),
                Filters.pageContext(rc, SORT_COLUMNS, "created_time")
                        .put("report_name", "Estimates")
                        .put("applied_filter", filter == null ? "Status.All" : filter));
    }

    /** A sent estimate whose expiry date has passed on the sandbox clock is expired. */
    private void expire(JsonObject estimate) {
        String expiry = estimate.getString("expiry_date", "");
        if (estimate.getString("status").equals("sent")
                && !expiry.isEmpty()
                && expiry.compareTo(documents.today()) < 0) {
            estimate.put("status", "expired");
        }
    }
}
