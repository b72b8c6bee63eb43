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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark entry (issue 11): the Zoho CRM calls a registered customer costs as a CRM contact, counted from the
 * sandbox's call log — {@code customers} registrations a round, sent 50 at a time as a platform's users would, each
 * round waited out until every contact is synced; with the default flush window (2 s), so the figure includes the
 * partial batches a window closes.
 */
final class CrmContactCalls {

    private static final int ROUNDS = 3;
    private static final int IN_FLIGHT = 50;

    private final ZohoSandbox zoho;
    private final WebClient http;

    private CrmContactCalls(ZohoSandbox zoho, WebClient http) {
        this.zoho = zoho;
        this.http = http;
    }

    /** Runs alone: {@code java -cp <test classpath> io.zohosync.bootstrap.bench.CrmContactCalls [customers]}. */
    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            List<String> report = new ArrayList<>();
            measure(vertx, report, args.length > 0 ? Integer.parseInt(args[0]) : 1000);
            Files.write(Path.of(System.getProperty("bench.report", "bench-crm.md")), report);
            report.forEach(System.out::println);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    static void measure(Vertx vertx, List<String> report) throws Exception {
        measure(vertx, report, 1000);
    }

    static void measure(Vertx vertx, List<String> report, int customers) throws Exception {
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await(30, TimeUnit.SECONDS);
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(),
                zoho.baseUrl(),
                PostgresFixture.shared().newDatabase(),
                Files.createTempDirectory("zsync-bench-crm"));
        env.put("ZSYNC_TARGETS", "customer=crm");
        env.put("ZSYNC_CRM_PLATFORM_ID_FIELD", "Platform_Id");
        ZohoSyncApp app = ZohoSyncApp.start(vertx, env).await(60, TimeUnit.SECONDS);
        WebClient http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
        try {
            new CrmContactCalls(zoho, http).measure(report, customers);
        } finally {
            app.stop().await(30, TimeUnit.SECONDS);
            zoho.close().await(30, TimeUnit.SECONDS);
        }
    }

    private void measure(List<String> report, int customers) throws Exception {
        report.add("");
        report.add("## Zoho calls per CRM contact (" + customers + " registrations a round, " + IN_FLIGHT
                + " in flight, flush window 2 s)");
        report.add("");
        report.add("Counted from the sandbox's call log; a round ends when every contact is synced with its own CRM id."
                + " Token refreshes are Accounts calls, not CRM API calls.");
        report.add("");
        report.add("| round | CRM upserts | other CRM calls | token refreshes | CRM calls per contact |"
                + " seconds until all synced |");
        report.add("|---|---|---|---|---|---|");
        for (int round = 1; round <= ROUNDS; round++) {
            Map<String, Integer> before = zoho.inspect().calls();
            int refreshes = zoho.inspect().tokenRefreshes();
            Instant start = Instant.now();
            String run = UUID.randomUUID().toString().substring(0, 8);
            register(run, customers);
            awaitSynced(run, customers);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            Map<String, Integer> after = zoho.inspect().calls();
            int upserts = delta(before, after, "POST /crm/v8/{module}/upsert");
            int crm = after.entrySet().stream()
                    .filter(e -> e.getKey().contains(" /crm/"))
                    .mapToInt(e -> e.getValue() - before.getOrDefault(e.getKey(), 0))
                    .sum();
            report.add("| " + round + " | " + upserts + " | " + (crm - upserts) + " | "
                    + (zoho.inspect().tokenRefreshes() - refreshes) + " | "
                    + String.format(java.util.Locale.ROOT, "%.3f", crm / (double) customers) + " | "
                    + String.format(java.util.Locale.ROOT, "%.1f", seconds) + " |");
        }
        report.add("");
    }

    private void register(String run, int customers) throws Exception {
        for (int from = 0; from < customers; from += IN_FLIGHT) {
            List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
            for (int i = from; i < Math.min(customers, from + IN_FLIGHT); i++) {
                String id = run + "-" + i;
                sent.add(http.post("/api/v1/customers")
                        .bearerTokenAuthentication(TestEnvironment.API_KEY)
                        .sendJsonObject(new JsonObject()
                                .put("id", id)
                                .put("first_name", "Ada")
                                .put("last_name", "Lovelace " + i)
                                .put("email", id + "@example.com")
                                .put("company_name", "Analytical Engines")));
            }
            Future.all(sent).await(30, TimeUnit.SECONDS);
            for (Future<HttpResponse<Buffer>> answer : sent) {
                if (answer.result().statusCode() != 202) {
                    throw new IllegalStateException(
                            "registration answered " + answer.result().statusCode());
                }
            }
        }
    }

    /** Waits until the status summary has every contact of the run synced (paging the admin records). */
    private void awaitSynced(String run, int customers) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            int synced = 0;
            String after = null;
            do {
                var request = http.get("/admin/api/sync/records")
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .addQueryParam("entity_type", "customer")
                        .addQueryParam("target", "crm")
                        .addQueryParam("status", "synced")
                        .addQueryParam("limit", "500");
                if (after != null) {
                    request.addQueryParam("after", after);
                }
                JsonObject page = request.send().await(30, TimeUnit.SECONDS).bodyAsJsonObject();
                for (Object r : page.getJsonArray("records")) {
                    if (((JsonObject) r).getString("entity_id").startsWith(run + "-")) {
                        synced++;
                    }
                }
                after = page.getString("next_after");
            } while (after != null);
            if (synced == customers) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the CRM contacts of round " + run + " were not all synced in 5 minutes");
    }

    private static int delta(Map<String, Integer> before, Map<String, Integer> after, String endpoint) {
        return after.getOrDefault(endpoint, 0) - before.getOrDefault(endpoint, 0);
    }
}
