package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.ports.out.SentPayloads;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Postgres adapter for {@link SentPayloads}: the {@code sync_sent_hashes} table (V23). */
public final class PgSentPayloads implements SentPayloads {

    private static final String FIND =
            "select hash from sync_sent_hashes where entity_type = $1 and entity_id = $2 and target = $3";
    private static final String SENT = """
            insert into sync_sent_hashes (entity_type, entity_id, target, hash, sent_at) values ($1, $2, $3, $4, $5)
            on conflict (entity_type, entity_id, target) do update set hash = excluded.hash, sent_at = excluded.sent_at""";

    private final SqlClient client;

    public PgSentPayloads(SqlClient client) {
        this.client = client;
    }

    @Override
    public Future<Optional<String>> hash(SyncKey key) {
        return client.preparedQuery(FIND)
                .execute(
                        Tuple.of(key.type().wire(), key.entityId(), key.target().wire()))
                .map(rows -> rows.size() == 0
                        ? Optional.<String>empty()
                        : Optional.ofNullable(rows.iterator().next().getString("hash")));
    }

    @Override
    public Future<Void> sent(SyncKey key, String hash, Instant at) {
        return client.preparedQuery(SENT)
                .execute(Tuple.of(
                        key.type().wire(), key.entityId(), key.target().wire(), hash, at.atOffset(ZoneOffset.UTC)))
                .mapEmpty();
    }
}
