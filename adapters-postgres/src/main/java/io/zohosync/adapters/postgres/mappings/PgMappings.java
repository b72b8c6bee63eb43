package io.zohosync.adapters.postgres.mappings;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.MappingQuery.Filter;
import io.zohosync.ports.in.MappingQuery.Mapping;
import io.zohosync.ports.in.MappingQuery.Mirrored;
import io.zohosync.ports.out.MappingsReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Postgres adapter for {@link MappingsReader}: {@code sync_records} (the canonical mapping) with {@code zoho_states}
 * (V17) beside each row; a reverse lookup by Zoho id uses {@code sync_records_zoho_id_idx} (V21).
 */
public final class PgMappings implements MappingsReader {

    private static final String FIND = """
            select r.entity_type, r.entity_id, r.target, r.status, r.zoho_id, r.updated_at,
                   s.status as zoho_status, s.details, s.zoho_time, s.source
            from sync_records r
            left join zoho_states s using (entity_type, entity_id, target)
            where ($1::text is null or r.entity_type = $1) and ($2::text is null or r.entity_id = $2)
              and ($3::text is null or r.target = $3) and ($4::text is null or r.zoho_id = $4)
            order by r.entity_type, r.entity_id, r.target
            limit $5""";

    private final SqlClient client;

    public PgMappings(SqlClient client) {
        this.client = client;
    }

    @Override
    public Future<List<Mapping>> find(Filter filter) {
        return client.preparedQuery(FIND)
                .execute(Tuple.of(
                        filter.type() == null ? null : filter.type().wire(),
                        filter.entityId(),
                        filter.target() == null ? null : filter.target().wire(),
                        filter.zohoId(),
                        io.zohosync.ports.in.MappingQuery.MAX_ROWS))
                .map(rows -> {
                    List<Mapping> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(mapping(row));
                    }
                    return found;
                });
    }

    private static Mapping mapping(Row row) {
        String zohoStatus = row.getString("zoho_status");
        Mirrored state = zohoStatus == null
                ? null
                : new Mirrored(
                        zohoStatus,
                        ((JsonObject) row.getValue("details")).getMap(),
                        row.getOffsetDateTime("zoho_time").toInstant(),
                        row.getString("source"));
        return new Mapping(
                new SyncKey(
                        EntityType.fromWire(row.getString("entity_type")),
                        row.getString("entity_id"),
                        SyncTarget.fromWire(row.getString("target"))),
                SyncStatus.fromWire(row.getString("status")),
                row.getString("zoho_id"),
                row.getOffsetDateTime("updated_at").toInstant(),
                state);
    }
}
