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

/** Test helper: a started sandbox plus a real HTTP client speaking to it over loopback, with blocking waits. */
final class SandboxClient implements AutoCloseable {
  final ZohoSandbox sandbox;
  final WebClient web;

  private SandboxClient(ZohoSandbox sandbox, WebClient web) {
    this.sandbox = sandbox;
    this.web = web;
  }

  static SandboxClient start(Vertx vertx, SandboxOptions options) {
    ZohoSandbox sandbox = await(ZohoSandbox.start(vertx, options));
    return new SandboxClient(sandbox, WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
        .setDefaultHost(ZohoSandbox.HOST).setDefaultPort(sandbox.port()), new PoolOptions().setHttp1MaxSize(50)));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Posts the refresh grant with the demo credentials, as form fields. */
  HttpResponse<Buffer> refresh(String refreshToken) {
    return await(web.post("/oauth/v2/token").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "refresh_token").add("client_id", SandboxOptions.DEMO_CLIENT_ID)
        .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET).add("refresh_token", refreshToken)));
  }

  /** A fresh access token for the demo refresh token. */
  String accessToken() {
    return refresh(SandboxOptions.DEMO_REFRESH_TOKEN).bodyAsJsonObject().getString("access_token");
  }

  /** A Books request with the token header and the demo organization_id. */
  HttpRequest<Buffer> books(HttpMethod method, String path, String token) {
    return web.request(method, "/books/v3" + path).putHeader("Authorization", "Zoho-oauthtoken " + token)
        .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID);
  }

  static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(request.send());
  }

  static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return await(request.sendJsonObject(body));
  }

  @Override
  public void close() {
    web.close();
    await(sandbox.close());
  }
}
