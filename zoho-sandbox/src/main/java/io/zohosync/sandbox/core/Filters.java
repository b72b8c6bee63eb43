package io.zohosync.sandbox.core;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Zoho's list filters: {@code name}, {@code name_startswith}, {@code name_contains} (case-insensitive), and sorting. A
 * filter given with an empty value ({@code contact_type=}) filters nothing: clients built on query-string builders send
 * every option, set or not (zoho-ts sends {@code contact_type=} when no type is asked for).
 */
public final class Filters {
    private Filters() {}

    /** True when {@code value} passes the {@code param} filter and its variants that the request carries. */
    public static boolean text(RoutingContext rc, String param, String value) {
        String actual = value == null ? "" : value.toLowerCase(Locale.ROOT);
        String exact = lower(given(rc, param));
        String prefix = lower(given(rc, param + "_startswith"));
        String part = lower(given(rc, param + "_contains"));
        return (exact == null || actual.equals(exact))
                && (prefix == null || actual.startsWith(prefix))
                && (part == null || actual.contains(part));
    }

    /** True when the request carries no (or an empty) {@code param}, or when it equals {@code value} exactly. */
    public static boolean exact(RoutingContext rc, String param, String value) {
        String wanted = given(rc, param);
        return wanted == null || wanted.equals(value);
    }

    /** True when a {@code yyyy-mm-dd} value passes {@code <param>_start}, {@code _end} (inclusive), {@code _before}, {@code _after}. */
    public static boolean dateRange(RoutingContext rc, String param, String value) {
        String start = given(rc, param + "_start");
        String end = given(rc, param + "_end");
        String before = given(rc, param + "_before");
        String after = given(rc, param + "_after");
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

    /** The parameter's value, or null where the request leaves it out or empty. */
    private static String given(RoutingContext rc, String param) {
        String value = rc.request().getParam(param);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
