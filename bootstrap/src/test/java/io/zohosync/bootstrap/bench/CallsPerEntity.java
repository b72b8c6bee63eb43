package io.zohosync.bootstrap.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
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
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Benchmark entry (issue 14, goal 3): the Zoho calls per entity, counted from the sandbox's call log by kind — search
 * (a filtered list: the contact index's refreshes are these), read (one record by id), write — for {@value #ENTITIES}
 * entities of each kind a round, median of {@value #ROUNDS} rounds: a new customer, an update (its phone changed), an
 * unchanged update (the same body again), a namesake (a new customer named as an existing contact), an invoice (an
 * order) and a payment (Stripe's event). The baseline, measured against the same sandbox in the same process, is the
 * hand-written integration: a search of the contact by email, then its create.
 */
final class CallsPerEntity {

    private static final int ROUNDS = 3;
    private static final int ENTITIES = 20;

    /** Calls by kind over a batch of {@code entities}. */
    record Count(int search, int read, int write, int entities) {
        double perEntity() {
            return (search + read + write) / (double) entities;
        }

        /** Classified as {@link EnrollmentCalls.Count} classifies them (OAuth grants left out). */
        static Count of(Map<String, Integer> calls, int entities) {
            EnrollmentCalls.Count kinds = EnrollmentCalls.Count.of(calls);
            return new Count(kinds.search(), kinds.read(), kinds.write(), entities);
        }
    }

    private final ZohoSandbox zoho;
    private final WebClient http;
    private final WebClient books;

    private CallsPerEntity(ZohoSandbox zoho, WebClient http, WebClient books) {
        this.zoho = zoho;
        this.http = http;
        this.books = books;
    }

    /** Runs on its own: {@code -Dbench.report} names the file it writes (default calls-per-entity.md). */
    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            List<String> report = new ArrayList<>();
            measure(vertx, report);
            Files.write(java.nio.file.Path.of(System.getProperty("bench.report", "calls-per-entity.md")), report);
            report.forEach(System.out::println);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    static void measure(Vertx vertx, List<String> report) throws Exception {
        // calls are counted, not timed: Zoho's minute limit lifted in the sandbox and the service's budget, so the
        // baseline's calls (made beside the service) never make the service wait
        ZohoSandbox zoho = DrainBench.unthrottled(vertx);
        zoho.control().baseCurrency("ZAR");
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(),
                zoho.baseUrl(),
                PostgresFixture.shared().newDatabase(),
                Files.createTempDirectory("zsync-bench-calls-per-entity"));
        env.put("ZSYNC_STRIPE_WEBHOOK_SECRETS", ClassRegistration.STRIPE_SECRET);
        env.put("ZSYNC_BOOKS_CALLS_PER_MINUTE", "1000000");
        env.put("ZSYNC_BOOKS_CALLS_PER_DAY", "1000000");
        ZohoSyncApp app = ZohoSyncApp.start(vertx, env).await(60, TimeUnit.SECONDS);
        WebClient http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
        URI sandbox = URI.create(zoho.baseUrl());
        WebClient books = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost(sandbox.getHost()).setDefaultPort(sandbox.getPort()));
        try {
            new CallsPerEntity(zoho, http, books).measure(report);
        } finally {
            app.stop().await(30, TimeUnit.SECONDS);
            zoho.close().await(30, TimeUnit.SECONDS);
        }
    }

    private void measure(List<String> report) throws Exception {
        // not counted: the first registration finds and creates the VAT tax and fills the contact index
        ClassRegistration warmUp = ClassRegistration.of(EnrollmentCalls.run());
        for (Message message : Message.values()) {
            send(warmUp, message);
        }
        for (Message message : Message.values()) {
            awaitSynced(message.collection, warmUp.idOf(message));
        }
        Map<String, List<Count>> rounds = new LinkedHashMap<>();
        String token = accessToken();
        int listsBefore = zoho.inspect().calls("GET /books/v3/contacts");
        for (int round = 0; round < ROUNDS; round++) {
            List<ClassRegistration> batch = new ArrayList<>();
            for (int i = 0; i < ENTITIES; i++) {
                batch.add(ClassRegistration.of(EnrollmentCalls.run()));
            }
            count(rounds, "baseline: hand-written integration, new customer (search + create)", () -> {
                for (ClassRegistration r : batch) {
                    handWritten(r, token);
                }
            });
            count(rounds, "new customer", () -> sendAll(batch, Message.CUSTOMER, r -> r.body(Message.CUSTOMER)));
            sendAll(batch, Message.ITEM, r -> r.body(Message.ITEM));
            count(
                    rounds,
                    "invoice (an order; its customer and items synced)",
                    () -> sendAll(batch, Message.ORDER, r -> r.body(Message.ORDER)));
            count(rounds, "payment (Stripe's event; its invoice synced)", () -> {
                for (ClassRegistration r : batch) {
                    send(r, Message.STRIPE);
                }
                for (ClassRegistration r : batch) {
                    awaitSynced(Message.STRIPE.collection, r.idOf(Message.STRIPE));
                }
            });
            count(rounds, "update (phone changed)", () -> sendAll(batch, Message.CUSTOMER, CallsPerEntity::moved));
            count(
                    rounds,
                    "unchanged update (the same body again)",
                    () -> sendAll(batch, Message.CUSTOMER, CallsPerEntity::moved));
            List<ClassRegistration> namesakes = new ArrayList<>();
            for (int i = 0; i < ENTITIES; i++) {
                namesakes.add(ClassRegistration.of(EnrollmentCalls.run()));
            }
            count(rounds, "namesake (named as an existing contact)", () -> {
                for (int i = 0; i < ENTITIES; i++) {
                    ClassRegistration namesake = namesakes.get(i);
                    JsonObject body =
                            batch.get(i).body(Message.CUSTOMER).put("email", namesake.parentId() + "@example.com");
                    put(Message.CUSTOMER, namesake.parentId(), body);
                }
                for (ClassRegistration namesake : namesakes) {
                    awaitSynced(Message.CUSTOMER.collection, namesake.parentId());
                }
            });
        }
        // every contact list the service made in the rounds: the index's refreshes (the baseline's searches aside)
        int refreshes = zoho.inspect().calls("GET /books/v3/contacts") - listsBefore - ROUNDS * ENTITIES;
        report.add("");
        report.add("## Zoho calls per entity (issue 14, goal 3)");
        report.add("");
        report.add("Counted from the sandbox's call log, " + ENTITIES + " entities of each kind a round, median of "
                + ROUNDS + " rounds; search = a filtered list (the contact index's refreshes, every "
                + "ZSYNC_CONTACT_INDEX_REFRESH_SECONDS, default 30, are these), read = one record by id, write ="
                + " create/update. The baseline is the hand-written integration against the same sandbox in the same"
                + " run: a search of the contact by email, then its create.");
        report.add("");
        report.add("| what | search | read | write | Zoho calls per entity | ratio to the baseline's |");
        report.add("|---|---|---|---|---|---|");
        double baseline = median(rounds.values().iterator().next()).perEntity();
        for (Map.Entry<String, List<Count>> row : rounds.entrySet()) {
            Count c = median(row.getValue());
            report.add(String.format(
                    "| %s | %d | %d | %d | %.2f | %.2f |",
                    row.getKey(), c.search(), c.read(), c.write(), c.perEntity(), c.perEntity() / baseline));
        }
        report.add("");
        report.add("Rounds (calls per entity): "
                + rounds.entrySet().stream()
                        .map(e -> e.getKey() + " "
                                + e.getValue().stream()
                                        .map(c -> String.format("%.2f", c.perEntity()))
                                        .toList())
                        .toList()
                + ". The contact index's refreshes over the " + ROUNDS + " rounds: " + refreshes
                + " list call(s), each shared by every match made while the index was fresh (counted in the row of the"
                + " batch that triggered it).");
        report.add("");
    }

    private interface Work {
        void run() throws Exception;
    }

    private void count(Map<String, List<Count>> rounds, String what, Work work) throws Exception {
        Map<String, Integer> before = zoho.inspect().calls();
        work.run();
        rounds.computeIfAbsent(what, k -> new ArrayList<>())
                .add(Count.of(
                        ClassRegistration.callsBetween(before, zoho.inspect().calls()), ENTITIES));
    }

    private static Count median(List<Count> counts) {
        List<Count> sorted = new ArrayList<>(counts);
        sorted.sort(Comparator.comparingDouble(Count::perEntity));
        return sorted.get(sorted.size() / 2);
    }

    /** The customer with a new phone. */
    private static JsonObject moved(ClassRegistration r) {
        return r.body(Message.CUSTOMER).put("phone", "+27 21 555 0100");
    }

    private void sendAll(List<ClassRegistration> batch, Message message, Function<ClassRegistration, JsonObject> body)
            throws Exception {
        Map<String, Instant> sentAt = new LinkedHashMap<>();
        for (ClassRegistration r : batch) {
            sentAt.put(r.idOf(message), Instant.now());
            put(message, r.idOf(message), body.apply(r));
        }
        for (ClassRegistration r : batch) {
            awaitSynced(message.collection, r.idOf(message));
        }
        // an unchanged body may leave the record synced without a job: give a job the worker has not run yet time
        // to run, so its calls (if any) are counted with this batch
        Thread.sleep(1500);
    }

    private void put(Message message, String id, JsonObject body) throws Exception {
        HttpResponse<Buffer> answer = http.put("/api/v1/" + message.collection + "/" + id)
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(body)
                .await(30, TimeUnit.SECONDS);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    message + " " + id + " answered " + answer.statusCode() + ": " + answer.bodyAsString());
        }
    }

    private void send(ClassRegistration registration, Message message) throws Exception {
        if (message != Message.STRIPE) {
            put(message, registration.idOf(message), registration.body(message));
            return;
        }
        long now = Instant.now().getEpochSecond();
        String event = registration.stripeEvent();
        HttpResponse<Buffer> answer = http.post("/webhooks/stripe")
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader(
                        "Stripe-Signature",
                        ClassRegistration.stripeSignature(now, ClassRegistration.STRIPE_SECRET, event))
                .sendBuffer(Buffer.buffer(event))
                .await(30, TimeUnit.SECONDS);
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("Stripe's event answered " + answer.statusCode());
        }
    }

    /** The hand-written integration's new customer: the email search, then the create (its own, distinct customer). */
    private void handWritten(ClassRegistration r, String token) throws Exception {
        String email = "hand-" + r.parentId() + "@example.com";
        HttpResponse<Buffer> found = books.get("/books/v3/contacts")
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                .addQueryParam("email", email)
                .send()
                .await(30, TimeUnit.SECONDS);
        if (!found.bodyAsJsonObject().getJsonArray("contacts", new JsonArray()).isEmpty()) {
            return;
        }
        HttpResponse<Buffer> created = books.post("/books/v3/contacts")
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                .sendJsonObject(new JsonObject()
                        .put("contact_name", "Hand " + r.parentId())
                        .put(
                                "contact_persons",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("first_name", "Hand")
                                                .put("email", email)
                                                .put("is_primary_contact", true))))
                .await(30, TimeUnit.SECONDS);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("the hand-written create answered " + created.statusCode());
        }
    }

    private String accessToken() throws Exception {
        return books.post("/oauth/v2/token")
                .sendForm(MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "refresh_token")
                        .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                        .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                        .add("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN))
                .await(30, TimeUnit.SECONDS)
                .bodyAsJsonObject()
                .getString("access_token");
    }

    private void awaitSynced(String collection, String id) throws Exception {
        EnrollmentCalls.awaitSynced(http, collection, id, Duration.ofSeconds(60));
    }
}
