package io.zohosync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.flows.item.ItemMapping;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.RecordEntityUseCase.Outcome;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.StoredEntity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void a_claimed_job_carries_its_entity_as_stored_so_the_worker_reads_it_no_more() throws Exception {
        String sku = enqueueNew();
        Instant at = Instant.now();
        List<ClaimedJob> claimed = claimEveryDue(at);
        try {
            ClaimedJob job = jobOf(claimed, sku);
            StoredEntity stored = await(pg.entities().find(job.key().entity())).orElseThrow();
            assertThat(job.stored()).contains(stored);
            assertThat(stored.payload()).containsEntry("name", "Yoga");
            assertThat(await(pg.entities().of(job))).contains(stored);
        } finally {
            releaseAll(claimed, at);
        }
    }

    @Test
    void what_a_worker_marks_and_records_for_jobs_side_by_side_shares_statements_and_a_lost_lease_loses_only_its_own(
            Vertx vertx) throws Exception {
        List<String> skus = List.of(enqueueNew(), enqueueNew(), enqueueNew());
        Instant at = Instant.now();
        List<ClaimedJob> claimed = claimEveryDue(at);
        try {
            List<ClaimedJob> jobs =
                    skus.stream().map(sku -> jobOf(claimed, sku)).toList();
            // the third one's lease was taken back and given again meanwhile: this worker's copy is stale
            ClaimedJob stale = jobs.get(2);
            List<ClaimedJob> asked = List.of(
                    jobs.get(0),
                    jobs.get(1),
                    new ClaimedJob(
                            stale.jobId(),
                            stale.leaseSeq() + 1,
                            stale.key(),
                            stale.state(),
                            stale.outcomeUnsure(),
                            stale.stored()));
            Context context = vertx.getOrCreateContext();

            List<Boolean> marked = await(onContext(
                    context,
                    () -> Future.all(asked.stream()
                                    .map(job -> pg.syncJobs().markIntent(job, at))
                                    .toList())
                            .map(all -> all.<Boolean>list())));
            List<Optional<SyncState>> recorded = await(onContext(
                    context,
                    () -> Future.all(asked.stream()
                                    .map(job -> pg.syncJobs()
                                            .complete(
                                                    job,
                                                    "created",
                                                    List.of(),
                                                    at,
                                                    st -> MACHINE.apply(
                                                            st, new SyncEvent.Succeeded("z-" + job.jobId()), at)))
                                    .toList())
                            .map(all -> all.<Optional<SyncState>>list())));

            assertThat(marked).containsExactly(true, true, false);
            assertThat(recorded.get(0).map(SyncState::status)).contains(SyncStatus.SYNCED);
            assertThat(recorded.get(1).map(SyncState::status)).contains(SyncStatus.SYNCED);
            assertThat(recorded.get(2))
                    .as("nothing is recorded under a lost lease")
                    .isEmpty();
            var rows = await(pg.pool()
                    .preparedQuery("select entity_id, status, xmin::text as tx, intent_at from sync_records"
                            + " where entity_id = any($1) order by entity_id")
                    .execute(Tuple.of(skus.toArray(String[]::new))));
            Map<String, Row> byId = new java.util.HashMap<>();
            rows.forEach(row -> byId.put(row.getString("entity_id"), row));
            assertThat(byId.get(skus.get(0)).getString("tx"))
                    .as("the two outcomes were stored by one transaction")
                    .isEqualTo(byId.get(skus.get(1)).getString("tx"));
            assertThat(byId.get(skus.get(2)).getString("status")).isEqualTo("syncing");
            assertThat(byId.get(skus.get(2)).getValue("intent_at"))
                    .as("no intent marked under a lost lease")
                    .isNull();
        } finally {
            releaseAll(claimed, at);
        }
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
    void a_listening_connection_the_database_ends_is_logged_not_printed_and_listens_again() throws Exception {
        var signals = pg.jobSignals();
        var signalled = new CompletableFuture<Void>();
        await(signals.listen(() -> signalled.complete(null)));
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // a restart or an administrator ends the LISTEN session
            await(pg.pool()
                    .query("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where query like 'LISTEN%' and datname = current_database()")
                    .execute());
            Thread.sleep(1_500); // the subscriber reconnects after a second
        } finally {
            System.setErr(stderr);
        }
        try {
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .as("nothing outside the log")
                    .isEmpty();
            enqueueNew();
            signalled.get(10, TimeUnit.SECONDS);
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

    /**
     * Issue 14: the intake's groups batch their steps; a burst that mixes every kind of request (new entities, a
     * change, an unchanged body, a replayed Idempotency-Key, a key reused for another entity) is answered, each
     * request, as it would be alone, and stores only what it should.
     */
    @Test
    void a_burst_mixing_every_kind_of_intake_request_answers_each_as_alone() throws Exception {
        IntakeService intake = customersToCrmAndBooks(pg);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> known = Map.of("last_name", "Known", "email", "known-" + run + "@example.com");
        for (String id : List.of("changed", "same", "replayed")) {
            await(intake.record(new Command(
                    EntityType.CUSTOMER,
                    id + "-" + run,
                    known,
                    id.equals("replayed") ? "key-" + run : null,
                    id.equals("replayed") ? "hash-" + run : null)));
        }

        List<Future<Result>> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            burst.add(intake.record(new Command(
                    EntityType.CUSTOMER,
                    "new-" + i + "-" + run,
                    Map.of("last_name", "New " + i, "email", "new-" + i + "-" + run + "@example.com"),
                    null,
                    null)));
        }
        burst.add(intake.record(new Command(
                EntityType.CUSTOMER,
                "changed-" + run,
                Map.of("last_name", "Changed", "email", "known-" + run + "@example.com"),
                null,
                null)));
        burst.add(intake.record(new Command(EntityType.CUSTOMER, "same-" + run, known, null, null)));
        burst.add(
                intake.record(new Command(EntityType.CUSTOMER, "replayed-" + run, known, "key-" + run, "hash-" + run)));
        burst.add(intake.record(new Command(EntityType.CUSTOMER, "other-" + run, known, "key-" + run, "hash-" + run)));

        Map<SyncTarget, SyncStatus> pending =
                Map.of(SyncTarget.CRM, SyncStatus.PENDING, SyncTarget.BOOKS, SyncStatus.PENDING);
        for (int i = 0; i < 6; i++) {
            assertThat(await(burst.get(i)))
                    .isEqualTo(new Result.Recorded(
                            new EntityRef(EntityType.CUSTOMER, "new-" + i + "-" + run), Outcome.CREATED, pending));
        }
        assertThat(await(burst.get(6)))
                .isEqualTo(new Result.Recorded(
                        new EntityRef(EntityType.CUSTOMER, "changed-" + run), Outcome.UPDATED, pending));
        assertThat(await(burst.get(7)))
                .isEqualTo(new Result.Recorded(
                        new EntityRef(EntityType.CUSTOMER, "same-" + run), Outcome.UNCHANGED, pending));
        assertThat(await(burst.get(8)))
                .isEqualTo(new Result.Recorded(
                        new EntityRef(EntityType.CUSTOMER, "replayed-" + run), Outcome.REPLAYED, pending));
        assertThat(await(burst.get(9))).isEqualTo(new Result.KeyReused());

        var stored = await(pg.pool().preparedQuery("""
                        select e.entity_id, e.version,
                               (select count(*) from sync_records r where r.entity_type = e.entity_type
                                   and r.entity_id = e.entity_id) as records,
                               (select count(*) from sync_jobs j where j.entity_type = e.entity_type
                                   and j.entity_id = e.entity_id) as jobs,
                               (select count(*) from sync_log l where l.entity_type = e.entity_type
                                   and l.entity_id = e.entity_id) as logged
                        from platform_entities e where e.entity_type = 'customer' and e.entity_id like $1""").execute(Tuple.of("%-" + run)));
        Map<String, List<Integer>> rows = new java.util.TreeMap<>();
        stored.forEach(row -> rows.put(
                row.getString("entity_id").replace("-" + run, ""),
                List.of(
                        row.getInteger("version"),
                        row.getInteger("records"),
                        row.getInteger("jobs"),
                        row.getInteger("logged"))));
        // version, records, jobs, log lines: the change noted as coalesced into the queued run, on both targets
        assertThat(rows)
                .containsEntry("changed", List.of(2, 2, 2, 4))
                .containsEntry("same", List.of(1, 2, 2, 2))
                .containsEntry("replayed", List.of(1, 2, 2, 2))
                .doesNotContainKey("other")
                .hasSize(9);
        for (int i = 0; i < 6; i++) {
            assertThat(rows).containsEntry("new-" + i, List.of(1, 2, 2, 2));
        }
    }

    @Test
    void intake_admin_actions_claims_and_outcomes_racing_on_the_same_records_neither_deadlock_nor_break_a_rule(
            Vertx vertx) throws Exception {
        PostgresAdapters own =
                await(PostgresAdapters.start(vertx, PostgresFixture.shared().newDatabase()));
        try {
            IntakeService intake = customersToCrmAndBooks(own);
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

    /** The intake of customers, kept in CRM and Books, over {@code adapters}. */
    private static IntakeService customersToCrmAndBooks(PostgresAdapters adapters) {
        return new IntakeService(
                adapters.intake(),
                List.of(new CustomerMapping()),
                new Routing(Map.of(EntityType.CUSTOMER, List.of(SyncTarget.CRM, SyncTarget.BOOKS))),
                MACHINE,
                Clock.systemUTC());
    }

    /** Every due job (the other tests' released ones among them), so that the test's own are claimed. */
    private static List<ClaimedJob> claimEveryDue(Instant at) throws Exception {
        String worker = "w-" + UUID.randomUUID();
        return await(pg.syncJobs()
                .claimDue(
                        worker,
                        10_000,
                        LEASE,
                        at,
                        s -> MACHINE.apply(s, new SyncEvent.Claimed(worker, at.plus(LEASE)), at)));
    }

    private static ClaimedJob jobOf(List<ClaimedJob> claimed, String id) {
        return claimed.stream()
                .filter(j -> j.key().entityId().equals(id))
                .findFirst()
                .orElseThrow();
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

    /** Runs {@code work} on {@code context}, as a worker's jobs run on its event loop. */
    private static <T> Future<T> onContext(Context context, java.util.function.Supplier<Future<T>> work) {
        Promise<T> result = Promise.promise();
        context.runOnContext(x -> work.get().onComplete(result));
        return result.future();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
