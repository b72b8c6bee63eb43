package io.zohosync.ports.alerts;

import io.vertx.core.Future;
import io.zohosync.domain.alert.AlertBook;
import io.zohosync.domain.alert.AlertRules;
import io.zohosync.domain.alert.Condition;
import io.zohosync.domain.alert.Notice;
import io.zohosync.ports.out.AlertChannel;
import io.zohosync.ports.out.ApiUsageReader;
import io.zohosync.ports.out.PlatformOutbox;
import io.zohosync.ports.out.ReconcileHistory;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.BudgetAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts (issue 12, item 14): reads what the service knows of itself (its queue, its Zoho connection, the calls its
 * budget counted), turns it into {@link Condition}s by the {@link AlertRules}, and tells each {@link AlertChannel}
 * what its {@link AlertBook} says is due: an incident once when it opens, once when it is resolved. Each channel keeps
 * its own book, so a channel that failed is told again without the others hearing twice. The books live in memory: a
 * restarted service announces the incidents still open once more.
 * Drift that the newest reconciliation left is one more condition.
 */
public final class AlertService {

    /**
     * {@code perDay}: each meter's daily allowance, as the budget is configured; {@code syncEnabled}: whether work
     * waiting is waiting on purpose; {@code connectionId}: the Zoho connection whose tokens are watched.
     */
    public record Settings(Map<BudgetAccount.Meter, Integer> perDay, boolean syncEnabled, String connectionId) {
        public Settings {
            perDay = Map.copyOf(perDay);
        }
    }

    /** What one evaluation did: notices each channel took, and the ones it refused with why. */
    public record Round(List<Sent> sent, List<Failed> failed) {
        public Round {
            sent = List.copyOf(sent);
            failed = List.copyOf(failed);
        }
    }

    public record Sent(String channel, Notice notice) {}

    public record Failed(String channel, Notice notice, String reason) {}

    private static final Duration DAY = Duration.ofHours(24);

    private final SyncHealthReader health;
    private final ApiUsageReader usage;
    private final ReconcileHistory reconciliations;
    private final AlertRules rules;
    private final Settings settings;
    private final Clock clock;
    private final Map<AlertChannel, AlertBook> books = new LinkedHashMap<>();
    private PlatformOutbox outbox;

    public AlertService(
            SyncHealthReader health,
            ApiUsageReader usage,
            ReconcileHistory reconciliations,
            AlertRules rules,
            List<AlertChannel> channels,
            Settings settings,
            Clock clock) {
        this.health = health;
        this.usage = usage;
        this.reconciliations = reconciliations;
        this.rules = rules;
        this.settings = settings;
        this.clock = clock;
        channels.forEach(c -> books.put(c, new AlertBook(rules.thresholds().quietPeriod())));
    }

    /** Watches the platform's outbox too: dead outbound webhooks are one more condition, after drift. */
    public AlertService watching(PlatformOutbox outbox) {
        this.outbox = outbox;
        return this;
    }

    /**
     * The conditions that hold at {@code now}, in a stable order: queue, connection, budget per meter, drift, dead
     * outbound webhooks (when {@link #watching} the outbox).
     */
    public Future<List<Condition>> conditions(Instant now) {
        List<Condition> holding = new ArrayList<>();
        return health.activity(now)
                .compose(activity -> {
                    holding.addAll(rules.queue(
                            activity.counts(),
                            activity.due(),
                            activity.oldestDueSince(),
                            activity.lastSynced(),
                            settings.syncEnabled(),
                            now));
                    return health.connection(settings.connectionId());
                })
                .compose(connection -> {
                    rules.connection(connection.reconnectNeeded()).ifPresent(holding::add);
                    return usage.callsSince(now.minus(DAY));
                })
                .compose(calls -> {
                    Map<BudgetAccount.Meter, Long> sorted = new EnumMap<>(BudgetAccount.Meter.class);
                    sorted.putAll(calls);
                    sorted.forEach((meter, n) -> rules.budget(
                                    meter.name(), n, settings.perDay().getOrDefault(meter, 0))
                            .ifPresent(holding::add));
                    return reconciliations.latestEnded();
                })
                .compose(report -> {
                    report.flatMap(r -> rules.drift(r.id(), r.left(), r.finishedAt()))
                            .ifPresent(holding::add);
                    return outbox == null ? Future.succeededFuture(0L) : outbox.count(PlatformOutbox.Status.DEAD);
                })
                .map(dead -> {
                    rules.deadDeliveries(dead).ifPresent(holding::add);
                    return List.copyOf(holding);
                });
    }

    /**
     * What a service starting now would send (the {@code alerts --dry-run} command): every condition that holds, as a
     * new incident; sends nothing and changes no book.
     */
    public Future<List<Notice>> preview() {
        Instant now = clock.instant();
        return conditions(now).map(holding -> new AlertBook(rules.thresholds().quietPeriod()).due(holding, now));
    }

    /**
     * One evaluation: reads the conditions once and tells each channel, one notice after another, what it has not
     * been told. Fails only when the conditions cannot be read (then no book changes). Not re-entrant: the caller
     * starts the next evaluation after this one has completed.
     */
    public Future<Round> evaluate() {
        Instant now = clock.instant();
        return conditions(now).compose(holding -> {
            List<Sent> sent = new ArrayList<>();
            List<Failed> failed = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (Map.Entry<AlertChannel, AlertBook> entry : books.entrySet()) {
                AlertChannel channel = entry.getKey();
                AlertBook book = entry.getValue();
                for (Notice notice : book.due(holding, now)) {
                    chain = chain.compose(x -> channel.send(notice)
                            .<Void>map(delivered -> {
                                book.sent(notice);
                                sent.add(new Sent(channel.name(), notice));
                                return null;
                            })
                            .recover(error -> {
                                failed.add(new Failed(channel.name(), notice, reason(error)));
                                return Future.succeededFuture();
                            }));
                }
            }
            return chain.map(x -> new Round(sent, failed));
        });
    }

    private static String reason(Throwable error) {
        return error.getMessage() != null
                ? error.getMessage()
                : error.getClass().getSimpleName();
    }
}
