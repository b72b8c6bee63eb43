package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoTokens;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Postgres adapter for {@link TokenStore}: tokens encrypted with {@link TokenKeys}; an update holds the
 * connection's row lock ({@code FOR UPDATE}) while it runs, so instances refresh one at a time and each
 * sees what the one before saved. The lock lasts one token request, bounded by its timeout.
 */
final class PgZohoTokenStore implements TokenStore {

    /** Another instance refreshing holds the row at most for one Accounts call; waiting longer means something is stuck. */
    private static final String LOCK_TIMEOUT = "set local lock_timeout = '45s'";

    private static final String COLUMNS = "key_id, refresh_token, access_token, access_expires_at, api_domain, "
            + "accounts_server, refreshed_at, cool_down_until, reconnect_needed";
    private static final String SELECT = "select " + COLUMNS + " from zoho_tokens where connection_id = $1";
    private static final String ENSURE_ROW =
            "insert into zoho_tokens (connection_id) values ($1) on conflict do nothing";
    private static final String SAVE = """
            update zoho_tokens set key_id = $2, refresh_token = $3, access_token = $4, access_expires_at = $5,
                   api_domain = $6, accounts_server = $7, refreshed_at = $8, cool_down_until = $9,
                   reconnect_needed = $10, updated_at = now()
             where connection_id = $1""";

    private final Pool pool;
    private final TokenKeys keys;

    PgZohoTokenStore(Pool pool, TokenKeys keys) {
        this.pool = pool;
        this.keys = keys;
    }

    @Override
    public Future<Optional<ZohoTokens>> load(String connectionId) {
        return pool.preparedQuery(SELECT).execute(Tuple.of(connectionId)).map(rows -> read(connectionId, rows));
    }

    @Override
    public Future<ZohoTokens> update(String connectionId, Function<Optional<ZohoTokens>, Future<ZohoTokens>> change) {
        return Transactions.run(
                pool,
                conn -> conn.query(LOCK_TIMEOUT)
                        .execute()
                        .compose(x -> conn.preparedQuery(ENSURE_ROW).execute(Tuple.of(connectionId)))
                        .compose(x -> conn.preparedQuery(SELECT + " for update").execute(Tuple.of(connectionId)))
                        .compose(rows -> change.apply(read(connectionId, rows)))
                        .compose(tokens -> save(conn, connectionId, tokens).map(tokens)));
    }

    private Future<RowSet<Row>> save(SqlClient conn, String connectionId, ZohoTokens t) {
        OffsetDateTime[] refreshed =
                t.refreshedAt().stream().map(PgZohoTokenStore::utc).toArray(OffsetDateTime[]::new);
        return conn.preparedQuery(SAVE).execute(Tuple.from(new Object[] {
            connectionId,
            keys.currentKeyId(),
            buffer(keys.encrypt(t.refreshToken(), connectionId + "/refresh")),
            buffer(keys.encrypt(t.accessToken(), connectionId + "/access")),
            utc(t.accessTokenExpiresAt()),
            t.apiDomain(),
            t.accountsServer(),
            refreshed,
            utc(t.coolDownUntil()),
            t.reconnectNeeded()
        }));
    }

    private Optional<ZohoTokens> read(String connectionId, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row r = rows.iterator().next();
        String keyId = r.getString("key_id");
        if (keyId == null) {
            return Optional.empty();
        }
        OffsetDateTime[] refreshed = r.getArrayOfOffsetDateTimes("refreshed_at");
        return Optional.of(new ZohoTokens(
                keys.decrypt(bytes(r.getBuffer("refresh_token")), keyId, connectionId + "/refresh"),
                keys.decrypt(bytes(r.getBuffer("access_token")), keyId, connectionId + "/access"),
                instant(r.getOffsetDateTime("access_expires_at")),
                r.getString("api_domain"),
                r.getString("accounts_server"),
                refreshed == null
                        ? null
                        : Arrays.stream(refreshed)
                                .map(OffsetDateTime::toInstant)
                                .toList(),
                instant(r.getOffsetDateTime("cool_down_until")),
                r.getBoolean("reconnect_needed")));
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Buffer buffer(byte[] b) {
        return b == null ? null : Buffer.buffer(b);
    }

    private static byte[] bytes(Buffer b) {
        return b == null ? null : b.getBytes();
    }
}
