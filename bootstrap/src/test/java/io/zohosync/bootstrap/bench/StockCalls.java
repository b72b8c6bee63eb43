package io.zohosync.bootstrap.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.bootstrap.ZohoSyncApp;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.SandboxRecord;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark entry (issue 11): the Zoho calls a stock change costs. Each round sends 1,000 stock changes to 10 items
 * already in Inventory (an absolute level, then deltas; 50 in flight) within the flush window, waits until Zoho holds
 * every item's platform level, and counts the sandbox's Inventory calls: one level read per new stock record and one
 * adjustment per record, whatever the number of changes.
 */
final class StockCalls {

    private static final int ROUNDS = 3;
    private static final int ITEMS = 10;
    private static final int CHANGES = 1_000;

    private final ZohoSandbox zoho;
    private final WebClient http;

    private StockCalls(ZohoSandbox zoho, WebClient http) {
        this.zoho = zoho;
        this.http = http;
    }

    static void measure(Vertx vertx, List<String> report) throws Exception {
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await(30, TimeUnit.SECONDS);
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(),
                zoho.baseUrl(),
                PostgresFixture.shared().newDatabase(),
                Files.createTempDirectory("zsync-bench-stock"));
        env.put("ZSYNC_TARGETS", "item=inventory");
        env.put("ZSYNC_STOCK_FLUSH_MS", "15000");
        env.put("ZSYNC_INVENTORY_POLL_EVERY", "off");
        ZohoSyncApp app = ZohoSyncApp.start(vertx, env).await(60, TimeUnit.SECONDS);
        WebClient http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
        try {
            new StockCalls(zoho, http).measure(report);
        } finally {
            app.stop().await(30, TimeUnit.SECONDS);
            zoho.close().await(30, TimeUnit.SECONDS);
        }
    }

    private void measure(List<String> report) throws Exception {
        List<Map<String, Integer>> rounds = new ArrayList<>();
        List<Long> settle = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long[] millis = new long[1];
            rounds.add(round(millis));
            settle.add(millis[0]);
        }
        report.add("");
        report.add("## Zoho calls per stock change (Inventory)");
        report.add("");
        report.add("Each round: " + CHANGES + " stock changes (`POST /api/v1/stock-changes`) to " + ITEMS
                + " items already in Inventory, sent 50 at a time within the flush window (`ZSYNC_STOCK_FLUSH_MS`"
                + "=15000); counted from the sandbox's call log once Zoho holds every item's platform level.");
        report.add("");
        report.add("| round | adjustments | level reads | other calls | Zoho calls per stock change | from last change "
                + "sent to settled |");
        report.add("|---|---|---|---|---|---|");
        for (int i = 0; i < ROUNDS; i++) {
            Map<String, Integer> calls = rounds.get(i);
            int adjustments = calls.getOrDefault("POST /inventory/v1/inventoryadjustments", 0);
            int reads = calls.getOrDefault("GET /inventory/v1/items/{item_id}", 0);
            int total = calls.values().stream().mapToInt(Integer::intValue).sum();
            report.add("| " + (i + 1) + " | " + adjustments + " | " + reads + " | " + (total - adjustments - reads)
                    + " | " + String.format(java.util.Locale.ROOT, "%.3f", total / (double) CHANGES) + " | "
                    + settle.get(i) + " ms |");
        }
        report.add("");
        report.add("Endpoints of round 1: " + rounds.get(0) + ". The settle time is the flush window plus the pushes.");
        report.add("");
    }

    /** One round's Inventory calls by endpoint (items' own creation excluded); {@code millis[0]} the settle time. */
    private Map<String, Integer> round(long[] millis) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            String sku = "BS-" + run + "-" + i;
            skus.add(sku);
            expect(http.put("/api/v1/items/" + sku)
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .sendJsonObject(new JsonObject()
                            .put("name", "Bench " + sku)
                            .put("rate", "10.00")
                            .put("currency", "ZAR")));
        }
        for (String sku : skus) {
            await("item " + sku, () -> item(sku) != null);
        }
        Map<String, Integer> before = zoho.inspect().calls();
        Map<String, Long> expected = new HashMap<>();
        List<JsonObject> changes = new ArrayList<>();
        for (int n = 0; n < CHANGES / ITEMS; n++) {
            for (String sku : skus) {
                JsonObject change = new JsonObject().put("id", sku + "/" + n).put("sku", sku);
                if (n == 0) {
                    change.put("level", 500);
                    expected.put(sku, 500L);
                } else {
                    long d = n % 3 == 0 ? 4 : -1;
                    change.put("delta", d);
                    expected.merge(sku, d, Long::sum);
                }
                changes.add(change);
            }
        }
        for (int from = 0; from < changes.size(); from += 50) {
            List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
            for (JsonObject change : changes.subList(from, from + 50)) {
                sent.add(http.post("/api/v1/stock-changes")
                        .bearerTokenAuthentication(TestEnvironment.API_KEY)
                        .sendJsonObject(change));
            }
            for (Future<HttpResponse<Buffer>> answer : sent) {
                check(answer.await(30, TimeUnit.SECONDS));
            }
        }
        long sentAt = System.nanoTime();
        for (String sku : skus) {
            await("stock " + sku, () -> {
                JsonObject item = item(sku);
                return item != null && ((Number) item.getValue("stock_on_hand")).longValue() == expected.get(sku);
            });
        }
        millis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
        Map<String, Integer> calls = new TreeMap<>();
        zoho.inspect().calls().forEach((endpoint, n) -> {
            int made = n - before.getOrDefault(endpoint, 0);
            if (made > 0 && !endpoint.contains("/oauth/")) {
                calls.put(endpoint, made);
            }
        });
        return calls;
    }

    private JsonObject item(String sku) {
        return zoho.inspect().recordsFor(sku).stream()
                .filter(r -> r.product().equals("inventory") && r.entity().equals("items"))
                .map(SandboxRecord::body)
                .filter(b -> sku.equals(b.getString("sku")))
                .findFirst()
                .orElse(null);
    }

    private static void expect(Future<HttpResponse<Buffer>> answer) throws Exception {
        check(answer.await(30, TimeUnit.SECONDS));
    }

    private static void check(HttpResponse<Buffer> answer) {
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException("answered " + answer.statusCode() + ": " + answer.bodyAsString());
        }
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (done.call()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(what + " not settled within 90 s");
    }
}
