package io.zohosync.ports.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.BillingEventsUseCase.Event;
import io.zohosync.ports.in.BillingEventsUseCase.Outcome;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.ports.testing.InMemoryInboundEvents;
import io.zohosync.ports.testing.InMemorySyncStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Billing events use case against the in-memory store: each kind mirrored and published once, the unknown held. */
class BillingEventServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-30T06:00:00Z");

    private InMemorySyncStore store;
    private InMemoryInboundEvents held;
    private BillingEventService service;

    @BeforeEach
    void setUp() throws Exception {
        store = new InMemorySyncStore();
        held = new InMemoryInboundEvents();
        service = new BillingEventService(store, held, Clock.fixed(NOW, ZoneOffset.UTC));
        link(EntityType.CUSTOMER, "c-1", "Z-C1");
        link(EntityType.SUBSCRIPTION, "svc-1", "Z-S1");
        link(EntityType.MANUAL_INVOICE, "inv-1", "Z-I1");
        link(EntityType.PAYMENT, "pay-1", "Z-P1");
    }

    @Test
    void aSubscriptionEventIsMirroredAndPublishedOnItsStreamOnce() throws Exception {
        Event event = event("e-1", "subscription_upgraded", Map.of("subscription", subscription("live")));

        assertThat(await(service.receive(event))).isEqualTo(Outcome.APPLIED);
        assertThat(await(service.receive(event))).isEqualTo(Outcome.REPEATED);

        PlatformMessage message = store.published().get(0);
        assertThat(store.published()).hasSize(1);
        assertThat(message.type()).isEqualTo("subscription.upgraded");
        assertThat(message.stream()).isEqualTo("subscription:svc-1");
        assertThat(message.occurredAt()).isEqualTo(T1);
        assertThat(message.data())
                .containsEntry("service_id", "svc-1")
                .containsEntry("customer_id", "c-1")
                .containsEntry("zoho_subscription_id", "Z-S1")
                .containsEntry("status", "live")
                .containsEntry("plan_code", "FIBRE-100");
        ZohoState state = await(store.statesOf(new EntityRef(EntityType.SUBSCRIPTION, "svc-1")))
                .get(SyncTarget.BILLING);
        assertThat(state.status()).isEqualTo("live");
        assertThat(state.zohoTime()).isEqualTo(T1);
        assertThat(state.details()).containsEntry("plan_code", "FIBRE-100").containsEntry("quantity", 2);
    }

    @Test
    void aDeclinedPaymentIsTheDunningTriggerOnItsSubscriptionsStream() throws Exception {
        Map<String, Object> payment = Map.of(
                "payment_id", "Z-P9",
                "customer_id", "Z-C1",
                "amount", 499.0,
                "status", "failure",
                "failure_reason", "Card declined",
                "attempt", 1,
                "next_retry_at", "2026-12-03",
                "invoices", List.of(Map.of("invoice_id", "Z-I9")));
        Map<String, Object> invoice = Map.of(
                "invoice_id", "Z-I9",
                "customer_id", "Z-C1",
                "number", "INV-000009",
                "balance", 499.0,
                "subscriptions", List.of(Map.of("subscription_id", "Z-S1")));

        assertThat(await(service.receive(
                        event("e-2", "payment_declined", Map.of("payment", payment, "invoice", invoice)))))
                .isEqualTo(Outcome.APPLIED);

        PlatformMessage message = store.published().get(0);
        assertThat(message.type()).isEqualTo("payment.failed");
        assertThat(message.stream()).isEqualTo("subscription:svc-1");
        assertThat(message.data())
                .containsEntry("customer_id", "c-1")
                .containsEntry("service_id", "svc-1")
                .containsEntry("zoho_invoice_id", "Z-I9")
                .containsEntry("zoho_payment_id", "Z-P9")
                .containsEntry("amount", 499.0)
                .containsEntry("reason", "Card declined")
                .containsEntry("attempt", 1)
                .containsEntry("next_retry_at", "2026-12-03")
                .containsEntry("invoice_number", "INV-000009")
                .doesNotContainKey("payment_id");
        assertThat(held.size()).isZero();
    }

    @Test
    void aRecurringInvoiceIsPublishedUnderItsSubscriptionWithoutAMirror() throws Exception {
        Map<String, Object> invoice = Map.of(
                "invoice_id", "Z-I2",
                "customer_id", "Z-C1",
                "status", "sent",
                "total", 499.0,
                "subscriptions", List.of(Map.of("subscription_id", "Z-S1")));

        assertThat(await(service.receive(event("e-3", "invoice_created", Map.of("invoice", invoice)))))
                .isEqualTo(Outcome.APPLIED);

        assertThat(store.published()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("invoice.created");
            assertThat(m.stream()).isEqualTo("subscription:svc-1");
            assertThat(m.data()).containsEntry("zoho_invoice_id", "Z-I2").doesNotContainKey("invoice_id");
        });
    }

    @Test
    void aMappedInvoiceVoidedIsMirroredAsVoid() throws Exception {
        Map<String, Object> invoice = Map.of("invoice_id", "Z-I1", "customer_id", "Z-C1", "status", "void");

        await(service.receive(event("e-4", "invoice_voided", Map.of("invoice", invoice))));

        assertThat(store.published().get(0).data()).containsEntry("invoice_id", "inv-1");
        assertThat(store.published().get(0).stream()).isEqualTo("customer:c-1");
        assertThat(await(store.statesOf(new EntityRef(EntityType.MANUAL_INVOICE, "inv-1")))
                        .get(SyncTarget.BILLING)
                        .status())
                .isEqualTo("void");
    }

    @Test
    void aCardEventGoesOnTheCustomersStream() throws Exception {
        Map<String, Object> card = Map.of("card_id", "Z-K1", "customer_id", "Z-C1", "last_four_digits", "4242");

        await(service.receive(event("e-5", "card_expiring", Map.of("card", card))));

        assertThat(store.published()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("card.expiring");
            assertThat(m.stream()).isEqualTo("customer:c-1");
            assertThat(m.data()).containsEntry("last_four_digits", "4242");
        });
    }

    @Test
    void anUnknownObjectIsHeldUnmatchedAndPublishesNothing() throws Exception {
        Map<String, Object> subscription =
                Map.of("subscription_id", "Z-UNKNOWN", "customer_id", "Z-C404", "status", "live");
        Event event = event("e-6", "subscription_created", Map.of("subscription", subscription));

        assertThat(await(service.receive(event))).isEqualTo(Outcome.UNMATCHED);
        assertThat(await(service.receive(event))).isEqualTo(Outcome.UNMATCHED);

        assertThat(store.published()).isEmpty();
        List<InboundEvents.Kept> kept =
                await(held.list(new InboundEvents.Page(Optional.empty(), Optional.empty(), 0, 10)));
        assertThat(kept).singleElement().satisfies(k -> {
            assertThat(k.source()).isEqualTo("zoho-billing");
            assertThat(k.status()).isEqualTo(InboundEvents.Status.UNMATCHED);
            assertThat(k.reason()).contains("Z-UNKNOWN");
        });
    }

    @Test
    void aSubscriptionMadeOnAHostedPageBeforeTheServiceLinkedItIsTheServicesByItsReference() throws Exception {
        await(store.inTransaction(tx -> tx.saveEntity(
                new StoredEntity(
                        new EntityRef(EntityType.SUBSCRIPTION, "svc-2"),
                        Map.of("customer_id", "c-1", "plan_code", "FIBRE-100"),
                        1,
                        "h",
                        NOW,
                        NOW),
                NOW)));
        Map<String, Object> made = new java.util.HashMap<>(subscription("live"));
        made.put("subscription_id", "Z-S2");
        made.put("reference_id", "svc-2");
        Event event = event(
                "e-hp",
                "subscription_created",
                Map.of("subscription", made, "hostedpage", Map.of("hostedpage_id", "HP-1")));

        assertThat(await(service.receive(event))).isEqualTo(Outcome.APPLIED);

        assertThat(store.published())
                .extracting(PlatformMessage::type)
                .containsExactly("subscription.created", "hosted_page.completed");
        assertThat(store.published()).allSatisfy(m -> assertThat(m.stream()).isEqualTo("subscription:svc-2"));
        assertThat(await(store.statesOf(new EntityRef(EntityType.SUBSCRIPTION, "svc-2"))))
                .containsKey(SyncTarget.BILLING);
        // a reference naming no service the platform sent is still unknown
        Map<String, Object> stranger = new java.util.HashMap<>(made);
        stranger.put("subscription_id", "Z-S3");
        stranger.put("reference_id", "svc-unknown");
        assertThat(await(service.receive(event("e-hp2", "subscription_created", Map.of("subscription", stranger)))))
                .isEqualTo(Outcome.UNMATCHED);
    }

    @Test
    void anUnhandledTypeIsIgnored() throws Exception {
        assertThat(await(service.receive(event("e-7", "trial_expiring", Map.of()))))
                .isEqualTo(Outcome.IGNORED);
        assertThat(store.published()).isEmpty();
    }

    private static Map<String, Object> subscription(String status) {
        return Map.of(
                "subscription_id", "Z-S1",
                "customer_id", "Z-C1",
                "status", status,
                "plan", Map.of("plan_code", "FIBRE-100", "quantity", 2),
                "current_term_ends_at", "2026-12-31");
    }

    private static Event event(String id, String type, Map<String, Object> data) {
        return new Event(id, type, T1, data, "{}", "webhook");
    }

    private void link(EntityType type, String id, String zohoId) throws Exception {
        SyncKey key = new SyncKey(type, id, SyncTarget.BILLING);
        SyncState synced = new SyncState(SyncStatus.SYNCED, 0, NOW, null, null, zohoId, "synced");
        await(store.inTransaction(tx -> tx.storeRecord(key, Optional.empty(), synced, "synced", NOW)));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
