package io.zohosync.sandbox.core;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Zoho's list filters: {@code name}, {@code name_startswith}, {@code name_contains} (case-insensitive), and sorting. */
public final class Filters {
    private Filters() {}

    /** True when {@code value} passes the {@code param} filter and its variants that the request carries. */
    public static boolean text(RoutingContext rc, String param, String value) {
        String actual = value == null ? "" : value.toLowerCase(Locale.ROOT);
        String exact = lower(rc.request().getParam(param));
        String prefix = lower(rc.request().getParam(param + "_startswith"));
        String part = lower(rc.request().getParam(param + "_contains"));
        return (exact == null || actual.equals(exact))
                && (prefix == null || actual.startsWith(prefix))
                && (part == null || actual.contains(part));
    }

    /** True when the request carries no {@code param}, or when it equals {@code value} exactly. */
    public static boolean exact(RoutingContext rc, String param, String value) {
        String wanted = rc.request().getParam(param);
        return wanted == null || wanted.equals(value);
    }

    /** True when a {@code yyyy-mm-dd} value passes {@code <param>_start}, {@code _end} (inclusive), {@code _before}, {@code _after}. */
    public static boolean dateRange(RoutingContext rc, String param, String value) {
        String start = rc.request().getParam(param + "_start");
        String end = rc.request().getParam(param + "_end");
        String before = rc.request().getParam(param + "_before");
        String after = rc.request().getParam(param + "_after");
        String date = value == null ? "" : value;
        return (start == null || date.compareTo(start) >= 0)
                && (end == null || date.compareTo(end) <= 0)
                && (before == null || date.compareTo(before) < 0)
                && (after == null || date.compareTo(after) > 0);
    }

    /** The sort column and order a list applied, for its {@code page_context}. */
    public static JsonObject pageContext(RoutingContext rc, List<String> columns, String fallback) {
        return new JsonObject()
                .put("sort_column", column(rc, columns, fallback))
                .put("sort_order", "D".equals(rc.request().getParam("sort_order")) ? "D" : "A");
    }

    /** Sorts by {@code sort_column} (if allowed, else {@code fallback}) and {@code sort_order} A/D. */
    public static List<JsonObject> sorted(
            RoutingContext rc, List<JsonObject> rows, List<String> columns, String fallback) {
        String key = column(rc, columns, fallback);
        Comparator<JsonObject> order = (a, b) -> compare(a.getValue(key), b.getValue(key));
        if ("D".equals(rc.request().getParam("sort_order"))) order = order.reversed();
        return rows.stream().sorted(order).toList();
    }

    private static String column(RoutingContext rc, List<String> columns, String fallback) {
        String column = rc.request().getParam("sort_column");
        return column != null && columns.contains(column) ? column : fallback;
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        return String.valueOf(a == null ? "" : a).compareToIgnoreCase(String.valueOf(b == null ? "" : b));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
