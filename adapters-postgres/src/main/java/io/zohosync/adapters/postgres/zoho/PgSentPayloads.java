package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.coalesce.Coalescer;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.ports.out.SentPayloads;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Postgres adapter for {@link SentPayloads}: the {@code sync_sent_hashes} table (V23). */
public final class PgSentPayloads implements SentPayloads {

    private static final String FIND =
            "select hash from sync_sent_hashes where entity_type = $1 and entity_id = $2 and target = $3";
    /** The hashes sent ($1–$5 arrays: key, hash, time), each key once in a statement. */
    private static final String SENT = """
            insert into sync_sent_hashes (entity_type, entity_id, target, hash, sent_at)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
            on conflict (entity_type, entity_id, target) do update set hash = excluded.hash, sent_at = excluded.sent_at""";

    private final SqlClient client;
    private final Coalescer<Sent, Void> sent;

    public PgSentPayloads(SqlClient client) {
        this.client = client;
        this.sent = new Coalescer<>("sent hashes", this::store);
    }

    private record Sent(SyncKey key, String hash, Instant at) {}

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
        return sent.ask(new Sent(key, hash, at));
    }

    /**
     * The hashes the worker's jobs sent side by side, in one statement ({@link Coalescer}); a key sent twice among them
     * makes the statement fail, and each is then stored alone, in order.
     */
    private Future<List<Void>> store(List<Sent> hashes) {
        return client.preparedQuery(SENT)
                .execute(Tuple.of(
                        hashes.stream().map(h -> h.key().type().wire()).toArray(String[]::new),
                        hashes.stream().map(h -> h.key().entityId()).toArray(String[]::new),
                        hashes.stream().map(h -> h.key().target().wire()).toArray(String[]::new),
                        hashes.stream().map(Sent::hash).toArray(String[]::new),
                        hashes.stream()
                                .map(h -> h.at().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new)))
                .map(rows -> Collections.nCopies(hashes.size(), (Void) null));
    }
}
