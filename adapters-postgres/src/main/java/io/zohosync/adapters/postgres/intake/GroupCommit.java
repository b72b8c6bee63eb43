package io.zohosync.adapters.postgres.intake;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.ports.out.IntakeTransaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit (issue 14, goal 1): the work of concurrent intake requests runs in one shared transaction on one
 * connection, the steps its members take together sent as one statement each ({@link Steps}), and is committed by
 * one COMMIT: one WAL flush, and one turn at the notification queue's lock the {@code sync_jobs} trigger takes, which
 * otherwise serializes every committing intake transaction behind another's flush.
 *
 * <p>The rules that keep it correct:
 * <ul>
 *   <li>Nothing is answered before the shared COMMIT succeeded: a member's result is only handed out then.</li>
 *   <li>Two members that share a key (the same entity, the same Idempotency-Key) are never in one group nor in
 *       two groups at once: the later one waits for the earlier's group to end, so members of one key keep their
 *       order and concurrent groups never wait for each other's locks.</li>
 *   <li>Members start in the order of their keys, so two instances' groups that share entities lock them in one
 *       order and do not deadlock (each member's first statements lock its entity).</li>
 *   <li>One failing member does not fail the others: when the shared transaction fails (a member's work failed,
 *       or the commit did), it is rolled back whole and every member is run again in a transaction of its own,
 *       whose outcome alone it answers with.</li>
 * </ul>
 */
final class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** The most members one shared transaction takes. */
    static final int MAX_GROUP = 64;

    /** Members by their smallest key ({@code entity:…} before {@code key:…}): the order every instance starts them in. */
    private static final Comparator<Member<?>> IN_KEY_ORDER = Comparator.comparing(
            member -> member.keys().stream().sorted().findFirst().orElse(""));

    private final Pool pool;
    private final int maxGroups;
    private final ArrayDeque<Member<?>> waiting = new ArrayDeque<>();
    private final Set<String> busy = new HashSet<>();
    private int running;
    private final LongAdder committed = new LongAdder();
    private final LongAdder rolledBack = new LongAdder();

    GroupCommit(Pool pool, int maxGroups) {
        this.pool = pool;
        this.maxGroups = maxGroups;
    }

    private record Member<T>(
            Set<String> keys, Function<IntakeTransaction, Future<T>> work, Promise<T> answer, Context context) {

        void complete(io.vertx.core.AsyncResult<T> result) {
            if (context == null) {
                answer.handle(result);
            } else {
                context.runOnContext(x -> answer.handle(result));
            }
        }
    }

    <T> Future<T> submit(Set<String> keys, Function<IntakeTransaction, Future<T>> work) {
        Promise<T> answer = Promise.promise();
        synchronized (this) {
            waiting.add(new Member<>(Set.copyOf(keys), work, answer, Vertx.currentContext()));
        }
        pump();
        return answer.future();
    }

    /** Starts groups while there are members whose keys are free and room for another group. */
    private void pump() {
        while (true) {
            List<Member<?>> group = new ArrayList<>();
            synchronized (this) {
                if (running >= maxGroups || waiting.isEmpty()) {
                    return;
                }
                // a member passed over blocks its keys for the rest of this pass, so a key's members keep their order
                Set<String> blocked = new HashSet<>();
                for (Iterator<Member<?>> it = waiting.iterator(); it.hasNext() && group.size() < MAX_GROUP; ) {
                    Member<?> member = it.next();
                    if (member.keys().stream().anyMatch(k -> busy.contains(k) || blocked.contains(k))) {
                        blocked.addAll(member.keys());
                        continue;
                    }
                    busy.addAll(member.keys());
                    group.add(member);
                    it.remove();
                }
                if (group.isEmpty()) {
                    return;
                }
                running++;
            }
            // members start (and send their first statements, the entity's lock among them) in the order of their
            // keys: groups on two instances that share entities take those locks in one order, and cannot deadlock
            group.sort(IN_KEY_ORDER);
            run(group);
        }
    }

    private void run(List<Member<?>> group) {
        List<Future<?>> results = new ArrayList<>(group.size());
        Transactions.run(pool, conn -> {
                    PgIntakeTransaction tx = PgIntakeTransaction.shared(conn, Vertx.currentContext());
                    for (Member<?> member : group) {
                        results.add(start(member, tx));
                    }
                    return Future.join(results);
                })
                .onComplete(shared -> {
                    if (shared.succeeded()) {
                        committed.increment();
                        for (int i = 0; i < group.size(); i++) {
                            answer(group.get(i), results.get(i));
                        }
                        finish(group);
                    } else {
                        // rare (a request PostgreSQL refused, a deadlock, a failed COMMIT); often, it would say the
                        // group's batched steps fail and every request is running alone, slowly
                        rolledBack.increment();
                        LOG.info(
                                "an intake group rolled back ({} requests, {}): each runs again alone",
                                group.size(),
                                shared.cause() instanceof PgException e
                                        ? "SQLSTATE " + e.getSqlState()
                                        : shared.cause().getClass().getSimpleName());
                        alone(group);
                    }
                });
    }

    /** The shared transactions run so far, by outcome. */
    IntakeGroups counts() {
        return new IntakeGroups(committed.sum(), rolledBack.sum());
    }

    /** After a failed shared transaction: every member in a transaction of its own. */
    private void alone(List<Member<?>> group) {
        List<Future<?>> done = new ArrayList<>(group.size());
        for (Member<?> member : group) {
            Future<?> own = Transactions.run(pool, conn -> start(member, new PgIntakeTransaction(conn)));
            done.add(own.andThen(result -> complete(member, result)));
        }
        Future.join(done).onComplete(x -> finish(group));
    }

    @SuppressWarnings("unchecked")
    private static <T> void answer(Member<T> member, Future<?> result) {
        member.complete((Future<T>) result);
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Member<T> member, io.vertx.core.AsyncResult<?> result) {
        member.complete((io.vertx.core.AsyncResult<T>) result);
    }

    private static <T> Future<T> start(Member<T> member, IntakeTransaction tx) {
        try {
            return member.work().apply(tx);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void finish(List<Member<?>> group) {
        synchronized (this) {
            group.forEach(member -> busy.removeAll(member.keys()));
            running--;
        }
        pump();
    }
}
