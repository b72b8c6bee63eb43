package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static io.zohosync.bootstrap.StockFixture.SECRET;
import static io.zohosync.bootstrap.StockFixture.delta;
import static io.zohosync.bootstrap.StockFixture.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.core.Webhooks;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, the pull and its guards: Zoho's stock changes reach the service by a verified webhook and, when one is
 * lost, by the poll — applied once either way and published to the platform; the service's own adjustments do not
 * come back, and Zoho's changes do not bounce back as pushes; a stock change for an item not yet known waits for it.
 */
@ExtendWith(VertxExtension.class)
class StockPullEndToEndTest {

    private static final String ADJUST = "POST /inventory/v1/inventoryadjustments";

    private static StockFixture fx;
    private static String webhookUrl;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        fx = new StockFixture(
                vertx,
                RunningService.start(
                        vertx,
                        "stock-pull",
                        Map.of(
                                "ZSYNC_STOCK_FLUSH_MS", "200",
                                "ZSYNC_INVENTORY_POLL_EVERY", "1s",
                                "ZSYNC_ZOHO_INVENTORY_WEBHOOK_SECRET", SECRET)));
        webhookUrl = "http://127.0.0.1:" + fx.service.app.httpPort() + "/webhooks/zoho-inventory";
        fx.service.zoho.control().webhook("inventory", webhookUrl, SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static String sku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An item in Books and Inventory whose stock stands at {@code level} on both sides. */
    private static String stocked(String prefix, long level) throws Exception {
        String sku = sku(prefix);
        fx.item(sku);
        assertThat(await(fx.change(level(sku + "/start", sku, level))).statusCode())
                .isEqualTo(202);
        fx.awaitSettled(sku);
        return sku;
    }

    private static long messages(String sku) throws Exception {
        return fx.count("select count(*) from platform_outbox where stream_key = $1", "stock:" + sku);
    }

    private static Future<HttpResponse<Buffer>> signed(String body, String signature) {
        var request = fx.service.http.post("/webhooks/zoho-inventory").putHeader("content-type", "application/json");
        if (signature != null) {
            request.putHeader("X-Zoho-Webhook-Signature", signature);
        }
        return request.sendBuffer(Buffer.buffer(body));
    }

    private static String event(String eventId, JsonObject item, JsonObject adjustment) {
        return new JsonObject()
                .put("event_id", eventId)
                .put("event_type", "item_stock_changed")
                .put("event_time", "2026-11-30T07:00:00+0000")
                .put(
                        "data",
                        new JsonObject()
                                .put("item", item)
                                .put("inventory_adjustment", adjustment)
                                .put("source", "ui"))
                .encode();
    }

    @Test
    void a_stock_change_for_an_item_not_yet_sent_waits_for_it_then_goes() throws Exception {
        String sku = sku("LATE");
        assertThat(await(fx.change(level(sku + "/1", sku, 30))).statusCode()).isEqualTo(202);
        StockFixture.awaitTrue("waiting for its item", () -> "waiting".equals(fx.stockStatus(sku)));
        assertThat(fx.service.zoho.inspect().recordsFor(sku)).isEmpty();

        fx.item(sku);

        fx.awaitSettled(sku);
        assertThat(fx.zohoLevel(sku)).isEqualByComparingTo("30");
        assertThat(fx.count(
                        "select count(*) from sync_records where entity_type = 'item' and entity_id = $1 "
                                + "and status = 'synced'",
                        sku))
                .as("the item in Books (routed) and in Inventory (the stock record's prerequisite)")
                .isEqualTo(2);
    }

    @Test
    void a_webhook_without_a_good_signature_is_refused_and_nothing_is_stored() throws Exception {
        String sku = stocked("SIG", 10);
        JsonObject item = fx.zohoItem(sku);
        String body = event(
                "evt-" + sku,
                item,
                new JsonObject()
                        .put("inventory_adjustment_id", "adj-" + sku)
                        .put("reference_number", "")
                        .put(
                                "line_items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("item_id", item.getString("item_id"))
                                                .put("sku", sku)
                                                .put("quantity_adjusted", 5))));

        HttpResponse<Buffer> missing = await(signed(body, null));
        HttpResponse<Buffer> wrong = await(signed(body, Webhooks.signature("another-secret-0123", Map.of(), body)));
        HttpResponse<Buffer> tampered = await(signed(
                body.replace("\"quantity_adjusted\":5", "\"quantity_adjusted\":50"),
                Webhooks.signature(SECRET, Map.of(), body)));
        HttpResponse<Buffer> notHex = await(signed(body, "zz"));

        for (HttpResponse<Buffer> refused : List.of(missing, wrong, tampered, notHex)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("invalid_signature");
        }
        assertThat(fx.count("select count(*) from inbound_events where event_id = $1", "evt-" + sku))
                .isZero();
        assertThat(fx.levels(sku).getBigDecimal("platform_level")).isEqualByComparingTo("10");
        assertThat(messages(sku)).isZero();

        HttpResponse<Buffer> tooLarge =
                await(signed(body.replace("\"source\":\"ui\"", "\"pad\":\"" + "x".repeat(70_000) + "\""), "00"));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        HttpResponse<Buffer> noEventId = await(signed("{}", Webhooks.signature(SECRET, Map.of(), "{}")));
        assertThat(noEventId.statusCode()).isEqualTo(422);
        assertThat(noEventId.bodyAsJsonObject().getString("code")).isEqualTo("validation_failed");
        String notJson = "[1]";
        HttpResponse<Buffer> array = await(signed(notJson, Webhooks.signature(SECRET, Map.of(), notJson)));
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(array.bodyAsJsonObject().getString("code")).isEqualTo("malformed_json");

        // the same event, signed, is applied once
        HttpResponse<Buffer> good = await(signed(body, Webhooks.signature(SECRET, Map.of(), body)));
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.bodyAsJsonObject().getString("outcome")).isEqualTo("applied");
        assertThat(await(signed(body, Webhooks.signature(SECRET, Map.of(), body)))
                        .bodyAsJsonObject()
                        .getString("outcome"))
                .isEqualTo("repeated");
        assertThat(fx.levels(sku).getBigDecimal("platform_level")).isEqualByComparingTo("15");
        assertThat(messages(sku)).isEqualTo(1);
        assertThat(fx.count(
                        "select count(*) from platform_outbox where stream_key = $1 and jsonb_typeof(payload->'level')"
                                + " = 'number' and jsonb_typeof(payload->'delta') = 'number'",
                        "stock:" + sku))
                .as("level and delta are JSON numbers")
                .isEqualTo(1);
        String ignored = "{\"event_id\":\"evt-other-" + sku + "\",\"event_type\":\"item_created\"}";
        assertThat(await(signed(ignored, Webhooks.signature(SECRET, Map.of(), ignored)))
                        .bodyAsJsonObject()
                        .getString("outcome"))
                .isEqualTo("ignored");
    }

    @Test
    void an_event_for_an_item_the_service_does_not_know_is_kept_for_an_admin() throws Exception {
        String sku = sku("STRANGER");
        String body = event(
                "evt-" + sku,
                new JsonObject().put("item_id", "9001").put("sku", sku).put("stock_on_hand", 4),
                new JsonObject()
                        .put("inventory_adjustment_id", "adj-" + sku)
                        .put(
                                "line_items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("item_id", "9001")
                                                .put("sku", sku)
                                                .put("quantity_adjusted", 4))));

        HttpResponse<Buffer> answer = await(signed(body, Webhooks.signature(SECRET, Map.of(), body)));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyAsJsonObject().getString("outcome")).isEqualTo("unmatched");
        JsonArray listed = await(fx.service
                        .http
                        .get("/admin/api/inbound-events?status=unmatched&limit=500")
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject()
                .getJsonArray("events");
        assertThat(listed.stream()
                        .map(JsonObject.class::cast)
                        .filter(e -> e.getString("event_id").equals("evt-" + sku)))
                .singleElement()
                .satisfies(e -> assertThat(e.getString("source")).isEqualTo("zoho-inventory"));
        assertThat(fx.levels(sku)).isNull();
        assertThat(messages(sku)).isZero();
    }

    @Test
    void a_lost_webhook_is_recovered_by_the_poll_once() throws Exception {
        String sku = stocked("POLL", 20);
        String itemId = fx.zohoItem(sku).getString("item_id");
        fx.service.zoho.control().webhook("inventory", null, null);
        JsonObject adjustment;
        try {
            adjustment = fx.service.zoho.control().adjustStockInUi(itemId, 7, "Stock received");
        } finally {
            fx.service.zoho.control().webhook("inventory", webhookUrl, SECRET);
        }

        StockFixture.awaitTrue("the poll", () -> messages(sku) == 1);
        assertThat(fx.levels(sku).getBigDecimal("platform_level")).isEqualByComparingTo("27");
        assertThat(fx.levels(sku).getBigDecimal("zoho_level")).isEqualByComparingTo("27");
        assertThat(fx.count(
                        "select count(*) from stock_applied_adjustments where adjustment_id = $1 and via = 'poll'",
                        adjustment.getString("inventory_adjustment_id")))
                .isEqualTo(1);

        // the webhook, delivered late after all, applies nothing again
        String late = event("evt-late-" + sku, fx.zohoItem(sku), adjustment);
        HttpResponse<Buffer> answer = await(signed(late, Webhooks.signature(SECRET, Map.of(), late)));
        assertThat(answer.bodyAsJsonObject().getString("outcome")).isEqualTo("repeated");
        Thread.sleep(1_500); // a poll or two more: nothing new either
        assertThat(messages(sku)).isEqualTo(1);
        assertThat(fx.levels(sku).getBigDecimal("platform_level")).isEqualByComparingTo("27");
        assertThat(fx.stockStatus(sku)).isEqualTo("synced");
    }

    @Test
    void a_hundred_alternating_changes_on_both_sides_settle_equal_without_a_loop() throws Exception {
        String sku = stocked("ECHO", 100);
        String itemId = fx.zohoItem(sku).getString("item_id");
        int pushesBefore = fx.service.zoho.inspect().calls(ADJUST);
        long expected = 100;
        for (int i = 0; i < 100; i++) {
            if (i % 2 == 0) {
                long d = (i % 4 == 0) ? -1 : 3;
                assertThat(await(fx.change(delta(sku + "/" + i, sku, d))).statusCode())
                        .isEqualTo(202);
                expected += d;
            } else {
                long q = (i % 4 == 1) ? 2 : -1;
                fx.service.zoho.control().adjustStockInUi(itemId, q, "Counted in the warehouse");
                expected += q;
            }
            Thread.sleep(40);
        }

        long want = expected;
        StockFixture.awaitTrue("every UI change told to the platform", () -> messages(sku) == 50);
        fx.awaitSettled(sku);
        assertThat(fx.zohoLevel(sku)).isEqualByComparingTo(Long.toString(want));
        assertThat(fx.levels(sku).getBigDecimal("platform_level")).isEqualByComparingTo(Long.toString(want));
        int pushes = fx.service.zoho.inspect().calls(ADJUST) - pushesBefore;
        assertThat(pushes)
                .as("adjustments the service made: at most one per platform change, none for Zoho's")
                .isBetween(1, 50);
        assertThat(fx.levels(sku).getLong("pushes") - 1).isEqualTo(pushes);
        Thread.sleep(1_500); // the poll runs again: still nothing new, nothing pushed
        assertThat(messages(sku)).as("messages = UI changes").isEqualTo(50);
        assertThat(fx.service.zoho.inspect().calls(ADJUST) - pushesBefore).isEqualTo(pushes);
        assertThat(fx.count(
                        "select count(distinct payload->>'zoho_adjustment_id') from platform_outbox "
                                + "where stream_key = $1 and payload->>'source' like 'zoho_inventory_%'",
                        "stock:" + sku))
                .as("one message per UI adjustment, each told once")
                .isEqualTo(50);
    }
}
