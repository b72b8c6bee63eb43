package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.SandboxRecord;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The second flow through the one pipeline: a catalog item put by sku reaches Books, is found again by it, and is updated. */
@ExtendWith(VertxExtension.class)
class ItemFlowEndToEndTest {

    private static ZohoSandbox zoho;
    private static ZohoSyncApp app;
    private static WebClient http;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        // a database of its own: the API budget counted there is this sandbox's alone
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(),
                zoho.baseUrl(),
                PostgresFixture.shared().newDatabase(),
                Files.createTempDirectory("zsync-items"));
        app = await(ZohoSyncApp.start(vertx, env));
        http = ServiceContract.validated(WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort())));
    }

    @AfterAll
    static void stop() throws Exception {
        await(app.stop());
        await(zoho.close());
    }

    @Test
    void an_item_is_created_once_by_sku_and_a_changed_rate_is_pushed_to_the_same_item() throws Exception {
        String sku = "YOGA-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<Buffer> accepted = await(put(sku, item("Yoga for beginners", "250.00")));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.bodyAsJsonObject().getString("outcome")).isEqualTo("created");
        String itemId = awaitStatus(sku, "synced", 1).getString("zoho_id");
        assertThat(items(sku)).hasSize(1);

        assertThat(await(put(sku, item("Yoga for beginners", "250.00")))
                        .bodyAsJsonObject()
                        .getString("outcome"))
                .isEqualTo("unchanged");
        assertThat(await(put(sku, item("Yoga for beginners", "275.00"))).statusCode())
                .isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!items(sku).get(0).body().getValue("rate").toString().startsWith("275")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        JsonObject updated = awaitStatus(sku, "synced", 1);
        assertThat(updated.getString("zoho_id")).isEqualTo(itemId);
        List<SandboxRecord> held = items(sku);
        assertThat(held).hasSize(1);
        assertThat(held.get(0).body().getValue("rate").toString()).startsWith("275");
    }

    @Test
    void an_item_without_a_currency_or_with_a_name_longer_than_books_keeps_is_refused_naming_the_field()
            throws Exception {
        String sku = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<Buffer> response =
                await(put(sku, new JsonObject().put("name", "x".repeat(101)).put("rate", "1")));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream()
                        .map(e -> ((JsonObject) e).getString("field")))
                .contains("currency", "name");
        assertThat(await(http.get("/api/v1/items/" + sku)
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .send())
                        .statusCode())
                .isEqualTo(404);
    }

    private static List<SandboxRecord> items(String sku) {
        return zoho.inspect().recordsFor(sku).stream()
                .filter(r -> r.entity().equals("items"))
                .toList();
    }

    private static JsonObject item(String name, String rate) {
        return new JsonObject()
                .put("name", name)
                .put("rate", rate)
                .put("currency", "ZAR")
                .put("description", "Weekly class");
    }

    private static Future<HttpResponse<Buffer>> put(String sku, JsonObject body) {
        return http.put("/api/v1/items/" + sku)
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(body);
    }

    private static JsonObject awaitStatus(String sku, String wanted, int attempts) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonObject sync = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Buffer> response = await(http.get("/api/v1/items/" + sku)
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .send());
            if (response.statusCode() == 200) {
                sync = response.bodyAsJsonObject().getJsonObject("sync");
                if (wanted.equals(sync.getString("status")) && sync.getInteger("attempts") >= attempts) {
                    return sync;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("item " + sku + " never reached " + wanted + "; last seen " + sync);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
