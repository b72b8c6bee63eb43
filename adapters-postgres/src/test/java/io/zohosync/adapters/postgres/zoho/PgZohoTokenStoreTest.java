package io.zohosync.adapters.postgres.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoTokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** What only the Postgres store shows: encryption at rest, key rotation, instances taking turns (the port's behaviour: {@link PgZohoTokenStoreContractTest}). */
@ExtendWith(VertxExtension.class)
class PgZohoTokenStoreTest {

    private static final String K1 = "k1:" + key();
    private static final String K2 = "k2:" + key();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Pool pool;
    private String connection;

    @BeforeEach
    void start(Vertx vertx) {
        logs.start();
        root.addAppender(logs);
        pool = PostgresFixture.shared().pool(vertx);
        connection = "conn-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        pool.close().await();
    }

    private static String key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static ZohoTokens tokens(String refresh, String access) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new ZohoTokens(
                refresh,
                access,
                now.plusSeconds(3600),
                "https://www.zohoapis.eu",
                "https://accounts.zoho.eu",
                List.of(now),
                null,
                false);
    }

    @Test
    void tokensRoundTripButTheDatabaseAndTheLogsNeverHoldThemInClear() {
        TokenStore store = ZohoPostgres.tokenStore(pool, TokenKeys.parse(K1));
        String refresh = "1000.refresh-" + UUID.randomUUID();
        String access = "1000.access-" + UUID.randomUUID();
        ZohoTokens saved = tokens(refresh, access);

        store.update(connection, current -> Future.succeededFuture(saved)).await();

        assertThat(store.load(connection).await()).contains(saved);
        Row row = pool.preparedQuery("select * from zoho_tokens where connection_id = $1")
                .execute(Tuple.of(connection))
                .await()
                .iterator()
                .next();
        StringBuilder everything = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.getValue(i);
            everything
                    .append(
                            value instanceof io.vertx.core.buffer.Buffer b
                                    ? new String(b.getBytes(), StandardCharsets.ISO_8859_1)
                                    : value)
                    .append('|');
        }
        assertThat(everything.toString())
                .doesNotContain(refresh)
                .doesNotContain(access)
                .doesNotContain("refresh-")
                .contains("k1");
        String text = pool.preparedQuery("select zoho_tokens::text from zoho_tokens where connection_id = $1")
                .execute(Tuple.of(connection))
                .await()
                .iterator()
                .next()
                .getString(0);
        assertThat(text).doesNotContain(refresh).doesNotContain(access);
        assertThat(saved.toString()).doesNotContain(refresh).doesNotContain(access);
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(l -> l.contains(refresh) || l.contains(access));
    }

    @Test
    void keysRotateTheOldKeyStillReadsAndTheNextWriteUsesTheNewOne() {
        ZohoTokens saved = tokens("1000.r-" + UUID.randomUUID(), "1000.a");
        ZohoPostgres.tokenStore(pool, TokenKeys.parse(K1))
                .update(connection, c -> Future.succeededFuture(saved))
                .await();
        TokenStore rotated = ZohoPostgres.tokenStore(pool, TokenKeys.parse(K2 + "," + K1));

        assertThat(rotated.load(connection).await()).contains(saved);
        rotated.update(connection, c -> Future.succeededFuture(c.orElseThrow())).await();

        assertThat(keyIdOf(connection)).isEqualTo("k2");
        assertThatThrownBy(() -> ZohoPostgres.tokenStore(pool, TokenKeys.parse(K1))
                        .load(connection)
                        .await())
                .hasMessageContaining("key 'k2'");
    }

    @Test
    void aCiphertextCopiedToAnotherConnectionDoesNotDecrypt() {
        TokenStore store = ZohoPostgres.tokenStore(pool, TokenKeys.parse(K1));
        String other = "conn-" + UUID.randomUUID();
        store.update(connection, c -> Future.succeededFuture(tokens("1000.r", "1000.a")))
                .await();
        store.update(other, c -> Future.succeededFuture(tokens("1000.x", "1000.y")))
                .await();
        pool.preparedQuery(
                        "update zoho_tokens set refresh_token = (select refresh_token from zoho_tokens where connection_id = $1) "
                                + "where connection_id = $2")
                .execute(Tuple.of(connection, other))
                .await();

        assertThatThrownBy(() -> store.load(other).await()).hasMessageContaining("could not decrypt");
    }

    @Test
    void updatesFromTwoInstancesRunOneAfterAnotherEachSeeingTheLastSave(Vertx vertx) {
        Pool otherInstance = PostgresFixture.shared().pool(vertx);
        List<TokenStore> stores = List.of(
                ZohoPostgres.tokenStore(pool, TokenKeys.parse(K1)),
                ZohoPostgres.tokenStore(otherInstance, TokenKeys.parse(K1)));
        List<Future<ZohoTokens>> updates = new ArrayList<>();

        IntStream.range(0, 10)
                .forEach(i -> updates.add(stores.get(i % 2).update(connection, current -> {
                    List<Instant> seen =
                            new ArrayList<>(current.map(ZohoTokens::refreshedAt).orElse(List.of()));
                    seen.add(Instant.now().truncatedTo(ChronoUnit.MILLIS));
                    return vertx.timer(5)
                            .map(x -> new ZohoTokens("1000.r", "1000.a", null, null, null, seen, null, false));
                })));
        Future.all(updates).await();

        Optional<ZohoTokens> last = stores.get(0).load(connection).await();
        assertThat(last.orElseThrow().refreshedAt()).hasSize(10);
        otherInstance.close().await();
    }

    private String keyIdOf(String connectionId) {
        return pool.preparedQuery("select key_id from zoho_tokens where connection_id = $1")
                .execute(Tuple.of(connectionId))
                .await()
                .iterator()
                .next()
                .getString(0);
    }

    @Test
    void a_key_id_given_twice_or_malformed_is_refused_rather_than_silently_replaced() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenKeys.parse("k1:" + key + ",k1:" + key))
                .hasMessageContaining("given twice");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenKeys.parse("k 1:" + key))
                .hasMessageContaining("token key id");
    }
}
