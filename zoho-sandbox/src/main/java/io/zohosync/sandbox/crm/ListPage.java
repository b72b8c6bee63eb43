package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Which page of a record list is asked for: {@code page}/{@code per_page}, which reach the first 2,000 records
 * only ({@code DISCRETE_PAGINATION_LIMIT_EXCEEDED} beyond: zoho-api.md, field notes), or a {@code page_token} the
 * previous page handed out, which carries the module, the order and where to go on.
 */
record ListPage(String module, int number, int perPage, int offset, String sortBy, boolean ascending) {
    static final int MAX_PER_PAGE = 200;
    static final int DISCRETE_LIMIT = 2000;
    private static final List<String> SORTABLE = List.of("id", "Created_Time", "Modified_Time");

    /** The page asked for, or null after answering why it cannot be served. */
    static ListPage of(RoutingContext rc, String module) {
        int perPage = number(rc, "per_page", MAX_PER_PAGE);
        if (perPage < 1 || perPage > MAX_PER_PAGE) return invalid(rc, "per_page");
        String token = rc.request().getParam("page_token");
        if (token != null) {
            ListPage page = decode(token, module, perPage);
            return page != null ? page : invalid(rc, "page_token");
        }
        int number = number(rc, "page", 1);
        if (number < 1) return invalid(rc, "page");
        String sortBy =
                rc.request().getParam("sort_by") == null ? "id" : rc.request().getParam("sort_by");
        if (!SORTABLE.contains(sortBy)) return invalid(rc, "sort_by");
        String order = rc.request().getParam("sort_order") == null
                ? "desc"
                : rc.request().getParam("sort_order");
        if (!order.equals("asc") && !order.equals("desc")) return invalid(rc, "sort_order");
        if ((long) number * perPage > DISCRETE_LIMIT) {
            CrmReplies.send(
                    rc,
                    400,
                    "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                    "The limit for page and per_page was exceeded; use page_token to fetch beyond 2000 records",
                    new JsonObject().put("limit", DISCRETE_LIMIT));
            return null;
        }
        return new ListPage(module, number, perPage, (number - 1) * perPage, sortBy, order.equals("asc"));
    }

    /** A token for the page starting at {@code at}, in this order. */
    String tokenAt(int at) {
        String plain = module + "|" + sortBy + "|" + (ascending ? "asc" : "desc") + "|" + at;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static ListPage decode(String token, String module, int perPage) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 4 || !parts[0].equals(module) || !SORTABLE.contains(parts[1])) return null;
            int offset = Integer.parseInt(parts[3]);
            if (offset < 0) return null;
            return new ListPage(module, offset / perPage + 1, perPage, offset, parts[1], parts[2].equals("asc"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ListPage invalid(RoutingContext rc, String param) {
        CrmReplies.send(rc, 400, "INVALID_DATA", "invalid data", new JsonObject().put("param_name", param));
        return null;
    }

    /** The whole number in query parameter {@code param}, {@code fallback} when absent, -1 when it is no number. */
    static int number(RoutingContext rc, String param, int fallback) {
        String value = rc.request().getParam(param);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
