package io.zohosync.sandbox;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Test helper (shared by the product packages' tests): a started sandbox plus a real HTTP client speaking to it over loopback, with blocking waits. */
public final class SandboxClient implements AutoCloseable {
    public final ZohoSandbox sandbox;
    public final WebClient web;

    private SandboxClient(ZohoSandbox sandbox, WebClient web) {
        this.sandbox = sandbox;
        this.web = web;
    }

    public static SandboxClient start(Vertx vertx, SandboxOptions options) {
        ZohoSandbox sandbox = await(ZohoSandbox.start(vertx, options));
        return new SandboxClient(
                sandbox,
                WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setFollowRedirects(false)
                                .setDefaultHost(ZohoSandbox.HOST)
                                .setDefaultPort(sandbox.port()),
                        new PoolOptions().setHttp1MaxSize(50)));
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to five seconds for {@code condition}, polling every 10 ms; fails the test when it never holds. */
    public static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5 seconds");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Posts the refresh grant with the demo credentials, as form fields. */
    HttpResponse<Buffer> refresh(String refreshToken) {
        return await(web.post("/oauth/v2/token")
                .sendForm(MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "refresh_token")
                        .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                        .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                        .add("refresh_token", refreshToken)));
    }

    /** A fresh access token for the demo refresh token. */
    public String accessToken() {
        return refresh(SandboxOptions.DEMO_REFRESH_TOKEN).bodyAsJsonObject().getString("access_token");
    }

    /** A Books request with the token header and the demo organization_id. */
    public HttpRequest<Buffer> books(HttpMethod method, String path, String token) {
        return web.request(method, "/books/v3" + path)
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID);
    }

    /** A Billing request with the token header and the demo organization in {@code X-com-zoho-subscriptions-organizationid}. */
    public HttpRequest<Buffer> billing(HttpMethod method, String path, String token) {
        return web.request(method, "/billing/v1" + path)
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .putHeader("X-com-zoho-subscriptions-organizationid", SandboxOptions.DEMO_ORGANIZATION_ID);
    }

    /** A CRM request with the token header (CRM tokens name the organization). */
    public HttpRequest<Buffer> crm(HttpMethod method, String path, String token) {
        return web.request(method, "/crm/v8" + path).putHeader("Authorization", "Zoho-oauthtoken " + token);
    }

    /** An Inventory request with the token header and the demo organization_id. */
    public HttpRequest<Buffer> inventory(HttpMethod method, String path, String token) {
        return web.request(method, "/inventory/v1" + path)
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID);
    }

    public static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
        return await(request.send());
    }

    public static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
        return await(request.sendJsonObject(body));
    }

    @Override
    public void close() {
        web.close();
        await(sandbox.close());
    }
}
