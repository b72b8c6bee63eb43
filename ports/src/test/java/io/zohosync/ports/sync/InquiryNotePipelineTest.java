package io.zohosync.ports.sync;

import static io.zohosync.ports.sync.FlowPipeline.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Lead;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.crm.InquiryCrmHandler;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.zoho.CrmActivity;
import io.zohosync.ports.out.zoho.CrmFields;
import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.ZohoCrm;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.testing.InMemorySyncStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A note (or task) is a plain create in CRM: when CRM saved it but its answer was lost, the retry finds it by its title
 * (which carries the inquiry's id) and links it instead of adding a second one.
 */
class InquiryNotePipelineTest {

    /** A CRM that knows one contact, keeps the notes and tasks added, and loses the answers it is told to lose. */
    private static final class RecordingCrm implements ZohoCrm {
        final Map<String, String> notes = new LinkedHashMap<>();
        final Map<String, String> tasks = new LinkedHashMap<>();
        final List<String> searches = new ArrayList<>();
        int answersToLose;

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> upsertContacts(List<CrmContact> contacts, CrmFields f) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> updateContacts(
                List<CrmContact> contacts, List<String> ids, CrmFields fields) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> upsertLeads(List<Lead> leads, CrmFields fields) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<Map<String, String>>> contactsByEmail(Collection<String> emails) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(Map.of("hedy@example.com", "contact-1")));
        }

        @Override
        public Future<ZohoOutcome<Map<String, String>>> leadsByEmail(Collection<String> emails) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(Map.of()));
        }

        @Override
        public Future<ZohoOutcome<Map<String, String>>> activitiesByTitle(String module, Collection<String> titles) {
            searches.add(module);
            Map<String, String> saved = module.equals("Notes") ? notes : tasks;
            Map<String, String> found = new HashMap<>();
            saved.forEach((id, title) -> {
                String key = title.toLowerCase(Locale.ROOT);
                if (titles.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(key))) {
                    found.put(key, id);
                }
            });
            return Future.succeededFuture(new ZohoOutcome.Success<>(found));
        }

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> addNotes(List<CrmActivity> added) {
            return add(notes, "note-", added);
        }

        @Override
        public Future<ZohoOutcome<List<CrmUpsertResult>>> addTasks(List<CrmActivity> added) {
            return add(tasks, "task-", added);
        }

        private Future<ZohoOutcome<List<CrmUpsertResult>>> add(
                Map<String, String> saved, String prefix, List<CrmActivity> added) {
            List<CrmUpsertResult> results = new ArrayList<>();
            for (CrmActivity a : added) {
                String id = prefix + (saved.size() + 1);
                saved.put(id, a.title());
                results.add(new CrmUpsertResult(
                        a.platformId(), CrmUpsertResult.Action.CREATED, id, "SUCCESS", "record added"));
            }
            if (answersToLose > 0) {
                answersToLose--;
                return Future.succeededFuture(new ZohoOutcome.Outage<>("timeout: no answer within 30 s"));
            }
            return Future.succeededFuture(new ZohoOutcome.Success<>(results));
        }

        @Override
        public Future<ZohoOutcome<String>> read(String module, String id) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(id));
        }
    }

    private final RecordingCrm crm = new RecordingCrm();

    private FlowPipeline pipeline(InquiryCrmHandler.FromContact as) {
        InMemorySyncStore store = new InMemorySyncStore();
        return new FlowPipeline(store, List.of(new InquiryCrmHandler(crm, store, CrmFields.NONE, as)));
    }

    @Test
    void a_note_whose_answer_was_lost_is_found_on_the_retry_not_written_twice() {
        FlowPipeline pipeline = pipeline(InquiryCrmHandler.FromContact.NOTE);
        crm.answersToLose = 1;
        inquiry(pipeline, "inq-1");
        inquiry(pipeline, "inq-2");
        pipeline.clock.advance(Duration.ofSeconds(2));
        await(pipeline.worker.drainOnce("w"));
        assertThat(crm.notes).as("CRM saved both; the answer was lost").hasSize(2);
        assertThat(view(pipeline, "inq-1").status()).isNotEqualTo(SyncStatus.SYNCED);

        pipeline.drainUntilQuiet();

        assertThat(crm.notes).as("one note an inquiry").hasSize(2);
        assertThat(crm.searches).containsExactly("Notes");
        assertThat(view(pipeline, "inq-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view(pipeline, "inq-1").zohoId()).isEqualTo("note-1");
        assertThat(view(pipeline, "inq-2").zohoId()).isEqualTo("note-2");
    }

    @Test
    void a_task_whose_answer_was_lost_is_found_on_the_retry_and_a_first_run_does_not_search() {
        FlowPipeline pipeline = pipeline(InquiryCrmHandler.FromContact.TASK);
        inquiry(pipeline, "inq-0");
        pipeline.clock.advance(Duration.ofSeconds(2));
        await(pipeline.worker.drainOnce("w"));
        assertThat(crm.searches).as("a first run adds without looking").isEmpty();

        crm.answersToLose = 1;
        inquiry(pipeline, "inq-1");
        pipeline.drainUntilQuiet();

        assertThat(crm.tasks).hasSize(2);
        assertThat(crm.searches).containsExactly("Tasks");
        assertThat(view(pipeline, "inq-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view(pipeline, "inq-1").zohoId()).isEqualTo("task-2");
    }

    private static void inquiry(FlowPipeline pipeline, String id) {
        pipeline.record(
                EntityType.LEAD,
                id,
                Map.of("name", "Hedy Lamarr", "email", "hedy@example.com", "message", "Hello " + id));
    }

    private static SyncRecordView view(FlowPipeline pipeline, String id) {
        return await(pipeline.store.find(new SyncKey(EntityType.LEAD, id, SyncTarget.CRM)))
                .orElseThrow();
    }
}
