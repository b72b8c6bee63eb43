package io.zohosync.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.DeferCause;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.TransientFaults;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.flows.crm.InquiryMapping;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.flows.item.ItemMapping;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.RecordEntityUseCase.Outcome;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.JobKind;
import io.zohosync.ports.out.StoredEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the sync storage ports, run against every implementation (in memory and Postgres): what the
 * intake stores, how claims, leases and fences behave, and that each stored state is the state machine's answer.
 * Tests use their own ids and claim with their own worker, so implementations may share a database.
 */
public abstract class SyncStoreContract {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Routing ROUTING = new Routing(Map.of(
            EntityType.CUSTOMER,
            List.of(SyncTarget.BOOKS, SyncTarget.CRM),
            EntityType.ITEM,
            List.of(SyncTarget.BOOKS),
            EntityType.LEAD,
            List.of(SyncTarget.CRM)));
    private static final JobKind LEADS = new JobKind(EntityType.LEAD, SyncTarget.CRM);

    protected final SyncStateMachine machine = new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(7));
    private SyncStores stores;
    private Instant now;

    /** The implementation under test; a fresh or shared one. */
    protected abstract SyncStores stores();

    /** One row of a record's sync log: its event and how many times it was logged in a row. */
    public record Logged(String event, int repeats) {}

    /** The record's sync log, oldest row first (the log has no reading port: each implementation reads its own). */
    protected abstract List<Logged> log(SyncKey key) throws Exception;

    @BeforeEach
    void setUp() {
        stores = stores();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void a_new_entity_is_stored_with_a_pending_record_and_a_job_for_every_configured_target() throws Exception {
        String id = unique("c");
        Result.Recorded recorded = record(customer(id, "ada@example.com"));

        assertThat(recorded.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(recorded.syncs())
                .containsEntry(SyncTarget.BOOKS, SyncStatus.PENDING)
                .containsEntry(SyncTarget.CRM, SyncStatus.PENDING);
        StoredEntity stored = await(stores.entities().find(new EntityRef(EntityType.CUSTOMER, id)))
                .orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.payload()).containsEntry("email", "ada@example.com").containsEntry("returning", false);
        assertThat(await(stores.reader().findAll(new EntityRef(EntityType.CUSTOMER, id))))
                .extracting(v -> v.key().target())
                .containsExactly(SyncTarget.BOOKS, SyncTarget.CRM);
    }

    @Test
    void the_same_data_again_changes_nothing_and_a_change_coalesces_into_the_queued_run() throws Exception {
        String id = unique("c");
        record(customer(id, "ada@example.com"));
        assertThat(record(customer(id, "ada@example.com")).outcome()).isEqualTo(Outcome.UNCHANGED);

        Result.Recorded changed = record(customer(id, "ada.lovelace@example.com"));
        assertThat(changed.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(changed.syncs()).containsEntry(SyncTarget.BOOKS, SyncStatus.PENDING);
        StoredEntity stored = await(stores.entities().find(new EntityRef(EntityType.CUSTOMER, id)))
                .orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.payload()).containsEntry("email", "ada.lovelace@example.com");
    }

    @Test
    void an_idempotency_key_replays_the_same_body_and_refuses_another_storing_nothing() throws Exception {
        String id = unique("c");
        String key = unique("key");
        Result first = await(
                intake().record(new Command(EntityType.CUSTOMER, null, customer(id, "a@example.com"), key, "h1")));
        Result replay = await(
                intake().record(new Command(EntityType.CUSTOMER, null, customer(id, "a@example.com"), key, "h1")));
        String other = unique("c");
        Result reused = await(
                intake().record(new Command(EntityType.CUSTOMER, null, customer(other, "b@example.com"), key, "h2")));

        assertThat(((Result.Recorded) first).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(((Result.Recorded) replay).outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(reused).isInstanceOf(Result.KeyReused.class);
        assertThat(await(stores.entities().find(new EntityRef(EntityType.CUSTOMER, other))))
                .isEmpty();
        Result sameBodyOtherEntity = await(
                intake().record(new Command(EntityType.CUSTOMER, null, customer(other, "a@example.com"), key, "h1")));
        assertThat(sameBodyOtherEntity)
                .as("a key guards its body for its entity only")
                .isInstanceOf(Result.KeyReused.class);
    }

    @Test
    void a_failed_intake_transaction_leaves_nothing_behind() throws Exception {
        EntityRef ref = new EntityRef(EntityType.ITEM, unique("sku"));
        Future<Object> failed = stores.intake()
                .inTransaction(tx -> tx.saveEntity(new StoredEntity(ref, Map.of("name", "Yoga"), 1, "h", now, now), now)
                        .compose(x -> tx.storeRecord(
                                ref.at(SyncTarget.BOOKS), Optional.empty(), SyncState.pending(now), "registered", now))
                        .compose(x -> Future.failedFuture("the platform's connection dropped")));
        assertThat(failed.toCompletionStage().toCompletableFuture()).failsWithin(30, TimeUnit.SECONDS);
        assertThat(await(stores.entities().find(ref))).isEmpty();
        assertThat(await(stores.reader().find(ref.at(SyncTarget.BOOKS)))).isEmpty();
    }

    @Test
    void a_claimed_job_is_leased_once_and_only_its_lease_holder_records_its_outcome() throws Exception {
        SyncKey key = newItem();
        ClaimedJob job = claim(key, now, LEASE);
        assertThat(job.state().status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(job.outcomeUnsure()).isFalse();
        assertThat(status(key)).isEqualTo(SyncStatus.SYNCING);
        assertThat(claimAll(unique("other"), now)).noneMatch(j -> j.key().equals(key));

        ClaimedJob impostor = new ClaimedJob(job.jobId(), job.leaseSeq() - 1, key, job.state(), false, job.stored());
        assertThat(await(complete(impostor, new SyncEvent.Succeeded("999")))).isEmpty();
        SyncState done =
                await(complete(job, new SyncEvent.Succeeded("4600001"))).orElseThrow();

        assertThat(done.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(await(stores.reader().find(key)).orElseThrow().zohoId()).isEqualTo("4600001");
        assertThat(claimAll(unique("again"), now.plusSeconds(3600)))
                .noneMatch(j -> j.key().equals(key));
    }

    @Test
    void an_expired_lease_returns_the_job_and_the_next_run_knows_a_create_may_have_landed() throws Exception {
        SyncKey key = newItem();
        ClaimedJob job = claim(key, now, Duration.ofMillis(10));
        assertThat(await(stores.jobs().markIntent(job, now))).isTrue();

        assertThat(await(stores.jobs()
                        .releaseExpired(
                                now.plusSeconds(1),
                                s -> machine.apply(s, new SyncEvent.LeaseExpired(), now.plusSeconds(1)))))
                .isPositive();
        assertThat(status(key)).isEqualTo(SyncStatus.PENDING);
        assertThat(await(complete(job, new SyncEvent.Succeeded("late")))).isEmpty();

        ClaimedJob again = claim(key, now.plusSeconds(2), LEASE);
        assertThat(again.state().attempts()).isZero();
        assertThat(again.outcomeUnsure()).isTrue();
        assertThat(await(complete(again, new SyncEvent.Recovered("z1", "found by marker"))))
                .isPresent();
        ClaimedJob afterLink = claimAfterChange(key);
        assertThat(afterLink.outcomeUnsure())
                .as("a linked record has no write intent left")
                .isFalse();
    }

    @Test
    void a_renewed_lease_outlives_its_first_expiry_and_only_its_holder_renews_it() throws Exception {
        SyncKey key = newItem();
        ClaimedJob job = claim(key, now, Duration.ofSeconds(5));
        assertThat(await(stores.jobs().renew("someone-else", List.of(job.jobId()), Duration.ofMinutes(5), now)))
                .isZero();
        assertThat(await(stores.jobs().renew(job.workerId(), List.of(job.jobId()), Duration.ofMinutes(5), now)))
                .isEqualTo(1);
        Instant later = now.plusSeconds(60);
        await(stores.jobs().releaseExpired(later, s -> machine.apply(s, new SyncEvent.LeaseExpired(), later)));
        assertThat(status(key)).isEqualTo(SyncStatus.SYNCING);
    }

    @Test
    void a_retrying_job_waits_for_its_next_run() throws Exception {
        SyncKey key = newItem();
        SyncState retrying = await(complete(claim(key, now, LEASE), new SyncEvent.RetryableFailure("503")))
                .orElseThrow();
        assertThat(retrying.status()).isEqualTo(SyncStatus.RETRYING);
        assertThat(claimAll(unique("early"), retrying.nextRunAt().minusMillis(1)))
                .noneMatch(j -> j.key().equals(key));
        SyncState claimed = claim(key, retrying.nextRunAt(), LEASE).state();
        assertThat(claimed.attempts()).as("a transient fault uses no attempt").isZero();
        assertThat(claimed.transientFaults()).isEqualTo(new TransientFaults(1, now));
    }

    @Test
    void repeated_deferrals_of_a_record_are_one_log_row_with_a_count_and_other_events_are_rows_of_their_own()
            throws Exception {
        SyncKey key = newItem();
        Instant at = now;
        for (int i = 0; i < 5; i++) {
            at = defer(claim(key, at, LEASE), "deferred_concurrency", at);
        }
        at = defer(claim(key, at, LEASE), "deferred_minute", at);
        at = defer(claim(key, at, LEASE), "deferred_concurrency", at);
        Instant last = at;
        await(stores.jobs()
                .complete(
                        claim(key, at, LEASE),
                        "created",
                        List.of(),
                        at,
                        s -> machine.apply(s, new SyncEvent.Succeeded("4600077"), last)));

        assertThat(log(key))
                .endsWith(
                        new Logged("deferred_concurrency", 5),
                        new Logged("deferred_minute", 1),
                        new Logged("deferred_concurrency", 1),
                        new Logged("created", 1));
    }

    /** Records the job deferred by the budget until a second later; when it is due again. */
    private Instant defer(ClaimedJob job, String event, Instant at) throws Exception {
        SyncState deferred = await(stores.jobs()
                        .complete(
                                job,
                                event,
                                List.of(),
                                at,
                                s -> machine.apply(s, new SyncEvent.BudgetExhausted(at.plusSeconds(1)), at)))
                .orElseThrow();
        assertThat(deferred.status()).isEqualTo(SyncStatus.PENDING);
        return deferred.nextRunAt();
    }

    @Test
    void a_change_while_a_run_is_in_flight_is_pushed_as_an_update_once_the_run_ends() throws Exception {
        String sku = unique("sku");
        SyncKey key = new SyncKey(EntityType.ITEM, sku, SyncTarget.BOOKS);
        record(item(sku, "Yoga", "10.00"));
        ClaimedJob job = claim(key, now, LEASE);
        assertThat(record(item(sku, "Yoga", "12.00")).syncs()).containsEntry(SyncTarget.BOOKS, SyncStatus.SYNCING);

        SyncState after = await(complete(job, new SyncEvent.Succeeded("z-7"))).orElseThrow();
        assertThat(after.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(after.zohoId()).isEqualTo("z-7");
        ClaimedJob update = claim(key, now.plusSeconds(1), LEASE);
        assertThat(update.zohoId()).isEqualTo("z-7");
    }

    @Test
    void a_waiting_record_is_woken_when_its_prerequisite_reaches_zoho() throws Exception {
        SyncKey dependant = newItem();
        SyncKey prerequisite = new SyncKey(EntityType.CUSTOMER, unique("c"), SyncTarget.BOOKS);
        SyncState queued = await(stores.records().ensureQueued(prerequisite, "needed first", now));
        assertThat(queued.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(await(stores.records().ensureQueued(prerequisite, "asked again", now.plusSeconds(1)))
                        .reason())
                .as("a prerequisite is queued once")
                .isEqualTo("needed first");

        ClaimedJob job = claim(dependant, now, LEASE);
        SyncState waiting = await(stores.jobs()
                        .complete(
                                job,
                                "waiting",
                                List.of(prerequisite),
                                now,
                                s -> machine.apply(
                                        s,
                                        new SyncEvent.WaitingForPrerequisites(
                                                List.of(prerequisite.entity()), now.plusSeconds(300)),
                                        now)))
                .orElseThrow();
        assertThat(waiting.status()).isEqualTo(SyncStatus.WAITING);
        assertThat(claimAll(unique("early"), now.plusSeconds(1)))
                .noneMatch(j -> j.key().equals(dependant));

        var woken = await(stores.records()
                .changeWaitingOn(
                        prerequisite,
                        "prerequisite_ready",
                        s -> machine.apply(
                                s, new SyncEvent.PrerequisiteReady(prerequisite.entity()), now.plusSeconds(2)),
                        now.plusSeconds(2)));
        assertThat(woken).extracting(c -> c.key()).containsExactly(dependant);
        assertThat(status(dependant)).isEqualTo(SyncStatus.PENDING);
        assertThat(claim(dependant, now.plusSeconds(2), LEASE).state().attempts())
                .isZero();
    }

    @Test
    void an_admin_link_drops_the_job_so_a_worker_still_running_it_records_nothing() throws Exception {
        SyncKey key = newItem();
        ClaimedJob job = claim(key, now, LEASE);
        var refused = await(stores.records()
                .change(key, "admin_retry", s -> machine.apply(s, new SyncEvent.AdminRetry(), now), now));
        assertThat(refused.orElseThrow().transition()).isInstanceOf(Transition.Rejected.class);

        var linked = await(stores.records()
                .change(key, "admin_link", s -> machine.apply(s, new SyncEvent.AdminLink("z-9"), now), now));
        assertThat(linked.orElseThrow().record().status()).isEqualTo(SyncStatus.MANUAL);
        assertThat(await(complete(job, new SyncEvent.Succeeded("z-late")))).isEmpty();
        assertThat(await(stores.reader().find(key)).orElseThrow().zohoId()).isEqualTo("z-9");
        assertThat(await(stores.records()
                        .change(
                                new SyncKey(EntityType.ITEM, unique("none"), SyncTarget.BOOKS),
                                "admin_retry",
                                s -> machine.apply(s, new SyncEvent.AdminRetry(), now),
                                now)))
                .isEmpty();
    }

    @Test
    void a_reconnect_wakes_the_syncs_deferred_for_the_connection() throws Exception {
        SyncKey key = newItem();
        SyncState deferred = await(complete(claim(key, now, LEASE), new SyncEvent.ConnectionLost(now.plusSeconds(300))))
                .orElseThrow();
        assertThat(deferred.deferredFor()).isEqualTo(DeferCause.RECONNECT);
        assertThat(claimAll(unique("early"), now.plusSeconds(1)))
                .noneMatch(j -> j.key().equals(key));

        Instant later = now.plusSeconds(2);
        await(stores.records()
                .changeDeferred(
                        DeferCause.RECONNECT,
                        "reconnected",
                        s -> machine.apply(s, new SyncEvent.Reconnected(), later),
                        later));
        assertThat(claim(key, later, LEASE).state().status()).isEqualTo(SyncStatus.SYNCING);
    }

    @Test
    void a_worker_handing_its_jobs_back_returns_them_unused() throws Exception {
        SyncKey key = newItem();
        ClaimedJob job = claim(key, now, LEASE);
        assertThat(await(stores.jobs()
                        .releaseAll(job.workerId(), now, s -> machine.apply(s, new SyncEvent.LeaseReleased(), now))))
                .isEqualTo(1);
        assertThat(status(key)).isEqualTo(SyncStatus.PENDING);
        assertThat(await(complete(job, new SyncEvent.Succeeded("late")))).isEmpty();
    }

    @Test
    void records_linked_to_one_zoho_record_are_counted_and_states_read_together() throws Exception {
        SyncKey a = newItem();
        SyncKey b = newItem();
        String zohoId = unique("z");
        await(complete(claim(a, now, LEASE), new SyncEvent.Linked(zohoId, "same sku")));
        await(complete(claim(b, now, LEASE), new SyncEvent.Linked(zohoId, "same sku")));
        assertThat(await(stores.records().linkedTo(a, zohoId))).isEqualTo(2);
        Map<SyncKey, SyncState> states = await(
                stores.records().states(List.of(a, b, new SyncKey(EntityType.ITEM, unique("none"), SyncTarget.BOOKS))));
        assertThat(states).containsOnlyKeys(a, b);
        assertThat(states.get(a).isLinked()).isTrue();
    }

    // ---- helpers

    @Test
    void the_sync_log_is_read_newest_first_a_page_at_a_time_and_by_every_filter() throws Exception {
        String id = unique("c");
        record(customer(id, "ada@example.com"));
        SyncKey books = new SyncKey(EntityType.CUSTOMER, id, SyncTarget.BOOKS);
        SyncKey crm = new SyncKey(EntityType.CUSTOMER, id, SyncTarget.CRM);
        act(books, "admin_link", new SyncEvent.AdminLink("4600000000000001"), now.plusSeconds(1));
        act(crm, "admin_link", new SyncEvent.AdminLink("4600000000000002"), now.plusSeconds(2));
        act(books, "admin_unlink", new SyncEvent.AdminUnlink(), now.plusSeconds(3));
        SyncLogQuery entity = new SyncLogQuery(EntityType.CUSTOMER, id, null, null, null, null, null, null, null, 10);

        List<SyncLogEntry> all = await(stores.reader().log(entity));
        assertThat(all).extracting(SyncLogEntry::id).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(all)
                .extracting(e -> e.key().target(), SyncLogEntry::event, SyncLogEntry::to)
                .startsWith(
                        tuple(SyncTarget.BOOKS, "admin_unlink", SyncStatus.PENDING),
                        tuple(SyncTarget.CRM, "admin_link", SyncStatus.MANUAL),
                        tuple(SyncTarget.BOOKS, "admin_link", SyncStatus.MANUAL))
                .hasSize(5);
        SyncLogEntry linked = all.get(1);
        assertThat(linked.from()).isEqualTo(SyncStatus.PENDING);
        assertThat(linked.zohoId()).isEqualTo("4600000000000002");
        assertThat(linked.at()).isEqualTo(now.plusSeconds(2));
        assertThat(linked.repeats()).isEqualTo(1);
        assertThat(linked.lastAt()).isNull();
        assertThat(all.get(4).from())
                .as("a record's first row comes from nothing")
                .isNull();

        List<SyncLogEntry> paged = new ArrayList<>();
        Long before = null;
        do {
            List<SyncLogEntry> page =
                    await(stores.reader().log(entity.withLimit(2).withBefore(before)));
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page);
            before = page.size() < 2 ? null : page.get(page.size() - 1).id();
        } while (before != null);
        assertThat(paged)
                .as("pages follow one another, none twice, none left out")
                .isEqualTo(all);

        assertThat(events(new SyncLogQuery(
                        EntityType.CUSTOMER, id, SyncTarget.CRM, null, null, null, null, null, null, 10)))
                .hasSize(2)
                .startsWith("admin_link");
        assertThat(events(new SyncLogQuery(
                        EntityType.CUSTOMER, id, null, SyncStatus.MANUAL, null, null, null, null, null, 10)))
                .containsExactly("admin_link", "admin_link");
        assertThat(events(new SyncLogQuery(
                        EntityType.CUSTOMER, id, null, null, "admin_unlink", null, null, null, null, 10)))
                .containsExactly("admin_unlink");
        assertThat(await(stores.reader()
                        .log(new SyncLogQuery(
                                null, null, null, null, null, null, now.plusSeconds(1), now.plusSeconds(3), null, 50))))
                .as("since is inclusive, until exclusive")
                .filteredOn(e -> e.key().entityId().equals(id))
                .extracting(SyncLogEntry::zohoId)
                .containsExactly("4600000000000002", "4600000000000001");
        assertThat(await(stores.reader()
                        .log(new SyncLogQuery(null, null, null, null, null, id.toUpperCase(), null, null, null, 10))))
                .as("text in the id, ignoring case")
                .isEqualTo(all);
        assertThat(events(new SyncLogQuery(
                        EntityType.CUSTOMER, id, null, null, null, "46000000000000", null, null, null, 10)))
                .as("text in the Zoho id")
                .containsExactly("admin_link", "admin_link");
        assertThat(await(stores.reader()
                        .log(new SyncLogQuery(
                                null, null, null, null, null, id.replace('-', '_'), null, null, null, 10))))
                .as("a wildcard in the text is the character itself")
                .isEmpty();
    }

    @Test
    void records_are_listed_newest_change_first_a_page_at_a_time_after_a_cursor() throws Exception {
        // far in the future, so that no other test's records (the database may be shared) fall among these
        Instant base = now.plus(Duration.ofDays(36_500 + new SplittableRandom().nextInt(1_000_000)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            now = base.plusSeconds(i);
            ids.add(unique("c"));
            record(customer(ids.get(i), "c" + i + "@example.com"));
        }
        SyncKey linked = new SyncKey(EntityType.CUSTOMER, ids.get(0), SyncTarget.BOOKS);
        act(linked, "admin_link", new SyncEvent.AdminLink("4600000000000009"), base.plusSeconds(3));
        SyncRecordQuery.Position top = new SyncRecordQuery.Position(
                base.plusSeconds(60), new SyncKey(EntityType.CUSTOMER, "~", SyncTarget.CRM));
        SyncRecordQuery customers = new SyncRecordQuery(EntityType.CUSTOMER, null, null, top, 4);

        List<SyncKey> paged = new ArrayList<>();
        SyncRecordQuery query = customers;
        for (int page = 0; page < 2; page++) {
            List<SyncRecordView> found = await(stores.reader().list(query));
            assertThat(found).hasSizeBetween(page == 0 ? 4 : 2, 4);
            found.forEach(r -> paged.add(r.key()));
            query = query.withAfter(SyncRecordQuery.Position.of(found.get(found.size() - 1)));
        }

        assertThat(paged.subList(0, 6))
                .containsExactly(
                        linked,
                        new SyncKey(EntityType.CUSTOMER, ids.get(2), SyncTarget.CRM),
                        new SyncKey(EntityType.CUSTOMER, ids.get(2), SyncTarget.BOOKS),
                        new SyncKey(EntityType.CUSTOMER, ids.get(1), SyncTarget.CRM),
                        new SyncKey(EntityType.CUSTOMER, ids.get(1), SyncTarget.BOOKS),
                        new SyncKey(EntityType.CUSTOMER, ids.get(0), SyncTarget.CRM));
        assertThat(paged.subList(6, paged.size()))
                .as("what follows is other tests' records")
                .doesNotContainAnyElementsOf(paged.subList(0, 6));
        assertThat(await(stores.reader().list(new SyncRecordQuery(null, null, SyncStatus.MANUAL, top, 1))))
                .extracting(SyncRecordView::key, SyncRecordView::zohoId)
                .containsExactly(tuple(linked, "4600000000000009"));
        assertThat(await(stores.reader().list(new SyncRecordQuery(EntityType.CUSTOMER, SyncTarget.CRM, null, top, 3))))
                .extracting(r -> r.key().entityId())
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
    }

    private void act(SyncKey key, String event, SyncEvent what, Instant at) throws Exception {
        assertThat(await(stores.records().change(key, event, s -> machine.apply(s, what, at), at)))
                .get()
                .extracting(c -> c.transition())
                .isInstanceOf(Transition.Moved.class);
    }

    private List<String> events(SyncLogQuery query) throws Exception {
        return await(stores.reader().log(query)).stream()
                .map(SyncLogEntry::event)
                .toList();
    }

    @Test
    void a_batched_kind_is_left_by_the_normal_claim_and_claimed_together_once_its_flush_window_has_passed()
            throws Exception {
        List<SyncKey> leads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = unique("inq");
            record(EntityType.LEAD, Map.of("id", id, "email", id + "@example.com"));
            leads.add(new SyncKey(EntityType.LEAD, id, SyncTarget.CRM));
        }
        String worker = unique("worker");
        Instant at = now.plusSeconds(1);
        List<ClaimedJob> others = await(stores.jobs()
                .claimDueExcept(
                        worker,
                        java.util.Set.of(LEADS),
                        10_000,
                        LEASE,
                        at,
                        s -> machine.apply(s, new SyncEvent.Claimed(worker, at.plus(LEASE)), at)));
        handBack(others, null, at);
        assertThat(others).extracting(ClaimedJob::key).doesNotContainAnyElementsOf(leads);

        assertThat(claimBatch(worker, 10_000, Duration.ofSeconds(2), at))
                .as("3 due, the oldest for 1 s of a 2 s window: not yet")
                .isEmpty();
        assertThat(leads).allSatisfy(key -> assertThat(status(key)).isEqualTo(SyncStatus.PENDING));

        List<ClaimedJob> batch = claimBatch(worker, 10_000, Duration.ofSeconds(1), at);
        assertThat(batch).extracting(ClaimedJob::key).containsExactlyInAnyOrderElementsOf(leads);
        assertThat(batch).allSatisfy(job -> assertThat(job.state().status()).isEqualTo(SyncStatus.SYNCING));
        assertThat(claimBatch(worker, 10_000, Duration.ZERO, at))
                .as("leased: not claimed twice")
                .isEmpty();

        // each outcome is recorded under its own lease
        assertThat(await(complete(batch.get(0), new SyncEvent.Succeeded("lead-1"))))
                .isPresent();
        assertThat(status(batch.get(0).key())).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void a_full_batch_is_claimed_at_once_without_waiting_for_the_window() throws Exception {
        List<SyncKey> leads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = unique("inq");
            record(EntityType.LEAD, Map.of("id", id, "email", id + "@example.com"));
            leads.add(new SyncKey(EntityType.LEAD, id, SyncTarget.CRM));
        }
        String worker = unique("worker");
        List<ClaimedJob> batch = claimBatch(worker, 2, Duration.ofHours(1), now);

        assertThat(batch).extracting(ClaimedJob::key).containsExactlyInAnyOrderElementsOf(leads);
        assertThat(claimBatch(worker, 2, Duration.ofHours(1), now)).isEmpty();
    }

    @Test
    void entities_linked_at_a_target_are_found_by_their_email_ignoring_case() throws Exception {
        String linked = unique("c");
        String pending = unique("c");
        record(customer(linked, linked + "@Example.com"));
        record(customer(pending, pending + "@example.com"));
        SyncKey key = new SyncKey(EntityType.CUSTOMER, linked, SyncTarget.CRM);
        assertThat(await(complete(claim(key, now, LEASE), new SyncEvent.Succeeded("crm-" + linked))))
                .isPresent();

        Map<String, String> found = await(stores.entities()
                .linkedByEmail(
                        EntityType.CUSTOMER,
                        SyncTarget.CRM,
                        List.of(
                                " " + linked.toUpperCase(java.util.Locale.ROOT) + "@EXAMPLE.com",
                                pending + "@example.com")));

        assertThat(found)
                .containsExactly(
                        Map.entry(linked.toLowerCase(java.util.Locale.ROOT) + "@example.com", "crm-" + linked));
        assertThat(await(stores.entities()
                        .linkedByEmail(EntityType.CUSTOMER, SyncTarget.BOOKS, List.of(linked + "@example.com"))))
                .as("linked in CRM only")
                .isEmpty();
    }

    private List<ClaimedJob> claimBatch(String worker, int max, Duration flush, Instant at) throws Exception {
        return await(stores.jobs()
                .claimBatch(
                        worker,
                        LEADS,
                        max,
                        flush,
                        LEASE,
                        at,
                        s -> machine.apply(s, new SyncEvent.Claimed(worker, at.plus(LEASE)), at)));
    }

    private IntakeService intake() {
        return new IntakeService(
                stores.intake(),
                List.of(new CustomerMapping(), new ItemMapping(), new InquiryMapping()),
                ROUTING,
                machine,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private Result.Recorded record(Map<String, Object> body) throws Exception {
        EntityType type = body.containsKey("email") ? EntityType.CUSTOMER : EntityType.ITEM;
        return (Result.Recorded) await(intake().record(new Command(type, null, body, null, null)));
    }

    private Result.Recorded record(EntityType type, Map<String, Object> body) throws Exception {
        return (Result.Recorded) await(intake().record(new Command(type, null, body, null, null)));
    }

    private SyncKey newItem() throws Exception {
        String sku = unique("sku");
        record(item(sku, "Pilates", "15.00"));
        return new SyncKey(EntityType.ITEM, sku, SyncTarget.BOOKS);
    }

    private ClaimedJob claimAfterChange(SyncKey key) throws Exception {
        Instant later = now.plusSeconds(5);
        await(stores.records()
                .change(key, "changed", s -> machine.apply(s, new SyncEvent.EntityChanged(), later), later));
        return claim(key, later, LEASE);
    }

    /** Other tests' jobs may share the queue: claim everything due, keep ours, hand the rest back. */
    private ClaimedJob claim(SyncKey key, Instant at, Duration lease) throws Exception {
        String worker = unique("worker");
        List<ClaimedJob> claimed = await(stores.jobs()
                .claimDue(
                        worker,
                        10_000,
                        lease,
                        at,
                        s -> machine.apply(s, new SyncEvent.Claimed(worker, at.plus(lease)), at)));
        ClaimedJob mine = claimed.stream()
                .filter(j -> j.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError(key + " was not claimable at " + at));
        handBack(claimed, mine, at);
        return mine;
    }

    private List<ClaimedJob> claimAll(String worker, Instant at) throws Exception {
        List<ClaimedJob> claimed = await(stores.jobs()
                .claimDue(
                        worker,
                        10_000,
                        LEASE,
                        at,
                        s -> machine.apply(s, new SyncEvent.Claimed(worker, at.plus(LEASE)), at)));
        handBack(claimed, null, at);
        return claimed;
    }

    private void handBack(List<ClaimedJob> claimed, ClaimedJob keep, Instant at) throws Exception {
        for (ClaimedJob other : claimed) {
            if (other != keep) {
                await(stores.jobs()
                        .complete(
                                other,
                                "released",
                                List.of(),
                                at,
                                s -> machine.apply(s, new SyncEvent.LeaseReleased(), at)));
            }
        }
    }

    private Future<Optional<SyncState>> complete(ClaimedJob job, SyncEvent event) {
        return stores.jobs().complete(job, "test", List.of(), now, s -> machine.apply(s, event, now));
    }

    private SyncStatus status(SyncKey key) throws Exception {
        return await(stores.reader().find(key)).orElseThrow().status();
    }

    private static Map<String, Object> customer(String id, String email) {
        return Map.of("id", id, "first_name", "Ada", "last_name", "Lovelace", "email", email);
    }

    private static Map<String, Object> item(String sku, String name, String rate) {
        return Map.of("id", sku, "name", name, "rate", rate, "currency", "ZAR");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
