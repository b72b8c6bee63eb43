package io.zohosync.adapters.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.ports.in.CustomerRegistration;
import io.zohosync.ports.in.RegisterCustomerCommand;
import io.zohosync.ports.in.RegisterCustomerUseCase;
import io.zohosync.ports.in.SyncStatusQuery;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Platform API: customers in ({@code POST /api/v1/customers}) and their sync state out. */
final class CustomerRoutes {

    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final RegisterCustomerUseCase register;
    private final SyncStatusQuery status;

    CustomerRoutes(RegisterCustomerUseCase register, SyncStatusQuery status) {
        this.register = register;
        this.status = status;
    }

    void mount(Router api, long bodyLimit) {
        api.post("/customers").handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::create);
        api.get("/customers/:id").handler(this::show);
    }

    private void create(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("content-type");
        if (contentType == null || !contentType.toLowerCase().matches("application/([a-z.+-]*\\+)?json.*")) {
            throw new Problem(415, "unsupported_media_type", "send the customer as application/json");
        }
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new Problem(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        Buffer body = ctx.body().buffer();
        Customer customer = customer(parse(body));
        register.register(new RegisterCustomerCommand(customer, key, key == null ? null : sha256(body)))
                .onSuccess(result -> respond(ctx, result))
                .onFailure(ctx::fail);
    }

    private static void respond(RoutingContext ctx, CustomerRegistration result) {
        if (result.outcome() == CustomerRegistration.Outcome.KEY_REUSED) {
            ctx.fail(new Problem(409, "idempotency_key_reused",
                    "this Idempotency-Key was used with a different body; nothing was stored"));
            return;
        }
        boolean queued = result.outcome() == CustomerRegistration.Outcome.CREATED
                || result.outcome() == CustomerRegistration.Outcome.UPDATED;
        String self = "/api/v1/customers/" + result.platformId();
        ctx.response()
                .setStatusCode(queued ? 202 : 200)
                .putHeader("content-type", "application/json")
                .putHeader("Location", self)
                .end(new JsonObject()
                        .put("id", result.platformId())
                        .put("outcome", result.outcome().name().toLowerCase())
                        .put("sync", new JsonObject().put("target", "books")
                                .put("status", result.status() == null ? null : result.status().wire()))
                        .put("links", new JsonObject().put("self", self))
                        .encode());
    }

    private void show(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        status.record("customer", id)
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        ctx.fail(new Problem(404, "customer_not_found", "no customer with id " + id));
                        return;
                    }
                    ctx.response().putHeader("content-type", "application/json")
                            .end(new JsonObject().put("id", id).put("sync", Json.record(found.get())).encode());
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new Problem(400, "malformed_json", "the body is empty; send a JSON object");
        }
        try {
            Object value = body.toJsonValue();
            if (value instanceof JsonObject json) {
                return json;
            }
        } catch (DecodeException e) {
            throw new Problem(400, "malformed_json", "the body is not valid JSON");
        }
        throw new Problem(400, "malformed_json", "the body must be a JSON object");
    }

    private static Customer customer(JsonObject json) {
        JsonObject address = Json.object(json, "billing_address");
        Boolean returning = Json.bool(json, "returning");
        try {
            return new Customer(
                    Json.string(json, "id", ""),
                    Json.string(json, "first_name", ""),
                    Json.string(json, "last_name", ""),
                    Json.string(json, "email", ""),
                    Json.string(json, "phone", ""),
                    Json.string(json, "company_name", ""),
                    address == null ? Address.NONE : new Address(
                            Json.string(address, "street", "billing_address."),
                            Json.string(address, "street2", "billing_address."),
                            Json.string(address, "city", "billing_address."),
                            Json.string(address, "state", "billing_address."),
                            Json.string(address, "zip", "billing_address."),
                            Json.string(address, "country", "billing_address.")),
                    Boolean.TRUE.equals(returning) ? CustomerKind.RETURNING : CustomerKind.NEW);
        } catch (InvalidInput e) {
            throw Json.validation(e.errors());
        }
    }

    private static String sha256(Buffer body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
