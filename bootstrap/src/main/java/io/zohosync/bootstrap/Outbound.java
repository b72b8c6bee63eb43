package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.alerts.PlatformWebhookAdapters;
import io.zohosync.adapters.http.Readiness;
import io.zohosync.ports.out.PlatformOutbox;
import io.zohosync.ports.outbound.OutboxDelivery;
import io.zohosync.ports.outbound.WebhookSigner;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's outbound webhooks, wired: the signing secret (configured, or a demo one; refused missing when Zoho
 * is connected), the endpoint's client, the delivery verticle, the readiness detail and the metrics. With no URL
 * configured, nothing is sent and messages stay pending, said once in the log and in {@code /health/ready}.
 */
final class Outbound {

    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);
    private static final int BATCH = 25;
    /** Longer than a pass can take: a delivery gives up after 30 s in all (connecting 10 s, 15 s without a byte). */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private Outbound() {}

    /** The signer for the configured secret, or the demo run's; empty without a URL (nothing is sent). */
    static Optional<WebhookSigner> signer(Config config) {
        if (config.outbox().url().isEmpty()) {
            return Optional.empty();
        }
        if (config.outbox().secret().isPresent()) {
            return config.outbox().secret().map(WebhookSigner::of);
        }
        if (config.zoho().isPresent()) {
            throw new Config.ConfigException("ZSYNC_PLATFORM_WEBHOOK_URL is set but ZSYNC_PLATFORM_WEBHOOK_SECRET is "
                    + "not: set a whsec_ secret the platform verifies with (a service connected to Zoho never signs "
                    + "with a generated one)");
        }
        Path dataDir = config.dataDir();
        String demo = DemoCredentials.platformWebhookSecret(dataDir);
        LOG.warn(
                "ZSYNC_PLATFORM_WEBHOOK_SECRET not configured: signing outbound webhooks with a demo secret kept in {}",
                dataDir.resolve("demo-credentials.env").toAbsolutePath());
        return Optional.of(WebhookSigner.of(demo));
    }

    /**
     * Starts delivering when a URL is configured; {@code onStop} is told how to stop (the verticle first, then the
     * client). The pending count is watched either way.
     */
    static Future<Void> start(
            Vertx vertx,
            Config config,
            Optional<WebhookSigner> signer,
            PlatformOutbox outbox,
            Metrics metrics,
            Clock clock,
            Consumer<Supplier<Future<?>>> onStop) {
        long watching = metrics.watchOutbox(vertx, () -> outbox.count(PlatformOutbox.Status.PENDING));
        onStop.accept(() -> Future.succeededFuture(vertx.cancelTimer(watching)));
        if (signer.isEmpty()) {
            LOG.warn("ZSYNC_PLATFORM_WEBHOOK_URL is not set: the platform's outbound webhooks stay pending in the "
                    + "outbox until it is");
            return Future.succeededFuture();
        }
        PlatformWebhookAdapters endpoint =
                PlatformWebhookAdapters.create(vertx, config.outbox().url().get());
        onStop.accept(endpoint::close);
        OutboxDelivery delivery = new OutboxDelivery(
                outbox,
                endpoint.webhooks(),
                signer.get(),
                metrics::outboxAttempt,
                clock,
                new OutboxDelivery.Settings(BATCH, LEASE, config.outbox().schedule()));
        String owner =
                "outbox-" + ManagementFactory.getRuntimeMXBean().getName() + "-" + Long.toHexString(System.nanoTime());
        LOG.info("outbound webhooks go to {}", config.outbox().url().get());
        return vertx.deployVerticle(
                        new OutboxVerticle(delivery, owner, config.outbox().poll()))
                .map(id -> {
                    onStop.accept(() -> vertx.undeploy(id));
                    return null;
                });
    }

    /** {@code /health/ready}'s detail: whether webhooks are sent, and how many wait. Never a reason to be unready. */
    static Readiness readiness(Config config, PlatformOutbox outbox) {
        boolean configured = config.outbox().url().isPresent();
        JsonObject details = new JsonObject()
                .put("configured", configured)
                .put(
                        "detail",
                        configured
                                ? "outbound webhooks are delivered to the platform"
                                : "ZSYNC_PLATFORM_WEBHOOK_URL is not set: messages stay pending");
        // the count needs the database, whose own check says when it is down
        return new Readiness(
                "platform_webhooks",
                () -> outbox.count(PlatformOutbox.Status.PENDING)
                        .map(pending -> details.copy().put("pending", pending))
                        .otherwise(error -> details.copy()));
    }
}
