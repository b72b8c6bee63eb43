package io.zohosync.sandbox.inventory;

import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InventoryStockTest {
    private static final String SECRET = "stocksecret0123456789";

    private SandboxClient client;
    private WebhookReceiver receiver;
    private String token;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        receiver = WebhookReceiver.start(vertx);
        token = client.accessToken();
        client.sandbox.control().webhook(InventoryApi.PRODUCT, receiver.url("/hooks/stock?source=zoho"), SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
        client.close();
    }

    @Test
    void anItemIsReadBackWithItsOpeningStock() {
        JsonObject created = call(
                HttpMethod.POST,
                "/items",
                new JsonObject()
                        .put("name", "Widget")
                        .put("rate", 9.5)
                        .put("sku", "W-1")
                        .put("initial_stock", 12),
                201);

        assertThat(created.getString("message")).isEqualTo("The item has been added.");
        JsonObject item = call(
                        HttpMethod.GET,
                        "/items/" + created.getJsonObject("item").getString("item_id"),
                        null,
                        200)
                .getJsonObject("item");
        assertThat(item.getDouble("stock_on_hand")).isEqualTo(12.0);
        assertThat(item.getDouble("available_stock")).isEqualTo(12.0);
        assertThat(call(HttpMethod.GET, "/items?sku=W-1", null, 200).getJsonArray("items"))
                .hasSize(1);
        assertThat(client.sandbox.inspect().recordsFor("W-1"))
                .singleElement()
                .satisfies(r -> assertThat(r.product()).isEqualTo("inventory"));
        assertThat(receiver.pending()).isZero();
    }

    @Test
    void itemsNeedANameARateAndAUniqueSku() {
        call(
                HttpMethod.POST,
                "/items",
                new JsonObject().put("name", "Widget").put("rate", 1).put("sku", "W-1"),
                201);

        assertThat(call(HttpMethod.POST, "/items", new JsonObject().put("rate", 1), 400)
                        .getString("message"))
                .isEqualTo("Invalid value passed for name");
        assertThat(call(HttpMethod.POST, "/items", new JsonObject().put("name", "No rate"), 400)
                        .getString("message"))
                .isEqualTo("Invalid value passed for rate");
        assertThat(call(
                                HttpMethod.POST,
                                "/items",
                                new JsonObject()
                                        .put("name", "Twin")
                                        .put("rate", 1)
                                        .put("sku", "w-1"),
                                400)
                        .getInteger("code"))
                .isEqualTo(1001);
        assertThat(call(HttpMethod.GET, "/items/460000000000001", null, 404).getString("message"))
                .isEqualTo("Item does not exist.");
    }

    @Test
    void anAdjustmentChangesStockAndSendsASignedWebhook() {
        String itemId = item("Gadget", 10);

        JsonObject adjustment = call(HttpMethod.POST, "/inventoryadjustments", adjustment(itemId, -3, "STOCK-42"), 201)
                .getJsonObject("inventory_adjustment");

        assertThat(adjustment.getString("reference_number")).isEqualTo("STOCK-42");
        JsonObject item = call(HttpMethod.GET, "/items/" + itemId, null, 200).getJsonObject("item");
        assertThat(item.getDouble("stock_on_hand")).isEqualTo(7.0);
        assertThat(item.getDouble("available_stock")).isEqualTo(7.0);
        WebhookReceiver.Received hook = receiver.next();
        assertThat(hook.signature()).isEqualTo(WebhookReceiver.hmacSha256Hex(SECRET, "sourcezoho" + hook.body()));
        JsonObject body = new JsonObject(hook.body());
        assertThat(body.getString("event_type")).isEqualTo(InventoryApi.STOCK_CHANGED);
        assertThat(body.getJsonObject("data").getJsonObject("item").getDouble("stock_on_hand"))
                .isEqualTo(7.0);
        assertThat(body.getJsonObject("data").getString("source")).isEqualTo("api");
        assertThat(client.sandbox.inspect().recordsFor("STOCK-42"))
                .singleElement()
                .satisfies(r -> assertThat(r.entity()).isEqualTo("inventoryadjustments"));
        assertThat(call(
                                HttpMethod.GET,
                                "/inventoryadjustments/" + adjustment.getString("inventory_adjustment_id"),
                                null,
                                200)
                        .getJsonObject("inventory_adjustment")
                        .getJsonArray("line_items"))
                .hasSize(1);
        assertThat(call(HttpMethod.GET, "/inventoryadjustments?reference_number=STOCK-42", null, 200)
                        .getJsonArray("inventory_adjustments"))
                .hasSize(1);
    }

    @Test
    void adjustmentsRefuseUnknownItemsMissingReasonsAndNegativeStock() {
        String itemId = item("Gizmo", 2);

        assertThat(call(HttpMethod.POST, "/inventoryadjustments", adjustment(itemId, -3, "R"), 400)
                        .getString("message"))
                .isEqualTo("Invalid value passed for quantity_adjusted");
        assertThat(call(HttpMethod.POST, "/inventoryadjustments", adjustment("460000000000001", 1, "R"), 400)
                        .getString("message"))
                .isEqualTo("Invalid value passed for item_id");
        assertThat(call(
                                HttpMethod.POST,
                                "/inventoryadjustments",
                                adjustment(itemId, 1, "R").put("reason", ""),
                                400)
                        .getString("message"))
                .isEqualTo("Invalid value passed for reason");
        assertThat(call(
                                HttpMethod.POST,
                                "/inventoryadjustments",
                                adjustment(itemId, 1, "R").put("adjustment_type", "value"),
                                400)
                        .getString("message"))
                .isEqualTo("Invalid value passed for adjustment_type");
        assertThat(send(client.web
                                .get("/inventory/v1/items/" + itemId)
                                .putHeader("Authorization", "Zoho-oauthtoken " + token))
                        .statusCode())
                .isEqualTo(400);
        assertThat(call(HttpMethod.GET, "/items/" + itemId, null, 200)
                        .getJsonObject("item")
                        .getDouble("stock_on_hand"))
                .isEqualTo(2.0);
        assertThat(call(HttpMethod.GET, "/inventoryadjustments/460000000000001", null, 404)
                        .getInteger("code"))
                .isEqualTo(1002);
        assertThat(receiver.pending()).isZero();
    }

    @Test
    void aStockChangeMadeInZohosUiFiresTheWebhookWithoutAnyApiCall() {
        String itemId = item("Sprocket", 5);
        int callsBefore = client.sandbox.inspect().calls().values().stream()
                .mapToInt(Integer::intValue)
                .sum();

        client.sandbox.control().adjustStockInUi(itemId, 4, "Stock count");

        JsonObject body = new JsonObject(receiver.next().body());
        assertThat(body.getJsonObject("data").getJsonObject("item").getDouble("stock_on_hand"))
                .isEqualTo(9.0);
        assertThat(body.getJsonObject("data").getString("source")).isEqualTo("ui");
        assertThat(client.sandbox.inspect().calls().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(callsBefore);
        assertThat(call(HttpMethod.GET, "/items/" + itemId, null, 200)
                        .getJsonObject("item")
                        .getDouble("stock_on_hand"))
                .isEqualTo(9.0);
        assertThatThrownBy(() -> client.sandbox.control().adjustStockInUi(itemId, -100, "Lost"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String item(String name, int stock) {
        return call(
                        HttpMethod.POST,
                        "/items",
                        new JsonObject().put("name", name).put("rate", 3).put("initial_stock", stock),
                        201)
                .getJsonObject("item")
                .getString("item_id");
    }

    private static JsonObject adjustment(String itemId, double quantity, String reference) {
        return new JsonObject()
                .put("date", "2026-11-22")
                .put("reason", "Damaged goods")
                .put("adjustment_type", "quantity")
                .put("reference_number", reference)
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject().put("item_id", itemId).put("quantity_adjusted", quantity)));
    }

    @Test
    void adjustmentsAreListedByLastModifiedTimeSortedAndPaged() {
        String itemId = call(
                        HttpMethod.POST,
                        "/items",
                        new JsonObject()
                                .put("name", "Widget")
                                .put("rate", 1)
                                .put("sku", "W-9")
                                .put("initial_stock", 5),
                        201)
                .getJsonObject("item")
                .getString("item_id");
        JsonObject first = client.sandbox.control().adjustStockInUi(itemId, 1, "counted");
        client.sandbox.control().advanceClock(java.time.Duration.ofMinutes(1));
        JsonObject second = client.sandbox.control().adjustStockInUi(itemId, 2, "received");
        client.sandbox.control().advanceClock(java.time.Duration.ofMinutes(1));
        JsonObject third = client.sandbox.control().adjustStockInUi(itemId, 3, "received");
        String since = second.getString("last_modified_time");

        JsonObject listed = call(
                HttpMethod.GET,
                "/inventoryadjustments?last_modified_time=" + since.replace("+", "%2B")
                        + "&sort_column=last_modified_time&sort_order=A&per_page=1",
                null,
                200);
        assertThat(listed.getJsonArray("inventory_adjustments"))
                .singleElement()
                .satisfies(a -> assertThat(((JsonObject) a).getString("inventory_adjustment_id"))
                        .isEqualTo(second.getString("inventory_adjustment_id")));
        assertThat(listed.getJsonObject("page_context").getBoolean("has_more_page"))
                .isTrue();
        JsonObject next = call(
                HttpMethod.GET,
                "/inventoryadjustments?last_modified_time=" + since.replace("+", "%2B")
                        + "&sort_column=last_modified_time&sort_order=A&per_page=1&page=2",
                null,
                200);
        assertThat(next.getJsonArray("inventory_adjustments"))
                .singleElement()
                .satisfies(a -> assertThat(((JsonObject) a).getString("inventory_adjustment_id"))
                        .isEqualTo(third.getString("inventory_adjustment_id")));
        assertThat(next.getJsonObject("page_context").getBoolean("has_more_page"))
                .isFalse();
        assertThat(call(HttpMethod.GET, "/inventoryadjustments?sort_order=D", null, 200)
                        .getJsonArray("inventory_adjustments")
                        .getJsonObject(2)
                        .getString("inventory_adjustment_id"))
                .isEqualTo(first.getString("inventory_adjustment_id"));
    }

    private JsonObject call(HttpMethod method, String path, JsonObject body, int status) {
        HttpResponse<Buffer> response = body == null
                ? send(client.inventory(method, path, token))
                : send(client.inventory(method, path, token), body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isEqualTo(status);
        return response.bodyAsJsonObject();
    }
}
