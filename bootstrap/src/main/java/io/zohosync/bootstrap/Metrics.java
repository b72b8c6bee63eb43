package io.zohosync.bootstrap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.intake.IntakeGroups;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.SyncObserver;
import io.zohosync.ports.out.SyncRecordsReader;
import io.zohosync.ports.out.zoho.ZohoConnection;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The service's Micrometer registry, scraped at {@code /metrics}: outcomes the worker recorded,
 * sync records per entity and status, the Zoho connection and each product's circuit, the JVM.
 */
final class Metrics implements SyncObserver {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Metrics.class);
    private static final long RECORD_COUNTS_EVERY_MS = 15_000;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public void recorded(SyncKey key, SyncStatus status, String event) {
        registry.counter(
                        "zsync.sync.outcomes",
                        "entity",
                        key.type().wire(),
                        "target",
                        key.target().wire(),
                        "status",
                        status.wire(),
                        "event",
                        event)
                .increment();
    }

    /** A verified Stripe event and what became of it (ignored, unmatched, created, replayed...). */
    void stripeEvent(String type, String outcome) {
        registry.counter("zsync.stripe.events", "type", type, "outcome", outcome)
                .increment();
    }

    /** An outbound webhook attempt and its outcome ({@code delivered}, {@code retry}, {@code dead}). */
    void outboxAttempt(String outcome) {
        registry.counter("zsync.outbox.deliveries", "outcome", outcome).increment();
    }

    /** The outbox's pending messages, read now and every {@link #RECORD_COUNTS_EVERY_MS}; the timer's id. */
    long watchOutbox(Vertx vertx, Supplier<Future<Long>> pending) {
        AtomicLong value = new AtomicLong();
        Gauge.builder("zsync.outbox.pending", value, AtomicLong::get)
                .description("outbound webhooks waiting to be delivered")
                .register(registry);
        Runnable refresh = () -> pending.get()
                .onSuccess(value::set)
                .onFailure(e -> LOG.warn("could not count the outbox's pending messages: {}", e.toString()));
        refresh.run();
        return vertx.setPeriodic(RECORD_COUNTS_EVERY_MS, id -> refresh.run());
    }

    /** Sync-record counts read now and every {@link #RECORD_COUNTS_EVERY_MS}; the timer's id, to cancel it. */
    long watch(Vertx vertx, SyncRecordsReader reader) {
        Runnable refresh = () -> reader.countsByEntityAndStatus()
                .onSuccess(this::records)
                .onFailure(e -> LOG.warn("could not count sync records for the metrics: {}", e.toString()));
        refresh.run();
        return vertx.setPeriodic(RECORD_COUNTS_EVERY_MS, id -> refresh.run());
    }

    /**
     * The intake's shared transactions by outcome, read at every scrape: a rolled-back group's requests ran again
     * alone; many rollbacks mean the batched steps fail and every request runs alone (correct, but slow).
     */
    void watchIntake(Supplier<IntakeGroups> groups) {
        FunctionCounter.builder("zsync.intake.groups", groups, g -> g.get().committed())
                .tag("outcome", "committed")
                .description("the intake's shared transactions (group commit), by outcome")
                .register(registry);
        FunctionCounter.builder("zsync.intake.groups", groups, g -> g.get().rolledBack())
                .tag("outcome", "rolled_back")
                .description("the intake's shared transactions (group commit), by outcome")
                .register(registry);
    }

    /** Gauges read from the connection's in-memory state at every scrape. */
    void watch(ZohoConnection connection) {
        Gauge.builder(
                        "zsync.zoho.connected",
                        () -> connection.state().status() == ZohoConnectionState.Status.CONNECTED ? 1 : 0)
                .description("1 while the Zoho connection is usable")
                .register(registry);
        for (ZohoProduct product : ZohoProduct.values()) {
            Gauge.builder(
                            "zsync.zoho.circuit.open",
                            () -> circuit(connection, product) == ZohoConnectionState.Circuit.OPEN ? 1 : 0)
                    .tag("product", product.name().toLowerCase(Locale.ROOT))
                    .description("1 while the product's circuit breaker rejects calls")
                    .register(registry);
        }
    }

    /** The latest counts of sync records (refreshed periodically from Postgres). */
    private void records(Map<EntityType, Map<SyncStatus, Long>> counts) {
        for (var entity : counts.entrySet()) {
            for (SyncStatus status : SyncStatus.values()) {
                gauge(entity.getKey(), status).set(entity.getValue().getOrDefault(status, 0L));
            }
        }
    }

    String scrape() {
        return registry.scrape();
    }

    private AtomicLong gauge(EntityType entity, SyncStatus status) {
        return records.computeIfAbsent(entity.wire() + "/" + status.wire(), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("zsync.sync.records", value, AtomicLong::get)
                    .tag("entity", entity.wire())
                    .tag("status", status.wire())
                    .description("sync records by entity and status")
                    .register(registry);
            return value;
        });
    }

    private static ZohoConnectionState.Circuit circuit(ZohoConnection connection, ZohoProduct product) {
        return connection.state().circuits().getOrDefault(product, ZohoConnectionState.Circuit.CLOSED);
    }
}
