package io.zohosync.ports.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.alert.AlertKind;
import io.zohosync.domain.alert.AlertRules;
import io.zohosync.domain.alert.AlertThresholds;
import io.zohosync.domain.alert.Notice;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.alerts.AlertService.Round;
import io.zohosync.ports.in.ReconcileReport;
import io.zohosync.ports.out.AlertChannel;
import io.zohosync.ports.out.ApiUsageReader;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.PlatformOutbox;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.BudgetAccount.Meter;
import io.zohosync.ports.testing.InMemoryPlatformOutbox;
import io.zohosync.ports.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlertServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final FakeHealth health = new FakeHealth();
    private final Map<Meter, Long> calls = new EnumMap<>(Meter.class);
    private final ApiUsageReader usage = since -> {
        assertThat(since).isEqualTo(clock.instant().minus(Duration.ofHours(24)));
        return Future.succeededFuture(Map.copyOf(calls));
    };
    private ReconcileReport lastReport;
    private final FakeChannel mail = new FakeChannel("email");
    private final FakeChannel hook = new FakeChannel("webhook");
    private final AlertService alerts = new AlertService(
            health,
            usage,
            () -> Future.succeededFuture(Optional.ofNullable(lastReport)),
            new AlertRules(new AlertThresholds(2, Duration.ofMinutes(30), 80, Duration.ofMinutes(10))),
            List.of(mail, hook),
            new AlertService.Settings(Map.of(Meter.BOOKS_AND_INVENTORY, 1000, Meter.CRM, 4500), true, "default"),
            clock);

    @Test
    void readsEveryConditionOnce() throws Exception {
        health.failed = 5;
        health.reconnectNeeded = true;
        health.oldestDue = T0.minus(Duration.ofHours(1));
        calls.put(Meter.CRM, 10L);
        calls.put(Meter.BOOKS_AND_INVENTORY, 950L);
        assertThat(await(alerts.conditions(T0)))
                .extracting(c -> c.kind())
                .containsExactly(
                        AlertKind.FAILED_SYNCS,
                        AlertKind.STUCK_SYNCS,
                        AlertKind.RECONNECT_NEEDED,
                        AlertKind.BUDGET_NEARLY_SPENT);
        assertThat(health.connectionAsked).isEqualTo("default");
    }

    @Test
    void eachChannelHearsOfAnIncidentOnceAndOfItsResolution() throws Exception {
        health.failed = 3;
        Round first = await(alerts.evaluate());
        assertThat(first.sent()).extracting(AlertService.Sent::channel).containsExactly("email", "webhook");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(await(alerts.evaluate()).sent()).isEmpty();
        }
        health.failed = 0;
        clock.advance(Duration.ofMinutes(1));
        assertThat(await(alerts.evaluate()).sent()).isEmpty(); // clear, quiet period running
        clock.advance(Duration.ofMinutes(10));
        assertThat(await(alerts.evaluate()).sent())
                .extracting(s -> s.notice().type())
                .containsExactly(Notice.Type.RESOLVED, Notice.Type.RESOLVED);
        assertThat(mail.received)
                .extracting(Notice::subject)
                .containsExactly(
                        "[zoho-sync] 3 syncs failed and wait for an admin",
                        "[zoho-sync] Resolved: 3 syncs failed and wait for an admin");
        assertThat(hook.received).hasSize(2);
    }

    @Test
    void driftLeftByReconciliationIsOneIncidentResolvedByACleanReport() throws Exception {
        lastReport = report(7, 3, 1);
        assertThat(await(alerts.evaluate()).sent())
                .extracting(s -> s.notice().subject())
                .containsExactly(
                        "[zoho-sync] Reconciliation left 2 drifts between the platform and Zoho",
                        "[zoho-sync] Reconciliation left 2 drifts between the platform and Zoho");
        lastReport = report(8, 2, 0); // a later report still leaves drift: the same incident
        clock.advance(Duration.ofMinutes(1));
        assertThat(await(alerts.evaluate()).sent()).isEmpty();
        lastReport = report(9, 0, 0);
        clock.advance(Duration.ofMinutes(11));
        assertThat(await(alerts.evaluate()).sent()).isEmpty(); // clear, quiet period running
        clock.advance(Duration.ofMinutes(10));
        assertThat(await(alerts.evaluate()).sent())
                .extracting(s -> s.notice().type())
                .containsExactly(Notice.Type.RESOLVED, Notice.Type.RESOLVED);
        assertThat(mail.received).hasSize(2);
    }

    private ReconcileReport report(long id, long drifts, long repaired) {
        return new ReconcileReport(
                id,
                clock.instant(),
                clock.instant(),
                List.of(EntityType.CUSTOMER),
                ReconcileReport.Status.FINISHED,
                10,
                1,
                drifts,
                drifts,
                repaired,
                null);
    }

    @Test
    void aChannelThatFailedIsToldAgainWithoutTheOtherHearingTwice() throws Exception {
        health.reconnectNeeded = true;
        hook.failing = true;
        Round first = await(alerts.evaluate());
        assertThat(first.sent()).extracting(AlertService.Sent::channel).containsExactly("email");
        assertThat(first.failed()).singleElement().satisfies(f -> {
            assertThat(f.channel()).isEqualTo("webhook");
            assertThat(f.reason()).isEqualTo("connection refused");
        });
        hook.failing = false;
        clock.advance(Duration.ofMinutes(1));
        Round second = await(alerts.evaluate());
        assertThat(second.sent()).extracting(AlertService.Sent::channel).containsExactly("webhook");
        assertThat(second.failed()).isEmpty();
        assertThat(mail.received).hasSize(1);
        assertThat(hook.received)
                .singleElement()
                .satisfies(n -> assertThat(n.openedAt()).isEqualTo(T0));
    }

    @Test
    void anUnreadableDatabaseFailsTheRoundAndChangesNoBook() throws Exception {
        health.failed = 3;
        health.down = true;
        assertThat(alerts.evaluate().toCompletionStage().toCompletableFuture()).failsWithin(5, TimeUnit.SECONDS);
        health.down = false;
        assertThat(await(alerts.evaluate()).sent()).hasSize(2);
    }

    @Test
    void thePreviewSaysWhatWouldBeSentAndSendsNothing() throws Exception {
        calls.put(Meter.BOOKS_AND_INVENTORY, 800L);
        List<Notice> preview = await(alerts.preview());
        assertThat(preview).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(Notice.Type.OPENED);
            assertThat(n.subject())
                    .isEqualTo("[zoho-sync] Zoho API budget of BOOKS_AND_INVENTORY nearly spent: 80 % of the day");
        });
        assertThat(mail.received).isEmpty();
        // the books are untouched: the service's own evaluation still announces it
        assertThat(await(alerts.evaluate()).sent()).hasSize(2);
    }

    @Test
    void aDisabledSyncIsNotStuck() throws Exception {
        AlertService disabled = new AlertService(
                health,
                usage,
                () -> Future.succeededFuture(Optional.empty()),
                new AlertRules(new AlertThresholds(2, Duration.ofMinutes(30), 80, Duration.ofMinutes(10))),
                List.of(mail),
                new AlertService.Settings(Map.of(), false, "default"),
                clock);
        health.oldestDue = T0.minus(Duration.ofHours(5));
        assertThat(await(disabled.conditions(T0))).isEmpty();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void deadOutboundWebhooksAreAnIncidentUntilNoneIsDead() throws Exception {
        InMemoryPlatformOutbox outbox = new InMemoryPlatformOutbox(clock);
        alerts.watching(outbox);
        assertThat(await(alerts.conditions(T0))).isEmpty();
        await(outbox.publish(new PlatformMessage("stock.changed", "stock:W-1", Map.of("sku", "W-1"), T0)));
        long id = await(outbox.claim("w", 1, T0, Duration.ofMinutes(1))).get(0).id();
        await(outbox.record(
                id, "w", new PlatformOutbox.Attempt(8, T0, 500, "HTTP 500", 1), PlatformOutbox.Result.DEAD));

        assertThat(await(alerts.conditions(T0))).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(AlertKind.DEAD_DELIVERIES);
            assertThat(c.summary()).isEqualTo("1 webhook to the platform could not be delivered");
            assertThat(c.detail()).contains("/admin/api/deliveries?status=dead");
        });

        await(outbox.retryNow(id, T0));
        assertThat(await(alerts.conditions(T0))).as("pending again").isEmpty();
    }

    private static final class FakeHealth implements SyncHealthReader {
        long failed;
        Instant oldestDue;
        boolean reconnectNeeded;
        boolean down;
        String connectionAsked;

        @Override
        public Future<Activity> activity(Instant now) {
            if (down) {
                return Future.failedFuture("database down");
            }
            return Future.succeededFuture(
                    new Activity(Map.of(SyncStatus.FAILED, failed), oldestDue == null ? 0 : 1, oldestDue, null));
        }

        @Override
        public Future<StoredConnection> connection(String connectionId) {
            connectionAsked = connectionId;
            return Future.succeededFuture(new StoredConnection(true, reconnectNeeded, null));
        }

        /** Alerts read no sample (that is {@code health}'s integrity check): none. */
        @Override
        public Future<List<Linked>> sample(int size) {
            return Future.succeededFuture(List.of());
        }
    }

    private static final class FakeChannel implements AlertChannel {
        final String name;
        final List<Notice> received = new ArrayList<>();
        boolean failing;

        FakeChannel(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Future<Void> send(Notice notice) {
            if (failing) {
                return Future.failedFuture("connection refused");
            }
            received.add(notice);
            return Future.succeededFuture();
        }
    }
}
