package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.core.SandboxRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Reconciliation end to end: the service against real PostgreSQL and the sandbox as Zoho. A clean state has nothing to
 * repair; then Zoho's UI deletes a contact, edits another's email and changes a payment's amount, and an unknown
 * returning customer fails while Zoho holds a contact carrying its marker (what a lost answer leaves): each is found
 * with its proposal; {@code reconcile --repair} applies the safe ones and leaves the payment for a person, and once
 * the worker has sent what was queued a second run finds only the payment; set right in Zoho, a third is clean. The
 * drift alert is sent once, and resolved once.
 */
class ReconcileEndToEndTest {

    private Vertx vertx;
    private HttpServer hooks;
    private final List<JsonObject> webhooks = new CopyOnWriteArrayList<>();
    private RunningService service;
    private WebClient zohoUi;
    private String token;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        hooks = await(vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    webhooks.add(body.toJsonObject());
                    req.response().setStatusCode(200).end("ok");
                }))
                .listen(0, "127.0.0.1"));
        service = RunningService.start(
                vertx,
                "reconcile",
                Map.of(
                        "ZSYNC_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + hooks.actualPort() + "/hook",
                        "ZSYNC_ALERT_WEBHOOK_FORMAT", "generic",
                        "ZSYNC_ALERT_INTERVAL_SECONDS", "1",
                        "ZSYNC_ALERT_QUIET_SECONDS", "2"));
        zohoUi = WebClient.create(vertx);
        token = await(zohoUi.postAbs(service.zoho.baseUrl() + "/oauth/v2/token")
                        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                                .add("grant_type", "refresh_token")
                                .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                                .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                                .add("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN)))
                .bodyAsJsonObject()
                .getString("access_token");
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
        await(vertx.close());
    }

    @Test
    void findsEachDriftWithItsProposalRepairsTheSafeOnesAndAlertsOnce() throws Exception {
        String kept = customer(false);
        String deleted = customer(false);
        String edited = customer(false);
        String sku = "SKU-" + UUID.randomUUID();
        put(
                "items",
                sku,
                new JsonObject().put("name", "Yoga").put("rate", "250.00").put("currency", "ZAR"));
        String order = "ord-" + UUID.randomUUID();
        put("orders", order, RunningService.order(kept, sku));
        String payment = "pay-" + UUID.randomUUID();
        put("payments", payment, payment(kept, order));
        service.awaitStatus("payments", payment, "synced");
        String deletedContact =
                service.awaitStatus("customers", deleted, "synced").getString("zoho_id");
        String editedContact =
                service.awaitStatus("customers", edited, "synced").getString("zoho_id");

        // a clean state: nothing to repair, and the CLI says so with exit 0
        JsonObject clean = reconcileByApi();
        assertThat(clean.getJsonObject("report").getString("status")).isEqualTo("finished");
        assertThat(clean.getJsonObject("report").getLong("drifts"))
                .as(clean.encodePrettily())
                .isZero();
        assertThat(clean.getJsonObject("report").getLong("checked")).isGreaterThanOrEqualTo(6);
        assertThat(cli("reconcile").code).isZero();

        // Zoho's UI: a contact deleted, another's email changed, the payment's amount changed
        ui(HttpMethod.DELETE, "/books/v3/contacts/" + deletedContact, null);
        // Books requires the contact's name on every update (its OpenAPI document); the UI sends it back
        String editedName = ui(HttpMethod.GET, "/books/v3/contacts/" + editedContact, null)
                .getJsonObject("contact")
                .getString("contact_name");
        ui(
                HttpMethod.PUT,
                "/books/v3/contacts/" + editedContact,
                new JsonObject()
                        .put("contact_name", editedName)
                        .put(
                                "contact_persons",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("first_name", "Ada")
                                                .put("email", "changed-in-zoho@example.com")
                                                .put("is_primary_contact", true))));
        String paymentId = service.awaitStatus("payments", payment, "synced").getString("zoho_id");
        String invoiceId = service.awaitStatus("orders", order, "synced").getString("zoho_id");
        ui(
                HttpMethod.PUT,
                "/books/v3/customerpayments/" + paymentId,
                new JsonObject()
                        .put("amount", 400)
                        .put(
                                "invoices",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("invoice_id", invoiceId)
                                                .put("amount_applied", 400))));
        // a returning customer Zoho had no contact for failed; Zoho holds one carrying its marker (a lost answer)
        String lost = customer(true);
        service.awaitStatus("customers", lost, "failed");
        String lostContact = ui(
                        HttpMethod.POST,
                        "/books/v3/contacts",
                        new JsonObject()
                                .put("contact_name", "Lost Answer " + lost)
                                .put("notes", "zoho-sync:" + lost))
                .getJsonObject("contact")
                .getString("contact_id");

        JsonObject found = reconcileByApi();
        JsonObject report = found.getJsonObject("report");
        assertThat(report.getLong("drifts")).isEqualTo(4L);
        assertThat(report.getLong("safe")).isEqualTo(3L);
        assertThat(drift(found, deleted).getString("kind")).isEqualTo("missing_in_zoho");
        assertThat(drift(found, deleted).getString("repair")).isEqualTo("resend");
        assertThat(drift(found, deleted).getBoolean("safe")).isTrue();
        assertThat(drift(found, edited).getString("kind")).isEqualTo("fields_differ");
        assertThat(drift(found, edited).getJsonObject("detail").getString("email.zoho"))
                .isEqualTo("changed-in-zoho@example.com");
        assertThat(drift(found, edited).getBoolean("safe")).isTrue();
        assertThat(drift(found, lost).getString("kind")).isEqualTo("unlinked_in_zoho");
        assertThat(drift(found, lost).getString("repair")).isEqualTo("link");
        assertThat(drift(found, lost).getString("zoho_id")).isEqualTo(lostContact);
        assertThat(drift(found, payment).getString("kind")).isEqualTo("fields_differ");
        assertThat(drift(found, payment).getString("repair")).isEqualTo("leave");
        assertThat(drift(found, payment).getBoolean("safe")).isFalse();
        assertThat(drift(found, payment).getJsonObject("detail").getString("amount.zoho"))
                .startsWith("400");

        // the drift alert: once
        until(() -> alerts("alert.opened") == 1);

        // --repair: the safe ones are applied through the state machine; the payment is left: exit 1
        Run repaired = cli("reconcile", "--repair");
        assertThat(repaired.code).as(repaired.out).isEqualTo(1);
        assertThat(repaired.out)
                .contains("4 drifts, 3 safe to repair, 3 repaired, 1 left")
                .as("only the drift left for a person remains: no hint to repair safe ones")
                .doesNotContain("repair the safe ones");
        service.awaitStatus("customers", deleted, "synced");
        service.awaitStatus("customers", edited, "synced");
        assertThat(service.awaitStatus("customers", lost, "manual").getString("zoho_id"))
                .isEqualTo(lostContact);
        String recreated = service.awaitStatus("customers", deleted, "synced").getString("zoho_id");
        assertThat(recreated).isNotEqualTo(deletedContact);
        until(() -> contactEmail(editedContact).equals(edited + "@example.com"));

        // the earlier report's repairs, asked for now: records linked elsewhere since are left alone (an update of
        // the edited contact, still linked as the report saw it, is only sent once more)
        HttpResponse<Buffer> stale = await(service.http
                .post("/admin/api/reconciliations/" + report.getLong("id") + "/repair")
                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                .send());
        assertThat(stale.statusCode()).isEqualTo(200);
        JsonObject staleReport =
                new JsonObject().put("drifts", stale.bodyAsJsonObject().getJsonArray("attempted"));
        assertThat(drift(staleReport, deleted).getString("repair_outcome"))
                .startsWith("not applied: the record moved on since this report (now synced");
        assertThat(drift(staleReport, lost).getString("repair_outcome"))
                .startsWith("not applied: the record moved on since this report (now manual");
        assertThat(drift(staleReport, edited).getString("repair_outcome")).isEqualTo("update queued (pending)");
        assertThat(service.awaitStatus("customers", deleted, "synced").getString("zoho_id"))
                .isEqualTo(recreated);

        // a second run: only the payment, left for a person
        Run second = cli("reconcile", "--format", "json");
        assertThat(second.code).as(second.out).isEqualTo(1);
        JsonObject secondJson = new JsonObject(second.out);
        assertThat(secondJson.getJsonObject("report").getLong("drifts")).isEqualTo(1L);
        assertThat(secondJson.getJsonArray("drifts").getJsonObject(0).getString("entity_id"))
                .isEqualTo(payment);

        // set right in Zoho: clean, exit 0; the alert is resolved, once
        ui(
                HttpMethod.PUT,
                "/books/v3/customerpayments/" + paymentId,
                new JsonObject()
                        .put("amount", 500)
                        .put(
                                "invoices",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("invoice_id", invoiceId)
                                                .put("amount_applied", 500))));
        assertThat(cli("reconcile").code).isZero();
        until(() -> alerts("alert.resolved") == 1);
        Thread.sleep(2_000);
        assertThat(alerts("alert.opened")).isEqualTo(1);
        assertThat(alerts("alert.resolved")).isEqualTo(1);
    }

    private long alerts(String event) {
        return webhooks.stream()
                .filter(w -> "reconcile-drift".equals(w.getString("key")) && event.equals(w.getString("event")))
                .count();
    }

    private String contactEmail(String contactId) {
        List<SandboxRecord> held = service.zoho.inspect().recordsFor(contactId);
        return held.isEmpty()
                ? ""
                : held.get(0)
                        .body()
                        .getJsonArray("contact_persons")
                        .getJsonObject(0)
                        .getString("email", "");
    }

    private JsonObject reconcileByApi() throws Exception {
        HttpResponse<Buffer> started = await(service.http
                .post("/admin/api/reconciliations")
                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                .send());
        assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
        String location = started.getHeader("Location");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonObject shown = await(service.http
                            .get(location)
                            .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                            .send())
                    .bodyAsJsonObject();
            if (!"running".equals(shown.getJsonObject("report").getString("status"))) {
                return shown;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the reconciliation at " + location + " never ended");
    }

    private static JsonObject drift(JsonObject report, String entityId) {
        return report.getJsonArray("drifts").stream()
                .map(JsonObject.class::cast)
                .filter(d -> d.getString("entity_id").equals(entityId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no drift for " + entityId + " in " + report.encodePrettily()));
    }

    private JsonObject ui(HttpMethod method, String path, JsonObject body) throws Exception {
        var request = zohoUi.requestAbs(method, service.zoho.baseUrl() + path)
                .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                .putHeader("Authorization", "Zoho-oauthtoken " + token);
        HttpResponse<Buffer> response = await(body == null ? request.send() : request.sendJsonObject(body));
        assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 201);
        return response.bodyAsJsonObject();
    }

    private record Run(int code, String out) {}

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main(service.environment))
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString().strip() + err.toString().strip());
    }

    private void put(String collection, String id, JsonObject body) throws Exception {
        HttpResponse<Buffer> response = await(service.put(collection, id, body));
        assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 202);
    }

    private String customer(boolean returningUnknown) throws Exception {
        String id = "cust-" + UUID.randomUUID();
        JsonObject body = new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Reconcile " + id)
                .put("email", id + "@example.com");
        if (returningUnknown) {
            body.put("returning", true);
        }
        put("customers", id, body);
        return id;
    }

    private static JsonObject payment(String customerId, String orderId) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("invoice_id", orderId)
                .put("amount", "500.00")
                .put("currency", "ZAR")
                .put("date", "2026-03-02")
                .put("method", "card")
                .put("provider_payment_id", "pi_" + UUID.randomUUID());
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(100);
        }
    }
}
