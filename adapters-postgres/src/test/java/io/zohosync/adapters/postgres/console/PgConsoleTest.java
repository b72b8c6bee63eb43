package io.zohosync.adapters.postgres.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.CustomerQuery;
import io.zohosync.ports.in.CustomerRow;
import io.zohosync.ports.in.RecordWait;
import io.zohosync.ports.in.SourceEvent;
import io.zohosync.ports.out.ConsoleReader.Outcomes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's reads and the audit of admin actions against real PostgreSQL (the schema up to V12). */
class PgConsoleTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final EntityRef ADA = new EntityRef(EntityType.CUSTOMER, "c-ada");

    private Vertx vertx;
    private Pool pool;
    private PgConsole console;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        pool = PostgresAdapters.pool(vertx, PostgresFixture.shared().newDatabase());
        console = new PgConsole(pool);
    }

    @AfterEach
    void stop() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void outcomesCountWhatReachedSyncedAndFailedSinceTheTimeGiven() throws Exception {
        log("c-1", "synced", "2026-11-30T11:00:00Z");
        log("c-2", "synced", "2026-11-30T10:00:00Z");
        log("c-3", "failed", "2026-11-30T09:00:00Z");
        log("c-4", "pending", "2026-11-30T09:00:00Z");
        log("c-5", "failed", "2026-11-28T09:00:00Z"); // before the day

        assertThat(await(console.outcomesSince(NOW.minusSeconds(86_400)))).isEqualTo(new Outcomes(2, 1));
    }

    @Test
    void aCustomersSourcesAreItsStoredRequestsAndTheHeldEventsNamingItNewestFirst() throws Exception {
        sql("insert into inbound_events (provider, event_id, payload_hash, entity_type, entity_id, received_at)"
                + " values ('api', 'k/1', 'h', 'customer', 'c-ada', '2026-11-30T08:00:00Z'),"
                + " ('api', 'k/2', 'h', 'customer', 'c-bob', '2026-11-30T08:30:00Z')");
        sql("insert into held_inbound_events (source, event_id, type, status, reason, received_at, customer_id,"
                + " raw_body) values ('stripe', 'evt_1', 'payment_intent.payment_failed', 'failed_payment',"
                + " 'the card was declined', '2026-11-30T09:00:00Z', 'c-ada', '{}')");

        List<SourceEvent> sources = await(console.sources(ADA, 10));

        assertThat(sources)
                .extracting(SourceEvent::provider, SourceEvent::eventId, SourceEvent::status, SourceEvent::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "stripe", "evt_1", "failed_payment", "the card was declined"),
                        org.assertj.core.groups.Tuple.tuple("api", "k/1", null, null));
        assertThat(sources.get(0).held()).isNotNull();
        assertThat(sources.get(1).held()).isNull();
        assertThat(await(console.sources(ADA, 1))).hasSize(1);
    }

    @Test
    void aMatchedHeldEventIsASourceOfThePaymentItBecame() throws Exception {
        sql("insert into held_inbound_events (source, event_id, type, status, received_at, raw_body, resolved_at,"
                + " resolved_by, resolution, entity_type, entity_id) values ('stripe', 'evt_2',"
                + " 'payment_intent.succeeded', 'resolved', '2026-11-30T09:00:00Z', '{}', '2026-11-30T10:00:00Z',"
                + " 'admin:x', 'matched to customer c-ada', 'payment', 'pi_2')");

        assertThat(await(console.sources(new EntityRef(EntityType.PAYMENT, "pi_2"), 10)))
                .singleElement()
                .satisfies(s -> assertThat(s.detail()).isEqualTo("matched to customer c-ada"));
    }

    @Test
    void waitsAreReadInBothDirectionsWithEachSidesStatus() throws Exception {
        record("customer", "c-ada", "failed");
        record("invoice", "inv-1", "waiting");
        sql("insert into sync_waits values ('invoice', 'inv-1', 'books', 'customer', 'c-ada', 'books',"
                + " '2026-11-30T07:00:00Z')");
        SyncKey invoice = new SyncKey(EntityType.INVOICE, "inv-1", SyncTarget.BOOKS);
        SyncKey customer = ADA.at(SyncTarget.BOOKS);
        RecordWait wait = new RecordWait(
                invoice, SyncStatus.WAITING, customer, SyncStatus.FAILED, Instant.parse("2026-11-30T07:00:00Z"));

        assertThat(await(console.dependants(ADA))).containsExactly(wait);
        assertThat(await(console.prerequisites(invoice.entity()))).containsExactly(wait);
        assertThat(await(console.prerequisites(ADA))).isEmpty();
    }

    @Test
    void adminActionsAreKeptAndReadNewestFirst() throws Exception {
        await(console.record(new AdminActionEntry("Ada", "link", ADA, SyncTarget.BOOKS, NOW, "linked to Zoho 46")));
        await(console.record(new AdminActionEntry("admin-api", "match", ADA, null, NOW.plusSeconds(5), null)));

        assertThat(await(console.actions(ADA, 10)))
                .containsExactly(
                        new AdminActionEntry("admin-api", "match", ADA, null, NOW.plusSeconds(5), null),
                        new AdminActionEntry("Ada", "link", ADA, SyncTarget.BOOKS, NOW, "linked to Zoho 46"));
        assertThat(await(console.actions(new EntityRef(EntityType.CUSTOMER, "c-bob"), 10)))
                .isEmpty();
    }

    @Test
    void customersAreFilteredByASyncStatusAndTextAndPagedById() throws Exception {
        customer("c-1", "Ada", "Lovelace", "ada@example.com");
        customer("c-2", "Bob", "Builder", "bob@example.com");
        customer("c-3", "Cy", "Lovelace", "cy@example.com");
        record("customer", "c-1", "failed");
        record("customer", "c-2", "synced");
        record("customer", "c-3", "failed");

        List<CustomerRow> failed = await(console.customers(new CustomerQuery(SyncStatus.FAILED, null, null, 10)));
        assertThat(failed).extracting(CustomerRow::id).containsExactly("c-1", "c-3");
        assertThat(failed.get(0).name()).isEqualTo("Ada Lovelace");
        assertThat(failed.get(0).email()).isEqualTo("ada@example.com");
        assertThat(failed.get(0).records())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(SyncStatus.FAILED));
        assertThat(await(console.customers(new CustomerQuery(null, "LOVELACE", "c-1", 10))))
                .extracting(CustomerRow::id)
                .containsExactly("c-3");
        assertThat(await(console.customers(new CustomerQuery(null, "BOB@", null, 10))))
                .extracting(CustomerRow::id)
                .containsExactly("c-2");
        assertThat(await(console.customers(new CustomerQuery(SyncStatus.MANUAL, null, null, 10))))
                .isEmpty();
    }

    private void customer(String id, String first, String last, String email) throws Exception {
        sql("insert into platform_entities (entity_type, entity_id, version, payload, payload_hash, received_at,"
                + " updated_at) values ('customer', '" + id + "', 1, '{\"first_name\":\"" + first
                + "\",\"last_name\":\"" + last + "\",\"email\":\"" + email + "\"}', 'h', '2026-11-30T00:00:00Z',"
                + " '2026-11-30T00:00:00Z')");
    }

    private void record(String type, String id, String status) throws Exception {
        sql("insert into sync_records (entity_type, entity_id, target, status, created_at, updated_at) values ('" + type
                + "', '" + id + "', 'books', '" + status + "', '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z')");
    }

    private void log(String id, String to, String at) throws Exception {
        sql("insert into sync_log (entity_type, entity_id, target, at, to_status, event) values ('customer', '" + id
                + "', 'books', '" + at + "', '" + to + "', 'test')");
    }

    private void sql(String statement) throws Exception {
        await(pool.query(statement).execute());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
