package io.zohosync.ports.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogPage;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.out.SyncRecordsReader;
import io.zohosync.ports.testing.InMemorySyncStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin's view of the sync log: pages of the asked size, each with the cursor of the next while one exists. */
class SyncStatusServiceTest {

    private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");

    private final InMemorySyncStore store = new InMemorySyncStore();
    private final SyncStatusService service = new SyncStatusService(store, true);

    @Test
    void pagesFollowTheCursorAndTheLastHasNone() throws Exception {
        queue(5);

        List<List<String>> pages = pages(SyncLogQuery.newest(2));

        assertThat(pages).containsExactly(List.of("c-5", "c-4"), List.of("c-3", "c-2"), List.of("c-1"));
    }

    @Test
    void aFullLastPageSaysItIsTheLastWithoutAnEmptyPageAfterIt() throws Exception {
        queue(4);

        assertThat(pages(SyncLogQuery.newest(2))).containsExactly(List.of("c-4", "c-3"), List.of("c-2", "c-1"));
        SyncLogPage all = await(service.log(SyncLogQuery.newest(4)));
        assertThat(all.entries()).hasSize(4);
        assertThat(all.nextBefore()).isNull();
    }

    @Test
    void anOverviewAskedWithoutRecentRecordsCountsWithoutReadingAny() throws Exception {
        queue(3);
        List<String> asked = new ArrayList<>();
        SyncRecordsReader watched = (SyncRecordsReader) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SyncRecordsReader.class}, (proxy, method, args) -> {
                    asked.add(method.getName());
                    return method.invoke(store, args);
                });
        SyncStatusService watching = new SyncStatusService(watched, true);

        SyncOverview counts = await(watching.overview(0));
        assertThat(counts.recent()).isEmpty();
        assertThat(counts.countsByTarget().get(EntityType.CUSTOMER).get(SyncTarget.BOOKS))
                .containsEntry(SyncStatus.PENDING, 3L);
        assertThat(asked).containsExactly("countsByTarget");

        assertThat(await(watching.overview(2)).recent()).hasSize(2);
        assertThat(asked).containsExactly("countsByTarget", "countsByTarget", "recentlyChanged");
    }

    private void queue(int records) throws Exception {
        for (int i = 1; i <= records; i++) {
            await(store.ensureQueued(
                    new SyncKey(EntityType.CUSTOMER, "c-" + i, SyncTarget.BOOKS), "test", NOW.plusSeconds(i)));
        }
    }

    private List<List<String>> pages(SyncLogQuery first) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        SyncLogQuery query = first;
        while (true) {
            SyncLogPage page = await(service.log(query));
            pages.add(page.entries().stream()
                    .map(SyncLogEntry::key)
                    .map(SyncKey::entityId)
                    .toList());
            if (page.nextBefore() == null) {
                return pages;
            }
            assertThat(page.nextBefore())
                    .isEqualTo(page.entries().get(page.entries().size() - 1).id());
            query = query.withBefore(page.nextBefore());
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }
}
