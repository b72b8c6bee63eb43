package io.zohosync.domain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Billing's rules: the platform primary for what it asks, Billing for what it does, money left for a person. */
class BillingDriftRulesTest {

    private static final Map<String, String> ACTIVE =
            Map.of("plan_code", "FIBRE-50", "quantity", "1", "status", "active");
    private static final Map<String, String> LIVE = Map.of("status", "live", "plan_code", "FIBRE-50", "quantity", "1");

    private static Optional<Drift> subscription(
            Map<String, String> sent, Optional<Map<String, String>> mirror, Map<String, String> zoho) {
        return BillingDriftRules.linked(
                EntityType.SUBSCRIPTION, SyncStatus.SYNCED, Origin.CREATED, "z-1", sent, mirror, Optional.of(zoho));
    }

    @Test
    void aSubscriptionAsThePlatformAskedAndAsMirroredIsNoDrift() {
        assertThat(subscription(ACTIVE, Optional.of(LIVE), LIVE)).isEmpty();
        // quantities compared as numbers
        assertThat(subscription(
                        ACTIVE,
                        Optional.of(LIVE),
                        Map.of("status", "live", "plan_code", "FIBRE-50", "quantity", "1.0")))
                .isEmpty();
    }

    @Test
    void aPlanBillingDoesNotHoldIsResentSafely() {
        Drift d = subscription(
                        Map.of("plan_code", "FIBRE-100", "quantity", "1", "status", "active"), Optional.of(LIVE), LIVE)
                .orElseThrow();
        assertThat(d.kind()).isEqualTo(DriftKind.FIELDS_DIFFER);
        assertThat(d.repair()).isEqualTo(Repair.RESEND);
        assertThat(d.safe()).isTrue();
        assertThat(d.detail())
                .containsEntry("plan_code.platform", "FIBRE-100")
                .containsEntry("plan_code.zoho", "FIBRE-50");
    }

    @Test
    void aCancellationBillingDidNotApplyIsResentAndOneItAppliedIsNot() {
        Map<String, String> cancelled = Map.of("plan_code", "FIBRE-50", "status", "cancelled");
        Drift d = subscription(cancelled, Optional.of(LIVE), LIVE).orElseThrow();
        assertThat(d.repair()).isEqualTo(Repair.RESEND);
        assertThat(d.safe()).isTrue();
        assertThat(d.detail()).containsEntry("status.zoho", "live");
        Map<String, String> nonRenewing = Map.of("status", "non_renewing", "plan_code", "FIBRE-50");
        assertThat(subscription(cancelled, Optional.of(nonRenewing), nonRenewing))
                .isEmpty();
    }

    @Test
    void anActiveServiceWhoseSubscriptionEndedIsLeftForAPerson() {
        Map<String, String> expired = Map.of("status", "expired", "plan_code", "FIBRE-50");
        Drift d = subscription(ACTIVE, Optional.of(expired), expired).orElseThrow();
        assertThat(d.repair()).isEqualTo(Repair.LEAVE);
        assertThat(d.safe()).isFalse();
    }

    @Test
    void aStateTheMirrorMissedIsPulledSafely() {
        Map<String, String> unpaid = Map.of("status", "unpaid", "plan_code", "FIBRE-50", "quantity", "1");
        Drift d = subscription(ACTIVE, Optional.of(LIVE), unpaid).orElseThrow();
        assertThat(d.kind()).isEqualTo(DriftKind.ZOHO_STATE_DIFFERS);
        assertThat(d.repair()).isEqualTo(Repair.PULL);
        assertThat(d.safe()).isTrue();
        assertThat(d.detail()).containsEntry("status.mirror", "live").containsEntry("status.zoho", "unpaid");
        assertThat(d.summary()).contains("unpaid", "live");

        Drift never = subscription(ACTIVE, Optional.empty(), LIVE).orElseThrow();
        assertThat(never.repair()).isEqualTo(Repair.PULL);
        assertThat(never.summary()).contains("never mirrored");
    }

    @Test
    void anInvoicesStatusAndBalanceArePulledItsTotalChangedInBillingIsLeft() {
        Map<String, String> mirror = Map.of("status", "sent", "total", "499", "balance", "499");
        Drift paid = BillingDriftRules.linked(
                        EntityType.INVOICE,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "inv-1",
                        Map.of(),
                        Optional.of(mirror),
                        Optional.of(Map.of("status", "paid", "total", "499.00", "balance", "0")))
                .orElseThrow();
        assertThat(paid.repair()).isEqualTo(Repair.PULL);
        assertThat(paid.detail()).containsEntry("balance.zoho", "0").containsEntry("status.zoho", "paid");

        Drift total = BillingDriftRules.linked(
                        EntityType.INVOICE,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "inv-1",
                        Map.of(),
                        Optional.of(mirror),
                        Optional.of(Map.of("status", "sent", "total", "450", "balance", "450")))
                .orElseThrow();
        assertThat(total.repair()).isEqualTo(Repair.LEAVE);
        assertThat(total.detail()).containsEntry("total.platform", "499").containsEntry("total.zoho", "450");
    }

    @Test
    void aPaymentsAmountChangedInBillingIsLeftItsStatusPulled() {
        Map<String, String> sent = Map.of("amount", "499.00");
        Optional<Map<String, String>> mirror = Optional.of(Map.of("status", "success"));
        Drift amount = BillingDriftRules.linked(
                        EntityType.PAYMENT,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "p-1",
                        sent,
                        mirror,
                        Optional.of(Map.of("status", "success", "amount", "400")))
                .orElseThrow();
        assertThat(amount.repair()).isEqualTo(Repair.LEAVE);
        Drift refunded = BillingDriftRules.linked(
                        EntityType.PAYMENT,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "p-1",
                        sent,
                        mirror,
                        Optional.of(Map.of("status", "refunded", "amount", "499")))
                .orElseThrow();
        assertThat(refunded.repair()).isEqualTo(Repair.PULL);
        assertThat(refunded.detail()).containsEntry("status.zoho", "refunded");
    }

    @Test
    void whatBillingLostIsResentSafelyOnlyForACustomerTheServiceCreated() {
        Drift customer = BillingDriftRules.linked(
                        EntityType.CUSTOMER,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "c-9",
                        Map.of(),
                        Optional.empty(),
                        Optional.empty())
                .orElseThrow();
        assertThat(customer.kind()).isEqualTo(DriftKind.MISSING_IN_ZOHO);
        assertThat(customer.safe()).isTrue();
        Drift sub = BillingDriftRules.linked(
                        EntityType.SUBSCRIPTION,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "z-1",
                        ACTIVE,
                        Optional.of(LIVE),
                        Optional.empty())
                .orElseThrow();
        assertThat(sub.repair()).isEqualTo(Repair.RESEND);
        assertThat(sub.safe()).isFalse();
    }

    @Test
    void aCustomersEmailIsTheServicesOnlyWhenItCreatedTheCustomer() {
        Map<String, String> sent = Map.of("email", "ada@example.com");
        Optional<Map<String, String>> zoho = Optional.of(Map.of("email", "ada@elsewhere.example"));
        assertThat(BillingDriftRules.linked(
                        EntityType.CUSTOMER, SyncStatus.SYNCED, Origin.CREATED, "c-1", sent, Optional.empty(), zoho))
                .get()
                .satisfies(d -> assertThat(d.repair()).isEqualTo(Repair.RESEND));
        assertThat(BillingDriftRules.linked(
                        EntityType.CUSTOMER, SyncStatus.SYNCED, Origin.MATCHED, "c-1", sent, Optional.empty(), zoho))
                .isEmpty();
    }

    @Test
    void queuedRecordsAreTheSyncsBusinessAndOnlySubscriptionsAreLinkedByReference() {
        assertThat(BillingDriftRules.linked(
                        EntityType.SUBSCRIPTION,
                        SyncStatus.PENDING,
                        Origin.CREATED,
                        "z-1",
                        ACTIVE,
                        Optional.empty(),
                        Optional.empty()))
                .isEmpty();
        assertThat(BillingDriftRules.unlinked(EntityType.SUBSCRIPTION, SyncStatus.FAILED, List.of("z-7")))
                .get()
                .satisfies(d -> {
                    assertThat(d.repair()).isEqualTo(Repair.LINK);
                    assertThat(d.zohoId()).isEqualTo("z-7");
                });
        assertThat(BillingDriftRules.unlinked(EntityType.INVOICE, SyncStatus.FAILED, List.of()))
                .isEmpty();
        assertThat(BillingDriftRules.unlinked(EntityType.SUBSCRIPTION, SyncStatus.FAILED, List.of()))
                .get()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DriftKind.NEVER_SENT));
    }
}
