package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.await;
import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.core.Fault;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15: a reset ({@code control().reset()}, {@code POST /__sandbox/reset}) gives the next test the sandbox as it
 * started — no records, counts, windows or switches left — on the same port, with the tokens its clients hold.
 */
@ExtendWith(VertxExtension.class)
class SandboxResetTest {
    private SandboxClient client;

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void recordsCountsWindowsSwitchesAndClockGoTokensPortAndCurrencyStay(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        String baseUrl = client.sandbox.baseUrl();
        String token = client.accessToken();
        assertThat(send(
                                client.books(HttpMethod.POST, "/contacts", token),
                                new JsonObject().put("contact_name", "cus-reset"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(send(
                                client.crm(HttpMethod.POST, "/Contacts", token),
                                new JsonObject()
                                        .put(
                                                "data",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("Last_Name", "Reset")
                                                                .put("Email", "reset@example.com"))))
                        .statusCode())
                .isEqualTo(201);
        client.sandbox
                .control()
                .perMinuteLimit("books", 2)
                .strict(true)
                .latency(Duration.ofMillis(400))
                .baseCurrency("ZAR")
                .advanceClock(Duration.ofDays(2));
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .as("two days on, the token has expired")
                .isEqualTo(401);
        client.sandbox.control().failNext(Fault.SERVER_ERROR, 3);

        client.sandbox.control().reset();

        assertThat(client.sandbox.baseUrl()).isEqualTo(baseUrl);
        assertThat(client.sandbox.inspect().recordsFor("cus-reset")).isEmpty();
        assertThat(client.sandbox.inspect().recordsFor("reset@example.com")).isEmpty();
        assertThat(client.sandbox.inspect().calls()).isEmpty();
        assertThat(client.sandbox.inspect().tokenRefreshes()).isZero();
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            var contacts = send(client.books(HttpMethod.GET, "/contacts?emails=x", token));
            assertThat(contacts.statusCode())
                    .as("no fault pending, no strict mode, 100 a minute again, and the clock back: the token is valid")
                    .isEqualTo(200);
            assertThat(contacts.bodyAsJsonObject().getJsonArray("contacts")).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1200));
        assertThat(send(client.crm(HttpMethod.GET, "/Contacts/search?email=reset@example.com", token))
                        .statusCode())
                .isEqualTo(204);
        JsonObject contact = send(
                        client.books(HttpMethod.POST, "/contacts", token),
                        new JsonObject().put("contact_name", "after-reset"))
                .bodyAsJsonObject()
                .getJsonObject("contact");
        assertThat(contact.getString("currency_code"))
                .as("the base currency stays")
                .isEqualTo("ZAR");
        assertThat(Instant.parse(await(client.web.post("/__sandbox/clock").send())
                        .bodyAsJsonObject()
                        .getString("now")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(client.sandbox.inspect().calls("POST /books/v3/contacts")).isEqualTo(1);
    }

    @Test
    void theStartRefreshTokenIsValidAgainAfterARevokingTest(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        assertThat(client.sandbox.control().revoke(SandboxOptions.DEMO_REFRESH_TOKEN))
                .isTrue();
        assertThat(client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN)
                        .bodyAsJsonObject()
                        .getString("error"))
                .isEqualTo("invalid_code");

        client.sandbox.control().reset();

        assertThat(client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN)
                        .bodyAsJsonObject()
                        .getString("access_token"))
                .startsWith("1000.");
    }

    @Test
    void overHttpTooAndHandlesTakenBeforeFollowTheReset(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        SandboxControl control = client.sandbox.control();
        SandboxInspection inspect = client.sandbox.inspect();
        String token = client.accessToken();
        send(client.books(HttpMethod.POST, "/contacts", token), new JsonObject().put("contact_name", "cus-http"));

        var reset = await(client.web.post("/__sandbox/reset").send());

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.bodyAsJsonObject()).isEqualTo(new JsonObject().put("ok", true));
        assertThat(inspect.recordsFor("cus-http")).isEmpty();
        assertThat(await(client.web.get("/__sandbox/records?marker=cus-http").send())
                        .bodyAsJsonObject()
                        .getJsonArray("records"))
                .isEmpty();
        control.failNext(Fault.SERVER_ERROR, 1);
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(500);
        assertThat(inspect.calls("GET /books/v3/contacts")).isEqualTo(1);
    }

    @Test
    void webhookTargetsStayAndRetriesOfEarlierEventsAreDropped(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults().withTimeScale(20));
        try (WebhookReceiver receiver = WebhookReceiver.start(vertx)) {
            client.sandbox.control().webhook("inventory", receiver.url("/hooks"), "secret");
            String token = client.accessToken();
            receiver.failNext(1);
            stockChange(token, "W-1");
            assertThat(new JsonObject(receiver.next().body()).getString("event_type"))
                    .isEqualTo("item_stock_changed");

            client.sandbox.control().reset();

            stockChange(token, "W-2");
            JsonObject delivered = new JsonObject(receiver.next().body());
            assertThat(delivered.getJsonObject("data").getJsonObject("item").getString("sku"))
                    .as("the target set before the reset gets the new event, not the retry of the old one")
                    .isEqualTo("W-2");
            sleep(Duration.ofSeconds(1));
            assertThat(receiver.pending())
                    .as("the old event's retry (0.5 s after its failed POST) was dropped")
                    .isZero();
        }
    }

    private void stockChange(String token, String sku) {
        var item = send(
                client.inventory(HttpMethod.POST, "/items", token),
                new JsonObject().put("name", sku).put("rate", 1).put("sku", sku));
        assertThat(item.statusCode()).isEqualTo(201);
        client.sandbox
                .control()
                .adjustStockInUi(item.bodyAsJsonObject().getJsonObject("item").getString("item_id"), 2, "Stock count");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
