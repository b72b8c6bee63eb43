package io.zohosync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.adapters.postgres.testing.TcpProxy;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.StoreUnavailable;
import io.zohosync.ports.out.StoredEntity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database that goes away (its network closed under the pool, or its backends terminated mid-transaction)
 * fails the ports as {@link StoreUnavailable}, leaves nothing half-written, and is used again once it is back.
 */
@ExtendWith(VertxExtension.class)
class DatabaseOutageTest {

    private static final SyncStateMachine MACHINE = new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(1));

    private Vertx vertx;
    private DatabaseSettings direct;
    private TcpProxy proxy;
    private PostgresAdapters pg;
    private IntakeService intake;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        direct = PostgresFixture.shared().newDatabase();
        proxy = new TcpProxy(vertx, direct).open(0);
        pg = await(PostgresAdapters.start(vertx, proxy.settings()));
        intake = new IntakeService(
                pg.intake(),
                List.of(new CustomerMapping()),
                new Routing(Map.of(EntityType.CUSTOMER, List.of(SyncTarget.BOOKS))),
                MACHINE,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        await(pg.close());
        proxy.close();
    }

    @Test
    void a_database_whose_network_is_gone_is_unavailable_to_every_port_and_used_again_when_back() throws Exception {
        assertThat(await(record("before"))).isInstanceOf(Result.Recorded.class);

        proxy.close();

        assertUnavailable(record("during"));
        assertUnavailable(pg.syncRecordsReader().findAll(new EntityRef(EntityType.CUSTOMER, "before")));
        assertUnavailable(pg.syncRecordsReader().countsByEntityAndStatus());
        assertUnavailable(pg.syncRecordsReader().countsByTarget());
        assertUnavailable(pg.entities().find(new EntityRef(EntityType.CUSTOMER, "before")));
        assertUnavailable(pg.consentStates().consume("nonce", Instant.now()));

        proxy.reopen();

        assertThat(await(record("after"))).isInstanceOf(Result.Recorded.class);
        assertThat(storedIds()).containsExactlyInAnyOrder("before", "after");
    }

    @Test
    void backends_terminated_inside_a_transaction_leave_nothing_half_written() throws Exception {
        Pool admin = PostgresFixture.shared().pool(vertx);
        try {
            EntityRef ref = new EntityRef(EntityType.CUSTOMER, "cut");
            Future<Void> cut = pg.intake()
                    .inTransaction(tx -> tx.saveEntity(
                                    new StoredEntity(ref, Map.of("id", "cut"), 1, "h", Instant.now(), Instant.now()),
                                    Instant.now())
                            .compose(saved -> admin.preparedQuery(
                                            "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()")
                                    .execute(Tuple.of(direct.database())))
                            .compose(terminated -> tx.lockRecord(ref.at(SyncTarget.BOOKS)))
                            .mapEmpty());

            assertUnavailable(cut);
            assertThat(storedIds()).doesNotContain("cut");
            assertThat(await(record("next")))
                    .as("the pool replaces the dead connections")
                    .isInstanceOf(Result.Recorded.class);
        } finally {
            await(admin.close());
        }
    }

    @Test
    void a_refused_statement_is_not_mistaken_for_an_outage() throws Exception {
        Future<Object> refused =
                pg.intake().inTransaction(tx -> Future.failedFuture(new IllegalStateException("a bug")));

        Throwable failure = failure(refused);
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThat(Unreachable.is(failure)).isFalse();
    }

    @Test
    void the_drivers_untyped_outage_messages_count_as_unreachable() {
        // both come as a bare VertxException: a pool wait that timed out, a statement on a connection that just closed
        assertThat(Unreachable.is(new io.vertx.core.VertxException("Timeout waiting for connection")))
                .isTrue();
        assertThat(Unreachable.is(
                        new io.vertx.core.VertxException("Connection is not active now, current status: CLOSED")))
                .isTrue();
        assertThat(Unreachable.is(new io.vertx.core.VertxException("something else")))
                .isFalse();
    }

    private Future<Result> record(String id) {
        return intake.record(new Command(
                EntityType.CUSTOMER, id, Map.of("last_name", "Outage", "email", id + "@example.com"), null, null));
    }

    private List<String> storedIds() throws Exception {
        Pool own = PostgresAdapters.pool(vertx, direct);
        try {
            List<String> ids = new java.util.ArrayList<>();
            await(own.query("select entity_id from platform_entities").execute())
                    .forEach(row -> ids.add(row.getString("entity_id")));
            return ids;
        } finally {
            await(own.close());
        }
    }

    private static void assertUnavailable(Future<?> future) throws Exception {
        assertThat(failure(future)).isInstanceOf(StoreUnavailable.class);
    }

    private static Throwable failure(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the future to fail");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
