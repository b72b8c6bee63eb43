package io.zohosync.sandbox.core;

import io.vertx.ext.web.RoutingContext;

/** Books-style paging from {@code page} (default 1) and {@code per_page} (default and maximum 200). */
public record Page(int number, int size) {
    public static final int MAX_PER_PAGE = 200;

    /** The requested page, or null when {@code page} or {@code per_page} is not a valid number. */
    public static Page of(RoutingContext rc) {
        try {
            int number = parse(rc.request().getParam("page"), 1);
            int size = parse(rc.request().getParam("per_page"), MAX_PER_PAGE);
            return number < 1 || size < 1 || size > MAX_PER_PAGE ? null : new Page(number, size);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parse(String value, int fallback) {
        return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
    }
}
