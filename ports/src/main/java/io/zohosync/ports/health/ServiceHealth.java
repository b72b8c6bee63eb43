package io.zohosync.ports.health;

import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.SyncHealthReader.Activity;
import io.zohosync.ports.out.SyncHealthReader.Linked;
import io.zohosync.ports.out.SyncHealthReader.StoredConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The service's health as an operator's monitor asks it (issue 12, {@code health}): each check healthy, unhealthy or
 * unknown, with what it saw; the whole unhealthy when one check is, unknown when one cannot tell and none is
 * unhealthy. Work waiting is unhealthy only when the oldest due record has waited longer than {@code stale} and
 * nothing reached Zoho in that time: a busy queue that moves is healthy.
 */
public final class ServiceHealth {

    public enum Status {
        HEALTHY,
        UNHEALTHY,
        UNKNOWN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The exit code of the {@code health} command: 0 healthy, 1 unhealthy, 2 cannot tell. */
        public int exitCode() {
            return ordinal();
        }
    }

    /** One check: its name, what it concluded and why. */
    public record Check(String name, Status status, String detail) {}

    /** Every check and the conclusion. */
    public record Report(Status status, List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        public static Report of(List<Check> checks) {
            boolean unhealthy = checks.stream().anyMatch(c -> c.status() == Status.UNHEALTHY);
            boolean unknown = checks.stream().anyMatch(c -> c.status() == Status.UNKNOWN);
            return new Report(unhealthy ? Status.UNHEALTHY : unknown ? Status.UNKNOWN : Status.HEALTHY, checks);
        }
    }

    private ServiceHealth() {}

    /** The queue's check: stalled when work has been due longer than {@code stale} and nothing synced meanwhile. */
    public static Check activity(Activity activity, boolean syncEnabled, Duration stale, Instant now) {
        List<String> seen = new ArrayList<>();
        seen.add(activity.due() + " due");
        if (activity.oldestDueSince() != null) {
            seen.add("the oldest for " + ago(activity.oldestDueSince(), now));
        }
        seen.add(
                activity.lastSynced() == null
                        ? "nothing synced yet"
                        : "last synced " + ago(activity.lastSynced(), now) + " ago");
        long failed = activity.counts().getOrDefault(SyncStatus.FAILED, 0L);
        if (failed > 0) {
            seen.add(failed + " failed, waiting for an admin");
        }
        boolean waitedTooLong = activity.oldestDueSince() != null
                && Duration.between(activity.oldestDueSince(), now).compareTo(stale) > 0;
        boolean nothingSynced = activity.lastSynced() == null
                || Duration.between(activity.lastSynced(), now).compareTo(stale) > 0;
        if (waitedTooLong && nothingSynced) {
            String why = syncEnabled ? "work waits and nothing reached Zoho" : "sync is disabled (ENABLE_ZOHO_SYNC)";
            return new Check(
                    "activity",
                    Status.UNHEALTHY,
                    why + " in " + ago(now.minus(stale), now) + ": " + String.join(", ", seen));
        }
        return new Check("activity", Status.HEALTHY, String.join(", ", seen));
    }

    /**
     * The Zoho connection's check: {@code demo} when the service talks to its built-in sandbox; otherwise unhealthy
     * without a refresh token (neither stored nor configured) or when Zoho refused it for good.
     */
    public static Check zoho(StoredConnection stored, boolean demo, boolean refreshTokenConfigured, Instant now) {
        if (demo) {
            return new Check(
                    "zoho", Status.HEALTHY, "the built-in sandbox (demo mode): no Zoho organization is connected");
        }
        if (stored.reconnectNeeded()) {
            return new Check("zoho", Status.UNHEALTHY, "Zoho refused the refresh token: reconnect the organization");
        }
        if (!stored.refreshTokenStored() && !refreshTokenConfigured) {
            return new Check("zoho", Status.UNHEALTHY, "no Zoho refresh token: connect the organization");
        }
        if (stored.coolDownUntil() != null && now.isBefore(stored.coolDownUntil())) {
            return new Check(
                    "zoho",
                    Status.HEALTHY,
                    "connected; Zoho throttled token refresh for " + ago(now, stored.coolDownUntil()) + " more");
        }
        return new Check("zoho", Status.HEALTHY, "connected");
    }

    /** What reading a sampled record back from Zoho found. */
    public enum Found {
        IN_ZOHO,
        NOT_IN_ZOHO,
        NOT_READ
    }

    /** One sampled record read back: {@code detail} says why it was not read. */
    public record ReadBack(Linked linked, Found found, String detail) {}

    /**
     * The integrity check: sampled synced records read back from Zoho. One Zoho no longer holds is unhealthy (an admin
     * relinks or resets it); one that could not be read leaves it unknown.
     */
    public static Check integrity(List<ReadBack> reads) {
        if (reads.isEmpty()) {
            return new Check("integrity", Status.HEALTHY, "no synced record to read back");
        }
        List<String> missing = reads.stream()
                .filter(r -> r.found() == Found.NOT_IN_ZOHO)
                .map(r -> r.linked().key().type().wire() + " "
                        + r.linked().key().entityId() + " ("
                        + r.linked().key().target().wire() + " " + r.linked().zohoId() + ")")
                .toList();
        List<ReadBack> unread =
                reads.stream().filter(r -> r.found() == Found.NOT_READ).toList();
        if (!missing.isEmpty()) {
            return new Check(
                    "integrity",
                    Status.UNHEALTHY,
                    missing.size() + " of " + reads.size() + " sampled synced records are not in Zoho: "
                            + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                            + (missing.size() > 5 ? ", …" : "") + "; relink or reset them");
        }
        if (!unread.isEmpty()) {
            return new Check(
                    "integrity",
                    Status.UNKNOWN,
                    unread.size() + " of " + reads.size() + " sampled records could not be read back: "
                            + unread.get(0).detail());
        }
        return new Check("integrity", Status.HEALTHY, reads.size() + " sampled synced records read back from Zoho");
    }

    /** How long from {@code then} to {@code now}, to the minute (or second under one). */
    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toMinutes() == 0) {
            return d.toSeconds() + " s";
        }
        if (d.toHours() == 0) {
            return d.toMinutes() + " min";
        }
        long minutes = d.toMinutesPart();
        return d.toHours() + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }
}
