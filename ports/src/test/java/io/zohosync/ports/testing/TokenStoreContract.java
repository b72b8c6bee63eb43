package io.zohosync.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Contract suite of {@link TokenStore}: every implementation extends it and supplies the store. */
@ExtendWith(VertxExtension.class)
public abstract class TokenStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123Z");
    protected TokenStore store;
    protected String connection;
    private Vertx vertx;

    /** The implementation under test. */
    protected abstract TokenStore store(Vertx vertx);

    @BeforeEach
    void startContract(Vertx vertx) {
        this.vertx = vertx;
        store = store(vertx);
        connection = "conn-" + UUID.randomUUID();
    }

    protected static ZohoTokens tokens(String refresh, String access) {
        return new ZohoTokens(
                refresh,
                access,
                T0.plusSeconds(3600),
                "https://www.zohoapis.eu",
                "https://accounts.zoho.eu",
                List.of(T0.minusSeconds(60), T0),
                T0.plusSeconds(30),
                false);
    }

    @Test
    void a_connection_without_tokens_loads_empty_and_its_first_update_starts_from_nothing() {
        assertThat(store.load(connection).await()).isEmpty();

        ZohoTokens saved = store.update(connection, current -> {
                    assertThat(current).isEmpty();
                    return Future.succeededFuture(tokens("1000.r", "1000.a"));
                })
                .await();

        assertThat(saved).isEqualTo(tokens("1000.r", "1000.a"));
    }

    @Test
    void what_an_update_saves_loads_back_field_for_field() {
        ZohoTokens full = tokens("1000.r-" + UUID.randomUUID(), "1000.a-" + UUID.randomUUID());
        ZohoTokens sparse = new ZohoTokens("1000.only-refresh", null, null, null, null, List.of(), null, true);
        String other = "conn-" + UUID.randomUUID();

        store.update(connection, current -> Future.succeededFuture(full)).await();
        store.update(other, current -> Future.succeededFuture(sparse)).await();

        assertThat(store.load(connection).await()).contains(full);
        assertThat(store.load(other).await()).contains(sparse);
    }

    @Test
    void an_update_is_handed_the_last_saved_tokens_and_replaces_them() {
        store.update(connection, current -> Future.succeededFuture(tokens("1000.r", "1000.a1")))
                .await();

        ZohoTokens next = store.update(
                        connection,
                        current -> Future.succeededFuture(new ZohoTokens(
                                current.orElseThrow().refreshToken(),
                                "1000.a2",
                                T0.plusSeconds(7200),
                                current.get().apiDomain(),
                                current.get().accountsServer(),
                                current.get().refreshedAt(),
                                null,
                                false)))
                .await();

        assertThat(next.accessToken()).isEqualTo("1000.a2");
        assertThat(store.load(connection).await()).contains(next);
    }

    @Test
    void a_failed_or_throwing_change_fails_the_update_and_saves_nothing() {
        ZohoTokens saved = tokens("1000.r", "1000.a");
        store.update(connection, current -> Future.succeededFuture(saved)).await();

        assertThatThrownBy(() -> store.update(connection, current -> Future.failedFuture("Accounts refused"))
                        .await())
                .hasMessageContaining("Accounts refused");
        assertThatThrownBy(() -> store.update(connection, current -> {
                            throw new IllegalStateException("bug in change");
                        })
                        .await())
                .hasMessageContaining("bug in change");

        assertThat(store.load(connection).await()).contains(saved);
        assertThat(store.update(connection, current -> Future.succeededFuture(current.orElseThrow()))
                        .await())
                .isEqualTo(saved);
    }

    @Test
    void a_failed_first_update_leaves_the_connection_without_tokens() {
        assertThatThrownBy(() -> store.update(connection, current -> Future.failedFuture("no grant"))
                        .await())
                .hasMessageContaining("no grant");

        assertThat(store.load(connection).await()).isEmpty();
    }

    @Test
    void connections_keep_their_own_tokens() {
        String other = "conn-" + UUID.randomUUID();
        store.update(connection, current -> Future.succeededFuture(tokens("1000.mine", "1000.a")))
                .await();

        assertThat(store.load(other).await()).isEmpty();
        store.update(other, current -> {
                    assertThat(current).isEmpty();
                    return Future.succeededFuture(tokens("1000.theirs", "1000.b"));
                })
                .await();
        assertThat(store.load(connection).await().map(ZohoTokens::refreshToken)).contains("1000.mine");
    }

    @Test
    void overlapping_updates_of_one_connection_run_one_after_another_each_seeing_the_last_save() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Future<ZohoTokens>> updates = new ArrayList<>();

        IntStream.range(0, 10)
                .forEach(i -> updates.add(store.update(connection, current -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    List<Instant> seen =
                            new ArrayList<>(current.map(ZohoTokens::refreshedAt).orElse(List.of()));
                    seen.add(T0.plusSeconds(i));
                    // finish on a later event-loop turn, so an update that did not wait would overlap this one
                    return vertx.timer(1).map(x -> {
                        running.decrementAndGet();
                        return new ZohoTokens("1000.r", "1000.a", null, null, null, seen, null, false);
                    });
                })));
        Future.all(updates).await();

        Optional<ZohoTokens> last = store.load(connection).await();
        assertThat(last.orElseThrow().refreshedAt()).hasSize(10);
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }
}
