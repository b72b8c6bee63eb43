package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 items 1–3 end to end: customers to Billing beside Books ({@code ZSYNC_TARGETS=customer=books+billing}), plans
 * and addons published by code, services to subscriptions through their lifecycle, Billing's state mirrored on the
 * service — the service as the jar starts it, real Postgres and HTTP, the sandbox as Zoho Billing.
 */
@ExtendWith(VertxExtension.class)
class BillingSubscriptionEndToEndTest {

    private static RunningService service;
    private static BillingBackOffice billing;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        service = RunningService.start(
                vertx,
                "billing-sub",
                Map.of(
                        "ZSYNC_TARGETS", "customer=books+billing",
                        "ZSYNC_BILLING_PLANS", "fibre-10=FIBRE-10",
                        "ZSYNC_BILLING_PRORATION", "immediate"));
        billing = new BillingBackOffice(vertx, service.zoho);
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    @Test
    void a_customer_goes_to_books_and_billing_carrying_its_id_company_and_address() throws Exception {
        String id = "c-" + UUID.randomUUID();
        customer(id, id + "@example.com", false);

        JsonObject view = awaitView(
                "customers",
                id,
                v -> records(v).size() == 2
                        && records(v).stream().allMatch(r -> "synced".equals(r.getString("status"))));
        String billingId = record(view, "billing").getString("zoho_id");
        JsonObject customer = billing.get("/customers/" + billingId).getJsonObject("customer");
        assertThat(customer.getString("notes")).isEqualTo("zoho-sync:" + id);
        assertThat(customer.getString("company_name")).isEqualTo("Fibre Co " + id);
        assertThat(customer.getJsonObject("billing_address").getString("city")).isEqualTo("Cape Town");
        assertThat(service.zoho.inspect().recordsFor("zoho-sync:" + id))
                .as("one Books contact and one Billing customer carry the marker")
                .hasSize(2);
    }

    @Test
    void a_returning_customer_billing_knows_by_email_is_linked_not_created() throws Exception {
        String id = "c-" + UUID.randomUUID();
        String email = id + "@example.com";
        String existing = billing.call(
                        HttpMethod.POST,
                        "/customers",
                        new JsonObject().put("display_name", "Known " + id).put("email", email))
                .getJsonObject("customer")
                .getString("customer_id");
        Map<String, Integer> before = service.zoho.inspect().calls();

        customer(id, email, true);

        JsonObject view = awaitView("customers", id, v -> "synced".equals(statusAt(v, "billing")));
        assertThat(record(view, "billing").getString("zoho_id")).isEqualTo(existing);
        assertThat(service.callsSince(before, "POST /billing/v1/customers")).isZero();
    }

    @Test
    void plans_and_addons_are_published_when_absent_and_updated_when_changed() throws Exception {
        String code = "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        plan(code, "Fibre " + code, "499.00");
        awaitView("plans", code, v -> "synced".equals(statusAt(v, "billing")));
        assertThat(billing.get("/plans/" + code).getJsonObject("plan").getDouble("recurring_price"))
                .isEqualTo(499.0);

        plan(code, "Fibre " + code, "549.00");
        awaitUpdated("plans", code);
        assertThat(billing.get("/plans/" + code).getJsonObject("plan").getDouble("recurring_price"))
                .isEqualTo(549.0);

        String addon = "A-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        addon(addon, "49.00");
        awaitView("addons", addon, v -> "synced".equals(statusAt(v, "billing")));
        JsonObject created = billing.get("/addons/" + addon).getJsonObject("addon");
        assertThat(created.getJsonArray("price_brackets").getJsonObject(0).getDouble("price"))
                .isEqualTo(49.0);
        assertThat(created.getString("product_id"))
                .as("published under the product the service made once and found again")
                .isEqualTo(billing.get("/plans/" + code).getJsonObject("plan").getString("product_id"));
    }

    @Test
    void a_service_lives_through_upgrade_scheduled_downgrade_cancellation_reactivation_and_cancellation()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String small = "F50-" + suffix;
        String big = "F100-" + suffix;
        String ip = "IP-" + suffix;
        plan(small, "Fibre 50", "499.00");
        plan(big, "Fibre 100", "799.00");
        addon(ip, "49.00");
        String customerId = "c-" + UUID.randomUUID();
        customer(customerId, customerId + "@example.com", false);
        String id = "svc-" + UUID.randomUUID();

        JsonObject body = new JsonObject()
                .put("customer_id", customerId)
                .put("plan_code", small)
                .put("quantity", 1)
                .put(
                        "addons",
                        new JsonArray()
                                .add(new JsonObject().put("addon_code", ip).put("quantity", 1)))
                .put("status", "active")
                .put(
                        "starts_at",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(await(service.put("services", id, body)).statusCode()).isEqualTo(202);
        JsonObject live = awaitView("services", id, v -> "synced".equals(statusAt(v, "billing")));
        String subscriptionId = record(live, "billing").getString("zoho_id");
        JsonObject sub = billing.get("/subscriptions/" + subscriptionId).getJsonObject("subscription");
        assertThat(sub.getString("reference_id")).isEqualTo(id);
        assertThat(sub.getBoolean("auto_collect"))
                .as("collected offline: no card")
                .isFalse();
        assertThat(sub.getJsonObject("plan").getString("plan_code")).isEqualTo(small);
        assertThat(live.getJsonObject("billing").getString("status")).isEqualTo("live");
        assertThat(live.getJsonObject("billing").getJsonObject("details").getString("plan_code"))
                .isEqualTo(small);
        assertThat(live.getJsonObject("billing").getJsonObject("details").getString("zoho_subscription_id"))
                .isEqualTo(subscriptionId);

        // upgrade now
        Map<String, Integer> before = service.zoho.inspect().calls();
        await(service.put("services", id, body.copy().put("plan_code", big).put("proration", "immediate")));
        JsonObject upgraded =
                awaitBilling(id, b -> big.equals(b.getJsonObject("details").getString("plan_code")));
        assertThat(upgraded.getString("status")).isEqualTo("live");
        assertThat(billing.eventsOf(subscriptionId)).contains("subscription_upgraded");
        assertThat(service.callsSince(before, "PUT /billing/v1/subscriptions/{subscription_id}"))
                .isEqualTo(1);

        // downgrade at renewal: scheduled, Billing keeps the dearer plan until the term ends
        await(service.put("services", id, body.copy().put("plan_code", small).put("proration", "at_renewal")));
        JsonObject scheduled =
                awaitBilling(id, b -> small.equals(b.getJsonObject("details").getString("scheduled_plan_code")));
        assertThat(scheduled.getJsonObject("details").getString("plan_code")).isEqualTo(big);
        service.zoho.control().advanceClock(Duration.ofDays(32));
        JsonObject renewed = billing.get("/subscriptions/" + subscriptionId).getJsonObject("subscription");
        assertThat(renewed.getJsonObject("plan").getString("plan_code"))
                .as("applied at the term's end on the sandbox clock")
                .isEqualTo(small);
        assertThat(billing.eventsOf(subscriptionId)).contains("subscription_downgraded", "subscription_renewed");

        // cancel at term end, reactivate, cancel now
        JsonObject downgraded = body.copy().put("plan_code", small);
        await(service.put("services", id, downgraded.copy().put("status", "cancelled")));
        JsonObject nonRenewing = awaitBilling(id, b -> "non_renewing".equals(b.getString("status")));
        assertThat(nonRenewing.getJsonObject("details").getString("plan_code")).isEqualTo(small);

        await(service.put("services", id, downgraded));
        awaitBilling(id, b -> "live".equals(b.getString("status")));
        assertThat(billing.eventsOf(subscriptionId))
                .contains("subscription_cancellation_scheduled", "subscription_reactivated");

        await(service.put(
                "services", id, downgraded.copy().put("status", "cancelled").put("cancel_at", "immediately")));
        awaitBilling(id, b -> "cancelled".equals(b.getString("status")));
        assertThat(billing.get("/subscriptions/" + subscriptionId)
                        .getJsonObject("subscription")
                        .getString("status"))
                .isEqualTo("cancelled");
        assertThat(billing.eventsOf(subscriptionId)).contains("subscription_cancelled");
        assertThat(service.zoho.inspect().recordsFor(id))
                .as("one subscription (and its invoices) for the service, never a second")
                .filteredOn(r -> r.entity().equals("subscriptions"))
                .extracting(r -> r.id())
                .containsExactly(subscriptionId);
    }

    @Test
    void a_service_may_name_a_configured_platform_product_instead_of_a_plan_code() throws Exception {
        billing.call(
                HttpMethod.POST,
                "/plans",
                new JsonObject()
                        .put("plan_code", "FIBRE-10")
                        .put("name", "Fibre 10")
                        .put("recurring_price", 199.0)
                        .put("interval", 1)
                        .put("product_id", productId()));
        String customerId = "c-" + UUID.randomUUID();
        customer(customerId, customerId + "@example.com", false);
        String id = "svc-" + UUID.randomUUID();
        await(service.put(
                "services",
                id,
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("plan_code", "fibre-10")
                        .put("status", "active")));
        JsonObject view = awaitView("services", id, v -> "synced".equals(statusAt(v, "billing")));
        assertThat(view.getJsonObject("billing").getJsonObject("details").getString("plan_code"))
                .isEqualTo("FIBRE-10");
    }

    @Test
    void bad_services_plans_and_addons_are_refused_naming_every_field_and_nothing_is_stored() throws Exception {
        service.assertRefused(
                "services",
                "svc-bad-" + UUID.randomUUID(),
                new JsonObject()
                        .put("plan_code", "X")
                        .put("quantity", 0)
                        .put("status", "paused")
                        .put("starts_at", "tomorrow")
                        .put("proration", "sometimes"),
                "customer_id",
                "quantity",
                "status",
                "starts_at",
                "proration");
        service.assertRefused(
                "services",
                "svc-bad-" + UUID.randomUUID(),
                new JsonObject()
                        .put("customer_id", "c-1")
                        .put("plan_code", "X")
                        .put("status", "active")
                        .put("cancel_at", "immediately")
                        .put("addons", new JsonArray().add(new JsonObject().put("quantity", 2))),
                "cancel_at",
                "addons[0].addon_code");
        service.assertRefused(
                "plans",
                "P-BAD-" + UUID.randomUUID(),
                new JsonObject().put("price", "-1").put("currency", "XXZ").put("interval_unit", "days"),
                "name",
                "price",
                "currency",
                "interval_unit");
        service.assertRefused(
                "addons",
                "A-BAD-" + UUID.randomUUID(),
                new JsonObject().put("name", "Static IP").put("currency", "ZAR").put("type", "sometimes"),
                "price",
                "type");
    }

    private static String productId() throws Exception {
        return billing.get("/products").getJsonArray("products").stream()
                .map(JsonObject.class::cast)
                .filter(p -> "zoho-sync".equals(p.getString("name")))
                .findFirst()
                .map(p -> p.getString("product_id"))
                .orElseGet(() -> {
                    try {
                        return billing.call(HttpMethod.POST, "/products", new JsonObject().put("name", "Test products"))
                                .getJsonObject("product")
                                .getString("product_id");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    private static void customer(String id, String email, boolean returning) throws Exception {
        HttpResponse<Buffer> response = await(service.put(
                "customers",
                id,
                new JsonObject()
                        .put("first_name", "Ada")
                        .put("last_name", "Lovelace " + id)
                        .put("email", email)
                        .put("company_name", "Fibre Co " + id)
                        .put("returning", returning)
                        .put(
                                "billing_address",
                                new JsonObject()
                                        .put("street", "1 Main Rd")
                                        .put("city", "Cape Town")
                                        .put("zip", "8001")
                                        .put("country", "South Africa"))));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    }

    private static void plan(String code, String name, String price) throws Exception {
        HttpResponse<Buffer> response = await(service.put(
                "plans",
                code,
                new JsonObject()
                        .put("name", name)
                        .put("price", price)
                        .put("currency", "ZAR")
                        .put("interval", 1)
                        .put("interval_unit", "months")));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    }

    private static void addon(String code, String price) throws Exception {
        HttpResponse<Buffer> response = await(service.put(
                "addons",
                code,
                new JsonObject()
                        .put("name", "Static IP")
                        .put("price", price)
                        .put("currency", "ZAR")
                        .put("type", "recurring")
                        .put("interval_unit", "monthly")));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    }

    private static java.util.List<JsonObject> records(JsonObject view) {
        return view.getJsonArray("records").stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject record(JsonObject view, String target) {
        return records(view).stream()
                .filter(r -> target.equals(r.getString("target")))
                .findFirst()
                .orElseThrow();
    }

    private static String statusAt(JsonObject view, String target) {
        return records(view).stream()
                .filter(r -> target.equals(r.getString("target")))
                .map(r -> r.getString("status"))
                .findFirst()
                .orElse(null);
    }

    /** The entity's view once {@code done} holds of it; fails after 20 s naming what it last saw. */
    private static JsonObject awaitView(String collection, String id, Predicate<JsonObject> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonObject view = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Buffer> response = await(service.http
                    .get("/api/v1/" + collection + "/" + id)
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .send());
            if (response.statusCode() == 200) {
                view = response.bodyAsJsonObject();
                if (done.test(view)) {
                    return view;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(collection + " " + id + " never got there; last seen " + view);
    }

    /** The service's mirrored Billing state once {@code done} holds of it and its record is synced. */
    private static JsonObject awaitBilling(String id, Predicate<JsonObject> done) throws Exception {
        return awaitView(
                        "services",
                        id,
                        v -> "synced".equals(statusAt(v, "billing"))
                                && v.containsKey("billing")
                                && done.test(v.getJsonObject("billing")))
                .getJsonObject("billing");
    }

    /** A changed entity's record synced again: the PUT set it pending before its 202, so synced is after the update. */
    private static void awaitUpdated(String collection, String id) throws Exception {
        awaitView(collection, id, v -> "synced".equals(statusAt(v, "billing")));
    }
}
