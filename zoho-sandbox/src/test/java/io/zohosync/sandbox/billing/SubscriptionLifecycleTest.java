package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxOptions;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SubscriptionLifecycleTest {
    private SandboxClient client;
    private BillingCalls billing;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        billing = new BillingCalls(client);
        billing.plan("BASIC", 10);
        billing.plan("PRO", 30);
        billing.addon("SEAT", 5);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void creatingWithANewCustomerStartsLiveRaisesTheFirstInvoiceAndRecordsEvents() {
        JsonObject body = new JsonObject()
                .put("customer", new JsonObject().put("display_name", "Grace").put("email", "grace@example.com"))
                .put("plan", new JsonObject().put("plan_code", "BASIC").put("quantity", 2))
                .put(
                        "addons",
                        new JsonArray()
                                .add(new JsonObject().put("addon_code", "SEAT").put("quantity", 3)))
                .put("reference_id", "sync:sub-1");

        JsonObject created = billing.ok(HttpMethod.POST, "/subscriptions", body, 201);

        assertThat(created.getString("message")).isEqualTo("Subscription has been created successfully.");
        JsonObject subscription = created.getJsonObject("subscription");
        assertThat(subscription.getString("status")).isEqualTo("live");
        assertThat(subscription.getDouble("amount")).isEqualTo(35.0);
        assertThat(subscription.getString("current_term_ends_at"))
                .isEqualTo(LocalDate.parse(subscription.getString("current_term_starts_at"))
                        .plusMonths(1)
                        .toString());
        JsonObject invoice = billing.ok(
                        HttpMethod.GET, "/invoices/" + subscription.getString("child_invoice_id"), null, 200)
                .getJsonObject("invoice");
        assertThat(invoice.getDouble("total")).isEqualTo(35.0);
        assertThat(invoice.getJsonArray("invoice_items")).hasSize(2);
        assertThat(billing.events("subscription_created")).hasSize(1);
        assertThat(billing.events("invoice_created")).hasSize(1);
        String customerId = subscription.getJsonObject("customer").getString("customer_id");
        assertThat(billing.ok(HttpMethod.GET, "/subscriptions?customer_id=" + customerId, null, 200)
                        .getJsonArray("subscriptions"))
                .hasSize(1);
        assertThat(billing.ok(HttpMethod.GET, "/subscriptions?reference_contains=sub-", null, 200)
                        .getJsonArray("subscriptions"))
                .hasSize(1);
        assertThat(client.sandbox.inspect().recordsFor("sync:sub-1"))
                .extracting(r -> r.entity())
                .containsExactlyInAnyOrder("subscriptions", "invoices");
    }

    @Test
    void aSubscriptionNeedsAKnownActivePlanAndACustomer() {
        String customerId = billing.customer("needs@example.com").getString("customer_id");
        billing.ok(HttpMethod.POST, "/plans/PRO/markasinactive", null, 200);

        HttpResponse<Buffer> inactive = billing.call(
                HttpMethod.POST,
                "/subscriptions",
                new JsonObject().put("customer_id", customerId).put("plan", new JsonObject().put("plan_code", "PRO")));
        HttpResponse<Buffer> unknownPlan = billing.call(
                HttpMethod.POST,
                "/subscriptions",
                new JsonObject().put("customer_id", customerId).put("plan", new JsonObject().put("plan_code", "GOLD")));
        HttpResponse<Buffer> noCustomer = billing.call(
                HttpMethod.POST,
                "/subscriptions",
                new JsonObject().put("plan", new JsonObject().put("plan_code", "BASIC")));
        HttpResponse<Buffer> unknownAddon = billing.call(
                HttpMethod.POST,
                "/subscriptions",
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("plan", new JsonObject().put("plan_code", "BASIC"))
                        .put("addons", new JsonArray().add(new JsonObject().put("addon_code", "X"))));

        assertThat(inactive.statusCode()).isEqualTo(400);
        assertThat(inactive.bodyAsJsonObject().getString("message")).isEqualTo("The plan PRO is inactive.");
        assertThat(unknownPlan.bodyAsJsonObject().getString("message")).isEqualTo("Invalid value passed for plan_code");
        assertThat(noCustomer.bodyAsJsonObject().getString("message"))
                .isEqualTo("Invalid value passed for customer.display_name");
        assertThat(unknownAddon.bodyAsJsonObject().getString("message"))
                .isEqualTo("Invalid value passed for addon_code");
        assertThat(billing.events("subscription_created")).isEmpty();
        assertThat(billing.call(HttpMethod.GET, "/subscriptions/460000000000001", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void planChangesNowAreUpgradesOrDowngradesAndAtTermEndWaitForTheRenewal() {
        String customerId = billing.customer("changes@example.com").getString("customer_id");
        String id = billing.subscribe(customerId, "BASIC", "sync:sub-2").getString("subscription_id");

        JsonObject upgraded = billing.ok(
                        HttpMethod.PUT,
                        "/subscriptions/" + id,
                        new JsonObject().put("plan", new JsonObject().put("plan_code", "PRO")),
                        200)
                .getJsonObject("subscription");
        assertThat(upgraded.getJsonObject("plan").getString("plan_code")).isEqualTo("PRO");
        assertThat(billing.events("subscription_upgraded")).hasSize(1);
        billing.ok(
                HttpMethod.PUT,
                "/subscriptions/" + id,
                new JsonObject().put("plan", new JsonObject().put("plan_code", "BASIC")),
                200);
        assertThat(billing.events("subscription_downgraded")).hasSize(1);

        JsonObject scheduled = billing.ok(
                        HttpMethod.PUT,
                        "/subscriptions/" + id,
                        new JsonObject()
                                .put("end_of_term", true)
                                .put("plan", new JsonObject().put("plan_code", "PRO"))
                                .put("addons", new JsonArray().add(new JsonObject().put("addon_code", "SEAT"))),
                        200)
                .getJsonObject("subscription");
        assertThat(scheduled.getJsonObject("plan").getString("plan_code")).isEqualTo("BASIC");
        assertThat(billing.events("subscription_upgraded")).hasSize(1);

        client.sandbox.control().advanceClock(Duration.ofDays(32));
        client.sandbox.control().expireAccessTokens();
        BillingCalls later = new BillingCalls(client);
        JsonObject renewed =
                later.ok(HttpMethod.GET, "/subscriptions/" + id, null, 200).getJsonObject("subscription");
        assertThat(renewed.getJsonObject("plan").getString("plan_code")).isEqualTo("PRO");
        assertThat(renewed.getDouble("amount")).isEqualTo(35.0);
        assertThat(later.events("subscription_upgraded")).hasSize(2);
        assertThat(later.events("subscription_renewed")).hasSize(1);
        assertThat(later.ok(HttpMethod.GET, "/invoices?subscription_id=" + id, null, 200)
                        .getJsonArray("invoices"))
                .hasSize(2);
    }

    @Test
    void cancellingNowEndsTheSubscriptionAtOnce() {
        String id = billing.subscribe(billing.customer("now@example.com").getString("customer_id"), "BASIC", "r-now")
                .getString("subscription_id");

        JsonObject cancelled = billing.ok(
                        HttpMethod.POST, "/subscriptions/" + id + "/cancel?cancel_at_end=false", null, 200)
                .getJsonObject("subscription");

        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getString("expires_at"))
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(billing.events("subscription_cancelled")).hasSize(1);
        assertThat(billing.call(HttpMethod.POST, "/subscriptions/" + id + "/cancel?cancel_at_end=false", null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(billing.call(
                                HttpMethod.PUT,
                                "/subscriptions/" + id,
                                new JsonObject().put("plan", new JsonObject().put("plan_code", "PRO")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(billing.ok(HttpMethod.GET, "/subscriptions?filter_by=SubscriptionStatus.CANCELLED", null, 200)
                        .getJsonArray("subscriptions"))
                .hasSize(1);
    }

    @Test
    void cancellingAtTermEndIsNonRenewingUntilTheTermEnds() {
        JsonObject subscription =
                billing.subscribe(billing.customer("end@example.com").getString("customer_id"), "BASIC", "r-end");
        String id = subscription.getString("subscription_id");

        JsonObject reply =
                billing.ok(HttpMethod.POST, "/subscriptions/" + id + "/cancel?cancel_at_end=true", null, 200);

        assertThat(reply.getString("message")).isEqualTo("Your subscription will be canceled at the end of this term.");
        assertThat(reply.getJsonObject("subscription").getString("status")).isEqualTo("non_renewing");
        assertThat(billing.events("subscription_cancellation_scheduled")).hasSize(1);
        assertThat(billing.events("subscription_cancelled")).isEmpty();

        client.sandbox.control().advanceClock(Duration.ofDays(32));
        client.sandbox.control().expireAccessTokens();
        BillingCalls later = new BillingCalls(client);
        JsonObject ended =
                later.ok(HttpMethod.GET, "/subscriptions/" + id, null, 200).getJsonObject("subscription");
        assertThat(ended.getString("status")).isEqualTo("cancelled");
        assertThat(ended.getString("expires_at")).isEqualTo(subscription.getString("current_term_ends_at"));
        assertThat(later.events("subscription_cancelled")).hasSize(1);
        assertThat(later.events("subscription_renewed")).isEmpty();
    }

    @Test
    void aFutureStartHasNoInvoiceUntilItsDay() {
        String customerId = billing.customer("future@example.com").getString("customer_id");
        String startsAt = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
        JsonObject future = billing.ok(
                        HttpMethod.POST,
                        "/subscriptions",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("starts_at", startsAt)
                                .put("plan", new JsonObject().put("plan_code", "BASIC")),
                        201)
                .getJsonObject("subscription");

        assertThat(future.getString("status")).isEqualTo("future");
        assertThat(future.getString("child_invoice_id")).isEmpty();

        client.sandbox.control().advanceClock(Duration.ofDays(11));
        client.sandbox.control().expireAccessTokens();
        BillingCalls later = new BillingCalls(client);
        JsonObject live = later.ok(HttpMethod.GET, "/subscriptions/" + future.getString("subscription_id"), null, 200)
                .getJsonObject("subscription");
        assertThat(live.getString("status")).isEqualTo("live");
        assertThat(live.getString("activated_at")).isEqualTo(startsAt);
        assertThat(later.events("subscription_activation")).hasSize(1);
        assertThat(later.events("invoice_created")).hasSize(1);
    }

    @Test
    void hostedPagesCreateAndChangeSubscriptionsWhenTheCustomerChecksOut() {
        String customerId = billing.customer("hosted@example.com").getString("customer_id");
        JsonObject page = billing.ok(
                        HttpMethod.POST,
                        "/hostedpages/newsubscription",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("reference_id", "r-hosted")
                                .put("plan", new JsonObject().put("plan_code", "BASIC")),
                        201)
                .getJsonObject("hostedpage");
        assertThat(page.fieldNames()).contains("hostedpage_id", "status", "url", "action", "expiring_time");
        assertThat(page.getString("status")).isEqualTo("fresh");
        assertThat(page.getString("action")).isEqualTo("new_subscription");
        assertThat(billing.ok(HttpMethod.GET, "/hostedpages/" + page.getString("hostedpage_id"), null, 200)
                        .getString("status"))
                .isEqualTo("read");

        assertThat(send(client.web.get(URI.create(page.getString("url")).getPath()))
                        .statusCode())
                .isEqualTo(200);

        JsonObject done = billing.ok(HttpMethod.GET, "/hostedpages/" + page.getString("hostedpage_id"), null, 200);
        assertThat(done.getString("status")).isEqualTo("success");
        String id = done.getJsonObject("data").getJsonObject("subscription").getString("subscription_id");
        assertThat(billing.ok(HttpMethod.GET, "/subscriptions/" + id, null, 200)
                        .getJsonObject("subscription")
                        .getString("reference_id"))
                .isEqualTo("r-hosted");
        assertThat(send(client.web.get(URI.create(page.getString("url")).getPath()))
                        .statusCode())
                .isEqualTo(410);
        assertThat(client.sandbox.inspect().calls("GET /billing/checkout/{hostedpage_id}"))
                .isEqualTo(2);

        JsonObject update = billing.ok(
                        HttpMethod.POST,
                        "/hostedpages/updatesubscription",
                        new JsonObject()
                                .put("subscription_id", id)
                                .put("plan", new JsonObject().put("plan_code", "PRO")),
                        201)
                .getJsonObject("hostedpage");
        assertThat(update.getString("action")).isEqualTo("update_subscription");
        send(client.web.get(URI.create(update.getString("url")).getPath()));
        assertThat(billing.ok(HttpMethod.GET, "/subscriptions/" + id, null, 200)
                        .getJsonObject("subscription")
                        .getJsonObject("plan")
                        .getString("plan_code"))
                .isEqualTo("PRO");
        assertThat(billing.call(
                                HttpMethod.POST,
                                "/hostedpages/updatesubscription",
                                new JsonObject()
                                        .put("subscription_id", "1")
                                        .put("plan", new JsonObject().put("plan_code", "PRO")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(billing.call(
                                HttpMethod.POST,
                                "/hostedpages/newsubscription",
                                new JsonObject()
                                        .put("customer_id", customerId)
                                        .put("plan", new JsonObject().put("plan_code", "GOLD")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(billing.call(HttpMethod.GET, "/hostedpages/460000000000001", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void eventsAreListedNewestFirstAndReadOneByOne() {
        billing.subscribe(billing.customer("events@example.com").getString("customer_id"), "BASIC", "r-events");

        JsonArray events = billing.ok(HttpMethod.GET, "/events", null, 200).getJsonArray("events");

        assertThat(events)
                .extracting(e -> ((JsonObject) e).getString("event_type"))
                .containsExactly("invoice_created", "subscription_created");
        JsonObject first = events.getJsonObject(1);
        JsonObject read = billing.ok(HttpMethod.GET, "/events/" + first.getString("event_id"), null, 200)
                .getJsonObject("event");
        assertThat(new JsonObject(read.getString("payload"))
                        .getJsonObject("subscription")
                        .getString("reference_id"))
                .isEqualTo("r-events");
        assertThat(read.getString("event_time")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{4}");
        assertThat(billing.call(HttpMethod.GET, "/events/460000000000001", null).statusCode())
                .isEqualTo(404);
    }
}
