package io.zohosync.adapters.zoho.call;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.LinkedHashMap;
import java.util.Map;

/** One call to a product's API, relative to its root ({@code /books/v3}, {@code /billing/v1}, ...). */
public record ZohoRequest(
        ZohoProduct product, HttpMethod method, String path, Map<String, String> query, JsonObject body) {

    public static ZohoRequest get(ZohoProduct product, String path) {
        return new ZohoRequest(product, HttpMethod.GET, path, new LinkedHashMap<>(), null);
    }

    public static ZohoRequest post(ZohoProduct product, String path, JsonObject body) {
        return new ZohoRequest(product, HttpMethod.POST, path, new LinkedHashMap<>(), body);
    }

    public static ZohoRequest put(ZohoProduct product, String path, JsonObject body) {
        return new ZohoRequest(product, HttpMethod.PUT, path, new LinkedHashMap<>(), body);
    }

    /** Adds a query parameter; null values are left out. */
    public ZohoRequest param(String name, Object value) {
        if (value != null) {
            query.put(name, String.valueOf(value));
        }
        return this;
    }

    static String root(ZohoProduct product) {
        return switch (product) {
            case BOOKS -> "/books/v3";
            case BILLING -> "/billing/v1";
            case CRM -> "/crm/v8";
            case INVENTORY -> "/inventory/v1";
        };
    }
}
