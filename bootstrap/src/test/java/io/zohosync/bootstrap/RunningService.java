package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as the flows' end-to-end tests meet it: started as the jar's Main starts it (environment in, its own
 * database, real HTTP) against an in-process sandbox, with the platform API calls those tests make; every exchange
 * through {@link #http} is checked against the service's OpenAPI document ({@link ServiceContract}).
 */
final class RunningService {

    final ZohoSandbox zoho;
    final ZohoSyncApp app;
    final WebClient http;
    /** The environment the service was started with: a command run beside it reads the same. */
    final Map<String, String> environment;

    private RunningService(ZohoSandbox zoho, ZohoSyncApp app, WebClient http, Map<String, String> environment) {
        this.zoho = zoho;
        this.app = app;
        this.http = http;
        this.environment = Map.copyOf(environment);
    }

    /** Sandbox, database and service; {@code extra} environment on top of {@link TestEnvironment#connectedTo}. */
    static RunningService start(Vertx vertx, String name, Map<String, String> extra) throws Exception {
        ZohoSandbox zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        // the organization bills in rand, as the platform of these tests does: a contact takes its currency
        zoho.control().baseCurrency("ZAR");
        Map<String, String> env = new HashMap<>(TestEnvironment.connectedTo(
                zoho.baseUrl(),
                zoho.baseUrl(),
                PostgresFixture.shared().newDatabase(),
                Files.createTempDirectory("zsync-" + name)));
        env.putAll(extra);
        ZohoSyncApp app = await(ZohoSyncApp.start(vertx, env));
        // every exchange with the service is held to its OpenAPI document
        WebClient http = ServiceContract.validated(WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort())));
        return new RunningService(zoho, app, http, env);
    }

    void stop() throws Exception {
        await(app.stop());
        await(zoho.close());
    }

    Future<HttpResponse<Buffer>> put(String collection, String id, JsonObject body) {
        return http.put("/api/v1/" + collection + "/" + id)
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(body);
    }

    /** A PUT refused with 422 naming exactly {@code fields}, after which nothing is stored under the id. */
    void assertRefused(String collection, String id, JsonObject body, String... fields) throws Exception {
        HttpResponse<Buffer> response = await(put(collection, id, body));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream()
                        .map(e -> ((JsonObject) e).getString("field")))
                .containsExactlyInAnyOrder(fields);
        assertThat(await(http.get("/api/v1/" + collection + "/" + id)
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .send())
                        .statusCode())
                .as("nothing stored")
                .isEqualTo(404);
    }

    /** The record's sync view once it reaches {@code wanted}; fails after 20 s naming what it last saw. */
    JsonObject awaitStatus(String collection, String id, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonObject sync = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Buffer> response = await(http.get("/api/v1/" + collection + "/" + id)
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .send());
            if (response.statusCode() == 200) {
                sync = response.bodyAsJsonObject().getJsonObject("sync");
                if (wanted.equals(sync.getString("status"))) {
                    return sync;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(collection + " " + id + " never reached " + wanted + "; last seen " + sync);
    }

    /** The sandbox's count of calls to {@code endpoint} since {@code before} was taken. */
    int callsSince(Map<String, Integer> before, String endpoint) {
        return zoho.inspect().calls(endpoint) - before.getOrDefault(endpoint, 0);
    }
    /** An order of two {@code sku} at 250.00 ZAR, the end-to-end tests' usual one. */
    static JsonObject order(String customerId, String sku) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("date", "2026-03-01")
                .put("currency", "ZAR")
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("item_id", sku)
                                        .put("quantity", "2")
                                        .put("rate", "250.00")));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
