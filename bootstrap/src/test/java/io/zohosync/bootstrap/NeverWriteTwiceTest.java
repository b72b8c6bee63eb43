package io.zohosync.bootstrap;

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
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * design.md §6: when Zoho applies a write but its answer never arrives, the next attempt finds the
 * record by its marker and links it. A proxy between the service and the sandbox lets the contact
 * creations through and drops their answers; the sandbox must end up with exactly one contact, found
 * by its marker (linking new customers by email is off, so nothing else could have found it).
 */
@ExtendWith(VertxExtension.class)
class NeverWriteTwiceTest {

    @Test
    void a_contact_created_whose_answer_was_lost_is_linked_on_the_retry_not_created_again(
            Vertx vertx, @TempDir Path dataDir) throws Exception {
        ZohoSandbox zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        AtomicInteger answersToDrop = new AtomicInteger(2);
        HttpServer proxy = await(lossyProxy(vertx, zoho.port(), answersToDrop));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env =
                TestEnvironment.connectedTo(zoho.baseUrl(), "http://127.0.0.1:" + proxy.actualPort(), db, dataDir);
        env.put("ZSYNC_LINK_NEW_BY_EMAIL", "false");
        env.put("ZSYNC_RETRY_BASE_SECONDS", "1");
        env.put("ZSYNC_MAX_ATTEMPTS", "5");
        ZohoSyncApp app = await(ZohoSyncApp.start(vertx, env));
        try {
            WebClient http = WebClient.create(vertx);
            String id = "once-" + UUID.randomUUID();
            await(http.post(app.httpPort(), "127.0.0.1", "/api/v1/customers")
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .sendJsonObject(new JsonObject()
                            .put("id", id)
                            .put("last_name", "Once " + id)
                            .put("email", id + "@example.com")));

            JsonObject sync = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline) && (sync == null || !"synced".equals(sync.getString("status")))) {
                Thread.sleep(100);
                sync = await(http.get(app.httpPort(), "127.0.0.1", "/api/v1/customers/" + id)
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .send())
                        .bodyAsJsonObject()
                        .getJsonObject("sync");
            }

            assertThat(answersToDrop.get())
                    .as("the proxy dropped the creation's answer")
                    .isLessThan(2);
            assertThat(sync.getString("status")).isEqualTo("synced");
            assertThat(zoho.inspect().recordsFor("zoho-sync:" + id)).hasSize(1);
            assertThat(zoho.inspect().recordsFor("zoho-sync:" + id).get(0).id()).isEqualTo(sync.getString("zoho_id"));
            assertThat(zoho.inspect().calls("POST /books/v3/contacts")).isEqualTo(1);
            Pool pool = PostgresAdapters.pool(vertx, db);
            try {
                assertThat(await(pool.preparedQuery(
                                                "select event from sync_log where entity_id = $1 and to_status = 'synced'")
                                        .execute(Tuple.of(id)))
                                .iterator()
                                .next()
                                .getString("event"))
                        .isEqualTo("linked_by_marker");
            } finally {
                await(pool.close());
            }
        } finally {
            await(app.stop());
            await(proxy.close());
            await(zoho.close());
        }
    }

    /** Forwards everything to the sandbox; for the first {@code drops} contact creations it closes the connection instead of answering. */
    private static Future<HttpServer> lossyProxy(Vertx vertx, int sandboxPort, AtomicInteger drops) {
        HttpClient client = vertx.createHttpClient();
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    boolean creation = request.method().name().equals("POST")
                            && request.path().equals("/books/v3/contacts");
                    RequestOptions options = new RequestOptions()
                            .setMethod(request.method())
                            .setHost("127.0.0.1")
                            .setPort(sandboxPort)
                            .setURI(request.uri())
                            .setHeaders(request.headers());
                    client.request(options)
                            .compose(out -> out.send(body))
                            .compose(answer -> answer.body().map(answerBody -> {
                                if (creation && drops.getAndDecrement() > 0) {
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

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
