package io.zohosync.adapters.postgres.console;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.sync.RecordStore;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.CustomerQuery;
import io.zohosync.ports.in.CustomerRow;
import io.zohosync.ports.in.RecordWait;
import io.zohosync.ports.in.SourceEvent;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.AdminAudit;
import io.zohosync.ports.out.ConsoleReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Postgres adapter for {@link ConsoleReader} and {@link AdminAudit}: the sync log's outcomes, a record's source events
 * ({@code inbound_events}, {@code held_inbound_events}), its waits ({@code sync_waits}), the audit of admin actions
 * ({@code admin_actions}, V12) and the customer list ({@code platform_entities} with their sync records).
 */
public final class PgConsole implements ConsoleReader, AdminAudit {

    private static final String OUTCOMES = """
            select count(*) filter (where to_status = 'synced') as synced,
                   count(*) filter (where to_status = 'failed') as failed
              from sync_log where at > $1 and to_status in ('synced', 'failed')""";
    private static final String SOURCES = """
            select provider, event_id, received_at, null::bigint as held, null::text as type, null::text as status,
                   null::text as detail
              from inbound_events where entity_type = $1 and entity_id = $2
            union all
            select source, event_id, received_at, id, type, status, coalesce(resolution, reason)
              from held_inbound_events
             where (entity_type = $1 and entity_id = $2) or ($1 = 'customer' and customer_id = $2)
            order by received_at desc limit $3""";
    private static final String WAITS = """
            select w.entity_type, w.entity_id, w.target, r.status as waiting_status,
                   w.needs_type, w.needs_id, w.needs_target, n.status as needs_status, w.since
              from sync_waits w
              join sync_records r using (entity_type, entity_id, target)
              left join sync_records n
                on n.entity_type = w.needs_type and n.entity_id = w.needs_id and n.target = w.needs_target
             where %s
             order by w.since, w.entity_type, w.entity_id, w.needs_type, w.needs_id""";
    private static final String PREREQUISITES = WAITS.formatted("w.entity_type = $1 and w.entity_id = $2");
    private static final String DEPENDANTS = WAITS.formatted("w.needs_type = $1 and w.needs_id = $2");
    private static final String ACTIONS = """
            select actor, action, entity_type, entity_id, target, at, detail from admin_actions
             where entity_type = $1 and entity_id = $2 order by id desc limit $3""";
    private static final String RECORD_ACTION = """
            insert into admin_actions (actor, action, entity_type, entity_id, target, at, detail)
            values ($1, $2, $3, $4, $5, $6, $7)""";
    /**
     * The customer list: each filter is added only when asked for, so the planner sees what it has to find — a rare
     * status is read from {@code sync_records_status_idx} (200 failed among 200,000: 200 probes), a common one by
     * walking the primary key from the cursor. Text is looked for in the id, email, names and company,
     * case-insensitively.
     */
    private static final String CUSTOMERS =
            "select e.entity_id, e.payload from platform_entities e" + " where e.entity_type = 'customer'";

    private static final String BY_STATUS = " and e.entity_id in (select r.entity_id from sync_records r"
            + " where r.entity_type = 'customer' and r.status = $%d)";
    private static final String BY_TEXT = " and strpos(lower(concat_ws(' ', e.entity_id, e.payload->>'email',"
            + " e.payload->>'first_name', e.payload->>'last_name', e.payload->>'company_name')), lower($%d)) > 0";
    private static final String AFTER = " and e.entity_id > $%d";
    private static final String CUSTOMER_PAGE = " order by e.entity_id limit $%d";
    private static final String CUSTOMER_RECORDS = """
            select * from sync_records where entity_type = 'customer' and entity_id = any($1) order by target""";

    private final Pool pool;

    public PgConsole(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Outcomes> outcomesSince(Instant since) {
        return pool.preparedQuery(OUTCOMES).execute(Tuple.of(utc(since))).map(rows -> {
            Row row = rows.iterator().next();
            return new Outcomes(row.getLong("synced"), row.getLong("failed"));
        });
    }

    @Override
    public Future<List<SourceEvent>> sources(EntityRef entity, int limit) {
        return pool.preparedQuery(SOURCES)
                .execute(Tuple.of(entity.type().wire(), entity.id(), limit))
                .map(rows -> {
                    List<SourceEvent> events = new ArrayList<>();
                    rows.forEach(r -> events.add(new SourceEvent(
                            r.getString("provider"),
                            r.getString("event_id"),
                            instant(r.getOffsetDateTime("received_at")),
                            r.getLong("held"),
                            r.getString("type"),
                            r.getString("status"),
                            r.getString("detail"))));
                    return events;
                });
    }

    @Override
    public Future<List<RecordWait>> prerequisites(EntityRef entity) {
        return waits(PREREQUISITES, entity);
    }

    @Override
    public Future<List<RecordWait>> dependants(EntityRef entity) {
        return waits(DEPENDANTS, entity);
    }

    private Future<List<RecordWait>> waits(String sql, EntityRef entity) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(entity.type().wire(), entity.id()))
                .map(rows -> {
                    List<RecordWait> waits = new ArrayList<>();
                    rows.forEach(r -> waits.add(new RecordWait(
                            RecordStore.key(r),
                            SyncStatus.fromWire(r.getString("waiting_status")),
                            new SyncKey(
                                    EntityType.fromWire(r.getString("needs_type")),
                                    r.getString("needs_id"),
                                    SyncTarget.fromWire(r.getString("needs_target"))),
                            r.getString("needs_status") == null
                                    ? null
                                    : SyncStatus.fromWire(r.getString("needs_status")),
                            instant(r.getOffsetDateTime("since")))));
                    return waits;
                });
    }

    @Override
    public Future<List<AdminActionEntry>> actions(EntityRef entity, int limit) {
        return pool.preparedQuery(ACTIONS)
                .execute(Tuple.of(entity.type().wire(), entity.id(), limit))
                .map(rows -> {
                    List<AdminActionEntry> actions = new ArrayList<>();
                    rows.forEach(r -> actions.add(new AdminActionEntry(
                            r.getString("actor"),
                            r.getString("action"),
                            new EntityRef(EntityType.fromWire(r.getString("entity_type")), r.getString("entity_id")),
                            r.getString("target") == null ? null : SyncTarget.fromWire(r.getString("target")),
                            instant(r.getOffsetDateTime("at")),
                            r.getString("detail"))));
                    return actions;
                });
    }

    @Override
    public Future<Void> record(AdminActionEntry e) {
        return pool.preparedQuery(RECORD_ACTION)
                .execute(Tuple.from(new Object[] {
                    e.actor(),
                    e.action(),
                    e.entity().type().wire(),
                    e.entity().id(),
                    e.target() == null ? null : e.target().wire(),
                    utc(e.at()),
                    e.detail()
                }))
                .mapEmpty();
    }

    @Override
    public Future<List<CustomerRow>> customers(CustomerQuery q) {
        StringBuilder sql = new StringBuilder(CUSTOMERS);
        Tuple args = Tuple.tuple();
        if (q.status() != null) {
            sql.append(BY_STATUS.formatted(args.size() + 1));
            args.addString(q.status().wire());
        }
        if (q.text() != null) {
            sql.append(BY_TEXT.formatted(args.size() + 1));
            args.addString(q.text());
        }
        if (q.after() != null) {
            sql.append(AFTER.formatted(args.size() + 1));
            args.addString(q.after());
        }
        sql.append(CUSTOMER_PAGE.formatted(args.size() + 1));
        args.addInteger(q.limit());
        return pool.preparedQuery(sql.toString()).execute(args).compose(rows -> {
            Map<String, JsonObject> payloads = new LinkedHashMap<>();
            rows.forEach(r -> payloads.put(r.getString("entity_id"), (JsonObject) r.getValue("payload")));
            if (payloads.isEmpty()) {
                return Future.succeededFuture(List.<CustomerRow>of());
            }
            return pool.preparedQuery(CUSTOMER_RECORDS)
                    .execute(Tuple.of(payloads.keySet().toArray(new String[0])))
                    .map(records -> {
                        Map<String, List<SyncRecordView>> byId = new LinkedHashMap<>();
                        records.forEach(r -> byId.computeIfAbsent(r.getString("entity_id"), k -> new ArrayList<>())
                                .add(RecordStore.view(r)));
                        List<CustomerRow> customers = new ArrayList<>();
                        payloads.forEach((id, payload) -> customers.add(new CustomerRow(
                                id, name(payload), payload.getString("email"), byId.getOrDefault(id, List.of()))));
                        return customers;
                    });
        });
    }

    private static String name(JsonObject payload) {
        String name = String.join(" ", payload.getString("first_name", ""), payload.getString("last_name", ""))
                .strip();
        String company = payload.getString("company_name");
        return name.isEmpty() ? company : name;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
