package io.zohosync.adapters.postgres.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.sync.RecordStore;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.StoredEntity;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Group commit (issue 14): concurrent intake work shares one transaction and one commit, without one member's
 * failure losing the others, without two members of one entity sharing a transaction, and without any member
 * answered before the commit made it durable.
 */
class GroupCommitTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private static Vertx vertx;
    private static PostgresAdapters pg;
    private static Pool pool;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pg = await(PostgresAdapters.start(vertx, PostgresFixture.shared().settings()));
        pool = pg.pool();
    }

    @AfterAll
    static void stop() throws Exception {
        await(pg.close());
        await(vertx.close());
    }

    @Test
    void members_submitted_while_a_group_runs_share_the_next_transaction_and_are_all_durable() throws Exception {
        GroupCommit groups = new GroupCommit(pool, 1);
        Promise<Void> release = Promise.promise();
        String run = UUID.randomUUID().toString();
        Future<Long> first = groups.submit(
                Set.of("entity:first-" + run),
                tx -> release.future().compose(x -> save(tx, ref(run + "-first"), 1, "first")));
        List<Future<Long>> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            EntityRef ref = ref(run + "-" + i);
            burst.add(groups.submit(Set.of("entity:" + ref), tx -> save(tx, ref, 1, "burst")));
        }
        release.complete();

        long firstTx = await(first);
        List<Long> txs = new ArrayList<>();
        for (Future<Long> member : burst) {
            txs.add(await(member));
        }
        assertThat(txs).as("the burst's transactions").containsOnly(txs.get(0)).doesNotContain(firstTx);
        for (int i = 0; i < 10; i++) {
            assertThat(version(ref(run + "-" + i))).isEqualTo(1);
        }
    }

    @Test
    void one_failing_member_fails_alone_and_the_others_of_its_group_are_stored() throws Exception {
        GroupCommit groups = new GroupCommit(pool, 1);
        Promise<Void> release = Promise.promise();
        String run = UUID.randomUUID().toString();
        Future<Long> holder = groups.submit(
                Set.of("entity:holder-" + run),
                tx -> release.future().compose(x -> save(tx, ref(run + "-holder"), 1, "holder")));
        List<Future<Long>> members = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            EntityRef ref = ref(run + "-" + i);
            Function<IntakeTransaction, Future<Long>> work = i == 3
                    ? tx -> save(tx, ref, 1, "bad")
                            .compose(x -> ((PgIntakeTransaction) tx)
                                    .connection()
                                    .query("select 1 / 0")
                                    .execute()
                                    .map(0L))
                    : tx -> {
                        runs.incrementAndGet();
                        return save(tx, ref, 1, "good");
                    };
            members.add(groups.submit(Set.of("entity:" + ref), work));
        }
        release.complete();
        await(holder);

        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                Future<Long> bad = members.get(i);
                assertThatThrownBy(() -> await(bad)).hasMessageContaining("division by zero");
                assertThat(version(ref(run + "-" + i)))
                        .as("the failing member's own write")
                        .isZero();
            } else {
                await(members.get(i));
                assertThat(version(ref(run + "-" + i))).isEqualTo(1);
            }
        }
        assertThat(runs)
                .as("the good members ran in the shared transaction, then each alone")
                .hasValue(10);
    }

    @Test
    void the_same_entity_twice_in_one_burst_takes_turns_and_ends_with_the_later_version() throws Exception {
        GroupCommit groups = new GroupCommit(pool, 4);
        EntityRef ref = ref(UUID.randomUUID().toString());
        Future<Long> earlier = groups.submit(Set.of("entity:" + ref), tx -> bump(tx, ref, "earlier"));
        Future<Long> later = groups.submit(Set.of("entity:" + ref), tx -> bump(tx, ref, "later"));

        assertThat(await(earlier)).as("one transaction each").isNotEqualTo(await(later));
        StoredEntity stored = await(pg.entities().find(ref)).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.payload()).containsEntry("by", "later");
    }

    @Test
    void nothing_is_answered_before_the_shared_commit() throws Exception {
        GroupCommit groups = new GroupCommit(pool, 1);
        Promise<Void> first = Promise.promise();
        Promise<Void> release = Promise.promise();
        String run = UUID.randomUUID().toString();
        Future<Long> holder = groups.submit(
                Set.of("entity:holder-" + run),
                tx -> first.future().compose(x -> save(tx, ref(run + "-holder"), 1, "holder")));
        // these two share the next group: the quick one's work is done long before its group commits
        Future<Long> blocker = groups.submit(
                Set.of("entity:blocker-" + run),
                tx -> release.future().compose(x -> save(tx, ref(run + "-blocker"), 1, "blocker")));
        Promise<Void> quickDone = Promise.promise();
        Future<Long> quick = groups.submit(
                Set.of("entity:quick-" + run),
                tx -> save(tx, ref(run + "-quick"), 1, "quick").onSuccess(x -> quickDone.complete()));
        first.complete();
        await(holder);

        await(quickDone.future());
        assertThat(quick.isComplete())
                .as("answered while its group is still open")
                .isFalse();
        assertThat(version(ref(run + "-quick")))
                .as("seen from outside before the commit")
                .isZero();

        release.complete();
        assertThat(await(quick)).as("one transaction").isEqualTo(await(blocker));
        assertThat(version(ref(run + "-quick"))).isEqualTo(1);
    }

    /**
     * Two instances (two pools, two group commits) whose groups share 20 entities, submitted in opposite orders and
     * started at once: each group locks them in key order, so neither waits for a lock the other waits on, and each
     * commits once (a deadlock would roll one group back, and its members would each run again alone).
     */
    @Test
    void two_instances_groups_sharing_entities_in_opposite_orders_each_commit_once() throws Exception {
        Pool other = PostgresAdapters.pool(vertx, PostgresFixture.shared().settings());
        try {
            GroupCommit one = new GroupCommit(pool, 1);
            GroupCommit two = new GroupCommit(other, 1);
            String run = UUID.randomUUID().toString();
            List<EntityRef> refs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                refs.add(ref(run + "-" + String.format("%02d", i)));
            }
            Promise<Void> go = Promise.promise();
            Future<Long> holdOne = one.submit(
                    Set.of("entity:hold-one-" + run), tx -> go.future().map(0L));
            Future<Long> holdTwo = two.submit(
                    Set.of("entity:hold-two-" + run), tx -> go.future().map(0L));
            List<Future<Long>> ones = new ArrayList<>();
            List<Future<Long>> twos = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                EntityRef up = refs.get(i);
                EntityRef down = refs.get(refs.size() - 1 - i);
                ones.add(one.submit(Set.of("entity:" + up), tx -> bump(tx, up, "one")));
                twos.add(two.submit(Set.of("entity:" + down), tx -> bump(tx, down, "two")));
            }
            go.complete();
            await(holdOne);
            await(holdTwo);

            List<Long> oneTxs = new ArrayList<>();
            List<Long> twoTxs = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                oneTxs.add(await(ones.get(i)));
                twoTxs.add(await(twos.get(i)));
            }
            assertThat(oneTxs).as("the first instance's group").containsOnly(oneTxs.get(0));
            assertThat(twoTxs).as("the second instance's group").containsOnly(twoTxs.get(0));
            for (EntityRef ref : refs) {
                assertThat(version(ref)).isEqualTo(2);
            }
        } finally {
            await(other.close());
        }
    }

    @Test
    void a_group_whose_commit_fails_answers_no_member_with_success() throws Exception {
        GroupCommit groups = new GroupCommit(pool, 1);
        EntityRef ref = ref(UUID.randomUUID().toString());
        // a deferred constraint fails at COMMIT, after every member's work succeeded
        Future<Long> member = groups.submit(Set.of("entity:" + ref), tx -> {
            var conn = ((PgIntakeTransaction) tx).connection();
            return conn.query(
                            "create temp table if not exists commit_fails (v int unique deferrable initially deferred)"
                                    + " on commit delete rows")
                    .execute()
                    .compose(x -> conn.query("insert into commit_fails values (1), (1)")
                            .execute())
                    .compose(x -> save(tx, ref, 1, "doomed"));
        });

        assertThatThrownBy(() -> await(member)).hasMessageContaining("commit_fails");
        assertThat(version(ref)).isZero();
    }

    /**
     * Issue 14, goal 1: a group's members take the intake's steps together, each step one statement over all of them
     * ({@link Steps}). A batched statement that failed would send every member to a transaction of its own, so the
     * members' one shared transaction is what shows the batched steps ran; the rows show they stored what each asked,
     * for new entities and for known ones.
     */
    @Test
    void a_groups_intake_steps_run_together_in_its_one_transaction_and_store_each_members_own() throws Exception {
        GroupCommit groups = new GroupCommit(pool, 1);
        String run = UUID.randomUUID().toString();
        List<EntityRef> refs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            refs.add(ref(run + "-" + i));
        }
        for (int round = 1; round <= 2; round++) {
            Promise<Void> release = Promise.promise();
            Future<Long> holder = groups.submit(
                    Set.of("entity:hold-" + run), tx -> release.future().map(0L));
            List<Future<Intook>> members = new ArrayList<>();
            for (EntityRef ref : refs) {
                String by = "round-" + round + "-" + ref.id();
                members.add(groups.submit(Set.of("entity:" + ref), tx -> intake(tx, ref, by)));
            }
            release.complete();
            await(holder);

            Set<Long> txs = new java.util.HashSet<>();
            for (int i = 0; i < refs.size(); i++) {
                Intook intook = await(members.get(i));
                txs.add(intook.tx());
                assertThat(intook.stored())
                        .as("what member %d found", i)
                        .isEqualTo(round == 1 ? Optional.empty() : Optional.of(1));
                assertThat(intook.records())
                        .as("the records member %d found", i)
                        .isEqualTo(round == 1 ? Set.of() : Set.of(SyncTarget.BOOKS));
                assertThat(intook.locked())
                        .as("the record member %d locked", i)
                        .isEqualTo(round == 1 ? Optional.empty() : Optional.of(SyncStatus.PENDING));
            }
            assertThat(txs).as("the members' transactions").hasSize(1);
        }
        for (EntityRef ref : refs) {
            assertThat(version(ref)).isEqualTo(2);
            var row = await(pool.preparedQuery("""
                                    select e.payload->>'by' as by, r.status, r.reason, j.run_at is not null as queued,
                                           (select string_agg(l.event, ',' order by l.id) from sync_log l
                                             where l.entity_type = r.entity_type and l.entity_id = r.entity_id
                                               and l.target = r.target) as events
                                    from platform_entities e
                                    join sync_records r using (entity_type, entity_id)
                                    join sync_jobs j using (entity_type, entity_id, target)
                                    where e.entity_type = $1 and e.entity_id = $2""").execute(Tuple.of(ref.type().wire(), ref.id())))
                    .iterator()
                    .next();
            assertThat(row.getString("by")).isEqualTo("round-2-" + ref.id());
            assertThat(row.getString("status")).isEqualTo("pending");
            assertThat(row.getString("reason")).isEqualTo("changed by round-2-" + ref.id());
            assertThat(row.getBoolean("queued")).isTrue();
            assertThat(row.getString("events")).isEqualTo("registered,changed");
        }
    }

    /**
     * The batching itself: ten members' intake steps on one shared transaction, begun as the group commit begins its
     * own (from a thread outside Vert.x, in the pool's transaction callback), go to PostgreSQL as one statement per
     * step, eight in all, not eighty.
     */
    @Test
    void ten_members_intake_steps_are_eight_statements() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Intook> intook = await(pool.withTransaction(conn -> {
            assertThat(Vertx.currentContext())
                    .as("the context a group's steps wait for a turn's end on")
                    .isNotNull();
            SqlConnection counted = (SqlConnection) Proxy.newProxyInstance(
                    SqlConnection.class.getClassLoader(),
                    new Class<?>[] {SqlConnection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("preparedQuery")) {
                            sent.add((String) args[0]);
                        }
                        try {
                            return method.invoke(conn, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            PgIntakeTransaction tx = PgIntakeTransaction.shared(counted, Vertx.currentContext());
            List<Future<Intook>> members = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                members.add(intake(tx, ref(run + "-" + i), "counted"));
            }
            return Future.all(members)
                    .map(all -> members.stream().map(Future::result).toList());
        }));

        assertThat(intook).extracting(Intook::tx).containsOnly(intook.get(0).tx());
        assertThat(sent).as("the statements sent").hasSize(8);
        for (int i = 0; i < 10; i++) {
            assertThat(version(ref(run + "-" + i))).isEqualTo(1);
        }
    }

    /**
     * A group whose members store both kinds of change: a waiting record made pending has waits to drop, so its
     * store is a statement of its own, sent at once beside the others' batched store. Each record ends as it would
     * alone: pending with a job, and the waiting one's waits gone.
     */
    @Test
    void a_waiting_records_waits_are_dropped_beside_the_batched_stores() throws Exception {
        String run = UUID.randomUUID().toString();
        SyncKey waiting = new SyncKey(EntityType.INVOICE, "group-inv-" + run, SyncTarget.BOOKS);
        SyncState waits = new SyncState(SyncStatus.WAITING, 0, NOW, null, null, null, "waits for its customer");
        await(pool.withTransaction(conn -> RecordStore.store(conn, waiting, Optional.empty(), waits, "waiting", NOW)
                .compose(x -> conn.preparedQuery("insert into sync_waits"
                                + " (entity_type, entity_id, target, needs_type, needs_id, needs_target, since)"
                                + " values ($1, $2, $3, 'customer', $4, 'books', now())")
                        .execute(Tuple.of("invoice", waiting.entityId(), "books", "group-" + run)))));
        List<SyncKey> fresh =
                List.of(ref(run + "-a").at(SyncTarget.BOOKS), ref(run + "-b").at(SyncTarget.BOOKS));

        await(pool.withTransaction(conn -> {
            PgIntakeTransaction tx = PgIntakeTransaction.shared(conn, Vertx.currentContext());
            List<Future<Void>> stores = new ArrayList<>();
            stores.add(tx.lockRecord(waiting).compose(before -> {
                assertThat(before).map(SyncState::status).contains(SyncStatus.WAITING);
                return tx.storeRecord(
                        waiting,
                        before,
                        new SyncState(SyncStatus.PENDING, 0, NOW, null, null, null, "ready"),
                        "ready",
                        NOW);
            }));
            for (SyncKey key : fresh) {
                stores.add(tx.lockRecord(key)
                        .compose(before -> tx.storeRecord(key, before, SyncState.pending(NOW), "registered", NOW)));
            }
            return Future.all(stores);
        }));

        for (SyncKey key : List.of(waiting, fresh.get(0), fresh.get(1))) {
            assertThat(count(
                            "select count(*) from sync_records where entity_type = $1 and entity_id = $2"
                                    + " and target = $3 and status = 'pending'",
                            key))
                    .as("%s pending", key)
                    .isEqualTo(1);
            assertThat(count(
                            "select count(*) from sync_jobs where entity_type = $1 and entity_id = $2"
                                    + " and target = $3",
                            key))
                    .as("%s's job", key)
                    .isEqualTo(1);
        }
        assertThat(count(
                        "select count(*) from sync_waits where entity_type = $1 and entity_id = $2"
                                + " and target = $3",
                        waiting))
                .as("the waits of the record no longer waiting")
                .isZero();
    }

    /**
     * A member whose part of a batched statement PostgreSQL refuses (a version below 1 breaks the entity's check)
     * fails that statement for the whole group: the group rolls back, every member runs alone, and only that member
     * fails.
     */
    @Test
    void a_member_refused_inside_a_batched_statement_fails_alone_and_the_others_are_stored() throws Exception {
        GroupCommit groups = new GroupCommit(pool, 1);
        String run = UUID.randomUUID().toString();
        Promise<Void> release = Promise.promise();
        Future<Long> holder = groups.submit(
                Set.of("entity:hold-" + run), tx -> release.future().map(0L));
        List<Future<Long>> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EntityRef ref = ref(run + "-" + i);
            int version = i == 2 ? 0 : 1;
            members.add(groups.submit(Set.of("entity:" + ref), tx -> save(tx, ref, version, "member")));
        }
        release.complete();
        await(holder);

        Set<Long> txs = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            if (i == 2) {
                Future<Long> refused = members.get(i);
                assertThatThrownBy(() -> await(refused)).hasMessageContaining("platform_entities_version_check");
                assertThat(version(ref(run + "-" + i))).isZero();
            } else {
                txs.add(await(members.get(i)));
                assertThat(version(ref(run + "-" + i))).isEqualTo(1);
            }
        }
        assertThat(txs)
                .as("each good member's own transaction, once the group failed")
                .hasSize(5);
        assertThat(groups.counts())
                .as("the holder's group committed, the six members' rolled back")
                .isEqualTo(new IntakeGroups(1, 1));
    }

    /**
     * The batched look-ups probe the key's index once per key in every plan, the generic one PostgreSQL caches
     * included, even on a table never analyzed: a join of the keys would scan the whole table per group there.
     */
    @Test
    void the_batched_look_ups_probe_an_index_per_key_in_the_cached_plan_too() throws Exception {
        Map<String, String> lookups = Map.of(
                "LOCK_ENTITIES", PgIntakeTransaction.LOCK_ENTITIES,
                "AWAITED_ALL", PgIntakeTransaction.AWAITED_ALL,
                "RECORDS_ALL", PgIntakeTransaction.RECORDS_ALL,
                "LOCK_RECORDS", PgIntakeTransaction.LOCK_RECORDS);
        for (Map.Entry<String, String> lookup : lookups.entrySet()) {
            boolean threeKeys = lookup.getValue().contains("$3");
            String plan = await(pool.withTransaction(conn -> conn.query(
                            "set local plan_cache_mode = force_generic_plan")
                    .execute()
                    .compose(x -> conn.query("prepare lookup(text[], text[]" + (threeKeys ? ", text[]" : "") + ") as "
                                    + lookup.getValue())
                            .execute())
                    .compose(x -> conn.query("explain execute lookup('{customer}', '{someone}'"
                                    + (threeKeys ? ", '{books}'" : "") + ")")
                            .execute())
                    .map(rows -> {
                        StringBuilder text = new StringBuilder();
                        rows.forEach(row -> text.append(row.getString(0)).append('\n'));
                        return text.toString();
                    })
                    .eventually(() -> conn.query("deallocate lookup").execute())));
            assertThat(plan)
                    .as(lookup.getKey())
                    .doesNotContain("Seq Scan", "Hash Join")
                    .contains("Index");
        }
    }

    /** What one member of {@link #a_groups_intake_steps_run_together_in_its_one_transaction_and_store_each_members_own} saw. */
    private record Intook(long tx, Optional<Integer> stored, Set<SyncTarget> records, Optional<SyncStatus> locked) {}

    /** The intake's steps for one entity, in its order: lock, then save with the reads, then the record. */
    private static Future<Intook> intake(IntakeTransaction tx, EntityRef ref, String by) {
        return tx.lockEntity(ref).compose(stored -> {
            Future<Void> saved = tx.saveEntity(
                    new StoredEntity(
                            ref,
                            Map.of("by", by),
                            stored.map(s -> s.version() + 1).orElse(1),
                            "hash-" + by,
                            NOW,
                            NOW),
                    NOW);
            Future<Set<SyncTarget>> awaited = tx.awaitedAt(ref);
            Future<Map<SyncTarget, SyncState>> records = tx.records(ref);
            SyncKey key = ref.at(SyncTarget.BOOKS);
            return Future.all(saved, awaited, records)
                    .compose(x -> tx.lockRecord(key))
                    .compose(before -> {
                        SyncState next =
                                new SyncState(SyncStatus.PENDING, 0, NOW, null, null, null, "changed by " + by);
                        return tx.storeRecord(key, before, next, before.isEmpty() ? "registered" : "changed", NOW)
                                .compose(x -> txid(tx))
                                .map(id -> new Intook(
                                        id,
                                        stored.map(StoredEntity::version),
                                        records.result().keySet(),
                                        before.map(SyncState::status)));
                    });
        });
    }

    private static EntityRef ref(String id) {
        return new EntityRef(EntityType.CUSTOMER, "group-" + id);
    }

    /** Saves the entity at {@code version}; the id of the transaction it ran in. */
    private static Future<Long> save(IntakeTransaction tx, EntityRef ref, int version, String by) {
        return tx.saveEntity(new StoredEntity(ref, Map.of("by", by), version, "hash-" + by, NOW, NOW), NOW)
                .compose(x -> txid(tx));
    }

    /** Locks the entity and stores its next version, as the intake does. */
    private static Future<Long> bump(IntakeTransaction tx, EntityRef ref, String by) {
        return tx.lockEntity(ref)
                .compose(stored ->
                        save(tx, ref, stored.map(s -> s.version() + 1).orElse(1), by));
    }

    private static Future<Long> txid(IntakeTransaction tx) {
        return ((PgIntakeTransaction) tx)
                .connection()
                .query("select txid_current() as id")
                .execute()
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    private static long count(String sql, SyncKey key) throws Exception {
        return await(pool.preparedQuery(sql)
                        .execute(Tuple.of(
                                key.type().wire(), key.entityId(), key.target().wire())))
                .iterator()
                .next()
                .getLong(0);
    }

    private static int version(EntityRef ref) throws Exception {
        var rows = await(
                pool.preparedQuery("select version from platform_entities where entity_type = $1 and entity_id = $2")
                        .execute(Tuple.of(ref.type().wire(), ref.id())));
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger("version");
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
