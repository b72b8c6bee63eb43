package io.zohosync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.CustomerRegistration.Outcome;
import io.zohosync.ports.in.RegisterCustomerCommand;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.JobOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PostgresAdaptersTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
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
    void registering_a_new_customer_stores_it_with_a_pending_record_and_one_job() throws Exception {
        Customer customer = customer(unique("c"), "ada@example.com");
        var registration = await(pg.customers().saveAndEnqueue(command(customer), "books", now()));

        assertThat(registration.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(registration.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(await(pg.customers().find(customer.platformId()))).contains(customer);
        assertThat(jobCount(customer.platformId())).isEqualTo(1);
        assertThat(await(pg.syncRecords().find("customer", customer.platformId())).orElseThrow().status())
                .isEqualTo(SyncStatus.PENDING);
    }

    @Test
    void the_same_data_twice_queues_nothing_new_and_a_change_coalesces_into_the_waiting_job() throws Exception {
        Customer customer = customer(unique("c"), "bob@example.com");
        await(pg.customers().saveAndEnqueue(command(customer), "books", now()));

        assertThat(await(pg.customers().saveAndEnqueue(command(customer), "books", now())).outcome())
                .isEqualTo(Outcome.UNCHANGED);
        Customer changed = customer(customer.platformId(), "bob@new.example.com");
        assertThat(await(pg.customers().saveAndEnqueue(command(changed), "books", now())).outcome())
                .isEqualTo(Outcome.UPDATED);
        assertThat(jobCount(customer.platformId())).isEqualTo(1);
    }

    @Test
    void an_idempotency_key_replays_the_same_body_and_refuses_a_different_one() throws Exception {
        String key = unique("key");
        Customer customer = customer(unique("c"), "cy@example.com");
        var first = await(pg.customers().saveAndEnqueue(new RegisterCustomerCommand(customer, key, "h1"), "books", now()));
        var again = await(pg.customers().saveAndEnqueue(new RegisterCustomerCommand(customer, key, "h1"), "books", now()));
        Customer other = customer(unique("c"), "dee@example.com");
        var reused = await(pg.customers().saveAndEnqueue(new RegisterCustomerCommand(other, key, "h2"), "books", now()));

        assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(again.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(reused.outcome()).isEqualTo(Outcome.KEY_REUSED);
        assertThat(await(pg.customers().find(other.platformId()))).isEmpty();
    }

    @Test
    void a_claimed_job_is_leased_once_and_only_its_lease_holder_can_finish_it() throws Exception {
        String id = enqueueNew();
        ClaimedJob job = claimUntilFound("worker-a", id);
        assertThat(job.attempts()).isZero();
        assertThat(job.previousStatus()).isEqualTo("pending");
        assertThat(job.outcomeUnsure()).isFalse();
        assertThat(await(pg.syncRecords().find("customer", id)).orElseThrow().status()).isEqualTo(SyncStatus.SYNCING);

        ClaimedJob impostor = new ClaimedJob(job.jobId(), job.leaseSeq() - 1, "worker-a", job.entityType(),
                job.entityId(), job.target(), job.attempts(), job.previousStatus(), false, null);
        assertThat(await(pg.syncJobs().complete(impostor, synced("999"), now()))).isFalse();
        assertThat(await(pg.syncJobs().complete(job, synced("4600001"), now()))).isTrue();

        var record = await(pg.syncRecords().find("customer", id)).orElseThrow();
        assertThat(record.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(record.zohoId()).isEqualTo("4600001");
        assertThat(jobCount(id)).isZero();
    }

    @Test
    void an_expired_lease_goes_back_to_pending_and_the_next_run_knows_an_earlier_write_may_have_landed() throws Exception {
        String id = enqueueNew();
        Instant t0 = now();
        ClaimedJob job = claimUntilFound("dying-worker", id, t0, Duration.ofMillis(10));

        assertThat(await(pg.syncJobs().releaseExpired(t0.plusSeconds(1)))).isGreaterThanOrEqualTo(1);
        var record = await(pg.syncRecords().find("customer", id)).orElseThrow();
        assertThat(record.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(record.attempts()).isZero();
        assertThat(await(pg.syncJobs().complete(job, synced("late"), now()))).isFalse();

        ClaimedJob again = claimUntilFound("healthy-worker", id, t0.plusSeconds(2), LEASE);
        assertThat(again.attempts()).isZero();
        assertThat(again.previousStatus()).isEqualTo("pending");
        assertThat(again.outcomeUnsure()).isTrue();
    }

    @Test
    void a_renewed_lease_outlives_its_first_expiry_and_only_its_holder_can_renew_it() throws Exception {
        String id = enqueueNew();
        Instant t0 = now();
        ClaimedJob job = claimUntilFound("slow-worker", id, t0, Duration.ofSeconds(10));

        assertThat(await(pg.syncJobs().renew("someone-else", List.of(job.jobId()), Duration.ofMinutes(5), t0))).isZero();
        assertThat(await(pg.syncJobs().renew("slow-worker", List.of(job.jobId()), Duration.ofMinutes(5), t0))).isEqualTo(1);
        await(pg.syncJobs().releaseExpired(t0.plusSeconds(60)));

        assertThat(await(pg.syncRecords().find("customer", id)).orElseThrow().status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(await(pg.syncJobs().complete(job, synced("4600009"), now()))).isTrue();
    }

    @Test
    void a_retrying_job_waits_until_its_next_run() throws Exception {
        String id = enqueueNew();
        ClaimedJob job = claimUntilFound("worker-r", id);
        Instant later = now().plusSeconds(3600);
        await(pg.syncJobs().complete(job, new JobOutcome(SyncStatus.RETRYING, null, 1, "Zoho answered 500", later,
                "retry_scheduled", "outage"), now()));

        List<ClaimedJob> claimed = await(pg.syncJobs().claimDue("worker-r", 1000, LEASE, now()));
        assertThat(claimed).noneMatch(j -> j.entityId().equals(id));
        ClaimedJob retried = claimUntilFound("worker-r", id, later.plusSeconds(1), LEASE);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.outcomeUnsure()).as("until linked, an earlier write may have landed").isTrue();
    }

    @Test
    void a_change_while_the_job_runs_makes_it_run_again_after_it_finishes() throws Exception {
        String id = enqueueNew();
        ClaimedJob job = claimUntilFound("worker-d", id);
        await(pg.customers().saveAndEnqueue(command(customer(id, "changed@example.com")), "books", now()));
        assertThat(await(pg.syncJobs().complete(job, synced("777"), now()))).isTrue();

        var record = await(pg.syncRecords().find("customer", id)).orElseThrow();
        assertThat(record.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(record.zohoId()).isEqualTo("777");
        assertThat(jobCount(id)).isEqualTo(1);
    }

    @Test
    void a_change_to_a_retrying_customer_keeps_its_state_attempts_and_run_time() throws Exception {
        String id = enqueueNew();
        ClaimedJob job = claimUntilFound("worker-c", id);
        Instant later = now().plusSeconds(3600);
        await(pg.syncJobs().complete(job, new JobOutcome(SyncStatus.RETRYING, null, 1, "500", later, "outage", "outage"), now()));

        var registration = await(pg.customers().saveAndEnqueue(command(customer(id, "new@example.com")), "books", now()));

        assertThat(registration.status()).isEqualTo(SyncStatus.RETRYING);
        var record = await(pg.syncRecords().find("customer", id)).orElseThrow();
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(await(pg.syncJobs().claimDue("worker-c", 10_000, LEASE, now()))).noneMatch(j -> j.entityId().equals(id));
    }

    @Test
    void a_change_while_a_failing_run_is_in_flight_does_not_reset_its_attempts() throws Exception {
        String id = enqueueNew();
        ClaimedJob job = claimUntilFound("worker-f", id);
        await(pg.customers().saveAndEnqueue(command(customer(id, "changed@example.com")), "books", now()));
        await(pg.syncJobs().complete(job, new JobOutcome(SyncStatus.FAILED, null, 3, "refused", null, "rejected", "refused"), now()));

        var record = await(pg.syncRecords().find("customer", id)).orElseThrow();
        assertThat(record.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(record.attempts()).isEqualTo(3);
        assertThat(jobCount(id)).isZero();
    }

    @Test
    void an_admin_link_drops_the_job_so_a_worker_still_running_it_cannot_record_an_outcome() throws Exception {
        String id = enqueueNew();
        ClaimedJob job = claimUntilFound("worker-l", id);
        var machine = new SyncStateMachine(RetryPolicy.DEFAULT, new Random(1));

        var changed = await(pg.syncRecordChanges().change("customer", id, "admin_link",
                state -> machine.apply(state, new SyncEvent.AdminLink("460000000000777"), now()), now()))
                .orElseThrow();

        assertThat(changed.record().status()).isEqualTo(SyncStatus.MANUAL);
        assertThat(changed.record().zohoId()).isEqualTo("460000000000777");
        assertThat(jobCount(id)).isZero();
        assertThat(await(pg.syncJobs().complete(job, synced("late"), now()))).isFalse();
        assertThat(await(pg.syncRecords().find("customer", id)).orElseThrow().zohoId()).isEqualTo("460000000000777");
    }

    @Test
    void an_admin_retry_of_a_running_sync_is_refused_and_changes_nothing() throws Exception {
        String id = enqueueNew();
        claimUntilFound("worker-x", id);
        var machine = new SyncStateMachine(RetryPolicy.DEFAULT, new Random(1));

        var changed = await(pg.syncRecordChanges().change("customer", id, "admin_retry",
                state -> machine.apply(state, new SyncEvent.AdminRetry(), now()), now())).orElseThrow();

        assertThat(changed.transition()).isInstanceOf(Transition.Rejected.class);
        assertThat(changed.record().status()).isEqualTo(SyncStatus.SYNCING);
    }

    @Test
    void two_workers_never_claim_the_same_job() throws Exception {
        for (int i = 0; i < 20; i++) {
            enqueueNew();
        }
        Instant at = now();
        var a = pg.syncJobs().claimDue("w1", 15, LEASE, at);
        var b = pg.syncJobs().claimDue("w2", 15, LEASE, at);
        List<ClaimedJob> first = await(a);
        List<ClaimedJob> second = await(b);
        assertThat(first).extracting(ClaimedJob::jobId).doesNotContainAnyElementsOf(
                second.stream().map(ClaimedJob::jobId).toList());
        assertThat(first.size()).isLessThanOrEqualTo(15);
        assertThat(second.size()).isLessThanOrEqualTo(15);
        await(pg.syncJobs().releaseAll("w1", now()));
        await(pg.syncJobs().releaseAll("w2", now()));
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

    private static String enqueueNew() throws Exception {
        Customer customer = customer(unique("c"), unique("e") + "@example.com");
        await(pg.customers().saveAndEnqueue(command(customer), "books", now()));
        return customer.platformId();
    }

    private static ClaimedJob claimUntilFound(String worker, String id) throws Exception {
        return claimUntilFound(worker, id, now(), LEASE);
    }

    /** Other tests' jobs share the queue: claim until ours shows up, then release the rest. */
    private static ClaimedJob claimUntilFound(String worker, String id, Instant at, Duration lease) throws Exception {
        List<ClaimedJob> claimed = await(pg.syncJobs().claimDue(worker, 10_000, lease, at));
        ClaimedJob mine = claimed.stream().filter(j -> j.entityId().equals(id)).findFirst().orElseThrow();
        for (ClaimedJob other : claimed) {
            if (other != mine) {
                await(pg.syncJobs().complete(other, new JobOutcome(SyncStatus.PENDING, null, other.attempts(),
                        null, at, "released", "test"), at));
            }
        }
        return mine;
    }

    private static JobOutcome synced(String zohoId) {
        return new JobOutcome(SyncStatus.SYNCED, zohoId, 1, null, null, "created", "contact created");
    }

    private static long jobCount(String id) throws Exception {
        return await(pg.pool().preparedQuery("select count(*) from sync_jobs where entity_id = $1").execute(Tuple.of(id)))
                .iterator().next().getLong(0);
    }

    private static RegisterCustomerCommand command(Customer customer) {
        return new RegisterCustomerCommand(customer, null, null);
    }

    private static Customer customer(String id, String email) {
        return new Customer(id, "Ada", "Lovelace", email, null, null, Address.NONE, CustomerKind.NEW);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static Instant now() {
        return Instant.now();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
