package io.zohosync.adapters.postgres.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.out.SentPayloads;
import io.zohosync.ports.out.zoho.ContactIndex;
import io.zohosync.ports.out.zoho.ContactIndex.Entry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Books contact index and the sent payloads' hashes in Postgres (V23, V24). */
class PgContactIndexTest {

    private static Vertx vertx;
    private static PostgresAdapters pg;
    private static ContactIndex index;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pg = await(PostgresAdapters.start(vertx, PostgresFixture.shared().newDatabase()));
        index = pg.contactIndex();
    }

    @AfterAll
    static void stop() throws Exception {
        await(pg.close());
        await(vertx.close());
    }

    @Test
    void contactsAreFoundByLowerCasedEmailNormalizedNameExactNameAndId() throws Exception {
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        await(index.put(List.of(
                new Entry("c1", "José  de la Cruz", " Jose@Example.com ", "p1", "ZAR", t),
                new Entry("c2", "Ada Lovelace", "ada@example.com", null, null, t))));

        assertThat(await(index.byEmail("JOSE@example.COM")))
                .extracting(Entry::contactId)
                .containsExactly("c1");
        assertThat(await(index.byName("jose de la cruz")))
                .extracting(Entry::contactId)
                .containsExactly("c1");
        assertThat(await(index.byContactName("ada LOVELACE")))
                .extracting(Entry::contactId)
                .containsExactly("c2");
        assertThat(await(index.byContactName("Ada"))).isEmpty();
        assertThat(await(index.byId("c1")).orElseThrow().primaryPersonId()).isEqualTo("p1");
    }

    @Test
    void aListRowKeepsTheKnownPersonAndAnOlderRowNeverReplacesANewerOne() throws Exception {
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        await(index.put(List.of(new Entry("k1", "Grace Hopper", "grace@example.com", "p9", "USD", t))));
        // a list row: no person id, no currency; newer
        await(index.put(
                List.of(new Entry("k1", "Grace B. Hopper", "grace@example.com", null, null, t.plusSeconds(5)))));
        // an older answer arriving late
        await(index.put(List.of(new Entry("k1", "Grace (old)", "old@example.com", "p0", "EUR", t.minusSeconds(5)))));

        Entry held = await(index.byId("k1")).orElseThrow();
        assertThat(held.contactName()).isEqualTo("Grace B. Hopper");
        assertThat(held.primaryPersonId()).isEqualTo("p9");
        assertThat(held.currencyCode()).isEqualTo("USD");
        assertThat(await(index.byEmail("old@example.com"))).isEmpty();
    }

    @Test
    void aFillsProgressKeepsTheEarliestStartTheMostPagesTheNewestSeenAndGoesWithTheCompletedFill() throws Exception {
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        await(index.filling(new ContactIndex.FillProgress(t, 2, t.minusSeconds(60))));
        // a second instance, behind: nothing goes back
        await(index.filling(new ContactIndex.FillProgress(t.plusSeconds(3600), 1, null)));
        assertThat(await(index.fillProgress())).contains(new ContactIndex.FillProgress(t, 2, t.minusSeconds(60)));
        await(index.filling(new ContactIndex.FillProgress(t, 3, t.minusSeconds(10))));
        assertThat(await(index.fillProgress())).contains(new ContactIndex.FillProgress(t, 3, t.minusSeconds(10)));

        await(index.refreshed(t, t.minusSeconds(10)));

        assertThat(await(index.fillProgress())).isEmpty();
        assertThat(await(index.state())).isPresent();
    }

    @Test
    void theRefreshStateOnlyMovesForwardAndHashesAreKeptPerRecord() throws Exception {
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        await(index.refreshed(t, t.plusSeconds(10)));
        await(index.refreshed(t.plusSeconds(60), t.plusSeconds(5)));
        assertThat(await(index.state()).orElseThrow().seenUpTo()).isEqualTo(t.plusSeconds(10));

        SentPayloads sent = pg.sentPayloads();
        SyncKey key = new SyncKey(EntityType.CUSTOMER, "cus-h", SyncTarget.BOOKS);
        assertThat(await(sent.hash(key))).isEmpty();
        await(sent.sent(key, "a", t));
        await(sent.sent(key, "b", t.plusSeconds(1)));
        assertThat(await(sent.hash(key))).contains("b");
    }

    @Test
    void whatJobsSideBySideAskInOneTurnIsAnsweredAsIfEachHadAskedAlone() throws Exception {
        Instant t = Instant.parse("2026-03-02T09:00:00Z");
        SentPayloads sent = pg.sentPayloads();
        SyncKey key = new SyncKey(EntityType.CUSTOMER, "cus-turn", SyncTarget.BOOKS);
        Context context = vertx.getOrCreateContext();

        // the puts of one turn go in one statement, a contact given twice in a later one: in the order asked
        await(onContext(
                context,
                () -> Future.all(
                        index.put(List.of(new Entry("t1", "Alan Turing", "alan@example.com", "p1", "GBP", t))),
                        index.put(List.of(
                                new Entry("t1", "Alan M. Turing", "alan@example.com", null, null, t.plusSeconds(5)))),
                        index.put(List.of(new Entry("t1", "Alan (old)", "old-alan@example.com", "p0", "EUR", t))),
                        index.put(List.of(new Entry("t2", "Joan Clarke", "joan@example.com", "p2", "GBP", t))))));
        // as are the hashes: the same key twice fails the shared statement, and each is stored alone, in order
        await(onContext(
                context, () -> Future.all(sent.sent(key, "first", t), sent.sent(key, "second", t.plusSeconds(1)))));
        List<List<Entry>> found = await(onContext(
                context,
                () -> Future.all(
                                index.byEmail("ALAN@example.com"),
                                index.byEmail("joan@example.com"),
                                index.byEmail("old-alan@example.com"),
                                index.byContactName("joan clarke"))
                        .map(all -> all.<List<Entry>>list())));

        assertThat(found.get(0)).extracting(Entry::contactName).containsExactly("Alan M. Turing");
        assertThat(found.get(0)).extracting(Entry::primaryPersonId).containsExactly("p1");
        assertThat(found.get(1)).extracting(Entry::contactId).containsExactly("t2");
        assertThat(found.get(2)).isEmpty();
        assertThat(found.get(3)).extracting(Entry::contactId).containsExactly("t2");
        assertThat(await(sent.hash(key))).contains("second");
    }

    /** Runs {@code work} on {@code context}, as a worker's jobs run on its event loop. */
    private static <T> Future<T> onContext(Context context, Supplier<Future<T>> work) {
        Promise<T> result = Promise.promise();
        context.runOnContext(x -> work.get().onComplete(result));
        return result.future();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
