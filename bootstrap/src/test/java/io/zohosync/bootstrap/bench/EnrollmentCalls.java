package io.zohosync.bootstrap.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.ClassRegistration;
import io.zohosync.bootstrap.ClassRegistration.Message;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.bootstrap.ZohoSyncApp;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark entry: the Zoho calls one paid enrollment costs, counted from the sandbox's call log and sorted by kind —
 * search (a filtered list), read (one record by id), write (create, update, delete) — for a new parent (customer,
 * class, enrollment, Stripe payment) and for a returning customer whose contact and class are already in Books (a
 * new enrollment and its Stripe payment), next to the hand-written integration's four calls (search contact, create
 * contact, create invoice, create payment). A first registration, not counted, finds and creates the VAT tax.
 */
final class EnrollmentCalls {

    /** Calls of one registration by kind, and by endpoint. */
    record Count(int search, int read, int write, Map<String, Integer> endpoints) {
        int total() {
            return search + read + write;
        }

        static Count of(Map<String, Integer> calls) {
            int search = 0;
            int read = 0;
            int write = 0;
            Map<String, Integer> api = new TreeMap<>(calls);
            api.keySet().removeIf(endpoint -> endpoint.contains(" /oauth/"));
            for (Map.Entry<String, Integer> call : api.entrySet()) {
                String endpoint = call.getKey();
                if (!endpoint.startsWith("GET ")) {
                    write += call.getValue();
                } else if (endpoint.endsWith("}")) {
                    read += call.getValue();
                } else {
                    search += call.getValue();
                }
            }
            return new Count(search, read, write, api);
        }
    }

    private static final int ROUNDS = 3;

    private final ZohoSandbox zoho;
    private final WebClient http;

    private EnrollmentCalls(ZohoSandbox zoho, WebClient http) {
        this.zoho = zoho;
        this.http = http;
    }

    static void measure(Vertx vertx, List<String> report) throws Exception {
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await(30, TimeUnit.SECONDS);
        // the parents are billed in ZAR, the enrollments' currency (Books invoices a contact only in its own)
        zoho.control().baseCurrency("ZAR");
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(),
                zoho.baseUrl(),
                PostgresFixture.shared().newDatabase(),
                Files.createTempDirectory("zsync-bench-calls"));
        env.put("ZSYNC_STRIPE_WEBHOOK_SECRETS", ClassRegistration.STRIPE_SECRET);
        ZohoSyncApp app = ZohoSyncApp.start(vertx, env).await(60, TimeUnit.SECONDS);
        WebClient http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
        try {
            new EnrollmentCalls(zoho, http).measure(report);
        } finally {
            app.stop().await(30, TimeUnit.SECONDS);
            zoho.close().await(30, TimeUnit.SECONDS);
        }
    }

    private void measure(List<String> report) throws Exception {
        Count warmUp = count(ClassRegistration.of(run()), List.of(Message.values()));
        List<Count> newParent = new ArrayList<>();
        List<Count> returning = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String suffix = run();
            ClassRegistration registration = ClassRegistration.of(suffix);
            newParent.add(count(registration, List.of(Message.values())));
            // the same parent and class, a new enrollment paid through Stripe
            ClassRegistration again = registration.again(suffix);
            returning.add(count(again, List.of(Message.ORDER, Message.STRIPE)));
        }
        report.add("");
        report.add("## Zoho calls per paid enrollment (class registration through Stripe Checkout)");
        report.add("");
        report.add("Counted from the sandbox's call log, " + ROUNDS + " registrations each; search = a filtered list,"
                + " read = one record by id, write = create/update/delete; OAuth token grants are not API calls.");
        report.add("");
        report.add("| what | search | read | write | Zoho API calls | the hand-written integration |");
        report.add("|---|---|---|---|---|---|");
        report.add(row("new parent: customer + class + enrollment + Stripe payment", newParent));
        report.add(
                row("returning customer: enrollment + Stripe payment (contact and class already synced)", returning));
        report.add("");
        report.add("Endpoints, new parent: " + same(newParent).endpoints() + "; returning customer: "
                + same(returning).endpoints() + ". The first registration of the run, not counted, also listed the"
                + " taxes and created VAT 15% once: " + warmUp.endpoints() + ".");
        report.add("");
    }

    private static String row(String what, List<Count> counts) {
        Count c = same(counts);
        return "| " + what + " | " + c.search() + " | " + c.read() + " | " + c.write() + " | " + c.total()
                + " | 4 (search contact, create contact, create invoice, create payment) |";
    }

    /** The one count every round had; the harness refuses to report an average of differing rounds. */
    private static Count same(List<Count> counts) {
        if (counts.stream().map(Count::endpoints).distinct().count() != 1) {
            throw new IllegalStateException("the rounds made different calls: " + counts);
        }
        return counts.get(0);
    }

    /** Sends {@code messages} of {@code registration} one after the other, waits until all are synced; their calls. */
    private Count count(ClassRegistration registration, List<Message> messages) throws Exception {
        Map<String, Integer> before = zoho.inspect().calls();
        for (Message message : messages) {
            HttpResponse<Buffer> answer = deliver(registration, message).await(30, TimeUnit.SECONDS);
            if (answer.statusCode() != 202) {
                throw new IllegalStateException(
                        message + " answered " + answer.statusCode() + ": " + answer.bodyAsString());
            }
        }
        for (Message message : messages) {
            awaitSynced(message.collection, registration.idOf(message));
        }
        return Count.of(ClassRegistration.callsBetween(before, zoho.inspect().calls()));
    }

    private Future<HttpResponse<Buffer>> deliver(ClassRegistration registration, Message message) {
        if (message == Message.STRIPE) {
            long now = Instant.now().getEpochSecond();
            String event = registration.stripeEvent();
            return http.post("/webhooks/stripe")
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader(
                            "Stripe-Signature",
                            ClassRegistration.stripeSignature(now, ClassRegistration.STRIPE_SECRET, event))
                    .sendBuffer(Buffer.buffer(event));
        }
        return http.put("/api/v1/" + message.collection + "/" + registration.idOf(message))
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(registration.body(message));
    }

    private void awaitSynced(String collection, String id) throws Exception {
        awaitSynced(http, collection, id, Duration.ofSeconds(30));
    }

    /** Polls the intake's record of {@code collection}/{@code id} until its sync says synced, at most {@code within}. */
    static void awaitSynced(WebClient http, String collection, String id, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        JsonObject sync = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Buffer> response = http.get("/api/v1/" + collection + "/" + id)
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .send()
                    .await(30, TimeUnit.SECONDS);
            sync = response.bodyAsJsonObject().getJsonObject("sync");
            if (sync != null && "synced".equals(sync.getString("status"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(
                collection + " " + id + " not synced within " + within.toSeconds() + " s; last seen " + sync);
    }

    static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
