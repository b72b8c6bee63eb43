package io.zohosync.domain.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftRulesTest {

    private static final Map<String, String> SENT = Map.of("email", "ada@example.com");

    @Test
    void aContactGoneFromZohoIsSentAgainSafely() {
        Drift drift = DriftRules.linked(
                        EntityType.CUSTOMER, SyncStatus.SYNCED, Origin.CREATED, "46", SENT, Optional.empty())
                .orElseThrow();
        assertEquals(DriftKind.MISSING_IN_ZOHO, drift.kind());
        assertEquals(Repair.RESEND, drift.repair());
        assertTrue(drift.safe());
        assertEquals("46", drift.zohoId());
    }

    @Test
    void aRecordLinkedByHandThatZohoLostWaitsForAPerson() {
        Drift drift = DriftRules.linked(
                        EntityType.CUSTOMER, SyncStatus.MANUAL, Origin.MANUAL, "46", SENT, Optional.empty())
                .orElseThrow();
        assertEquals(Repair.RESEND, drift.repair());
        assertFalse(drift.safe());
    }

    @Test
    void anEmailChangedInZohoOnAContactTheServiceCreatedIsSentAgain() {
        Drift drift = DriftRules.linked(
                        EntityType.CUSTOMER,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "46",
                        SENT,
                        Optional.of(Map.of("email", "someone@else.com")))
                .orElseThrow();
        assertEquals(DriftKind.FIELDS_DIFFER, drift.kind());
        assertEquals(Repair.RESEND, drift.repair());
        assertTrue(drift.safe());
        assertEquals(Map.of("email.platform", "ada@example.com", "email.zoho", "someone@else.com"), drift.detail());
    }

    @Test
    void sameValuesWrittenDifferentlyAreNoDrift() {
        assertTrue(DriftRules.linked(
                        EntityType.CUSTOMER,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "46",
                        SENT,
                        Optional.of(Map.of("email", " ADA@example.com")))
                .isEmpty());
        assertTrue(DriftRules.linked(
                        EntityType.ITEM,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "7",
                        Map.of("rate", "250.00", "name", "Yoga"),
                        Optional.of(Map.of("rate", "250", "name", "Yoga")))
                .isEmpty());
    }

    @Test
    void aMatchedContactsFieldsAreNotTheServicesToJudge() {
        assertTrue(DriftRules.linked(
                        EntityType.CUSTOMER,
                        SyncStatus.SYNCED,
                        Origin.MATCHED,
                        "46",
                        SENT,
                        Optional.of(Map.of("email", "someone@else.com")))
                .isEmpty());
    }

    @Test
    void aPaymentChangedInZohoIsLeftForAPerson() {
        Drift drift = DriftRules.linked(
                        EntityType.PAYMENT,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "9",
                        Map.of("amount", "100.00"),
                        Optional.of(Map.of("amount", "80.0")))
                .orElseThrow();
        assertEquals(DriftKind.FIELDS_DIFFER, drift.kind());
        assertEquals(Repair.LEAVE, drift.repair());
        assertFalse(drift.safe());
        assertEquals("100.00", drift.detail().get("amount.platform"));
        assertEquals("80.0", drift.detail().get("amount.zoho"));
    }

    @Test
    void aPaymentOrInvoiceGoneIsProposedForAResendAPersonConfirms() {
        Drift drift = DriftRules.linked(
                        EntityType.PAYMENT, SyncStatus.SYNCED, Origin.CREATED, "9", Map.of(), Optional.empty())
                .orElseThrow();
        assertEquals(Repair.RESEND, drift.repair());
        assertFalse(drift.safe());
    }

    @Test
    void aVoidedInvoiceIsLeftForAPerson() {
        Drift drift = DriftRules.linked(
                        EntityType.INVOICE,
                        SyncStatus.SYNCED,
                        Origin.CREATED,
                        "5",
                        Map.of("total", "10"),
                        Optional.of(Map.of("total", "10", "status", "void")))
                .orElseThrow();
        assertEquals(Repair.LEAVE, drift.repair());
    }

    @Test
    void queuedRecordsAreTheSyncsBusiness() {
        assertTrue(
                DriftRules.linked(EntityType.CUSTOMER, SyncStatus.PENDING, Origin.CREATED, "46", SENT, Optional.empty())
                        .isEmpty());
        assertTrue(DriftRules.unlinked(EntityType.CUSTOMER, SyncStatus.RETRYING, List.of("46"))
                .isEmpty());
    }

    @Test
    void aSettledRecordWithOneMarkedObjectIsLinkedSeveralAreLeftNoneIsNeverSent() {
        Drift one = DriftRules.unlinked(EntityType.CUSTOMER, SyncStatus.FAILED, List.of("46"))
                .orElseThrow();
        assertEquals(DriftKind.UNLINKED_IN_ZOHO, one.kind());
        assertEquals(Repair.LINK, one.repair());
        assertTrue(one.safe());
        assertEquals("46", one.zohoId());

        Drift two = DriftRules.unlinked(EntityType.CUSTOMER, SyncStatus.SKIPPED, List.of("46", "47"))
                .orElseThrow();
        assertEquals(Repair.LEAVE, two.repair());
        assertEquals("46,47", two.detail().get("candidates"));

        Drift none = DriftRules.unlinked(EntityType.CUSTOMER, SyncStatus.FAILED, List.of())
                .orElseThrow();
        assertEquals(DriftKind.NEVER_SENT, none.kind());
        assertEquals(Repair.RESEND, none.repair());
        assertFalse(none.safe());
    }

    @Test
    void reconciliationTakesACallOnlyWhenEveryDueSyncJobCanStartToo() {
        Instant now = Instant.parse("2026-11-30T05:00:00Z");
        assertTrue(ReconcilePace.waitUntil(3, now, 2, now).isEmpty());
        assertEquals(Optional.of(now.plus(ReconcilePace.BUSY_RETRY)), ReconcilePace.waitUntil(2, now, 2, now));
        Instant reopens = now.plusSeconds(40);
        assertEquals(Optional.of(reopens), ReconcilePace.waitUntil(0, reopens, 0, now));
        assertEquals(Optional.of(now.plus(ReconcilePace.BUSY_RETRY)), ReconcilePace.waitUntil(0, now, 0, now));
    }
}
