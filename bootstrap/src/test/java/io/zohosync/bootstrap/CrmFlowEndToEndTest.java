package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.core.SandboxRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customers → CRM contacts and inquiries → leads (issue 11), through the real service, PostgreSQL and the sandbox over
 * HTTP: CRM writes go in batches of up to 100 records a call, each record keeps its own answer.
 */
@ExtendWith(VertxExtension.class)
class CrmFlowEndToEndTest {

    static final String UPSERT = "POST /crm/v8/{module}/upsert";
    static final String INSERT = "POST /crm/v8/{module}";
    static final String UPDATE = "PUT /crm/v8/{module}";
    static final String SEARCH = "GET /crm/v8/{module}/search";

    private static RunningService service;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        service = RunningService.start(
                vertx,
                "crm",
                Map.of(
                        "ZSYNC_TARGETS", "customer=crm",
                        "ZSYNC_CRM_PLATFORM_ID_FIELD", "Platform_Id",
                        "ZSYNC_CRM_LEAD_SOURCE", "Platform",
                        "ZSYNC_CRM_FLUSH_MS", "300"));
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    @Test
    void an_update_after_sync_is_one_update_of_the_same_contact_by_its_id() throws Exception {
        String id = unique();
        postAll("customers", List.of(customer(id, id + "@example.com")));
        String contact = settled("customer", List.of(id)).get(id).getString("zoho_id");

        Map<String, Integer> before = service.zoho.inspect().calls();
        JsonObject changed = customer(id, id + "@example.com")
                .put("phone", "+27 82 000 1111")
                .put("billing_address", new JsonObject().put("city", "Durban").put("country", "ZA"));
        HttpResponse<Buffer> put = await(service.put("customers", id, changed));
        assertThat(put.statusCode()).isEqualTo(202);
        JsonObject synced = awaitUpdated(id, "+27 82 000 1111");

        assertThat(synced.getString("zoho_id")).isEqualTo(contact);
        assertThat(service.callsSince(before, UPDATE)).isEqualTo(1);
        assertThat(service.callsSince(before, UPSERT)).isZero();
        JsonObject body = contactOf(id + "@example.com").body();
        assertThat(body.getString("Mailing_City")).isEqualTo("Durban");
        assertThat(body.getString("Platform_Id")).isEqualTo(id);
        assertThat(body.getString("Lead_Source")).isEqualTo("Platform");
        assertThat(body.getJsonObject("Account_Name").getString("name")).isEqualTo("Acme " + id);
    }

    @Test
    void an_inquiry_becomes_a_lead() throws Exception {
        String id = unique();
        String email = id + "@inquiries.example.com";
        Map<String, Integer> before = service.zoho.inspect().calls();
        postAll("inquiries", List.of(inquiry(id, email)));

        JsonObject record = settled("lead", List.of(id)).get(id);
        assertThat(record.getString("status")).isEqualTo("synced");
        SandboxRecord lead = service.zoho.inspect().recordsFor(email).stream()
                .filter(r -> r.entity().equals("Leads"))
                .findFirst()
                .orElseThrow();
        assertThat(record.getString("zoho_id")).isEqualTo(lead.id());
        assertThat(lead.body().getString("Last_Name")).isEqualTo("Lamarr");
        assertThat(lead.body().getString("First_Name")).isEqualTo("Hedy");
        assertThat(lead.body().getString("Company")).isEqualTo("Studio");
        assertThat(lead.body().getString("Lead_Source")).isEqualTo("contact form");
        assertThat(lead.body().getString("Description")).isEqualTo("Do you teach frequency hopping?");
        assertThat(service.callsSince(before, SEARCH))
                .as("one search of Contacts, one of Leads, for the one unknown email")
                .isEqualTo(2);
    }

    @Test
    void an_inquiry_from_a_customer_already_in_crm_is_a_note_on_the_contact_and_no_lead() throws Exception {
        String id = unique();
        String email = id + "@example.com";
        postAll("customers", List.of(customer(id, email)));
        String contact = settled("customer", List.of(id)).get(id).getString("zoho_id");

        Map<String, Integer> before = service.zoho.inspect().calls();
        String inquiry = "inq-" + id;
        postAll("inquiries", List.of(inquiry(inquiry, email.toUpperCase(java.util.Locale.ROOT))));
        JsonObject record = settled("lead", List.of(inquiry)).get(inquiry);

        assertThat(record.getString("status")).isEqualTo("synced");
        List<SandboxRecord> notes = service.zoho.inspect().recordsFor(record.getString("zoho_id")).stream()
                .filter(r -> r.entity().equals("Notes"))
                .toList();
        assertThat(notes).singleElement().satisfies(note -> {
            assertThat(note.body().getJsonObject("Parent_Id").getString("id")).isEqualTo(contact);
            assertThat(note.body().getString("Note_Content")).startsWith("Do you teach frequency hopping?");
        });
        assertThat(service.zoho.inspect().recordsFor(email))
                .extracting(SandboxRecord::entity)
                .doesNotContain("Leads");
        assertThat(service.callsSince(before, SEARCH))
                .as("found locally: no search")
                .isZero();
        assertThat(service.callsSince(before, UPSERT)).isZero();
        assertThat(service.callsSince(before, INSERT)).isEqualTo(1);
    }

    @Test
    void inquiries_from_contacts_only_crm_knows_are_found_by_batched_searches(Vertx vertx) throws Exception {
        // contacts made in CRM by hand: the service has no customer for them
        String run = unique();
        List<String> known = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            known.add(run + "-known-" + i + "@example.com");
        }
        seedContacts(vertx, known);
        List<JsonObject> bodies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(run + "-k" + i);
            bodies.add(inquiry(run + "-k" + i, known.get(i)));
            ids.add(run + "-n" + i);
            bodies.add(inquiry(run + "-n" + i, run + "-new-" + i + "@example.com"));
        }
        Map<String, Integer> before = service.zoho.inspect().calls();
        postAll("inquiries", bodies);

        Map<String, JsonObject> records = settled("lead", ids);
        assertThat(records.values())
                .allSatisfy(r -> assertThat(r.getString("status")).isEqualTo("synced"));
        for (int i = 0; i < 12; i++) {
            assertThat(service.zoho.inspect().recordsFor(known.get(i)))
                    .extracting(SandboxRecord::entity)
                    .as("a note on the contact, no lead")
                    .containsExactlyInAnyOrder("Contacts", "Notes");
        }
        assertThat(service.callsSince(before, SEARCH))
                .as("24 emails (then 12 among Leads), ten a search, in as many batches as the flush window made")
                .isLessThanOrEqualTo(10);
    }

    @Test
    void a_second_inquiry_from_someone_with_a_lead_is_a_note_on_that_lead_and_keeps_the_first_message()
            throws Exception {
        String id = unique();
        String email = id + "@leads.example.com";
        postAll("inquiries", List.of(inquiry(id + "-1", email)));
        String lead = settled("lead", List.of(id + "-1")).get(id + "-1").getString("zoho_id");

        postAll("inquiries", List.of(inquiry(id + "-2", email).put("message", "And radio control?")));
        JsonObject second = settled("lead", List.of(id + "-2")).get(id + "-2");

        assertThat(second.getString("status")).isEqualTo("synced");
        List<SandboxRecord> leads = service.zoho.inspect().recordsFor(email).stream()
                .filter(r -> r.entity().equals("Leads"))
                .toList();
        assertThat(leads).singleElement().satisfies(l -> {
            assertThat(l.id()).isEqualTo(lead);
            assertThat(l.body().getString("Description")).isEqualTo("Do you teach frequency hopping?");
        });
        assertThat(service.zoho.inspect().recordsFor(second.getString("zoho_id")))
                .filteredOn(r -> r.entity().equals("Notes"))
                .singleElement()
                .satisfies(note -> {
                    assertThat(note.body().getJsonObject("Parent_Id").getString("id"))
                            .isEqualTo(lead);
                    assertThat(note.body()
                                    .getJsonObject("Parent_Id")
                                    .getJsonObject("module")
                                    .getString("api_name"))
                            .isEqualTo("Leads");
                    assertThat(note.body().getString("Note_Content")).startsWith("And radio control?");
                });
    }

    @Test
    void two_inquiries_from_one_new_email_in_one_batch_are_a_lead_and_a_note_on_it_with_no_attempt_spent()
            throws Exception {
        String id = unique();
        String email = id + "@leads.example.com";
        postAll(
                "inquiries",
                List.of(
                        inquiry(id + "-1", email),
                        inquiry(id + "-2", email).put("company", "Other").put("message", "And radio control?")));

        Map<String, JsonObject> settled = settled("lead", List.of(id + "-1", id + "-2"));

        String lead = settled.get(id + "-1").getString("zoho_id");
        assertThat(service.zoho.inspect().recordsFor(email))
                .filteredOn(r -> r.entity().equals("Leads"))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.id()).isEqualTo(lead);
                    // the second inquiry waited for the first's lead, then became a note: it never rewrote the lead
                    assertThat(l.body().getString("Description")).isEqualTo("Do you teach frequency hopping?");
                    assertThat(l.body().getString("Company")).isEqualTo("Studio");
                });
        JsonObject second = settled.get(id + "-2");
        assertThat(second.getString("status")).isEqualTo("synced");
        assertThat(second.getInteger("attempts")).as("waiting used no attempt").isEqualTo(1);
        assertThat(service.zoho.inspect().recordsFor(second.getString("zoho_id")))
                .filteredOn(r -> r.entity().equals("Notes"))
                .singleElement()
                .satisfies(note ->
                        assertThat(note.body().getString("Note_Content")).startsWith("And radio control?"));
    }

    @Test
    void bad_inquiries_are_refused_with_their_problem_code_and_nothing_is_stored() throws Exception {
        String id = unique();
        JsonObject good = inquiry(id, id + "@example.com");
        assertProblem(post(null, "application/json", good.encode(), null), 401, "unauthorized");
        assertProblem(post(TestEnvironment.API_KEY, "text/plain", good.encode(), null), 415, "unsupported_media_type");
        assertProblem(post(TestEnvironment.API_KEY, "application/json", "{\"id\":", null), 400, "malformed_json");
        assertProblem(
                post(TestEnvironment.API_KEY, "application/json", good.encode(), ""), 400, "invalid_idempotency_key");
        assertProblem(
                post(
                        TestEnvironment.API_KEY,
                        "application/json",
                        good.copy().put("message", "m".repeat(70_000)).encode(),
                        null),
                413,
                "payload_too_large");
        assertInvalid(good.copy().put("email", "not-an-email"), "email");
        assertInvalid(withoutEmail(good), "email");
        assertInvalid(good.copy().put("phone", "0".repeat(31)), "phone");
        assertInvalid(good.copy().put("name", "Hedy " + "L".repeat(81)), "name");
        assertInvalid(good.copy().put("message", 42), "message");
        assertThat(await(service.http
                                .get("/api/v1/inquiries/" + id)
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .send())
                        .statusCode())
                .as("nothing stored")
                .isEqualTo(404);

        String key = unique();
        assertThat(post(TestEnvironment.API_KEY, "application/json", good.encode(), key)
                        .statusCode())
                .isEqualTo(202);
        assertProblem(
                post(
                        TestEnvironment.API_KEY,
                        "application/json",
                        good.copy().put("message", "another").encode(),
                        key),
                409,
                "idempotency_key_reused");
        assertThat(await(service.http
                                .get("/api/v1/inquiries/" + id)
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .send())
                        .statusCode())
                .isEqualTo(200);
    }

    private static JsonObject withoutEmail(JsonObject body) {
        JsonObject copy = body.copy();
        copy.remove("email");
        return copy;
    }

    private static void assertInvalid(JsonObject body, String field) throws Exception {
        HttpResponse<Buffer> response = post(TestEnvironment.API_KEY, "application/json", body.encode(), null);
        assertProblem(response, 422, "validation_failed");
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream()
                        .map(e -> ((JsonObject) e).getString("field")))
                .contains(field);
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    }

    private static HttpResponse<Buffer> post(String key, String contentType, String body, String idempotencyKey)
            throws Exception {
        var request = service.http.post("/api/v1/inquiries").putHeader("Content-Type", contentType);
        if (key != null) {
            request.bearerTokenAuthentication(key);
        }
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        return await(request.sendBuffer(Buffer.buffer(body)));
    }

    // ---- helpers

    private static void seedContacts(Vertx vertx, List<String> emails) throws Exception {
        // through the service's own CRM flow would make them customers; these are CRM's alone
        io.vertx.core.json.JsonArray data = new io.vertx.core.json.JsonArray();
        emails.forEach(e -> data.add(new JsonObject().put("Last_Name", "Known").put("Email", e)));
        io.vertx.ext.web.client.WebClient web = io.vertx.ext.web.client.WebClient.create(vertx);
        try {
            JsonObject token = await(web.postAbs(service.zoho.tokenUrl())
                            .addQueryParam("grant_type", "refresh_token")
                            .addQueryParam("refresh_token", service.zoho.refreshToken())
                            .addQueryParam("client_id", service.zoho.clientId())
                            .addQueryParam("client_secret", service.zoho.clientSecret())
                            .send())
                    .bodyAsJsonObject();
            HttpResponse<Buffer> response = await(web.postAbs(service.zoho.baseUrl() + "/crm/v8/Contacts")
                    .putHeader("Authorization", "Zoho-oauthtoken " + token.getString("access_token"))
                    .sendJsonObject(new JsonObject().put("data", data)));
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        } finally {
            web.close();
        }
    }

    static JsonObject customer(String id, String email) {
        return new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Lovelace " + id.substring(Math.max(0, id.length() - 6)))
                .put("email", email)
                .put("phone", "+27 21 555 0100")
                .put("company_name", "Acme " + id)
                .put(
                        "billing_address",
                        new JsonObject()
                                .put("street", "1 Loop St")
                                .put("city", "Cape Town")
                                .put("zip", "8001")
                                .put("country", "ZA"));
    }

    static JsonObject inquiry(String id, String email) {
        return new JsonObject()
                .put("id", id)
                .put("name", "Hedy Lamarr")
                .put("email", email)
                .put("phone", "+1 555 0100")
                .put("company", "Studio")
                .put("message", "Do you teach frequency hopping?")
                .put("source", "contact form");
    }

    /** POSTs every body, 50 at a time as a platform's many users would; each must be accepted (202). */
    static void postAll(String collection, List<JsonObject> bodies) throws Exception {
        postAll(service, collection, bodies);
    }

    static void postAll(RunningService on, String collection, List<JsonObject> bodies) throws Exception {
        for (int from = 0; from < bodies.size(); from += 50) {
            List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
            for (JsonObject body : bodies.subList(from, Math.min(bodies.size(), from + 50))) {
                sent.add(on.http
                        .post("/api/v1/" + collection)
                        .bearerTokenAuthentication(TestEnvironment.API_KEY)
                        .sendJsonObject(body));
            }
            await(Future.all(sent));
            for (Future<HttpResponse<Buffer>> response : sent) {
                assertThat(response.result().statusCode())
                        .as(response.result().bodyAsString())
                        .isEqualTo(202);
            }
        }
    }

    private static Map<String, JsonObject> settled(String type, List<String> ids) throws Exception {
        return settled(service, type, ids);
    }

    /** The CRM records of {@code ids} once none is pending, retrying or syncing any more (60 s at most). */
    static Map<String, JsonObject> settled(RunningService on, String type, List<String> ids) throws Exception {
        Set<String> wanted = new HashSet<>(ids);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, JsonObject> found = new HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            found.clear();
            String after = null;
            do {
                var request = on.http
                        .get("/admin/api/sync/records")
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .addQueryParam("entity_type", type)
                        .addQueryParam("target", "crm")
                        .addQueryParam("limit", "500");
                if (after != null) {
                    request.addQueryParam("after", after);
                }
                JsonObject page = await(request.send()).bodyAsJsonObject();
                page.getJsonArray("records").forEach(r -> {
                    JsonObject record = (JsonObject) r;
                    if (wanted.contains(record.getString("entity_id"))) {
                        found.put(record.getString("entity_id"), record);
                    }
                });
                after = page.getString("next_after");
            } while (after != null);
            boolean done = found.size() == wanted.size()
                    && found.values().stream()
                            .allMatch(r -> Set.of("synced", "failed", "skipped", "manual")
                                    .contains(r.getString("status")));
            if (done) {
                return Map.copyOf(found);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not settled in 60 s: " + found.size() + " of " + wanted.size() + " found; e.g. "
                + found.values().stream()
                        .filter(r -> !"synced".equals(r.getString("status")))
                        .findFirst()
                        .orElse(null));
    }

    private static JsonObject awaitUpdated(String id, String phone) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonObject record = settled("customer", List.of(id)).get(id);
            if ("synced".equals(record.getString("status"))
                    && phone.equals(contactOf(id + "@example.com").body().getString("Phone"))) {
                return record;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " was not updated in CRM");
    }

    private static List<String> history(String id) throws Exception {
        JsonObject page = await(service.http
                        .get("/admin/api/sync/log")
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .addQueryParam("entity_type", "customer")
                        .addQueryParam("entity_id", id)
                        .addQueryParam("target", "crm")
                        .send())
                .bodyAsJsonObject();
        List<String> events = new ArrayList<>();
        page.getJsonArray("entries").forEach(e -> events.add(((JsonObject) e).getString("event")));
        return events;
    }

    static SandboxRecord contactOf(String email) {
        return contactOf(service, email);
    }

    static SandboxRecord contactOf(RunningService on, String email) {
        return on.zoho.inspect().recordsFor(email).stream()
                .filter(r -> r.entity().equals("Contacts"))
                .reduce((a, b) -> {
                    throw new AssertionError("two CRM contacts for " + email);
                })
                .orElseThrow(() -> new AssertionError("no CRM contact for " + email));
    }

    static String unique() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }
}
