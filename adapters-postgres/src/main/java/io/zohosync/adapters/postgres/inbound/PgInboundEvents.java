package io.zohosync.adapters.postgres.inbound;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.ports.out.InboundEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Postgres adapter for {@link InboundEvents}: the {@code held_inbound_events} table (V8). */
public final class PgInboundEvents implements InboundEvents {

    private static final String SUMMARY = """
            id, source, event_id, type, status, reason, received_at, amount, currency, customer_id, order_id,
            metadata, resolved_at, resolved_by, resolution""";
    private static final String KEEP = """
            insert into held_inbound_events (source, event_id, type, status, reason, received_at, amount, currency,
                                             customer_id, order_id, metadata, raw_body)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (source, event_id) do nothing""";
    private static final String LIST = "select " + SUMMARY + """
             from held_inbound_events
            where id > $1 and ($2::text is null or status = $2) and ($3::text is null or source = $3)
            order by id limit $4""";
    private static final String FIND = "select " + SUMMARY + ", raw_body from held_inbound_events where id = $1";
    private static final String RESOLVE = """
            update held_inbound_events set status = 'resolved', resolved_by = $2, resolution = $3, resolved_at = $4,
                   entity_type = $5, entity_id = $6
            where id = $1 and status <> 'resolved'""";

    private final Pool pool;

    public PgInboundEvents(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Boolean> keep(Received e) {
        return pool.preparedQuery(KEEP)
                .execute(Tuple.from(new Object[] {
                    e.source(),
                    e.eventId(),
                    e.type(),
                    e.status().wire(),
                    e.reason(),
                    utc(e.receivedAt()),
                    e.amount(),
                    e.currency(),
                    e.customerId(),
                    e.orderId(),
                    new JsonObject(new LinkedHashMap<>(e.metadata())),
                    e.rawBody()
                }))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<List<Kept>> list(Page page) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(
                        page.afterId(),
                        page.status().map(Status::wire).orElse(null),
                        page.source().orElse(null),
                        page.limit()))
                .map(rows -> {
                    List<Kept> out = new ArrayList<>();
                    rows.forEach(row -> out.add(kept(row)));
                    return out;
                });
    }

    @Override
    public Future<Optional<Detail>> find(long id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Row row = it.next();
            return Optional.of(new Detail(kept(row), row.getString("raw_body")));
        });
    }

    @Override
    public Future<Boolean> resolve(long id, String by, String resolution, EntityRef became, Instant at) {
        return pool.preparedQuery(RESOLVE)
                .execute(Tuple.of(
                        id,
                        by,
                        resolution,
                        utc(at),
                        became == null ? null : became.type().wire(),
                        became == null ? null : became.id()))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Kept kept(Row r) {
        Map<String, String> metadata = new LinkedHashMap<>();
        ((JsonObject) r.getValue("metadata")).forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
        return new Kept(
                r.getLong("id"),
                r.getString("source"),
                r.getString("event_id"),
                r.getString("type"),
                Status.fromWire(r.getString("status")),
                r.getString("reason"),
                instant(r.getOffsetDateTime("received_at")),
                r.getBigDecimal("amount"),
                r.getString("currency"),
                r.getString("customer_id"),
                r.getString("order_id"),
                metadata,
                instant(r.getOffsetDateTime("resolved_at")),
                r.getString("resolved_by"),
                r.getString("resolution"));
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
