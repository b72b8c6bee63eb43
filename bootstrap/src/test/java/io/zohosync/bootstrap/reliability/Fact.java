package io.zohosync.bootstrap.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One fact the platform posts: a customer or an item at a version. The version travels in the data (a customer's
 * phone, an item's rate), so what the service stored tells which version it holds.
 */
record Fact(String collection, String id, int version) {

    /**
     * Customer ids chosen to collide by prefix, as markers would if they matched loosely: {@code acme},
     * {@code acme eu}, {@code acme/eu}, {@code acme+1}, … and {@code acme 1} inside {@code acme 10}.
     */
    static List<String> collidingCustomerIds(int count) {
        List<String> fixed = List.of(
                "acme", "acme eu", "acme/eu", "acme+1", "acme@eu", "acme.eu", "acme-eu", "acme eu/2", "acme/eu+1");
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < count; i++) {
            if (i < fixed.size()) {
                ids.add(fixed.get(i));
            } else {
                String[] separators = {" ", "/", "+", "-"};
                ids.add("acme" + separators[i % separators.length] + (i / separators.length));
            }
        }
        return ids;
    }

    /** Item skus colliding by prefix: {@code YOGA}, {@code YOGA-1}, {@code YOGA-10}, … */
    static List<String> collidingSkus(int count) {
        List<String> skus = new ArrayList<>();
        skus.add("YOGA");
        for (int i = 1; skus.size() < count; i++) {
            skus.add("YOGA-" + i);
        }
        return skus;
    }

    /** The JSON body the platform posts; e-mail addresses and names are the id in hex, so no two objects share one. */
    String body() {
        String tag = HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
        if (collection.equals("customers")) {
            return "{\"id\":" + quote(id) + ",\"first_name\":\"Customer\",\"last_name\":\"Acme " + tag
                    + "\",\"email\":\"c" + tag + "@example.com\",\"phone\":\"" + phone(version) + "\"}";
        }
        return "{\"id\":" + quote(id) + ",\"name\":\"Class " + tag + "\",\"rate\":" + rate(version)
                + ",\"currency\":\"ZAR\"}";
    }

    static String phone(int version) {
        return String.format(Locale.ROOT, "+27 21 555 %04d", version);
    }

    static String rate(int version) {
        return version + "00.00";
    }

    /** The version a stored customer phone or item rate stands for. */
    static int versionOf(String collection, String stored) {
        if (collection.equals("customers")) {
            return Integer.parseInt(stored.substring(stored.lastIndexOf(' ') + 1));
        }
        return new java.math.BigDecimal(stored).intValue() / 100;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
