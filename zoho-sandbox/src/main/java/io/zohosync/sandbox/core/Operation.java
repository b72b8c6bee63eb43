package io.zohosync.sandbox.core;

import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * One documented API operation: method, Vert.x path ({@code /books/v3/contacts/:contact_id}), the
 * query parameters Zoho documents for it, whether it takes a JSON body, and the fields of the
 * {@code application/x-www-form-urlencoded} body it takes instead (none for most). Strict mode enforces these.
 */
public record Operation(HttpMethod method, String path, Set<String> query, boolean body, Set<String> form) {

    public static Operation get(String path, String... query) {
        return new Operation(HttpMethod.GET, path, Set.of(query), false, Set.of());
    }

    public static Operation post(String path, String... query) {
        return new Operation(HttpMethod.POST, path, Set.of(query), true, Set.of());
    }

    /** A POST without a body, such as {@code /invoices/{id}/status/sent}. */
    public static Operation action(String path, String... query) {
        return new Operation(HttpMethod.POST, path, Set.of(query), false, Set.of());
    }

    /** A POST whose body is a form with these fields, such as Books' {@code /invoices/status/sent} ({@code invoice_ids=}). */
    public static Operation form(String path, String... fields) {
        return new Operation(HttpMethod.POST, path, Set.of(), false, Set.of(fields));
    }

    public static Operation put(String path, String... query) {
        return new Operation(HttpMethod.PUT, path, Set.of(query), true, Set.of());
    }

    public static Operation delete(String path, String... query) {
        return new Operation(HttpMethod.DELETE, path, Set.of(query), false, Set.of());
    }

    /** The name inspection counts calls under, in Zoho's notation: {@code GET /books/v3/contacts/{contact_id}}. */
    public String endpoint() {
        return method.name() + " " + path.replaceAll(":([a-z_]+)", "{$1}");
    }
}
