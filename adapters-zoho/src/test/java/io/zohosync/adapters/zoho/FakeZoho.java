package io.zohosync.adapters.zoho;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A few hand-written Zoho routes for the products the sandbox does not serve yet (Billing, CRM, Inventory):
 * an accounts server issuing one token, and whatever product routes a test adds. Records every request.
 */
final class FakeZoho implements AutoCloseable {

    static final String TOKEN = "1000.fake-access-token";

    /** One request as the fake received it. */
    record Received(String method, String path, String query, JsonObject headers, JsonObject body) {}

    final Router router;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private FakeZoho(Router router, HttpServer server) {
        this.router = router;
        this.server = server;
    }

    static FakeZoho start(Vertx vertx) {
        Router router = Router.router(vertx);
        HttpServer server = vertx.createHttpServer();
        FakeZoho fake = new FakeZoho(router, server);
        router.route().handler(BodyHandler.create()).handler(fake::record);
        router.post("/oauth/v2/token")
                .handler(rc -> json(
                        rc,
                        200,
                        new JsonObject()
                                .put("access_token", TOKEN)
                                .put("api_domain", "http://127.0.0.1:" + server.actualPort())
                                .put("token_type", "Bearer")
                                .put("expires_in", 3600)));
        server.requestHandler(router).listen(0, "127.0.0.1").await();
        return fake;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    List<Received> requests(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void record(RoutingContext rc) {
        JsonObject headers = new JsonObject();
        rc.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
        String body = rc.body() == null ? null : rc.body().asString();
        received.add(new Received(
                rc.request().method().name(),
                rc.request().path(),
                rc.request().query(),
                headers,
                body == null || body.isEmpty() || !body.startsWith("{") ? null : new JsonObject(body)));
        rc.next();
    }

    static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json;charset=UTF-8")
                .end(body.encode());
    }

    @Override
    public void close() {
        server.close().await();
    }
}
