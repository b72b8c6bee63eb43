package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
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

/**
 * Alerts end to end: the service evaluates every second; a record Zoho refuses (a returning customer it has no contact
 * for) fails, and the operator hears of it once by mail (GreenMail) and once by webhook (a local server), however many
 * evaluations see it and though a retry makes it pending and failed again; linked by hand, it is resolved once the
 * quiet period has passed, once.
 */
class AlertsEndToEndTest {

    private GreenMail smtp;
    private Vertx vertx;
    private HttpServer hooks;
    private final List<JsonObject> webhooks = new CopyOnWriteArrayList<>();
    private RunningService service;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        smtp.setUser("zoho-sync@shop.example", "alerts", "s3cret");
        vertx = Vertx.vertx();
        hooks = await(vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    webhooks.add(body.toJsonObject());
                    req.response().setStatusCode(200).end("ok");
                }))
                .listen(0, "127.0.0.1"));
        service = RunningService.start(
                vertx,
                "alerts",
                Map.ofEntries(
                        Map.entry("ZSYNC_ALERT_SMTP_HOST", "127.0.0.1"),
                        Map.entry(
                                "ZSYNC_ALERT_SMTP_PORT",
                                String.valueOf(smtp.getSmtp().getPort())),
                        Map.entry("ZSYNC_ALERT_SMTP_STARTTLS", "disabled"),
                        Map.entry("ZSYNC_ALERT_SMTP_USER", "alerts"),
                        Map.entry("ZSYNC_ALERT_SMTP_PASSWORD", "s3cret"),
                        Map.entry("ZSYNC_ALERT_SMTP_FROM", "zoho-sync@shop.example"),
                        Map.entry("ZSYNC_ALERT_SMTP_TO", "ops@shop.example"),
                        Map.entry("ZSYNC_ALERT_WEBHOOK_URL", "http://127.0.0.1:" + hooks.actualPort() + "/hook"),
                        Map.entry("ZSYNC_ALERT_WEBHOOK_FORMAT", "generic"),
                        Map.entry("ZSYNC_ALERT_INTERVAL_SECONDS", "1"),
                        Map.entry("ZSYNC_ALERT_QUIET_SECONDS", "4")));
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
        await(vertx.close());
        smtp.stop();
    }

    @Test
    void aFailedSyncIsOneMailAndOneWebhookThenOneResolvedEachWhenItIsFixed() throws Exception {
        String known = customer(false);
        String contactId = service.awaitStatus("customers", known, "synced").getString("zoho_id");
        String refused = customer(true);
        service.awaitStatus("customers", refused, "failed");

        until(() -> smtp.getReceivedMessages().length == 1 && webhooks.size() == 1);
        MimeMessage opened = smtp.getReceivedMessages()[0];
        assertThat(opened.getSubject()).isEqualTo("[zoho-sync] 1 sync failed and waits for an admin");
        assertThat(opened.getHeader("X-Zoho-Sync-Alert-State")).containsExactly("opened");
        assertThat(webhooks.get(0).getString("event")).isEqualTo("alert.opened");
        assertThat(webhooks.get(0).getString("key")).isEqualTo("failed-syncs");

        // a retry makes it pending, then Zoho refuses it again: the same incident, within the quiet period
        assertThat(await(service.http
                                .post("/admin/api/sync/customer/" + refused + "/books/retry")
                                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                                .send())
                        .statusCode())
                .isEqualTo(200);
        service.awaitStatus("customers", refused, "failed");
        Thread.sleep(3_000); // three more evaluations
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(webhooks).hasSize(1);

        // linked by hand: nothing has failed any more; resolved after the quiet period, once
        assertThat(await(service.http
                                .post("/admin/api/sync/customer/" + refused + "/books/link")
                                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                                .sendJsonObject(new JsonObject().put("zoho_id", contactId)))
                        .statusCode())
                .isEqualTo(200);
        Instant linked = Instant.now();
        until(() -> smtp.getReceivedMessages().length == 2 && webhooks.size() == 2);
        assertThat(Duration.between(linked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        MimeMessage resolved = smtp.getReceivedMessages()[1];
        assertThat(resolved.getSubject()).isEqualTo("[zoho-sync] Resolved: 1 sync failed and waits for an admin");
        assertThat(resolved.getHeader("X-Zoho-Sync-Alert-State")).containsExactly("resolved");
        assertThat(webhooks.get(1).getString("event")).isEqualTo("alert.resolved");
        assertThat(webhooks.get(1).getString("opened_at"))
                .isEqualTo(webhooks.get(0).getString("opened_at"));

        Thread.sleep(2_000);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(webhooks).hasSize(2);
    }

    private String customer(boolean returningUnknown) throws Exception {
        String id = "cust-" + UUID.randomUUID();
        JsonObject body = new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Alerts " + id)
                .put("email", id + "@example.com");
        if (returningUnknown) {
            body.put("returning", true);
        }
        assertThat(await(service.put("customers", id, body)).statusCode()).isBetween(200, 202);
        return id;
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
