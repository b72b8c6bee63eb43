package io.zohosync.sandbox.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxOptions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(VertxExtension.class)
class BillingProductsTest {
    private SandboxClient client;
    private BillingCalls billing;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        billing = new BillingCalls(client);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void aProductIsCreatedReadUpdatedListedAndMarkedInactiveAndActive() {
        JsonObject created = billing.ok(
                HttpMethod.POST,
                "/products",
                new JsonObject().put("name", "Fibre Broadband").put("description", "Home internet"),
                201);
        assertThat(created.getString("message")).isEqualTo("The product has been created.");
        JsonObject product = created.getJsonObject("product");
        String id = product.getString("product_id");
        assertThat(id).matches("\\d+");
        assertThat(product.getString("status")).isEqualTo("active");
        assertThat(product.getString("description")).isEqualTo("Home internet");

        assertThat(billing.ok(HttpMethod.GET, "/products/" + id, null, 200).getJsonObject("product"))
                .isEqualTo(product);

        JsonObject updated = billing.ok(
                HttpMethod.PUT,
                "/products/" + id,
                new JsonObject().put("name", "Fibre Broadband Plus").put("email_ids", "ops@example.com"),
                200);
        assertThat(updated.getString("message")).isEqualTo("The product details have been updated.");
        assertThat(updated.getJsonObject("product").getString("name")).isEqualTo("Fibre Broadband Plus");
        assertThat(updated.getJsonObject("product").getString("description")).isEqualTo("Home internet");
        assertThat(updated.getJsonObject("product").getString("email_ids")).isEqualTo("ops@example.com");

        String other = billing.productId();
        assertThat(billing.ok(HttpMethod.POST, "/products/" + id + "/markasinactive", null, 200)
                        .getString("message"))
                .isEqualTo("The product has been marked as inactive.");
        assertThat(ids(billing.ok(HttpMethod.GET, "/products?filter_by=ProductStatus.Inactive", null, 200)))
                .containsExactly(id);
        assertThat(ids(billing.ok(HttpMethod.GET, "/products?filter_by=ProductStatus.Active", null, 200)))
                .containsExactly(other);
        assertThat(ids(billing.ok(HttpMethod.GET, "/products", null, 200))).containsExactlyInAnyOrder(id, other);

        assertThat(billing.ok(HttpMethod.POST, "/products/" + id + "/markasactive", null, 200)
                        .getString("message"))
                .isEqualTo("The product has been marked as active.");
        assertThat(ids(billing.ok(HttpMethod.GET, "/products?filter_by=ProductStatus.All", null, 200)))
                .containsExactlyInAnyOrder(id, other);
        assertThat(client.sandbox.inspect().recordsFor("Fibre Broadband Plus"))
                .singleElement()
                .satisfies(r -> assertThat(r.product()).isEqualTo("billing"));
    }

    @Test
    void plansAndAddonsOfAProductAreListedByItAndAnUnknownProductIsRefused() {
        String productId = billing.productId();
        billing.plan("BASIC", 10);
        billing.addon("SEAT", 2);

        assertThat(billing.ok(HttpMethod.GET, "/plans?product_id=" + productId, null, 200)
                        .getJsonArray("plans"))
                .hasSize(1);
        HttpResponse<Buffer> unknownPlan = billing.call(
                HttpMethod.POST,
                "/plans",
                new JsonObject()
                        .put("plan_code", "GHOST")
                        .put("name", "Ghost")
                        .put("recurring_price", 5)
                        .put("interval", 1)
                        .put("product_id", "9030000001"));
        HttpResponse<Buffer> unknownAddon = billing.call(
                HttpMethod.POST,
                "/addons",
                new JsonObject()
                        .put("addon_code", "GHOST")
                        .put("name", "Ghost")
                        .put("product_id", "9030000001")
                        .put("price_brackets", new JsonArray().add(new JsonObject().put("price", 1))));
        JsonObject refused = new JsonObject().put("code", 14).put("message", "Invalid value passed for product_id");
        assertThat(unknownPlan.statusCode()).isEqualTo(400);
        assertThat(unknownPlan.bodyAsJsonObject()).isEqualTo(refused);
        assertThat(unknownAddon.statusCode()).isEqualTo(400);
        assertThat(unknownAddon.bodyAsJsonObject()).isEqualTo(refused);
        assertThat(billing.call(HttpMethod.GET, "/plans/GHOST", null).statusCode())
                .isEqualTo(404);
        assertThat(billing.call(HttpMethod.GET, "/addons/GHOST", null).statusCode())
                .isEqualTo(404);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/products", new JsonObject(), 400, 14, "Invalid value passed for name"),
                Arguments.of(
                        HttpMethod.POST,
                        "/products",
                        new JsonObject().put("name", "  "),
                        400,
                        14,
                        "Invalid value passed for name"),
                Arguments.of(
                        HttpMethod.POST,
                        "/products",
                        new JsonObject().put("name", "X").put("email_ids", new JsonArray().add("a@example.com")),
                        400,
                        14,
                        "Invalid value passed for email_ids"),
                Arguments.of(HttpMethod.GET, "/products/404404", null, 404, 1002, "Product does not exist."),
                Arguments.of(
                        HttpMethod.PUT,
                        "/products/404404",
                        new JsonObject().put("name", "X"),
                        404,
                        1002,
                        "Product does not exist."),
                Arguments.of(
                        HttpMethod.POST, "/products/404404/markasinactive", null, 404, 1002, "Product does not exist."),
                Arguments.of(
                        HttpMethod.GET,
                        "/products?filter_by=ProductStatus.Sold",
                        null,
                        400,
                        14,
                        "Invalid value passed for filter_by"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badProductRequestsGetBillingsErrorAndStoreNothing(
            HttpMethod method, String path, JsonObject body, int status, int code, String message) {
        HttpResponse<Buffer> response = billing.call(method, path, body);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("code", code).put("message", message));
        assertThat(billing.ok(HttpMethod.GET, "/products", null, 200).getJsonArray("products"))
                .isEmpty();
    }

    @Test
    void anUpdateWithABlankNameChangesNothing() {
        String id = billing.productId();
        HttpResponse<Buffer> response =
                billing.call(HttpMethod.PUT, "/products/" + id, new JsonObject().put("name", ""));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(billing.ok(HttpMethod.GET, "/products/" + id, null, 200)
                        .getJsonObject("product")
                        .getString("name"))
                .isEqualTo("Sandbox Service");
    }

    private static java.util.List<String> ids(JsonObject list) {
        return list.getJsonArray("products").stream()
                .map(p -> ((JsonObject) p).getString("product_id"))
                .toList();
    }
}
