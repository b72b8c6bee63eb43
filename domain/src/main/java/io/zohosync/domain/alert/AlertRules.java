package io.zohosync.domain.alert;

import io.zohosync.domain.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What is wrong now, from what the service reads of itself (issue 12, item 14). Time is passed in. */
public final class AlertRules {

    private final AlertThresholds thresholds;

    public AlertRules(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public AlertThresholds thresholds() {
        return thresholds;
    }

    /**
     * The queue's conditions: failed records at or over the threshold; work due for longer than {@code stuckAfter}
     * while nothing reached Zoho in that time (only while sync runs: a disabled sync leaves work waiting on purpose);
     * {@code oldestDueSince} and {@code lastSynced} may be null (nothing due, nothing synced yet).
     */
    public List<Condition> queue(
            Map<SyncStatus, Long> counts,
            long due,
            Instant oldestDueSince,
            Instant lastSynced,
            boolean syncEnabled,
            Instant now) {
        List<Condition> holding = new ArrayList<>();
        long failed = counts.getOrDefault(SyncStatus.FAILED, 0L);
        if (failed >= thresholds.failedSyncs()) {
            holding.add(new Condition(
                    "failed-syncs",
                    AlertKind.FAILED_SYNCS,
                    failed + (failed == 1 ? " sync failed and waits" : " syncs failed and wait") + " for an admin",
                    failed + " failed (alert at " + thresholds.failedSyncs()
                            + " or more); retry or fix them in the console (/admin) or the admin API"));
        }
        Duration stuck = thresholds.stuckAfter();
        boolean waitedTooLong =
                oldestDueSince != null && Duration.between(oldestDueSince, now).compareTo(stuck) > 0;
        boolean nothingSynced =
                lastSynced == null || Duration.between(lastSynced, now).compareTo(stuck) > 0;
        if (syncEnabled && waitedTooLong && nothingSynced) {
            holding.add(new Condition(
                    "stuck-syncs",
                    AlertKind.STUCK_SYNCS,
                    "Syncs are stuck: nothing reached Zoho in " + minutes(stuck),
                    due + " due, the oldest since " + Notice.seconds(oldestDueSince) + ", "
                            + (lastSynced == null
                                    ? "nothing synced yet"
                                    : "last synced at " + Notice.seconds(lastSynced))));
        }
        return holding;
    }

    /** Zoho refused the stored refresh token for good: until someone connects again, nothing reaches Zoho. */
    public Optional<Condition> connection(boolean reconnectNeeded) {
        if (!reconnectNeeded) {
            return Optional.empty();
        }
        return Optional.of(new Condition(
                "reconnect-needed",
                AlertKind.RECONNECT_NEEDED,
                "Zoho needs to be connected again",
                "Zoho refused the stored refresh token; open the consent page (/connect/zoho) and connect again"));
    }

    /** A meter ({@code meter}, its name) used {@code calls} of its {@code perDay} allowance in the last 24 hours. */
    public Optional<Condition> budget(String meter, long calls, int perDay) {
        if (perDay < 1 || calls * 100 < (long) thresholds.budgetPercent() * perDay) {
            return Optional.empty();
        }
        long percent = calls * 100 / perDay;
        return Optional.of(new Condition(
                "budget-" + meter,
                AlertKind.BUDGET_NEARLY_SPENT,
                "Zoho API budget of " + meter + " nearly spent: " + percent + " % of the day",
                calls + " of " + perDay + " calls in the last 24 hours (alert at " + thresholds.budgetPercent()
                        + " %); syncs wait for the budget when it runs out"));
    }

    /**
     * The newest reconciliation that ended ({@code reportId}) left {@code left} drifts unrepaired: one incident, kept
     * while the newest report leaves any, resolved by a clean one (or once its drifts are repaired).
     */
    public Optional<Condition> drift(long reportId, long left, Instant finishedAt) {
        if (left < 1) {
            return Optional.empty();
        }
        return Optional.of(new Condition(
                "reconcile-drift",
                AlertKind.RECONCILE_DRIFT,
                "Reconciliation left " + left + (left == 1 ? " drift" : " drifts") + " between the platform and Zoho",
                "report " + reportId + " of " + Notice.seconds(finishedAt) + "; see GET /admin/api/reconciliations/"
                        + reportId + " and repair with POST /admin/api/reconciliations/" + reportId + "/repair"));
    }

    /** {@code dead} outbound webhooks ran out of attempts: one incident while any is dead. */
    public Optional<Condition> deadDeliveries(long dead) {
        if (dead < 1) {
            return Optional.empty();
        }
        return Optional.of(new Condition(
                "dead-deliveries",
                AlertKind.DEAD_DELIVERIES,
                dead + (dead == 1 ? " webhook" : " webhooks") + " to the platform could not be delivered",
                dead + " dead after every attempt; see GET /admin/api/deliveries?status=dead and send each again with "
                        + "POST /admin/api/deliveries/{id}/retry once the platform answers"));
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 120
                ? d.toHours() + " h"
                : d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
