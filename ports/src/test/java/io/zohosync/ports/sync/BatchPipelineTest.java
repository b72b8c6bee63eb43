package io.zohosync.ports.sync;

import static io.zohosync.ports.sync.FlowPipeline.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Lead;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.crm.CustomerCrmHandler;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.CrmActivity;
import io.zohosync.ports.out.zoho.CrmFields;
import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.ZohoCrm;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The batch path of the pipeline over the in-memory store: one call a batch, each record its own answer, leases kept. */
class BatchPipelineTest {

    /** A CRM whose upsert answers each contact as {@code answer} says, and counts its calls. */
    private static final class ScriptedCrm implements ZohoCrm {
        final List<Integer> calls = new ArrayList<>();
        Function<CrmContact, CrmUpsertResult> answer = c -> new CrmUpsertResult(
                c.platformId(), CrmUpsertResult.Action.CREATED, "crm-" + c.platformId(), "SUCCESS", "record added");
        ZohoOutcome<List<CrmUpsertResult>> wholeCall;
        Runnable during = () -> {};

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> upsertContacts(List<CrmContact> contacts, CrmFields fields) {
            calls.add(contacts.size());
            during.run();
            if (wholeCall != null) {
                ZohoOutcome<List<CrmUpsertResult>> outcome = wholeCall;
                wholeCall = null;
                return Future.succeededFuture(outcome);
            }
            return Future.succeededFuture(
                    new ZohoOutcome.Success<>(contacts.stream().map(answer).toList()));
        }

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> updateContacts(
                List<CrmContact> contacts, List<String> ids, CrmFields fields) {
            return upsertContacts(contacts, fields);
        }

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> upsertLeads(List<Lead> leads, CrmFields fields) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<Map<String, String>>> contactsByEmail(Collection<String> emails) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<Map<String, String>>> leadsByEmail(Collection<String> emails) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<Map<String, String>>> activitiesByTitle(String module, Collection<String> titles) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> addNotes(List<CrmActivity> notes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> addTasks(List<CrmActivity> tasks) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<String>> read(String module, String id) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(id));
        }
    }

    private final ScriptedCrm crm = new ScriptedCrm();
    private final FlowPipeline pipeline = new FlowPipeline(List.of(new CustomerCrmHandler(crm, CrmFields.NONE)));

    @Test
    void a_hundred_due_go_at_once_in_one_call_and_the_rest_after_the_flush_window() {
        for (int i = 0; i < 150; i++) {
            pipeline.recordCustomer("c" + i);
        }

        SyncWorker.Drained first = await(pipeline.worker.drainOnce("w"));
        assertThat(first.ran()).isEqualTo(100);
        assertThat(first.full()).as("a full batch: look again at once").isTrue();
        assertThat(await(pipeline.worker.drainOnce("w")).ran())
                .as("50 due, the oldest for less than the window")
                .isZero();
        pipeline.clock.advance(Duration.ofSeconds(2));
        assertThat(await(pipeline.worker.drainOnce("w")).ran()).isEqualTo(50);

        assertThat(crm.calls).containsExactly(100, 50);
        for (int i = 0; i < 150; i++) {
            SyncRecordView view = view("c" + i);
            assertThat(view.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(view.zohoId()).isEqualTo("crm-c" + i);
        }
    }

    @Test
    void each_record_keeps_its_own_answer_refused_for_good_or_for_now() {
        crm.answer = c -> switch (c.platformId()) {
            case "c1" ->
                new CrmUpsertResult(
                        "c1", CrmUpsertResult.Action.FAILED, null, "DUPLICATE_DATA", "duplicate data (Platform_Id)");
            case "c2" ->
                new CrmUpsertResult("c2", CrmUpsertResult.Action.DEFERRED, null, "RECORD_LOCKED", "record locked");
            default ->
                new CrmUpsertResult(
                        c.platformId(),
                        CrmUpsertResult.Action.UPDATED,
                        "crm-" + c.platformId(),
                        "SUCCESS",
                        "record updated");
        };
        for (int i = 0; i < 3; i++) {
            pipeline.recordCustomer("c" + i);
        }
        pipeline.clock.advance(Duration.ofSeconds(2));
        assertThat(await(pipeline.worker.drainOnce("w")).ran()).isEqualTo(3);

        assertThat(view("c0").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view("c1").status()).isEqualTo(SyncStatus.FAILED);
        assertThat(view("c1").lastError())
                .isEqualTo("Zoho refused the batch write: [DUPLICATE_DATA] duplicate data (Platform_Id)");
        assertThat(view("c2").status()).isEqualTo(SyncStatus.RETRYING);
        assertThat(crm.calls).containsExactly(3);
    }

    @Test
    void a_429_defers_the_whole_batch_without_an_attempt() {
        crm.wholeCall = new ZohoOutcome.RateLimited<>(
                ZohoOutcome.RateLimited.Scope.CONCURRENCY, Duration.ofSeconds(30), "TOO_MANY_REQUESTS");
        for (int i = 0; i < 5; i++) {
            pipeline.recordCustomer("c" + i);
        }
        pipeline.clock.advance(Duration.ofSeconds(2));
        await(pipeline.worker.drainOnce("w"));
        for (int i = 0; i < 5; i++) {
            assertThat(view("c" + i).status()).isEqualTo(SyncStatus.PENDING);
            assertThat(view("c" + i).attempts()).isZero();
        }

        pipeline.clock.advance(Duration.ofSeconds(31));
        assertThat(await(pipeline.worker.drainOnce("w")).ran())
                .as("due again, waits out its window")
                .isZero();
        pipeline.clock.advance(Duration.ofSeconds(2));
        assertThat(await(pipeline.worker.drainOnce("w")).ran()).isEqualTo(5);
        assertThat(view("c0").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view("c0").attempts()).isEqualTo(1);
        assertThat(crm.calls).containsExactly(5, 5);
    }

    @Test
    void an_outcome_is_recorded_only_under_the_jobs_lease() {
        pipeline.recordCustomer("c0");
        pipeline.recordCustomer("c1");
        pipeline.clock.advance(Duration.ofSeconds(2));
        // while the call is in flight, c0's lease expires and the rescuer takes it back
        crm.during = () -> {
            pipeline.clock.advance(Duration.ofMinutes(3));
            await(pipeline.store.releaseExpired(
                    pipeline.clock.instant(),
                    s -> pipeline.machine.apply(s, new SyncEvent.LeaseExpired(), pipeline.clock.instant())));
        };
        await(pipeline.worker.drainOnce("w"));

        assertThat(view("c0").status())
                .as("its lease was lost: the answer is not recorded")
                .isEqualTo(SyncStatus.PENDING);
        assertThat(view("c1").status()).isEqualTo(SyncStatus.PENDING);
        assertThat(view("c0").zohoId()).isNull();
    }

    @Test
    void a_batch_lease_starts_when_the_batch_is_claimed_not_when_the_pass_began() {
        // a one-by-one flow (customers to Books here) whose write takes 90 s of the pass
        SyncHandler<Customer> slow = new SyncHandler<>() {
            private final CustomerMapping mapping = new CustomerMapping();

            @Override
            public EntityType type() {
                return EntityType.CUSTOMER;
            }

            @Override
            public SyncTarget target() {
                return SyncTarget.BOOKS;
            }

            @Override
            public EntityMapping<Customer> mapping() {
                return mapping;
            }

            @Override
            public Future<ZohoOutcome<List<String>>> findByMarker(Customer entity) {
                return Future.succeededFuture(new ZohoOutcome.Success<>(List.of()));
            }

            @Override
            public Future<ZohoOutcome<String>> create(Customer entity, Links links) {
                both.clock.advance(Duration.ofSeconds(90));
                return Future.succeededFuture(new ZohoOutcome.Success<>("books-1"));
            }

            @Override
            public Future<ZohoOutcome<String>> update(String zohoId, Customer entity, Links links) {
                return create(entity, links);
            }

            @Override
            public Future<ZohoOutcome<String>> read(String zohoId) {
                return Future.succeededFuture(new ZohoOutcome.Success<>(zohoId));
            }
        };
        both = new FlowPipeline(List.of(slow, new CustomerCrmHandler(crm, CrmFields.NONE)));
        both.recordCustomer("c0");
        both.clock.advance(Duration.ofSeconds(2));
        // 60 s into the batch's call (150 s after the pass began), the rescuer releases expired leases
        crm.during = () -> {
            both.clock.advance(Duration.ofSeconds(60));
            await(both.store.releaseExpired(
                    both.clock.instant(),
                    s -> both.machine.apply(s, new SyncEvent.LeaseExpired(), both.clock.instant())));
        };
        await(both.worker.drainOnce("w"));

        assertThat(await(both.store.find(new SyncKey(EntityType.CUSTOMER, "c0", SyncTarget.BOOKS)))
                        .orElseThrow()
                        .status())
                .isEqualTo(SyncStatus.SYNCED);
        SyncRecordView crmView = await(both.store.find(new SyncKey(EntityType.CUSTOMER, "c0", SyncTarget.CRM)))
                .orElseThrow();
        assertThat(crmView.status())
                .as("the batch's 2-minute lease began at its claim, 92 s into the pass: still held at 150 s")
                .isEqualTo(SyncStatus.SYNCED);
        assertThat(crmView.zohoId()).isEqualTo("crm-c0");
    }

    private FlowPipeline both;

    private SyncRecordView view(String id) {
        return await(pipeline.store.find(new SyncKey(EntityType.CUSTOMER, id, SyncTarget.CRM)))
                .orElseThrow();
    }
}
