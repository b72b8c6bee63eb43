package io.zohosync.adapters.zoho.call;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** How the clients write and read Zoho's JSON: no null fields sent, amounts as decimals, blank strings as absent. */
public final class ZohoJson {

    private ZohoJson() {}

    /** Removes the null fields of {@code o}, so only the values we hold are sent, and answers it. */
    public static JsonObject withoutNulls(JsonObject o) {
        o.fieldNames().removeIf(k -> o.getValue(k) == null);
        return o;
    }

    /** A number Zoho sent as a number or a string; null when absent or blank. */
    public static BigDecimal decimal(JsonObject o, String field) {
        Object v = o.getValue(field);
        return v instanceof Number n
                ? new BigDecimal(n.toString())
                : v instanceof String s && !s.isBlank() ? new BigDecimal(s) : null;
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
