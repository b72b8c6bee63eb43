package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.zohosync.sandbox.SandboxClient;

/** Test helper: Billing calls with the demo token, and the catalog and customers most tests start from. */
final class BillingCalls {
    final SandboxClient client;
    final String token;
    private String productId;

    BillingCalls(SandboxClient client) {
        this.client = client;
        this.token = client.accessToken();
    }

    HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
        return body == null
                ? send(client.billing(method, path, token))
                : send(client.billing(method, path, token), body);
    }

    /** Calls and checks the status, answering the body. */
    JsonObject ok(HttpMethod method, String path, JsonObject body, int status) {
        HttpResponse<Buffer> response = call(method, path, body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isEqualTo(status);
        return response.bodyAsJsonObject();
    }

    /** The product the catalog's plans and addons belong to, created on first use. */
    String productId() {
        if (productId == null) {
            productId = ok(HttpMethod.POST, "/products", new JsonObject().put("name", "Sandbox Service"), 201)
                    .getJsonObject("product")
                    .getString("product_id");
        }
        return productId;
    }

    JsonObject plan(String code, double price) {
        return ok(
                        HttpMethod.POST,
                        "/plans",
                        new JsonObject()
                                .put("plan_code", code)
                                .put("name", "Plan " + code)
                                .put("recurring_price", price)
                                .put("interval", 1)
                                .put("interval_unit", "months")
                                .put("product_id", productId()),
                        201)
                .getJsonObject("plan");
    }

    JsonObject addon(String code, double price) {
        return ok(
                        HttpMethod.POST,
                        "/addons",
                        new JsonObject()
                                .put("addon_code", code)
                                .put("name", "Addon " + code)
                                .put("product_id", productId())
                                .put("unit_name", "seat")
                                .put("pricing_scheme", "unit")
                                .put("price_brackets", new JsonArray().add(new JsonObject().put("price", price))),
                        201)
                .getJsonObject("addon");
    }

    JsonObject customer(String email) {
        return ok(
                        HttpMethod.POST,
                        "/customers",
                        new JsonObject()
                                .put("display_name", "Customer " + email)
                                .put("email", email),
                        201)
                .getJsonObject("customer");
    }

    /** A subscription of {@code customerId} to {@code planCode} with {@code reference_id}; answers the subscription. */
    JsonObject subscribe(String customerId, String planCode, String reference) {
        return ok(
                        HttpMethod.POST,
                        "/subscriptions",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("reference_id", reference)
                                .put("plan", new JsonObject().put("plan_code", planCode)),
                        201)
                .getJsonObject("subscription");
    }

    JsonArray events(String type) {
        return ok(HttpMethod.GET, "/events?event_type=" + type, null, 200).getJsonArray("events");
    }
}
