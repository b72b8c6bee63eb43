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
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.sandbox.core.SandboxRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** What the stock end-to-end tests share: the running service, its database read directly, and Zoho's side. */
final class StockFixture {

    static final String SECRET = "inventory-webhook-secret-0123";

    final RunningService service;
    final Pool db;

    StockFixture(Vertx vertx, RunningService service) {
        this.service = service;
        this.db = PostgresAdapters.pool(
                vertx, DatabaseSettings.fromUrl(service.environment.get("ZSYNC_DATABASE_URL"), 2));
    }

    void close() throws Exception {
        RunningService.await(db.close());
        service.stop();
    }

    /** An item put by sku (with the name and rate the items flow wants). */
    void item(String sku) throws Exception {
        HttpResponse<Buffer> put = RunningService.await(service.put(
                "items",
                sku,
                new JsonObject()
                        .put("name", "Widget " + sku)
                        .put("rate", "10.00")
                        .put("currency", "ZAR")));
        assertThat(put.statusCode()).as(put.bodyAsString()).isIn(200, 202);
    }

    Future<HttpResponse<Buffer>> change(JsonObject body) {
        return service.http
                .post("/api/v1/stock-changes")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(body);
    }

    static JsonObject delta(String id, String sku, long delta) {
        return new JsonObject()
                .put("id", id)
                .put("sku", sku)
                .put("delta", delta)
                .put("reason", "sold");
    }

    static JsonObject level(String id, String sku, long level) {
        return new JsonObject()
                .put("id", id)
                .put("sku", sku)
                .put("level", level)
                .put("reason", "counted");
    }

    /** The Inventory item the sandbox holds under {@code sku}. */
    JsonObject zohoItem(String sku) {
        List<SandboxRecord> found = service.zoho.inspect().recordsFor(sku).stream()
                .filter(r -> r.product().equals("inventory") && r.entity().equals("items"))
                .filter(r -> sku.equals(r.body().getString("sku")))
                .toList();
        assertThat(found).as("Inventory items with sku " + sku).hasSize(1);
        return found.get(0).body();
    }

    BigDecimal zohoLevel(String sku) {
        return new BigDecimal(zohoItem(sku).getValue("stock_on_hand").toString());
    }

    /** The stock record's row: platform_level, platform_known, zoho_level, intent_reference, pushes. */
    Row levels(String sku) throws Exception {
        var rows = RunningService.await(db.preparedQuery("select * from stock_levels where sku = $1 and warehouse = ''")
                .execute(Tuple.of(sku)));
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    String stockStatus(String sku) throws Exception {
        var rows = RunningService.await(
                db.preparedQuery("select status from sync_records where entity_type = 'stock' and entity_id = $1")
                        .execute(Tuple.of(sku)));
        return rows.size() == 0 ? null : rows.iterator().next().getString("status");
    }

    long count(String sql, Object... params) throws Exception {
        return RunningService.await(db.preparedQuery(sql).execute(Tuple.from(params)))
                .iterator()
                .next()
                .getLong(0);
    }

    /** Waits (up to 60 s) until the record is synced, Zoho's level is the platform's, and the service knows it. */
    void awaitSettled(String sku) throws Exception {
        awaitTrue("stock " + sku + " settled", () -> {
            Row row = levels(sku);
            if (row == null || !"synced".equals(stockStatus(sku)) || row.getBigDecimal("zoho_level") == null) {
                return false;
            }
            BigDecimal platform = row.getBigDecimal("platform_level");
            return row.getString("intent_reference") == null
                    && platform.compareTo(row.getBigDecimal("zoho_level")) == 0
                    && platform.compareTo(zohoLevel(sku)) == 0;
        });
    }

    static void awaitTrue(String what, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": not within 60 s");
    }

    /**
     * Forwards everything to the sandbox on {@code port} (set once it runs); for the first {@code drops} adjustment
     * creations it lets Zoho apply them and closes the connection instead of answering.
     */
    static Future<HttpServer> lossyProxy(Vertx vertx, AtomicInteger port, AtomicInteger drops) {
        HttpClient client = vertx.createHttpClient();
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    boolean adjustment = request.method().name().equals("POST")
                            && request.path().equals("/inventory/v1/inventoryadjustments");
                    RequestOptions options = new RequestOptions()
                            .setMethod(request.method())
                            .setHost("127.0.0.1")
                            .setPort(port.get())
                            .setURI(request.uri())
                            .setHeaders(request.headers());
                    client.request(options)
                            .compose(out -> out.send(body))
                            .compose(answer -> answer.body().map(answerBody -> {
                                if (adjustment && drops.getAndDecrement() > 0) {
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
