package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.common.Problems;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The service started as the jar's main starts it (environment variables in, real Postgres, real
 * HTTP), talking OAuth and Books to a sandbox on its own port as it would to Zoho.
 */
@ExtendWith(VertxExtension.class)
class CustomerFlowEndToEndTest {

    private static final String API_KEY = TestEnvironment.API_KEY;
    private static final String ADMIN_TOKEN = TestEnvironment.ADMIN_TOKEN;

    private static ZohoSandbox zoho;
    private static ZohoSyncApp app;
    private static WebClient http;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        Path dataDir = Files.createTempDirectory("zsync-e2e");
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(), zoho.baseUrl(), PostgresFixture.shared().settings(), dataDir);
        env.put("ZSYNC_MAX_BODY_BYTES", "4096");
        env.put("ZSYNC_HTTP_IDLE_TIMEOUT_MS", "2000");
        env.put("ZSYNC_ZOHO_TIMEOUT_MS", "1500");
        env.put("ENABLE_ZOHO_SYNC", "true");
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
    void a_new_customer_is_stored_synced_to_books_once_and_shown_to_the_admin() throws Exception {
        String id = "cust-" + UUID.randomUUID();
        String email = id + "@example.com";
        HttpResponse<Buffer> accepted = await(post(customer(id, email), API_KEY));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.bodyAsJsonObject().getJsonObject("sync").getString("status"))
                .isEqualTo("pending");
        assertThat(accepted.getHeader("Location")).isEqualTo("/api/v1/customers/" + id);

        JsonObject sync = awaitStatus(id, "synced");
        assertThat(sync.getString("zoho_id")).isNotBlank();
        assertThat(sync.getInteger("attempts")).isEqualTo(1);
        assertThat(zoho.inspect().recordsFor("zoho-sync:" + id)).hasSize(1);
        assertThat(zoho.inspect().recordsFor(email)).hasSize(1);

        JsonObject status = await(http.get("/admin/api/sync/status?limit=500")
                        .bearerTokenAuthentication(ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject();
        assertThat(status.getBoolean("sync_enabled")).isTrue();
        assertThat(status.getJsonObject("counts").getJsonObject("customer").getLong("synced"))
                .isPositive();
        assertThat(status.getJsonObject("counts_by_target")
                        .getJsonObject("customer")
                        .getJsonObject("books")
                        .getLong("synced"))
                .as("every customer goes to Books alone here, so its count is the customers' count")
                .isEqualTo(
                        status.getJsonObject("counts").getJsonObject("customer").getLong("synced"));
        assertThat(status.getJsonArray("recent").stream()
                        .map(JsonObject.class::cast)
                        .filter(r -> r.getString("entity_id").equals(id))
                        .findFirst()
                        .orElseThrow()
                        .getString("zoho_id"))
                .isEqualTo(sync.getString("zoho_id"));
    }

    @Test
    void a_new_customer_whose_email_zoho_already_has_is_linked_not_duplicated() throws Exception {
        String first = "cust-" + UUID.randomUUID();
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        await(post(customer(first, email), API_KEY));
        String zohoId = awaitStatus(first, "synced").getString("zoho_id");

        String second = "cust-" + UUID.randomUUID();
        await(post(customer(second, email), API_KEY));
        JsonObject linked = awaitStatus(second, "synced");

        assertThat(linked.getString("zoho_id")).isEqualTo(zohoId);
        assertThat(zoho.inspect().recordsFor(email)).hasSize(1);
    }

    @Test
    void a_returning_customer_zoho_does_not_know_fails_and_an_admin_links_unlinks_and_retries_it() throws Exception {
        String known = "cust-" + UUID.randomUUID();
        await(post(customer(known, known + "@example.com"), API_KEY));
        String contactId = awaitStatus(known, "synced").getString("zoho_id");

        String id = "cust-" + UUID.randomUUID();
        JsonObject returning = new JsonObject()
                .put("id", id)
                .put("last_name", "Nobody " + id)
                .put("email", id + "@example.com")
                .put("returning", true);
        await(post(returning, API_KEY));
        JsonObject failed = awaitStatus(id, "failed");
        assertThat(failed.getString("last_error")).contains("no matching contact");
        assertThat(zoho.inspect().recordsFor(id + "@example.com")).isEmpty();

        assertProblem(
                await(admin("/admin/api/sync/customer/" + id + "/books/unlink").send()), 409, "transition_not_allowed");
        assertProblem(
                await(admin("/admin/api/sync/customer/" + id + "/books/link").sendJsonObject(new JsonObject())),
                422,
                "validation_failed");
        assertProblem(
                await(admin("/admin/api/sync/customer/nobody-" + id + "/books/retry")
                        .send()),
                404,
                "record_not_found");
        assertProblem(
                await(admin("/admin/api/sync/customer/" + id + "/books/link")
                        .sendJsonObject(new JsonObject().put("zoho_id", "460000999999999"))),
                422,
                "zoho_record_not_found");

        JsonObject linked = await(admin("/admin/api/sync/customer/" + id + "/books/link")
                        .sendJsonObject(new JsonObject().put("zoho_id", contactId)))
                .bodyAsJsonObject();
        assertThat(linked.getString("status")).isEqualTo("manual");
        assertThat(linked.getString("zoho_id")).isEqualTo(contactId);

        assertThat(await(admin("/admin/api/sync/customer/" + id + "/books/unlink")
                                .send())
                        .bodyAsJsonObject()
                        .getString("status"))
                .isEqualTo("pending");
        JsonObject failedAgain = awaitStatus(id, "failed");
        assertThat(failedAgain.getString("zoho_id")).isNull();

        JsonObject retried = await(
                        admin("/admin/api/sync/customer/" + id + "/books/retry").send())
                .bodyAsJsonObject();
        assertThat(retried.getString("status")).isEqualTo("pending");
        assertThat(retried.getInteger("attempts")).isZero();
        awaitStatus(id, "failed");
    }

    @Test
    void the_same_idempotency_key_replays_and_a_different_body_under_it_is_refused() throws Exception {
        String key = UUID.randomUUID().toString();
        JsonObject body = customer("cust-" + UUID.randomUUID(), UUID.randomUUID() + "@example.com");
        assertThat(await(post(body, API_KEY, key)).statusCode()).isEqualTo(202);

        HttpResponse<Buffer> replay = await(post(body, API_KEY, key));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.bodyAsJsonObject().getString("outcome")).isEqualTo("replayed");

        JsonObject other = customer("cust-" + UUID.randomUUID(), "someone-else@example.com");
        HttpResponse<Buffer> reused = await(post(other, API_KEY, key));
        assertProblem(reused, 409, "idempotency_key_reused");
        assertNotStored(other.getString("id"));
    }

    @Test
    void malformed_json_gets_a_problem_and_stores_nothing() throws Exception {
        HttpResponse<Buffer> response = await(http.post("/api/v1/customers")
                .bearerTokenAuthentication(API_KEY)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{\"id\": \"cust-x\", ")));
        assertProblem(response, 400, "malformed_json");
        assertNotStored("cust-x");
    }

    @Test
    void a_missing_email_gets_a_validation_problem_naming_the_field_and_stores_nothing() throws Exception {
        String id = "cust-" + UUID.randomUUID();
        JsonObject body = customer(id, null);
        body.remove("email");
        HttpResponse<Buffer> response = await(post(body, API_KEY));

        assertProblem(response, 422, "validation_failed");
        assertThat(response.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("email");
        assertNotStored(id);
    }

    @Test
    void an_oversized_body_is_refused_and_stores_nothing() throws Exception {
        String id = "cust-" + UUID.randomUUID();
        JsonObject body = customer(id, id + "@example.com").put("company_name", "x".repeat(5000));
        assertProblem(await(post(body, API_KEY)), 413, "payload_too_large");
        assertNotStored(id);
    }

    @Test
    void no_or_a_wrong_api_key_is_refused_and_stores_nothing() throws Exception {
        String id = "cust-" + UUID.randomUUID();
        JsonObject body = customer(id, id + "@example.com");
        HttpResponse<Buffer> none = await(http.post("/api/v1/customers").sendJsonObject(body));
        assertProblem(none, 401, "unauthorized");
        assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(await(post(body, "not-a-key")), 401, "unauthorized");
        assertProblem(await(post(body, ADMIN_TOKEN)), 401, "unauthorized");
        assertNotStored(id);
    }

    @Test
    void the_admin_api_wants_the_admin_token_and_unknown_paths_get_problems_too() throws Exception {
        assertProblem(
                await(http.get("/admin/api/sync/status")
                        .bearerTokenAuthentication(API_KEY)
                        .send()),
                401,
                "unauthorized");
        assertProblem(await(http.get("/nowhere").send()), 404, "not_found");
        assertProblem(
                await(http.post("/api/v1/customers")
                        .bearerTokenAuthentication(API_KEY)
                        .putHeader("content-type", "text/plain")
                        .sendBuffer(Buffer.buffer("hello"))),
                415,
                "unsupported_media_type");
    }

    @Test
    void an_admin_reconnects_zoho_through_the_consent_page_and_a_forged_callback_is_refused(Vertx vertx)
            throws Exception {
        JsonObject started = await(http.post("/admin/api/zoho/connect")
                        .bearerTokenAuthentication(ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject();
        String consentUrl = started.getString("consent_url");
        assertThat(consentUrl)
                .startsWith(zoho.baseUrl() + "/oauth/v2/auth")
                .contains("access_type=offline", "prompt=consent");

        WebClient browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
        String redirect = await(browser.getAbs(consentUrl).send()).getHeader("Location");
        assertThat(redirect).contains("/admin/zoho/callback?").contains("code=", "accounts-server=", "state=");

        String callback = redirect.substring(redirect.indexOf("/admin/zoho/callback"));
        HttpResponse<Buffer> connected = await(http.get(callback).send());
        assertThat(connected.statusCode()).as(connected.bodyAsString()).isEqualTo(200);
        assertThat(connected.bodyAsJsonObject().getString("status")).isEqualTo("connected");

        String forged = callback.replaceFirst("state=[^&]+", "state=abc.123.def");
        assertProblem(await(http.get(forged).send()), 400, "invalid_state");
        assertProblem(await(http.get(callback).send()), 400, "invalid_state");

        JsonObject connection = await(http.get("/admin/api/zoho/connection")
                        .bearerTokenAuthentication(ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject();
        assertThat(connection.getString("status")).isEqualTo("connected");
        assertThat(connection.getJsonObject("circuits").getString("books")).isEqualTo("closed");
    }

    @Test
    void health_says_live_and_ready_with_database_and_zoho() throws Exception {
        assertThat(await(http.get("/health/live").send()).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> ready = await(http.get("/health/ready").send());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
        assertThat(ready.bodyAsString()).contains("database", "zoho");
    }

    @Test
    void metrics_count_recorded_outcomes_and_show_the_circuits() throws Exception {
        String id = "cust-" + UUID.randomUUID();
        await(post(customer(id, id + "@example.com"), API_KEY));
        awaitStatus(id, "synced");

        HttpResponse<Buffer> metrics = await(http.get("/metrics").send());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.getHeader("content-type")).startsWith("text/plain");
        assertThat(metrics.bodyAsString())
                .containsPattern(
                        "zsync_sync_outcomes_total\\{entity=\"customer\",event=\"created\",status=\"synced\",target=\"books\"} [1-9]")
                .contains("zsync_zoho_circuit_open{product=\"books\"} 0.0")
                .contains("zsync_zoho_connected 1.0")
                .containsPattern("zsync_intake_groups_total\\{outcome=\"committed\"} [1-9]")
                .contains("zsync_intake_groups_total{outcome=\"rolled_back\"} 0.0")
                .contains("jvm_memory_used_bytes");
    }

    private static io.vertx.ext.web.client.HttpRequest<Buffer> admin(String path) {
        return http.post(path).bearerTokenAuthentication(ADMIN_TOKEN);
    }

    @Test
    void a_request_whose_body_never_arrives_is_closed_after_the_idle_timeout_and_logged_as_no_error(Vertx vertx)
            throws Exception {
        Logger problems = (Logger) LoggerFactory.getLogger(Problems.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        problems.addAppender(logged);
        try {
            var socket = await(vertx.createNetClient().connect(app.httpPort(), "127.0.0.1"));
            var closed = new java.util.concurrent.CompletableFuture<Void>();
            socket.closeHandler(x -> closed.complete(null));
            await(socket.write("POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + API_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":"));
            closed.get(10, TimeUnit.SECONDS);

            // a slow or vanished client is not the service's failure: an ERROR with a stack trace for each would
            // flood the log (and its alerts) under a slow-client attack
            Instant deadline = Instant.now().plusSeconds(5);
            while (logged.list.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(logged.list).hasSize(1);
            assertThat(logged.list.get(0).getLevel()).isEqualTo(Level.INFO);
            assertThat(logged.list.get(0).getFormattedMessage())
                    .isEqualTo("POST /api/v1/customers: the connection closed before the request was read; nothing"
                            + " stored");
        } finally {
            problems.detachAppender(logged);
        }
    }

    private static Future<HttpResponse<Buffer>> post(JsonObject body, String key) {
        return http.post("/api/v1/customers").bearerTokenAuthentication(key).sendJsonObject(body);
    }

    private static Future<HttpResponse<Buffer>> post(JsonObject body, String key, String idempotencyKey) {
        return http.post("/api/v1/customers")
                .bearerTokenAuthentication(key)
                .putHeader("Idempotency-Key", idempotencyKey)
                .sendJsonObject(body);
    }

    private static JsonObject customer(String id, String email) {
        return new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Lovelace")
                .put("email", email)
                .put("phone", "+27 21 555 0100")
                .put(
                        "billing_address",
                        new JsonObject()
                                .put("street", "1 Engine Way")
                                .put("city", "Cape Town")
                                .put("zip", "8001")
                                .put("country", "South Africa"));
    }

    private static JsonObject awaitStatus(String id, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonObject sync = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Buffer> response = await(http.get("/api/v1/customers/" + id)
                    .bearerTokenAuthentication(API_KEY)
                    .send());
            if (response.statusCode() == 200) {
                sync = response.bodyAsJsonObject().getJsonObject("sync");
                if (wanted.equals(sync.getString("status"))) {
                    return sync;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("customer " + id + " never reached " + wanted + "; last seen " + sync);
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getString("code")).isEqualTo(code);
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("type")).endsWith("/" + code);
        assertThat(response.bodyAsString()).doesNotContain("Exception", "\tat ");
    }

    private static void assertNotStored(String id) throws Exception {
        HttpResponse<Buffer> response = await(http.get("/api/v1/customers/" + id)
                .bearerTokenAuthentication(API_KEY)
                .send());
        assertProblem(response, 404, "customer_not_found");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
