package io.zohosync.adapters.postgres.states;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.ports.out.ZohoStates;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Postgres adapter for {@link ZohoStates}: the {@code zoho_states} table (V17); also used inside intake transactions. */
public final class PgZohoStates implements ZohoStates {

    /** Kept unless the stored state is newer: an equal time is a repeat or a same-instant change, and the last wins. */
    private static final String MIRROR = """
            insert into zoho_states (entity_type, entity_id, target, status, details, zoho_time, source, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (entity_type, entity_id, target) do update set
                status = excluded.status, details = excluded.details, zoho_time = excluded.zoho_time,
                source = excluded.source, updated_at = excluded.updated_at
            where zoho_states.zoho_time <= excluded.zoho_time""";

    private static final String FIND =
            "select target, status, details, zoho_time, source from zoho_states where entity_type = $1 and entity_id = $2";

    private final SqlClient client;

    public PgZohoStates(SqlClient client) {
        this.client = client;
    }

    @Override
    public Future<Boolean> mirror(SyncKey key, ZohoState state) {
        return client.preparedQuery(MIRROR)
                .execute(Tuple.from(new Object[] {
                    key.type().wire(),
                    key.entityId(),
                    key.target().wire(),
                    state.status(),
                    new JsonObject(new LinkedHashMap<>(state.details())),
                    utc(state.zohoTime()),
                    state.source(),
                    utc(Instant.now())
                }))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<Map<SyncTarget, ZohoState>> statesOf(EntityRef ref) {
        return client.preparedQuery(FIND)
                .execute(Tuple.of(ref.type().wire(), ref.id()))
                .map(rows -> {
                    Map<SyncTarget, ZohoState> found = new EnumMap<>(SyncTarget.class);
                    for (Row row : rows) {
                        found.put(SyncTarget.fromWire(row.getString("target")), state(row));
                    }
                    return found;
                });
    }

    private static ZohoState state(Row row) {
        return new ZohoState(
                row.getString("status"),
                ((JsonObject) row.getValue("details")).getMap(),
                row.getOffsetDateTime("zoho_time").toInstant(),
                row.getString("source"));
    }
}
