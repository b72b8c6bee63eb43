package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static io.zohosync.bootstrap.StockFixture.delta;
import static io.zohosync.bootstrap.StockFixture.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, the push: platform stock changes reach Zoho Inventory as quantity adjustments, coalesced per stock record
 * within the flush window, idempotent by the change's id, and never made twice when an answer is lost.
 */
@ExtendWith(VertxExtension.class)
class StockPushEndToEndTest {

    private static final String ADJUST = "POST /inventory/v1/inventoryadjustments";

    @Test
    void a_thousand_changes_to_ten_items_cost_at_most_ten_adjustments_and_zoho_ends_at_the_platforms_level(Vertx vertx)
            throws Exception {
        StockFixture fx = new StockFixture(
                vertx,
                RunningService.start(
                        vertx,
                        "stock-push",
                        Map.of("ZSYNC_TARGETS", "item=inventory", "ZSYNC_STOCK_FLUSH_MS", "30000")));
        try {
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                skus.add("ST-" + run + "-" + i);
                fx.item(skus.get(i));
            }
            for (String sku : skus) {
                fx.service.awaitStatus("items", sku, "synced");
            }
            int adjustmentsBefore = fx.service.zoho.inspect().calls(ADJUST);
            Map<String, Long> expected = new HashMap<>();
            // 100 changes per item: an absolute level, then 99 deltas; sent 50 at a time
            List<JsonObject> changes = new ArrayList<>();
            for (int n = 0; n < 100; n++) {
                for (String sku : skus) {
                    String id = sku + "/c" + n;
                    if (n == 0) {
                        changes.add(level(id, sku, 500));
                        expected.put(sku, 500L);
                    } else {
                        long d = (n % 3 == 0) ? 4 : -1;
                        changes.add(delta(id, sku, d));
                        expected.merge(sku, d, Long::sum);
                    }
                }
            }
            for (int from = 0; from < changes.size(); from += 50) {
                List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
                for (JsonObject change : changes.subList(from, from + 50)) {
                    sent.add(fx.change(change));
                }
                for (Future<HttpResponse<Buffer>> answer : sent) {
                    assertThat(await(answer).statusCode()).isEqualTo(202);
                }
            }

            for (String sku : skus) {
                fx.awaitSettled(sku);
                assertThat(fx.zohoLevel(sku))
                        .isEqualByComparingTo(expected.get(sku).toString());
            }
            int adjustments = fx.service.zoho.inspect().calls(ADJUST) - adjustmentsBefore;
            assertThat(adjustments).as("adjustment calls for 1,000 changes").isBetween(10, 10);

            // a repeat answers as the first did and changes nothing
            HttpResponse<Buffer> again = await(fx.change(delta(skus.get(0) + "/c1", skus.get(0), -1)));
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.bodyAsJsonObject().getString("outcome")).isEqualTo("replayed");
            assertThat(again.bodyAsJsonObject().getString("platform_level"))
                    .isEqualTo(expected.get(skus.get(0)).toString());
            // another body under a used id is refused, nothing stored
            HttpResponse<Buffer> reused = await(fx.change(delta(skus.get(0) + "/c1", skus.get(0), -7)));
            assertThat(reused.statusCode()).isEqualTo(409);
            assertThat(reused.bodyAsJsonObject().getString("code")).isEqualTo("stock_change_id_reused");
            assertThat(fx.levels(skus.get(0)).getBigDecimal("platform_level"))
                    .isEqualByComparingTo(expected.get(skus.get(0)).toString());
            assertThat(fx.service.zoho.inspect().calls(ADJUST) - adjustmentsBefore)
                    .isEqualTo(10);
        } finally {
            fx.close();
        }
    }

    @Test
    void each_refusal_has_its_code_and_stores_nothing(Vertx vertx) throws Exception {
        StockFixture fx = new StockFixture(vertx, RunningService.start(vertx, "stock-refusals", Map.of()));
        try {
            String sku = "RF-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<Buffer> both = await(fx.change(delta("r1", sku, 1).put("level", 3)));
            assertThat(both.statusCode()).isEqualTo(422);
            assertThat(both.bodyAsJsonObject().getString("code")).isEqualTo("validation_failed");
            assertThat(both.bodyAsJsonObject().getJsonArray("errors").encode()).contains("delta");
            HttpResponse<Buffer> none =
                    await(fx.change(new JsonObject().put("id", "r2").put("sku", sku)));
            assertThat(none.statusCode()).isEqualTo(422);
            HttpResponse<Buffer> negative = await(fx.change(level("r3", sku, -2)));
            assertThat(negative.statusCode()).isEqualTo(422);
            assertThat(negative.bodyAsJsonObject().getJsonArray("errors").encode())
                    .contains("level");
            HttpResponse<Buffer> noId =
                    await(fx.change(new JsonObject().put("sku", sku).put("delta", 1)));
            assertThat(noId.statusCode()).isEqualTo(422);
            assertThat(noId.bodyAsJsonObject().getJsonArray("errors").encode()).contains("\"id\"");
            HttpResponse<Buffer> malformed = await(fx.service
                    .http
                    .post("/api/v1/stock-changes")
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .putHeader("content-type", "application/json")
                    .sendBuffer(Buffer.buffer("{")));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.bodyAsJsonObject().getString("code")).isEqualTo("malformed_json");
            HttpResponse<Buffer> text = await(fx.service
                    .http
                    .post("/api/v1/stock-changes")
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .putHeader("content-type", "text/plain")
                    .sendBuffer(Buffer.buffer("x")));
            assertThat(text.statusCode()).isEqualTo(415);
            assertThat(text.bodyAsJsonObject().getString("code")).isEqualTo("unsupported_media_type");
            HttpResponse<Buffer> anonymous =
                    await(fx.service.http.post("/api/v1/stock-changes").sendJsonObject(delta("r4", sku, 1)));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<Buffer> tooLarge = await(fx.change(delta("r5", sku, 1).put("pad", "x".repeat(70_000))));
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.bodyAsJsonObject().getString("code")).isEqualTo("payload_too_large");

            assertThat(fx.levels(sku)).as("no stock record").isNull();
            assertThat(fx.count("select count(*) from inbound_events where provider = 'stock-change'"))
                    .isZero();
            // the Inventory webhook is not served without its secret
            HttpResponse<Buffer> webhook = await(fx.service
                    .http
                    .post("/webhooks/zoho-inventory")
                    .sendJsonObject(new JsonObject().put("event_id", "e1")));
            assertThat(webhook.statusCode()).isEqualTo(404);
            assertThat(webhook.bodyAsJsonObject().getString("code")).isEqualTo("zoho_inventory_not_configured");
        } finally {
            fx.close();
        }
    }

    @Test
    void an_adjustment_whose_answer_was_lost_is_found_by_its_reference_not_made_twice(Vertx vertx) throws Exception {
        AtomicInteger sandboxPort = new AtomicInteger();
        AtomicInteger drops = new AtomicInteger(2);
        HttpServer proxy = await(StockFixture.lossyProxy(vertx, sandboxPort, drops));
        StockFixture fx = new StockFixture(
                vertx,
                RunningService.start(
                        vertx,
                        "stock-lost",
                        Map.of(
                                "ZSYNC_ZOHO_API_URL", "http://127.0.0.1:" + proxy.actualPort(),
                                "ZSYNC_TARGETS", "item=inventory",
                                "ZSYNC_STOCK_FLUSH_MS", "0",
                                "ZSYNC_RETRY_BASE_SECONDS", "1",
                                "ZSYNC_MAX_ATTEMPTS", "5")));
        sandboxPort.set(fx.service.zoho.port());
        try {
            String sku = "LOST-" + UUID.randomUUID().toString().substring(0, 8);
            fx.item(sku);
            fx.service.awaitStatus("items", sku, "synced");

            assertThat(await(fx.change(level(sku + "/1", sku, 50))).statusCode())
                    .isEqualTo(202);
            fx.awaitSettled(sku);
            assertThat(drops.get())
                    .as("the first adjustment's answer was dropped")
                    .isLessThanOrEqualTo(1);
            assertThat(fx.service.zoho.inspect().calls(ADJUST)).isEqualTo(1);
            assertThat(fx.zohoLevel(sku)).isEqualByComparingTo("50");

            // the next push, on the update path, loses its answer too
            assertThat(await(fx.change(delta(sku + "/2", sku, -5))).statusCode())
                    .isEqualTo(202);
            StockFixture.awaitTrue("the second push", () -> fx.zohoLevel(sku).intValue() == 45);
            fx.awaitSettled(sku);
            assertThat(drops.get()).as("both answers were dropped").isLessThanOrEqualTo(0);
            assertThat(fx.service.zoho.inspect().calls(ADJUST))
                    .as("adjustments made")
                    .isEqualTo(2);
            assertThat(fx.service.zoho.inspect().calls("GET /inventory/v1/inventoryadjustments"))
                    .as("searches by reference after the lost answers")
                    .isEqualTo(2);
            assertThat(fx.levels(sku).getLong("pushes")).isEqualTo(2);
        } finally {
            fx.close();
            await(proxy.close());
        }
    }
}
