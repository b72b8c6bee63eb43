package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never write twice, in Billing: a proxy between the service and the sandbox lets the first Billing customer creation
 * and the first subscription creation through and drops their answers. The retries find the customer by its notes marker
 * and the subscription by its {@code reference_id} (the service id), and link them: one of each in Billing.
 */
@ExtendWith(VertxExtension.class)
class BillingNeverWriteTwiceTest {

    @Test
    void a_billing_customer_and_a_subscription_whose_answers_were_lost_are_found_again_not_created_twice(
            Vertx vertx, @TempDir Path dataDir) throws Exception {
        ZohoSandbox zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        Map<String, AtomicInteger> drops = new ConcurrentHashMap<>(Map.of(
                "/billing/v1/customers", new AtomicInteger(1), "/billing/v1/subscriptions", new AtomicInteger(1)));
        HttpServer proxy = await(lossyProxy(vertx, zoho.port(), drops));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env =
                TestEnvironment.connectedTo(zoho.baseUrl(), "http://127.0.0.1:" + proxy.actualPort(), db, dataDir);
        env.put("ZSYNC_TARGETS", "customer=billing");
        env.put("ZSYNC_LINK_NEW_BY_EMAIL", "false");
        env.put("ZSYNC_RETRY_BASE_SECONDS", "1");
        env.put("ZSYNC_MAX_ATTEMPTS", "5");
        ZohoSyncApp app = await(ZohoSyncApp.start(vertx, env));
        try {
            WebClient http = WebClient.create(vertx);
            String customer = "once-" + UUID.randomUUID();
            String service = "svc-" + UUID.randomUUID();
            put(
                    http,
                    app,
                    "customers/" + customer,
                    new JsonObject().put("last_name", "Once " + customer).put("email", customer + "@example.com"));
            put(
                    http,
                    app,
                    "plans/ONCE-50",
                    new JsonObject()
                            .put("name", "Once 50")
                            .put("price", "499.00")
                            .put("currency", "ZAR"));
            put(
                    http,
                    app,
                    "services/" + service,
                    new JsonObject()
                            .put("customer_id", customer)
                            .put("plan_code", "ONCE-50")
                            .put("status", "active"));

            JsonObject sync = awaitSynced(http, app, "services/" + service);
            JsonObject customerSync = awaitSynced(http, app, "customers/" + customer);

            assertThat(drops.values()).allMatch(left -> left.get() < 1);
            assertThat(zoho.inspect().calls("POST /billing/v1/customers")).isEqualTo(1);
            assertThat(zoho.inspect().calls("POST /billing/v1/subscriptions")).isEqualTo(1);
            assertThat(zoho.inspect().recordsFor("zoho-sync:" + customer))
                    .singleElement()
                    .satisfies(r -> assertThat(r.id()).isEqualTo(customerSync.getString("zoho_id")));
            assertThat(zoho.inspect().recordsFor(service).stream()
                            .filter(r -> r.entity().equals("subscriptions"))
                            .map(r -> r.id())
                            .toList())
                    .containsExactly(sync.getString("zoho_id"));
            Pool pool = PostgresAdapters.pool(vertx, db);
            try {
                List<String> events = new ArrayList<>();
                for (Row row : await(pool.preparedQuery(
                                "select event from sync_log where entity_id = any($1) and to_status = 'synced'")
                        .execute(Tuple.of(new String[] {customer, service})))) {
                    events.add(row.getString("event"));
                }
                assertThat(events).containsExactlyInAnyOrder("linked_by_marker", "linked_by_marker");
            } finally {
                await(pool.close());
            }
        } finally {
            await(app.stop());
            await(proxy.close());
            await(zoho.close());
        }
    }

    private static void put(WebClient http, ZohoSyncApp app, String path, JsonObject body) throws Exception {
        assertThat(await(http.put(app.httpPort(), "127.0.0.1", "/api/v1/" + path)
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .sendJsonObject(body))
                        .statusCode())
                .isEqualTo(202);
    }

    private static JsonObject awaitSynced(WebClient http, ZohoSyncApp app, String path) throws Exception {
        JsonObject sync = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (Instant.now().isBefore(deadline) && (sync == null || !"synced".equals(sync.getString("status")))) {
            Thread.sleep(100);
            sync = await(http.get(app.httpPort(), "127.0.0.1", "/api/v1/" + path)
                            .bearerTokenAuthentication(TestEnvironment.API_KEY)
                            .send())
                    .bodyAsJsonObject()
                    .getJsonObject("sync");
        }
        assertThat(sync.getString("status")).as(path + ": " + sync).isEqualTo("synced");
        return sync;
    }

    /** Forwards everything to the sandbox; for the first creations at the paths in {@code drops} it closes the connection instead of answering. */
    private static Future<HttpServer> lossyProxy(Vertx vertx, int sandboxPort, Map<String, AtomicInteger> drops) {
        HttpClient client = vertx.createHttpClient();
        Set<String> paths = drops.keySet();
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    AtomicInteger left = request.method().name().equals("POST") && paths.contains(request.path())
                            ? drops.get(request.path())
                            : null;
                    RequestOptions options = new RequestOptions()
                            .setMethod(request.method())
                            .setHost("127.0.0.1")
                            .setPort(sandboxPort)
                            .setURI(request.uri())
                            .setHeaders(request.headers());
                    client.request(options)
                            .compose(out -> out.send(body))
                            .compose(answer -> answer.body().map(answerBody -> {
                                if (left != null && left.getAndDecrement() > 0) {
                                    request.connection().close();
                                } else {
                                    relay(request, answer.statusCode(), answer.headers(), answerBody);
                                }
                                return null;
                            }))
                            .onFailure(error ->
                                    request.response().setStatusCode(502).end());
                }))
                .listen(0, "127.0.0.1");
    }

    private static void relay(HttpServerRequest request, int status, io.vertx.core.MultiMap headers, Buffer body) {
        request.response().setStatusCode(status);
        headers.forEach(h -> request.response().putHeader(h.getKey(), h.getValue()));
        request.response().end(body);
    }
}
