package io.zohosync.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.ports.testing.InMemoryInboundEvents;
import io.zohosync.ports.testing.InMemoryPlatformOutbox;
import java.util.List;
import java.util.Set;

/** The service's router on a real port with stub use cases behind it, and a client that speaks to it. */
final class HttpFixture {

    static final String API_KEY = "api-key-for-tests";
    static final String OTHER_API_KEY = "another-platforms-api-key";
    static final String ADMIN_TOKEN = "admin-token-for-tests";
    static final long BODY_LIMIT = 4096;

    final StubRecordEntity entities = new StubRecordEntity();
    final StubSyncStatus status = new StubSyncStatus();
    final StubAdminSync admin = new StubAdminSync();
    final StubConnectZoho connect = new StubConnectZoho();
    final StubReconcile reconcile = new StubReconcile();
    final InMemoryInboundEvents inbound = new InMemoryInboundEvents();
    final StubConsole console = new StubConsole();
    final InMemoryPlatformOutbox outbox = new InMemoryPlatformOutbox();
    final StubMappings mappings = new StubMappings();
    final HttpServer server;
    final WebClient http;

    private HttpFixture(Vertx vertx, HttpSettings settings) {
        var endpoints = new HttpAdapters.Endpoints(
                entities,
                status,
                admin,
                connect,
                inbound,
                List.of(new Readiness("stub", () -> Future.succeededFuture(new JsonObject().put("stub", true)))),
                () -> "zsync_up 1\n",
                console,
                console,
                reconcile,
                outbox,
                mappings,
                null);
        server = vertx.createHttpServer()
                .requestHandler(HttpAdapters.router(vertx, settings, endpoints))
                .invalidRequestHandler(HttpAdapters.invalidRequests())
                .listen(0)
                .await();
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()));
    }

    static HttpFixture start(Vertx vertx) {
        return start(vertx, BODY_LIMIT);
    }

    static HttpFixture start(Vertx vertx, long bodyLimit) {
        return new HttpFixture(vertx, settings(bodyLimit));
    }

    static HttpFixture start(Vertx vertx, HttpSettings settings) {
        return new HttpFixture(vertx, settings);
    }

    /** The fixture's credentials with this body limit and every other setting at its default. */
    static HttpSettings settings(long bodyLimit) {
        return new HttpSettings(Set.of(API_KEY, OTHER_API_KEY), ADMIN_TOKEN, bodyLimit);
    }

    /** A request to the platform API under {@code /api/v1}, with the API key. */
    HttpRequest<Buffer> api(HttpMethod method, String path) {
        return http.request(method, "/api/v1" + path).bearerTokenAuthentication(API_KEY);
    }

    /** A request to the admin API under {@code /admin/api}, with the admin token. */
    HttpRequest<Buffer> admin(HttpMethod method, String path) {
        return http.request(method, "/admin/api" + path).bearerTokenAuthentication(ADMIN_TOKEN);
    }

    static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String json) {
        return request.putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(json))
                .await();
    }

    static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject json) {
        return request.sendJsonObject(json).await();
    }

    /** Asserts an RFC 9457 problem with this status and code, every member present and nothing of Java leaking; returns its body. */
    static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getString("type")).isEqualTo("https://zoho-sync.dev/problems/" + code);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("code")).isEqualTo(code);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.getString("instance")).startsWith("/");
        assertThat(response.bodyAsString()).doesNotContain("Exception", "\tat ", "java.");
        return problem;
    }

    void close() {
        http.close();
        server.close().await();
    }
}
