package io.zohosync.bootstrap;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.ports.backfill.BackfillService.Line;
import io.zohosync.ports.backfill.BackfillService.Plan;
import io.zohosync.ports.out.zoho.BudgetAccount;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** What {@code backfill --dry-run} prints: per entity type and target, the records, their Zoho calls and the time under the caps. */
final class BackfillReport {

    private BackfillReport() {}

    static String dryRun(
            Plan plan,
            Map<ZohoProduct, ZohoApiLimits> limits,
            Map<ZohoProduct, Instant> finish,
            Map<BudgetAccount.Meter, Long> usedToday,
            Instant now) {
        StringBuilder s = new StringBuilder("zoho-sync backfill --dry-run: nothing is written\n");
        s.append(String.format(
                Locale.ROOT,
                "%-14s %-9s %8s %8s %11s %19s %18s%n",
                "entity",
                "target",
                "records",
                "new",
                "zoho calls",
                "days at daily cap",
                "min at minute cap"));
        long records = 0, created = 0, calls = 0;
        for (Line line : plan.lines()) {
            ZohoApiLimits cap = limits.get(ZohoProduct.of(line.target()));
            s.append(String.format(
                    Locale.ROOT,
                    "%-14s %-9s %8d %8d %11d %19s %18s%n",
                    line.type().wire(),
                    line.target().wire(),
                    line.keys().size(),
                    line.missing().size(),
                    line.calls(),
                    cap == null ? "?" : ratio(line.calls(), cap.perDay()) + " (" + cap.perDay() + "/day)",
                    cap == null ? "?" : ratio(line.calls(), cap.perMinute()) + " (" + cap.perMinute() + "/min)"));
            records += line.keys().size();
            created += line.missing().size();
            calls += line.calls();
        }
        s.append(String.format(Locale.ROOT, "%-24s %8d %8d %11d%n", "total", records, created, calls));
        s.append("(new: records created for a target the entity has none at; the others are queued already)\n");
        for (Map.Entry<ZohoProduct, Instant> e : finish.entrySet()) {
            ZohoProduct product = e.getKey();
            ZohoApiLimits cap = limits.get(product);
            long used = usedToday.getOrDefault(BudgetAccount.Meter.of(product), 0L);
            long planned = plan.lines().stream()
                    .filter(l -> ZohoProduct.of(l.target()) == product)
                    .mapToLong(Line::calls)
                    .sum();
            if (planned == 0) {
                continue; // nothing for this product: no finish time to tell
            }
            s.append(String.format(
                    Locale.ROOT,
                    "%s: %d calls; %d of %d used in the last 24 h; at the budget's pace the last call could be made at"
                            + " %s (in %s)%n",
                    product.name().toLowerCase(Locale.ROOT),
                    planned,
                    used,
                    cap.perDay(),
                    e.getValue().truncatedTo(ChronoUnit.SECONDS),
                    human(Duration.between(now, e.getValue()))));
        }
        return s.toString();
    }

    /** {@code calls} over a cap, to one decimal, at least 0.1 when there is any. */
    private static String ratio(long calls, int cap) {
        double value = (double) calls / cap;
        return calls == 0 ? "0" : String.format(Locale.ROOT, "%.1f", Math.max(0.1, Math.ceil(value * 10) / 10));
    }

    /** A duration as a person reads it: 2 d 3 h, 4 h 12 min, 3 min 5 s, 12 s. */
    static String human(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds >= 86_400) {
            return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
        }
        if (seconds >= 3600) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        if (seconds >= 60) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds + " s";
    }

    static String key(SyncKey key) {
        return key.type().wire() + " " + key.entityId() + " (" + key.target().wire() + ")";
    }
}
