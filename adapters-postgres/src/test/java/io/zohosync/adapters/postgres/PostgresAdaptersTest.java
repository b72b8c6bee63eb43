package io.zohosync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.flows.item.ItemMapping;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.ClaimedJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only the Postgres adapter must show beyond the ports' contract: concurrent claims, LISTEN/NOTIFY, the schema. */
@ExtendWith(VertxExtension.class)
class PostgresAdaptersTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final SyncStateMachine MACHINE = new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(3));
    private static PostgresAdapters pg;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        pg = await(PostgresAdapters.start(vertx, PostgresFixture.shared().settings()));
    }

    @AfterAll
    static void stop() throws Exception {
        await(pg.close());
    }

    @Test
    void two_workers_claiming_at_once_never_take_the_same_job() throws Exception {
        for (int i = 0; i < 20; i++) {
            enqueueNew();
        }
        Instant at = Instant.now();
        var a = claim("w1-" + UUID.randomUUID(), at);
        var b = claim("w2-" + UUID.randomUUID(), at);
        List<ClaimedJob> first = await(a);
        List<ClaimedJob> second = await(b);
        assertThat(first)
                .extracting(ClaimedJob::jobId)
                .doesNotContainAnyElementsOf(
                        second.stream().map(ClaimedJob::jobId).toList());
        assertThat(first.size()).isLessThanOrEqualTo(15);
        assertThat(second.size()).isLessThanOrEqualTo(15);
        releaseAll(first, at);
        releaseAll(second, at);
    }

    @Test
    void a_new_job_signals_listening_workers_at_once() throws Exception {
        var signals = pg.jobSignals();
        var signalled = new CompletableFuture<Void>();
        await(signals.listen(() -> signalled.complete(null)));
        try {
            enqueueNew();
            signalled.get(5, TimeUnit.SECONDS);
        } finally {
            await(signals.close());
        }
    }

    @Test
    void a_queued_job_carries_its_entity_types_priority() throws Exception {
        String sku = enqueueNew();
        var row = await(pg.pool()
                        .preparedQuery("select priority from sync_jobs where entity_type = $1 and entity_id = $2")
                        .execute(Tuple.of(EntityType.ITEM.wire(), sku)))
                .iterator()
                .next();
        assertThat(row.getInteger("priority")).isEqualTo(EntityType.ITEM.priority());
    }

    @Test
    void intake_admin_actions_claims_and_outcomes_racing_on_the_same_records_neither_deadlock_nor_break_a_rule(
            Vertx vertx) throws Exception {
        PostgresAdapters own =
                await(PostgresAdapters.start(vertx, PostgresFixture.shared().newDatabase()));
        try {
            IntakeService intake = new IntakeService(
                    own.intake(),
                    List.of(new CustomerMapping()),
                    new Routing(Map.of(EntityType.CUSTOMER, List.of(SyncTarget.CRM, SyncTarget.BOOKS))),
                    MACHINE,
                    Clock.systemUTC());
            List<String> ids = List.of("race-1", "race-2", "race-3");
            List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (int round = 0; round < 25; round++) {
                Instant at = Instant.now();
                String worker = "racer-" + round;
                List<Future<?>> all = new java.util.ArrayList<>();
                for (String id : ids) {
                    all.add(intake.record(new Command(
                            EntityType.CUSTOMER,
                            id,
                            Map.of("last_name", "Racer", "email", id + "-" + round + "@example.com"),
                            null,
                            null)));
                    SyncEvent admin = round % 2 == 0 ? new SyncEvent.AdminLink("z-" + id) : new SyncEvent.AdminUnlink();
                    all.add(own.syncRecords()
                            .change(
                                    new io.zohosync.domain.entity.SyncKey(EntityType.CUSTOMER, id, SyncTarget.BOOKS),
                                    "admin",
                                    st -> MACHINE.apply(st, admin, at),
                                    at));
                }
                all.add(own.syncJobs()
                        .claimDue(
                                worker,
                                10,
                                LEASE,
                                at,
                                st -> MACHINE.apply(st, new SyncEvent.Claimed(worker, at.plus(LEASE)), at))
                        .compose(jobs -> Future.join(jobs.stream()
                                .map(job -> own.syncJobs()
                                        .complete(
                                                job,
                                                "created",
                                                List.of(),
                                                at,
                                                st -> MACHINE.apply(
                                                        st,
                                                        new SyncEvent.Succeeded(
                                                                "z-" + job.key().entityId()),
                                                        at)))
                                .toList())));
                Future.join(all)
                        .toCompletionStage()
                        .toCompletableFuture()
                        .handle((ok, error) -> null)
                        .get(30, TimeUnit.SECONDS);
                all.stream().filter(Future::failed).forEach(f -> failures.add(f.cause()));
            }
            assertThat(failures)
                    .as("no transaction failed (a deadlock aborts one)")
                    .isEmpty();
            var records = await(own.pool()
                            .query(
                                    "select count(*) filter (where status in ('synced', 'manual', 'failed', 'skipped') and exists (select 1 from sync_jobs j "
                                            + "where j.entity_id = r.entity_id and j.target = r.target)) as settled_with_job from sync_records r")
                            .execute())
                    .iterator()
                    .next();
            assertThat(records.getLong("settled_with_job"))
                    .as("a settled record has no job")
                    .isZero();
        } finally {
            await(own.close());
        }
    }

    private static Future<List<ClaimedJob>> claim(String worker, Instant at) {
        return pg.syncJobs()
                .claimDue(
                        worker,
                        15,
                        LEASE,
                        at,
                        s -> MACHINE.apply(s, new SyncEvent.Claimed(worker, at.plus(LEASE)), at));
    }

    private static void releaseAll(List<ClaimedJob> jobs, Instant at) throws Exception {
        for (ClaimedJob job : jobs) {
            await(pg.syncJobs()
                    .releaseAll(job.workerId(), at, s -> MACHINE.apply(s, new SyncEvent.LeaseReleased(), at)));
        }
    }

    private static String enqueueNew() throws Exception {
        String sku = "sku-" + UUID.randomUUID();
        IntakeService intake = new IntakeService(
                pg.intake(),
                List.of(new ItemMapping()),
                new Routing(Map.of(EntityType.ITEM, List.of(SyncTarget.BOOKS))),
                MACHINE,
                Clock.systemUTC());
        await(intake.record(new Command(
                EntityType.ITEM, sku, Map.of("name", "Yoga", "rate", "10", "currency", "ZAR"), null, null)));
        return sku;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
