package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.admin.AdminSyncService;
import io.zohosync.ports.admin.SyncStatusService;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.flows.item.ItemMapping;
import io.zohosync.ports.flows.order.OrderMapping;
import io.zohosync.ports.flows.payment.PaymentMapping;
import io.zohosync.ports.flows.quote.QuoteMapping;
import io.zohosync.ports.flows.refund.RefundMapping;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.sync.Dependants;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.testing.InMemoryInboundEvents;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The service's router on a real port with the real use cases behind it (intake, status, admin actions)
 * over the in-memory store of the ports' test-jar: what a request stores can be read back exactly.
 */
final class LiveFixture {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemorySyncStore store = new InMemorySyncStore();
    final InMemoryInboundEvents inbound = new InMemoryInboundEvents();
    final StubConsole console = new StubConsole();
    final HttpServer server;
    final WebClient http;

    LiveFixture(Vertx vertx, HttpSettings settings) {
        SyncStateMachine machine = new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(7));
        var intake = new IntakeService(
                store,
                List.of(
                        new CustomerMapping(),
                        new ItemMapping(),
                        new OrderMapping(),
                        new QuoteMapping(),
                        new PaymentMapping(),
                        new RefundMapping(),
                        new io.zohosync.ports.flows.crm.InquiryMapping(),
                        new io.zohosync.ports.flows.billing.ServiceMapping(
                                io.zohosync.ports.flows.billing.CatalogNames.NONE),
                        new io.zohosync.ports.flows.billing.PlanMapping(),
                        new io.zohosync.ports.flows.billing.AddonMapping(),
                        new io.zohosync.ports.flows.billing.ManualInvoiceMapping()),
                new Routing(Map.ofEntries(
                        Map.entry(EntityType.CUSTOMER, List.of(SyncTarget.BOOKS)),
                        Map.entry(EntityType.ITEM, List.of(SyncTarget.BOOKS)),
                        Map.entry(EntityType.INVOICE, List.of(SyncTarget.BOOKS)),
                        Map.entry(EntityType.ESTIMATE, List.of(SyncTarget.BOOKS)),
                        Map.entry(EntityType.PAYMENT, List.of(SyncTarget.BOOKS)),
                        Map.entry(EntityType.REFUND, List.of(SyncTarget.BOOKS)),
                        Map.entry(EntityType.LEAD, List.of(SyncTarget.CRM)),
                        Map.entry(EntityType.SUBSCRIPTION, List.of(SyncTarget.BILLING)),
                        Map.entry(EntityType.PLAN, List.of(SyncTarget.BILLING)),
                        Map.entry(EntityType.ADDON, List.of(SyncTarget.BILLING)),
                        Map.entry(EntityType.MANUAL_INVOICE, List.of(SyncTarget.BILLING)))),
                machine,
                clock);
        var admin = new AdminSyncService(
                store,
                new Dependants(store, machine, (key, status, event) -> {}),
                new Handlers(List.of()),
                machine,
                console,
                at -> Future.succeededFuture(),
                clock);
        var endpoints = new HttpAdapters.Endpoints(
                intake,
                new SyncStatusService(store, true),
                admin,
                new StubConnectZoho(),
                inbound,
                List.of(new Readiness("stub", () -> Future.succeededFuture(new JsonObject().put("stub", true)))),
                () -> "zsync_up 1\n",
                console,
                console,
                new StubReconcile(),
                null,
                null,
                null);
        server = vertx.createHttpServer()
                .requestHandler(HttpAdapters.router(vertx, settings, endpoints))
                .invalidRequestHandler(HttpAdapters.invalidRequests())
                .listen(0)
                .await();
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()));
    }

    Optional<StoredEntity> stored(EntityType type, String id) {
        return store.find(new EntityRef(type, id)).await();
    }

    void close() {
        http.close();
        server.close().await();
    }
}
