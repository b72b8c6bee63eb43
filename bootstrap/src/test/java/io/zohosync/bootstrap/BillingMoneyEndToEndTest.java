package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.SandboxRecord;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 items 4–6 through HTTP, Postgres, the worker and the Billing sandbox: manual invoices become Billing
 * invoices (with their lines, or one line for their kind), recurring ones are refused, an invoice whose answer was lost
 * is found again by its reference; payments routed to Billing ({@code ZSYNC_TARGETS=payment=billing}) are applied to
 * their manual invoice (paid in Billing) or kept as the customer's credit; a customer's card goes through a Billing
 * hosted page the sandbox completes when its url is opened. Every answer of Billing is mirrored (zoho_states).
 *
 * <p>Customers reach Billing through billing-sub's flow, not on this branch: the tests stand in for it by creating the
 * Billing customer in the sandbox and linking the platform customer to it as an admin's link does (a {@code manual}
 * sync record at target billing). Services likewise: stored as the services route stores them, linked by hand.
 */
@ExtendWith(VertxExtension.class)
class BillingMoneyEndToEndTest {

    private static Vertx vertx;
    private static ZohoSandbox zoho;
    private static HttpServer proxy;
    private static ZohoSyncApp app;
    private static WebClient http;
    private static WebClient sandbox;
    private static Pool pool;
    private static String token;
    /** Paths ("POST /billing/v1/invoices") whose next answers the proxy drops, and how many. */
    private static final Map<String, AtomicInteger> DROPS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start(Vertx v) throws Exception {
        vertx = v;
        zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        proxy = await(lossyProxy(vertx, zoho.port()));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(),
                "http://127.0.0.1:" + proxy.actualPort(),
                db,
                Files.createTempDirectory("zsync-billing-money"));
        env.put("ZSYNC_TARGETS", "payment=billing");
        env.put("ZSYNC_RETRY_BASE_SECONDS", "1");
        app = await(ZohoSyncApp.start(vertx, env));
        http = ServiceContract.validated(WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort())));
        sandbox = WebClient.create(vertx);
        pool = PostgresAdapters.pool(vertx, db);
        token = await(sandbox.postAbs(zoho.tokenUrl())
                        .sendForm(MultiMap.caseInsensitiveMultiMap()
                                .add("grant_type", "refresh_token")
                                .add("client_id", zoho.clientId())
                                .add("client_secret", zoho.clientSecret())
                                .add("refresh_token", zoho.refreshToken())))
                .bodyAsJsonObject()
                .getString("access_token");
    }

    @AfterAll
    static void stop() throws Exception {
        await(pool.close());
        await(app.stop());
        await(proxy.close());
        await(zoho.close());
    }

    @Test
    void an_installation_invoice_with_lines_becomes_a_billing_invoice_referenced_by_its_id_and_mirrored()
            throws Exception {
        String suffix = suffix();
        String customerId = billingCustomer("inst-" + suffix);
        String invoiceId = "INST-" + suffix;

        HttpResponse<Buffer> sent = await(put(
                "invoices",
                invoiceId,
                invoice(customerId, "installation")
                        .put("service_id", "svc-" + suffix)
                        .put(
                                "line_items",
                                new JsonArray()
                                        .add(line("Installation", "Fibre to the home", "1", "150.00"))
                                        .add(line("Router", null, "2", "49.50")))));
        assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
        assertThat(sent.bodyAsJsonObject().getJsonObject("targets").fieldNames())
                .containsExactly("billing");

        JsonObject synced = awaitStatus("invoices", invoiceId, "synced");
        JsonObject invoice = billingRecord("invoices", invoiceId);
        assertThat(invoice.getString("invoice_id")).isEqualTo(synced.getString("zoho_id"));
        assertThat(invoice.getString("reference_number")).isEqualTo(invoiceId);
        assertThat(invoice.getJsonArray("invoice_items")).hasSize(2);
        assertThat(invoice.getJsonArray("invoice_items").getJsonObject(0).getString("name"))
                .isEqualTo("Installation");
        assertThat(invoice.getJsonArray("invoice_items").getJsonObject(0).getString("description"))
                .isEqualTo("Fibre to the home");
        assertThat(invoice.getJsonArray("invoice_items")
                        .getJsonObject(1)
                        .getNumber("quantity")
                        .intValue())
                .isEqualTo(2);
        assertThat(invoice.getDouble("total")).isEqualTo(249.00);
        assertThat(invoice.getString("status")).isEqualTo("sent");

        Row mirrored = mirror("manual_invoice", invoiceId);
        assertThat(mirrored.getString("status")).isEqualTo("sent");
        assertThat(mirrored.getString("source")).isEqualTo("sync");
        JsonObject details = (JsonObject) mirrored.getValue("details");
        assertThat(details.getString("invoice_id")).isEqualTo(invoice.getString("invoice_id"));
        assertThat(details.getString("invoice_number")).isEqualTo(invoice.getString("number"));
        assertThat(details.getString("total")).isEqualTo("249.00");
        assertThat(details.getString("balance")).isEqualTo("249.00");
        assertThat(details.getString("currency")).isEqualTo("ZAR");
    }

    @Test
    void an_invoice_without_lines_is_one_line_named_for_its_kind_for_its_amount() throws Exception {
        String suffix = suffix();
        String customerId = billingCustomer("eq-" + suffix);
        String invoiceId = "EQ-" + suffix;

        await(put("invoices", invoiceId, invoice(customerId, "equipment").put("amount", "899.00")));

        awaitStatus("invoices", invoiceId, "synced");
        JsonObject invoice = billingRecord("invoices", invoiceId);
        assertThat(invoice.getJsonArray("invoice_items")).singleElement().satisfies(item -> {
            JsonObject line = (JsonObject) item;
            assertThat(line.getString("name")).isEqualTo("Equipment");
            assertThat(line.getDouble("price")).isEqualTo(899.00);
            assertThat(line.getNumber("quantity").intValue()).isEqualTo(1);
        });
        assertThat(invoice.getDouble("total")).isEqualTo(899.00);
    }

    @Test
    void a_recurring_invoice_is_refused_with_its_reason_and_nothing_is_stored() throws Exception {
        String invoiceId = "REC-" + suffix();
        HttpResponse<Buffer> refused =
                await(put("invoices", invoiceId, invoice("cus-any", "recurring").put("amount", "499.00")));

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonObject problem = refused.bodyAsJsonObject();
        assertThat(problem.getString("code")).isEqualTo("recurring_invoice_refused");
        assertThat(problem.getString("detail")).contains("from the subscription");
        assertThat(await(get("/api/v1/invoices/" + invoiceId)).statusCode()).isEqualTo(404);
    }

    @Test
    void a_broken_invoice_is_refused_naming_each_field_and_nothing_is_stored() throws Exception {
        String invoiceId = "BAD-" + suffix();
        JsonObject body = new JsonObject()
                .put("kind", "gift")
                .put("currency", "ZZZ")
                .put("date", "2026-13-40")
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject().put("quantity", "0").put("price", "1")));
        assertRefused(
                invoiceId,
                body,
                "customer_id",
                "kind",
                "currency",
                "date",
                "line_items[0].name",
                "line_items[0].quantity");
        // no lines and no amount; an amount that contradicts the lines
        assertRefused(invoiceId, invoice("cus-1", "adjustment"), "amount");
        assertRefused(
                invoiceId,
                invoice("cus-1", "adjustment")
                        .put("amount", "10.00")
                        .put("line_items", new JsonArray().add(line("Credit", null, "1", "12.00"))),
                "amount");
    }

    @Test
    void an_invoice_whose_answer_was_lost_is_found_by_its_reference_and_never_raised_twice() throws Exception {
        String suffix = suffix();
        String customerId = billingCustomer("lost-" + suffix);
        String invoiceId = "LOST-" + suffix;
        int creates = zoho.inspect().calls("POST /billing/v1/invoices");
        DROPS.put("POST /billing/v1/invoices", new AtomicInteger(1));

        await(put("invoices", invoiceId, invoice(customerId, "pro_rata").put("amount", "120.00")));

        JsonObject synced = awaitStatus("invoices", invoiceId, "synced");
        assertThat(DROPS.get("POST /billing/v1/invoices").get())
                .as("the answer was dropped")
                .isLessThan(1);
        List<SandboxRecord> raised = zoho.inspect().recordsFor(invoiceId).stream()
                .filter(r -> r.entity().equals("invoices"))
                .toList();
        assertThat(raised).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(synced.getString("zoho_id")));
        assertThat(zoho.inspect().calls("POST /billing/v1/invoices") - creates).isEqualTo(1);
        assertThat(mirror("manual_invoice", invoiceId).getString("status")).isEqualTo("sent");
    }

    @Test
    void a_payment_is_applied_to_its_manual_invoice_which_billing_marks_paid_and_one_without_is_credit()
            throws Exception {
        String suffix = suffix();
        String customerId = billingCustomer("pay-" + suffix);
        String invoiceId = "INV-" + suffix;
        await(put("invoices", invoiceId, invoice(customerId, "installation").put("amount", "300.00")));

        // sent before its invoice is in Billing: it waits for it, then pays part of it, then the rest
        HttpResponse<Buffer> first = await(
                put("payments", "P1-" + suffix, payment(customerId, invoiceId, "100.00", "eft", "ns_1" + suffix)));
        assertThat(first.bodyAsJsonObject().getJsonObject("targets").fieldNames())
                .containsExactly("billing");
        JsonObject paid = awaitStatus("payments", "P1-" + suffix, "synced");
        JsonObject payment = billingRecord("payments", "ns_1" + suffix);
        assertThat(payment.getString("payment_id")).isEqualTo(paid.getString("zoho_id"));
        assertThat(payment.getString("payment_mode")).isEqualTo("banktransfer");
        assertThat(payment.getDouble("amount")).isEqualTo(100.00);
        String zohoInvoice = awaitStatus("invoices", invoiceId, "synced").getString("zoho_id");
        assertThat(payment.getJsonArray("invoices").getJsonObject(0).getString("invoice_id"))
                .isEqualTo(zohoInvoice);
        assertThat(billingRecord("invoices", invoiceId).getString("status")).isEqualTo("partially_paid");

        await(put("payments", "P2-" + suffix, payment(customerId, invoiceId, "200.00", "card", "ns_2" + suffix)));
        awaitStatus("payments", "P2-" + suffix, "synced");
        assertThat(billingRecord("payments", "ns_2" + suffix).getString("payment_mode"))
                .isEqualTo("creditcard");
        assertThat(billingRecord("invoices", invoiceId).getString("status")).isEqualTo("paid");
        assertThat(billingRecord("invoices", invoiceId).getDouble("balance")).isEqualTo(0.0);
        Row mirrored = mirror("payment", "P2-" + suffix);
        assertThat(mirrored.getString("status")).isEqualTo("recorded");
        JsonObject details = (JsonObject) mirrored.getValue("details");
        assertThat(details.getString("reference_number")).isEqualTo("ns_2" + suffix);
        assertThat(details.getBoolean("applied")).isTrue();
        assertThat(details.getJsonArray("invoice_ids")).containsExactly(zohoInvoice);

        // no invoice: recorded unapplied, the customer's credit in Billing
        await(put("payments", "P3-" + suffix, payment(customerId, null, "50.00", "cash", "cash_3" + suffix)));
        awaitStatus("payments", "P3-" + suffix, "synced");
        JsonObject credit = billingRecord("payments", "cash_3" + suffix);
        assertThat(credit.getString("payment_mode")).isEqualTo("cash");
        assertThat(credit.getJsonArray("invoices"))
                .as("unapplied: the customer's credit")
                .isEmpty();
        assertThat(((JsonObject) mirror("payment", "P3-" + suffix).getValue("details")).getBoolean("applied"))
                .isFalse();
    }

    @Test
    void a_payment_whose_answer_was_lost_is_found_among_the_customers_payments_and_never_recorded_twice()
            throws Exception {
        String suffix = suffix();
        String customerId = billingCustomer("plost-" + suffix);
        int creates = zoho.inspect().calls("POST /billing/v1/payments");
        DROPS.put("POST /billing/v1/payments", new AtomicInteger(1));

        await(put("payments", "PL-" + suffix, payment(customerId, null, "75.00", "netcash", "nc_" + suffix)));

        JsonObject synced = awaitStatus("payments", "PL-" + suffix, "synced");
        List<SandboxRecord> recorded = zoho.inspect().recordsFor("nc_" + suffix).stream()
                .filter(r -> r.entity().equals("payments"))
                .toList();
        assertThat(recorded).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(synced.getString("zoho_id")));
        assertThat(zoho.inspect().calls("POST /billing/v1/payments") - creates).isEqualTo(1);
        assertThat(mirror("payment", "PL-" + suffix).getString("status")).isEqualTo("recorded");
    }

    @Test
    void a_card_update_page_for_a_subscription_is_answered_with_its_expiry_and_completed_by_opening_it()
            throws Exception {
        String suffix = suffix();
        String customerId = billingCustomer("card-" + suffix);
        String zohoCustomer = linkedZohoId("customer", customerId);
        String plan = plan("FIBRE-" + suffix);
        String serviceId = "svc-" + suffix;
        JsonObject subscription = billing(
                        HttpMethod.POST,
                        "/subscriptions",
                        new JsonObject()
                                .put("customer_id", zohoCustomer)
                                .put("reference_id", serviceId)
                                .put(
                                        "plan",
                                        new JsonObject().put("plan_code", plan).put("quantity", 1)))
                .getJsonObject("subscription");
        service(serviceId, customerId, plan);
        link("subscription", serviceId, subscription.getString("subscription_id"));

        Instant before = Instant.now();
        HttpResponse<Buffer> opened = await(paymentMethod(
                customerId,
                new JsonObject()
                        .put("purpose", "update_card")
                        .put("service_id", serviceId)
                        .put("redirect_url", "https://platform.example/card-done")));

        assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(201);
        JsonObject page = opened.bodyAsJsonObject();
        assertThat(Instant.parse(page.getString("expires_at"))).isAfter(before);
        Row kept = await(pool.preparedQuery("select * from billing_hosted_pages where hostedpage_id = $1")
                        .execute(Tuple.of(page.getString("hosted_page_id"))))
                .iterator()
                .next();
        assertThat(kept.getString("customer_id")).isEqualTo(customerId);
        assertThat(kept.getString("service_id")).isEqualTo(serviceId);
        assertThat(kept.getString("purpose")).isEqualTo("update_card");

        // the customer's browser: Zoho sends it back to the platform, naming the page
        HttpResponse<Buffer> checkout = await(
                sandbox.getAbs(page.getString("url")).followRedirects(false).send());
        assertThat(checkout.statusCode()).isEqualTo(302);
        assertThat(checkout.getHeader("Location"))
                .isEqualTo("https://platform.example/card-done?hostedpage_id=" + page.getString("hosted_page_id"));
        assertThat(billing(HttpMethod.GET, "/hostedpages/" + page.getString("hosted_page_id"), null)
                        .getString("status"))
                .isEqualTo("success");
    }

    @Test
    void a_new_subscription_page_starts_the_services_subscription_with_its_reference_when_opened() throws Exception {
        String suffix = suffix();
        String customerId = billingCustomer("new-" + suffix);
        String plan = plan("NEW-" + suffix);
        String serviceId = "svcnew-" + suffix;
        service(serviceId, customerId, plan);

        HttpResponse<Buffer> opened = await(paymentMethod(
                customerId, new JsonObject().put("purpose", "new_subscription").put("service_id", serviceId)));

        assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(201);
        JsonObject page = opened.bodyAsJsonObject();
        assertThat(page.getString("expires_at")).isNotNull();
        assertThat(await(sandbox.getAbs(page.getString("url")).send()).statusCode())
                .isEqualTo(200);
        JsonObject done = billing(HttpMethod.GET, "/hostedpages/" + page.getString("hosted_page_id"), null);
        assertThat(done.getString("status")).isEqualTo("success");
        assertThat(done.getJsonObject("data").getJsonObject("subscription").getString("reference_id"))
                .isEqualTo(serviceId);
    }

    @Test
    void a_payment_method_request_is_refused_with_its_code_and_nothing_is_asked_of_zoho() throws Exception {
        String suffix = suffix();
        int pages = zoho.inspect().calls("POST /billing/v1/hostedpages/updatecard")
                + zoho.inspect().calls("POST /billing/v1/hostedpages/newsubscription");

        HttpResponse<Buffer> invalid = await(paymentMethod(
                "c-" + suffix,
                new JsonObject()
                        .put("purpose", "steal_card")
                        .put("redirect_url", "javascript:alert(1)")
                        .put("pan", "4111")));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(fields(invalid)).containsExactlyInAnyOrder("pan", "purpose", "service_id", "redirect_url");
        assertThat(await(paymentMethod("c-" + suffix, new JsonObject().put("purpose", 7)))
                        .statusCode())
                .isEqualTo(422);

        // a customer Billing does not know yet
        HttpResponse<Buffer> unknown = await(paymentMethod(
                "nobody-" + suffix,
                new JsonObject().put("purpose", "update_card").put("service_id", "s-1")));
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("customer_not_in_billing");

        String customerId = billingCustomer("ref-" + suffix);
        HttpResponse<Buffer> noService = await(paymentMethod(
                customerId, new JsonObject().put("purpose", "update_card").put("service_id", "none-" + suffix)));
        assertThat(noService.statusCode()).isEqualTo(404);
        assertThat(noService.bodyAsJsonObject().getString("code")).isEqualTo("service_not_found");

        service("other-" + suffix, "someone-else", "BASIC");
        HttpResponse<Buffer> others = await(paymentMethod(
                customerId, new JsonObject().put("purpose", "update_card").put("service_id", "other-" + suffix)));
        assertThat(others.statusCode()).isEqualTo(422);
        assertThat(others.bodyAsJsonObject().getString("code")).isEqualTo("service_of_another_customer");

        service("unlinked-" + suffix, customerId, "BASIC");
        HttpResponse<Buffer> noSubscription = await(paymentMethod(
                customerId, new JsonObject().put("purpose", "update_card").put("service_id", "unlinked-" + suffix)));
        assertThat(noSubscription.statusCode()).isEqualTo(409);
        assertThat(noSubscription.bodyAsJsonObject().getString("code")).isEqualTo("subscription_not_in_billing");

        link("subscription", "unlinked-" + suffix, "460000000099999");
        HttpResponse<Buffer> exists = await(paymentMethod(
                customerId,
                new JsonObject().put("purpose", "new_subscription").put("service_id", "unlinked-" + suffix)));
        assertThat(exists.statusCode()).isEqualTo(409);
        assertThat(exists.bodyAsJsonObject().getString("code")).isEqualTo("subscription_exists");

        // Zoho down: 503 zoho_unavailable, nothing recorded
        zoho.control().failNext(io.zohosync.sandbox.core.Fault.SERVER_ERROR, 1);
        HttpResponse<Buffer> down = await(paymentMethod(
                customerId, new JsonObject().put("purpose", "update_card").put("service_id", "unlinked-" + suffix)));
        assertThat(down.statusCode()).as(down.bodyAsString()).isEqualTo(503);
        assertThat(down.bodyAsJsonObject().getString("code")).isEqualTo("zoho_unavailable");
        assertThat(down.getHeader("Retry-After")).isNotNull();
        assertThat(zoho.inspect().calls("POST /billing/v1/hostedpages/updatecard")
                        + zoho.inspect().calls("POST /billing/v1/hostedpages/newsubscription"))
                .isLessThanOrEqualTo(pages + 1);
        assertThat(await(pool.preparedQuery("select count(*) from billing_hosted_pages where customer_id = $1")
                                .execute(Tuple.of(customerId)))
                        .iterator()
                        .next()
                        .getLong(0))
                .isZero();
    }

    // ---- the platform side

    private static JsonObject invoice(String customerId, String kind) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("kind", kind)
                .put("currency", "ZAR")
                .put("date", "2026-12-01");
    }

    private static JsonObject line(String name, String description, String quantity, String price) {
        JsonObject line =
                new JsonObject().put("name", name).put("quantity", quantity).put("price", price);
        return description == null ? line : line.put("description", description);
    }

    private static JsonObject payment(String customerId, String invoiceId, String amount, String method, String ref) {
        JsonObject payment = new JsonObject()
                .put("customer_id", customerId)
                .put("amount", amount)
                .put("currency", "ZAR")
                .put("date", "2026-12-02")
                .put("method", method)
                .put("provider_payment_id", ref);
        return invoiceId == null ? payment : payment.put("invoice_id", invoiceId);
    }

    private static Future<HttpResponse<Buffer>> put(String collection, String id, JsonObject body) {
        return http.put("/api/v1/" + collection + "/" + id)
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(body);
    }

    private static Future<HttpResponse<Buffer>> get(String path) {
        return http.get(path).bearerTokenAuthentication(TestEnvironment.API_KEY).send();
    }

    private static Future<HttpResponse<Buffer>> paymentMethod(String customerId, JsonObject body) {
        return http.post("/api/v1/customers/" + customerId + "/payment-method")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(body);
    }

    private static void assertRefused(String id, JsonObject body, String... fields) throws Exception {
        HttpResponse<Buffer> response = await(put("invoices", id, body));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("validation_failed");
        assertThat(fields(response)).containsExactlyInAnyOrder(fields);
        assertThat(await(get("/api/v1/invoices/" + id)).statusCode())
                .as("nothing stored")
                .isEqualTo(404);
    }

    private static List<String> fields(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field"))
                .toList();
    }

    private static JsonObject awaitStatus(String collection, String id, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject sync = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Buffer> response = await(get("/api/v1/" + collection + "/" + id));
            if (response.statusCode() == 200) {
                sync = response.bodyAsJsonObject().getJsonObject("sync");
                if (wanted.equals(sync.getString("status"))) {
                    return sync;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(collection + " " + id + " never reached " + wanted + "; last seen " + sync);
    }

    // ---- what billing-sub's flows would do: a Billing customer (and subscription) linked to the platform's

    /** A platform customer linked to a new Billing customer, as an admin's link makes it (status manual). */
    private static String billingCustomer(String customerId) throws Exception {
        String zohoId = billing(
                        HttpMethod.POST,
                        "/customers",
                        new JsonObject()
                                .put("display_name", "Customer " + customerId)
                                .put("email", customerId + "@example.com"))
                .getJsonObject("customer")
                .getString("customer_id");
        link("customer", customerId, zohoId);
        return customerId;
    }

    private static void link(String type, String id, String zohoId) throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        await(pool.preparedQuery(
                        "insert into sync_records (entity_type, entity_id, target, status, zoho_id, attempts, created_at,"
                                + " updated_at, synced_at, origin) values ($1, $2, 'billing', 'manual', $3, 0, $4, $4, $4,"
                                + " 'manual')")
                .execute(Tuple.of(type, id, zohoId, now)));
    }

    private static String linkedZohoId(String type, String id) throws Exception {
        return await(pool.preparedQuery(
                                "select zoho_id from sync_records where entity_type = $1 and entity_id = $2 and target = 'billing'")
                        .execute(Tuple.of(type, id)))
                .iterator()
                .next()
                .getString("zoho_id");
    }

    /** A service stored as {@code PUT /api/v1/services/{id}} stores it (billing-shared.md's wire). */
    private static void service(String serviceId, String customerId, String plan) throws Exception {
        JsonObject payload = new JsonObject()
                .put("id", serviceId)
                .put("customer_id", customerId)
                .put("plan_code", plan)
                .put("quantity", 1)
                .put("status", "active");
        OffsetDateTime now = OffsetDateTime.now();
        await(pool.preparedQuery(
                        "insert into platform_entities (entity_type, entity_id, version, payload, payload_hash,"
                                + " received_at, updated_at) values ('subscription', $1, 1, $2, '', $3, $3)")
                .execute(Tuple.of(serviceId, payload, now)));
    }

    private static String plan(String code) throws Exception {
        String product = billing(HttpMethod.POST, "/products", new JsonObject().put("name", "Fibre " + code))
                .getJsonObject("product")
                .getString("product_id");
        billing(
                HttpMethod.POST,
                "/plans",
                new JsonObject()
                        .put("plan_code", code)
                        .put("name", "Fibre " + code)
                        .put("recurring_price", 499.0)
                        .put("interval", 1)
                        .put("interval_unit", "months")
                        .put("product_id", product));
        return code;
    }

    // ---- the sandbox

    private static JsonObject billing(HttpMethod method, String path, JsonObject body) throws Exception {
        var request = sandbox.requestAbs(method, zoho.baseUrl() + "/billing/v1" + path)
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .putHeader("X-com-zoho-subscriptions-organizationid", zoho.organizationId());
        HttpResponse<Buffer> response = await(body == null ? request.send() : request.sendJsonObject(body));
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isBetween(200, 201);
        return response.bodyAsJsonObject();
    }

    /** The Billing record of {@code entity} carrying {@code marker} (an invoice's or payment's reference number). */
    private static JsonObject billingRecord(String entity, String marker) {
        return zoho.inspect().recordsFor(marker).stream()
                .filter(r -> r.entity().equals(entity))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Billing " + entity + " carries " + marker))
                .body();
    }

    private static Row mirror(String type, String id) throws Exception {
        var rows = await(pool.preparedQuery(
                        "select status, details, source from zoho_states where entity_type = $1 and entity_id = $2"
                                + " and target = 'billing'")
                .execute(Tuple.of(type, id)));
        assertThat(rows.size()).as("mirrored " + type + " " + id).isEqualTo(1);
        return rows.iterator().next();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Forwards everything to the sandbox; drops the answers {@link #DROPS} names (the write is made, its answer lost). */
    private static Future<HttpServer> lossyProxy(Vertx vertx, int sandboxPort) {
        HttpClient client = vertx.createHttpClient();
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    AtomicInteger drops = DROPS.get(request.method().name() + " " + request.path());
                    RequestOptions options = new RequestOptions()
                            .setMethod(request.method())
                            .setHost("127.0.0.1")
                            .setPort(sandboxPort)
                            .setURI(request.uri())
                            .setHeaders(request.headers());
                    client.request(options)
                            .compose(out -> out.send(body))
                            .compose(answer -> answer.body().map(answerBody -> {
                                if (drops != null && drops.getAndDecrement() > 0) {
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

    private static void relay(HttpServerRequest request, int status, MultiMap headers, Buffer body) {
        request.response().setStatusCode(status);
        headers.forEach(h -> request.response().putHeader(h.getKey(), h.getValue()));
        request.response().end(body);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
