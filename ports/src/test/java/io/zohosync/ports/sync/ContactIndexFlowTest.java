package io.zohosync.ports.sync;

import static io.zohosync.ports.sync.FlowPipeline.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.customer.CustomerBooksHandler;
import io.zohosync.ports.flows.customer.KnownContacts;
import io.zohosync.ports.out.SentPayloads;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.testing.InMemoryContactIndex;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.InMemoryZohoContacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: customers matched against the local contact index (filled by pages, refreshed incrementally), an update
 * with no read, and an update whose payload is unchanged not sent at all.
 */
class ContactIndexFlowTest {

    private final InMemoryZohoContacts contacts = new InMemoryZohoContacts().pageSize(2);
    private final InMemoryContactIndex index = new InMemoryContactIndex();
    private final Hashes sent = new Hashes();
    private final FlowPipeline pipeline;
    private final KnownContacts known;

    ContactIndexFlowTest() {
        InMemorySyncStore store = new InMemorySyncStore();
        FlowPipeline[] made = new FlowPipeline[1];
        // the pipeline's clock drives the refresh interval
        made[0] = new FlowPipeline(store, List.of(), sent);
        known = new KnownContacts(contacts, index, new KnownContacts.Settings(Duration.ofHours(1)), made[0].clock);
        pipeline = new FlowPipeline(
                store, List.of(new CustomerBooksHandler(contacts, MatchPolicy.DEFAULT, known)), sent, made[0].clock);
    }

    @Test
    void the_index_is_filled_by_pages_once_and_a_new_customer_then_costs_one_create() {
        for (int i = 0; i < 5; i++) {
            contacts.add("Existing " + i, "existing" + i + "@example.com", "");
        }

        customer("cus-1", "Ada", "Lovelace", "ada@example.com");
        pipeline.drainUntilQuiet();
        List<String> first = contacts.calls();
        customer("cus-2", "Grace", "Hopper", "grace@example.com");
        pipeline.drainUntilQuiet();
        List<String> second =
                contacts.calls().subList(first.size(), contacts.calls().size());

        assertThat(first)
                .as("3 pages, the contacts modified since the fill started, the create")
                .containsExactly("page", "page", "page", "page", "create");
        assertThat(index.entries()).hasSize(7);
        assertThat(second).as("the refresh is not due: no list, no search").containsExactly("create");
        assertThat(status("cus-2")).isEqualTo(SyncStatus.SYNCED);
        assertThat(index.entries())
                .as("a contact we create is in the index at once, with its person")
                .anySatisfy(e -> {
                    assertThat(e.email()).isEqualTo("grace@example.com");
                    assertThat(e.primaryPersonId()).isNotNull();
                });
    }

    @Test
    void a_contact_made_in_zoho_after_the_fill_is_matched_by_the_next_refresh_not_duplicated() {
        customer("cus-1", "Ada", "Lovelace", "ada@example.com");
        pipeline.drainUntilQuiet();
        ZohoContact inUi = contacts.add("Grace H.", "grace@example.com", "made in Zoho's UI");
        pipeline.clock.advance(Duration.ofHours(1));
        int before = contacts.calls().size();

        customer("cus-2", "Grace", "Hopper", "GRACE@example.com");
        pipeline.drainUntilQuiet();

        assertThat(contacts.calls().subList(before, contacts.calls().size()))
                .as("one page of what changed since, the read of the contact linked, no create")
                .containsExactly("page", "get");
        assertThat(pipeline.view(EntityType.CUSTOMER, "cus-2").zohoId()).isEqualTo(inUi.contactId());
        assertThat(contacts.contacts()).hasSize(2);
    }

    @Test
    void a_contact_deleted_in_zoho_is_forgotten_when_a_match_would_link_it_and_the_customer_is_created() {
        customer("cus-1", "Ada", "Lovelace", "ada@example.com");
        pipeline.drainUntilQuiet();
        ZohoContact gone = contacts.contacts().get(0);
        contacts.remove(gone.contactId());

        customer("cus-2", "Ada", "King", "ada@example.com");
        pipeline.drainUntilQuiet();

        assertThat(pipeline.view(EntityType.CUSTOMER, "cus-2").zohoId()).isNotEqualTo(gone.contactId());
        assertThat(await(index.byId(gone.contactId()))).isEmpty();
        assertThat(contacts.contacts()).hasSize(1);
    }

    @Test
    void a_namesake_the_index_knows_is_created_as_name_and_email_in_one_call() {
        contacts.add("Ada Lovelace", "countess@example.com", "");
        customer("cus-0", "Bob", "Builder", "bob@example.com");
        pipeline.drainUntilQuiet();
        int before = contacts.calls().size();

        customer("cus-1", "Ada", "Lovelace", "ada@example.com");
        pipeline.drainUntilQuiet();

        assertThat(contacts.calls().subList(before, contacts.calls().size())).containsExactly("create");
        assertThat(contacts.contacts()).extracting(ZohoContact::contactName).contains("Ada Lovelace (ada@example.com)");
    }

    @Test
    void a_same_email_namesake_made_in_zoho_inside_the_refresh_window_is_linked_by_the_retry_not_duplicated() {
        customer("cus-0", "Bob", "Builder", "bob@example.com");
        pipeline.drainUntilQuiet();
        // made in Zoho's UI a moment before our create: the index has not seen it
        ZohoContact inUi = contacts.add("Ada Lovelace", "ada@example.com", "");

        customer("cus-1", "Ada", "Lovelace", "ada@example.com");
        pipeline.drainUntilQuiet();

        assertThat(contacts.contacts()).hasSize(2);
        assertThat(pipeline.view(EntityType.CUSTOMER, "cus-1").zohoId()).isEqualTo(inUi.contactId());
        assertThat(status("cus-1")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void an_update_is_one_put_without_a_read_and_an_unchanged_one_is_not_sent() {
        customer("cus-1", "Ada", "Lovelace", "ada@example.com");
        pipeline.drainUntilQuiet();
        int afterCreate = contacts.calls().size();

        customer("cus-1", "Ada", "Lovelace", "ada@example.com", "+27 21 555 0100");
        pipeline.drainUntilQuiet();
        List<String> changed =
                contacts.calls().subList(afterCreate, contacts.calls().size());
        int afterUpdate = contacts.calls().size();
        customer("cus-1", "Ada", "Lovelace", "ada@example.com", "+27 21 555 0100");
        pipeline.drainUntilQuiet();

        assertThat(changed).containsExactly("put");
        assertThat(contacts.calls().subList(afterUpdate, contacts.calls().size()))
                .as("the payload hashes as the last one sent")
                .isEmpty();
        assertThat(status("cus-1")).isEqualTo(SyncStatus.SYNCED);
        assertThat(sent.hashes)
                .containsKey(new SyncKey(EntityType.CUSTOMER, "cus-1", io.zohosync.domain.entity.SyncTarget.BOOKS));
    }

    @Test
    void a_name_changed_in_zoho_is_sent_back_as_it_now_is_once_the_refresh_window_passed() {
        customer("cus-1", "Ada", "Lovelace", "ada@example.com");
        pipeline.drainUntilQuiet();
        ZohoContact ours = contacts.contacts().get(0);
        contacts.editInUi(ours.contactId(), "Ada Lovelace (VIP)", ours.primaryPersonId());
        pipeline.clock.advance(Duration.ofHours(1));
        int before = contacts.calls().size();

        customer("cus-1", "Ada", "Lovelace", "ada@example.com", "+27 21 555 0100");
        pipeline.drainUntilQuiet();

        assertThat(contacts.calls().subList(before, contacts.calls().size()))
                .as("the refresh due (one list call), then the PUT")
                .containsExactly("page", "put");
        assertThat(contacts.contacts().get(0).contactName()).isEqualTo("Ada Lovelace (VIP)");
        assertThat(status("cus-1")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void a_person_replaced_in_zoho_is_read_then_put_once_not_a_failure() {
        customer("cus-1", "Ada", "Lovelace", "ada@example.com");
        pipeline.drainUntilQuiet();
        ZohoContact ours = contacts.contacts().get(0);
        // the index (not due for a refresh) still names the old person
        contacts.editInUi(ours.contactId(), ours.contactName(), "p-new");
        int before = contacts.calls().size();

        customer("cus-1", "Ada", "Lovelace", "ada@example.com", "+27 21 555 0100");
        pipeline.drainUntilQuiet();

        assertThat(contacts.calls().subList(before, contacts.calls().size()))
                .as("the PUT refused for its person, then the read and PUT")
                .containsExactly("put", "update");
        assertThat(status("cus-1")).isEqualTo(SyncStatus.SYNCED);
        assertThat(await(index.byId(ours.contactId())).orElseThrow().primaryPersonId())
                .isEqualTo("p-new");
    }

    @Test
    void an_update_whose_outcome_was_unclear_leaves_no_hash_a_revert_would_match() {
        customer("cus-1", "Ada", "Lovelace", "ada@example.com", "+27 21 555 0100");
        pipeline.drainUntilQuiet();
        SyncKey key = new SyncKey(EntityType.CUSTOMER, "cus-1", io.zohosync.domain.entity.SyncTarget.BOOKS);
        String sentA = sent.hashes.get(key);
        // B: Zoho may have applied it, the answer never came
        contacts.thenAnswer(new io.zohosync.ports.out.zoho.ZohoOutcome.Outage<>("read timed out"));
        customer("cus-1", "Ada", "Lovelace", "ada@example.com", "+27 21 555 0199");
        await(pipeline.worker.drainOnce("w"));
        assertThat(sent.hashes.get(key)).as("not A's any more").isNotEqualTo(sentA);
        int before = contacts.calls().size();

        // the platform goes back to A before the retry
        customer("cus-1", "Ada", "Lovelace", "ada@example.com", "+27 21 555 0100");
        pipeline.drainUntilQuiet();

        assertThat(contacts.calls().subList(before, contacts.calls().size()))
                .as("A is sent again: Zoho may hold B")
                .containsExactly("put");
        assertThat(sent.hashes.get(key)).isEqualTo(sentA);
        assertThat(status("cus-1")).isEqualTo(SyncStatus.SYNCED);
    }

    private void customer(String id, String first, String last, String email) {
        pipeline.record(EntityType.CUSTOMER, id, Map.of("first_name", first, "last_name", last, "email", email));
    }

    private void customer(String id, String first, String last, String email, String phone) {
        pipeline.record(
                EntityType.CUSTOMER,
                id,
                Map.of("first_name", first, "last_name", last, "email", email, "phone", phone));
    }

    private SyncStatus status(String id) {
        return pipeline.view(EntityType.CUSTOMER, id).status();
    }

    /** The sent payloads' hashes, in memory. */
    static final class Hashes implements SentPayloads {
        final Map<SyncKey, String> hashes = new ConcurrentHashMap<>();

        @Override
        public Future<Optional<String>> hash(SyncKey key) {
            return Future.succeededFuture(Optional.ofNullable(hashes.get(key)));
        }

        @Override
        public Future<Void> sent(SyncKey key, String hash, Instant at) {
            hashes.put(key, hash);
            return Future.succeededFuture();
        }
    }
}
