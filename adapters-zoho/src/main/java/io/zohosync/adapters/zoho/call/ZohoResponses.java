package io.zohosync.adapters.zoho.call;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.zohosync.ports.out.zoho.ZohoDayCount;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads Zoho's answers into {@link ZohoOutcome}s (zoho-api.md §2.10, §5.2): Books, Billing and Inventory
 * speak {@code {"code":<int>,"message":...}}, CRM {@code {"code":"<TEXT>","message":...,"status":"error"}}.
 */
final class ZohoResponses {

    /** Books/Billing codes meaning "a record like this already exists" (invoice number, contact name, sku, ...). */
    private static final Set<Integer> DUPLICATE_CODES = Set.of(1001, 3062, 120106, 4097);

    private static final int MINUTE_LIMIT = 44;
    private static final int DAY_LIMIT = 45;
    private static final int CONCURRENCY_LIMIT = 1070;
    private static final int DOES_NOT_EXIST = 1002;

    private ZohoResponses() {}

    static <T> ZohoOutcome<T> classify(
            ZohoProduct product, HttpResponse<Buffer> response, Function<JsonObject, T> read) {
        int status = response.statusCode();
        JsonObject body = json(response.body());
        if (body == null) {
            if (status == 204 || (status >= 200 && status < 300 && product == ZohoProduct.CRM)) {
                return new ZohoOutcome.Success<>(read.apply(new JsonObject()));
            }
            String message = "Zoho answered HTTP " + status + " without a JSON body";
            if (status == 429) {
                return new ZohoOutcome.RateLimited<>(Scope.MINUTE, retryAfter(response, Scope.MINUTE), message);
            }
            if (status == 401) {
                return new ZohoOutcome.AuthFailure<>(message);
            }
            return status >= 500 || status < 300 || status == 404 || status == 408
                    ? new ZohoOutcome.Outage<>(message)
                    : new ZohoOutcome.Validation<>(String.valueOf(status), message);
        }
        return product == ZohoProduct.CRM ? crm(status, body, response, read) : books(status, body, response, read);
    }

    private static <T> ZohoOutcome<T> books(
            int status, JsonObject body, HttpResponse<Buffer> response, Function<JsonObject, T> read) {
        Object rawCode = body.getValue("code");
        int code = rawCode instanceof Number n ? n.intValue() : 0;
        String message = body.getString("message", "HTTP " + status);
        if (status >= 200 && status < 300 && code == 0) {
            return new ZohoOutcome.Success<>(read.apply(body));
        }
        if (status == 429 || code == MINUTE_LIMIT || code == DAY_LIMIT || code == CONCURRENCY_LIMIT) {
            Scope scope = code == DAY_LIMIT ? Scope.DAY : code == CONCURRENCY_LIMIT ? Scope.CONCURRENCY : Scope.MINUTE;
            return new ZohoOutcome.RateLimited<>(scope, retryAfter(response, scope), message);
        }
        if (status == 401) {
            return new ZohoOutcome.AuthFailure<>(message);
        }
        if (status >= 500) {
            return new ZohoOutcome.Outage<>("Zoho answered HTTP " + status + ": " + message);
        }
        if (code == DOES_NOT_EXIST) {
            return new ZohoOutcome.NotFound<>(message);
        }
        if (status == 404) {
            // "Invalid URL Passed" (code 5): a wrong host or path, not a missing record — work waits, nothing fails for
            // good
            return new ZohoOutcome.Outage<>("Zoho does not know this URL (" + message + "): check the API host");
        }
        if (DUPLICATE_CODES.contains(code)
                || message.toLowerCase(java.util.Locale.ROOT).contains("already exist")) {
            return new ZohoOutcome.Duplicate<>(java.util.Optional.empty(), message);
        }
        return new ZohoOutcome.Validation<>(String.valueOf(code), message);
    }

    private static <T> ZohoOutcome<T> crm(
            int status, JsonObject body, HttpResponse<Buffer> response, Function<JsonObject, T> read) {
        String code = body.getValue("code") == null ? "" : String.valueOf(body.getValue("code"));
        String message = body.getString("message", "HTTP " + status);
        if (status == 429 || "TOO_MANY_REQUESTS".equals(code)) {
            JsonObject details = body.getJsonObject("details", new JsonObject());
            Duration after = details.getValue("retry_after") instanceof Number n
                    ? Duration.ofSeconds(n.longValue())
                    : retryAfter(response, Scope.CONCURRENCY);
            return new ZohoOutcome.RateLimited<>(Scope.CONCURRENCY, after, message);
        }
        if ("OAUTH_SCOPE_MISMATCH".equals(code) || "NO_PERMISSION".equals(code)) {
            // the token is fine, it lacks a scope or a permission: refreshing cannot help
            return new ZohoOutcome.Validation<>(
                    code, message + ": connect again with the CRM scopes, or grant the permission");
        }
        if (status == 401 || "INVALID_TOKEN".equals(code) || "AUTHENTICATION_FAILURE".equals(code)) {
            return new ZohoOutcome.AuthFailure<>(code + ": " + message);
        }
        if (status >= 500) {
            return new ZohoOutcome.Outage<>("Zoho CRM answered HTTP " + status + ": " + message);
        }
        if (body.getValue("data") instanceof JsonArray && (status < 300 || status == 400)) {
            return new ZohoOutcome.Success<>(read.apply(body));
        }
        if (status >= 200 && status < 300) {
            return new ZohoOutcome.Success<>(read.apply(body));
        }
        if (status == 404 || "INVALID_URL_PATTERN".equals(code)) {
            return new ZohoOutcome.NotFound<>(message);
        }
        if ("DUPLICATE_DATA".equals(code)) {
            return new ZohoOutcome.Duplicate<>(java.util.Optional.empty(), message);
        }
        return new ZohoOutcome.Validation<>(code, message);
    }

    /**
     * Zoho's count of the day when the answer tells it (Books sends {@code X-Rate-Limit-Limit}, {@code -Remaining}
     * and {@code -Reset}, seconds to the reset: zoho-api.md, field notes): after the call made at {@code calledAt},
     * so many remain until {@code answeredAt} plus the reset. Empty when a header is missing or not a count (some
     * integrators saw zeros where a header was absent: a count is believed only with its limit beside it).
     */
    static Optional<ZohoDayCount> dayCount(HttpResponse<Buffer> response, Instant calledAt, Instant answeredAt) {
        OptionalLong limit = count(response, "X-Rate-Limit-Limit");
        OptionalLong remaining = count(response, "X-Rate-Limit-Remaining");
        OptionalLong reset = count(response, "X-Rate-Limit-Reset");
        if (limit.isEmpty() || limit.getAsLong() == 0 || remaining.isEmpty() || reset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ZohoDayCount(
                (int) Math.min(remaining.getAsLong(), limit.getAsLong()),
                calledAt,
                answeredAt.plusSeconds(reset.getAsLong())));
    }

    private static OptionalLong count(HttpResponse<Buffer> response, String header) {
        String value = response.getHeader(header);
        if (value == null || !value.trim().matches("\\d{1,9}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value.trim()));
    }

    /** Zoho documents no Retry-After; when absent: a minute, an hour (the day limit is re-probed hourly), two seconds. */
    private static Duration retryAfter(HttpResponse<Buffer> response, Scope scope) {
        String header = response.getHeader("Retry-After");
        if (header != null && header.trim().matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        }
        return switch (scope) {
            case DAY -> Duration.ofHours(1);
            case CONCURRENCY -> Duration.ofSeconds(2);
            default -> Duration.ofMinutes(1);
        };
    }

    private static JsonObject json(Buffer raw) {
        if (raw == null || raw.length() == 0) {
            return null;
        }
        try {
            return raw.toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }
}
