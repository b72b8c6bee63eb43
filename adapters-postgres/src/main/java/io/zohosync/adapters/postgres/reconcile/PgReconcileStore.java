package io.zohosync.adapters.postgres.reconcile;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.entity.JsonValues;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.reconcile.Drift;
import io.zohosync.domain.reconcile.DriftKind;
import io.zohosync.domain.reconcile.Repair;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.in.ReconcileReport;
import io.zohosync.ports.out.ReconcileStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Postgres adapter for {@link ReconcileStore}: reports and drifts (V11), and the records with their entities. */
public final class PgReconcileStore implements ReconcileStore {

    private static final String CANDIDATES = """
            select r.entity_type, r.entity_id, r.target, r.status, r.origin, r.zoho_id, e.payload
              from sync_records r
              join platform_entities e on e.entity_type = r.entity_type and e.entity_id = r.entity_id
             where r.entity_type = $1 and r.target = $2 and ($3::text is null or r.entity_id > $3)
             order by r.entity_id limit $4""";
    private static final String OPEN =
            "insert into reconcile_reports (started_at, scope, status) values ($1, $2, 'running') returning id";
    private static final String ADD = """
            insert into reconcile_drifts (report_id, entity_type, entity_id, target, zoho_id, kind, summary, detail,
                                          repair, safe)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";
    private static final String CLOSE = """
            update reconcile_reports set status = $2, checked = $3, zoho_calls = $4, note = $5, finished_at = $6
             where id = $1""";
    private static final String REPORT_COLUMNS = """
            select p.*, (select count(*) from reconcile_drifts d where d.report_id = p.id) as drifts,
                   (select count(*) from reconcile_drifts d where d.report_id = p.id and d.safe) as safe_drifts,
                   (select count(*) from reconcile_drifts d where d.report_id = p.id and d.repaired_at is not null)
                       as repaired
              from reconcile_reports p""";
    private static final String REPORTS =
            REPORT_COLUMNS + " where ($1::bigint is null or p.id < $1) order by p.id desc limit $2";
    private static final String REPORT = REPORT_COLUMNS + " where p.id = $1";
    private static final String LATEST_ENDED =
            REPORT_COLUMNS + " where p.status <> 'running' order by p.id desc limit 1";
    private static final String DRIFTS_PAGE = """
            select * from reconcile_drifts where report_id = $1 and ($2::bigint is null or id > $2)
             order by id limit $3""";
    private static final String DRIFTS_ALL = "select * from reconcile_drifts where report_id = $1 order by id";
    private static final String DRIFTS_BY_ID =
            "select * from reconcile_drifts where report_id = $1 and id = any($2) order by id";
    private static final String CLAIM = """
            update reconcile_drifts set repair_claimed_at = $2
             where id = $1 and repaired_at is null
               and (repair_claimed_at is null or repair_claimed_at < $2::timestamptz - interval '10 minutes')
            returning id""";
    private static final String REPAIRED = """
            update reconcile_drifts set repair_outcome = $2, repair_claimed_at = null,
                   repaired_at = case when $3 then $4 else repaired_at end
             where id = $1""";

    private final Pool pool;

    public PgReconcileStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Candidate>> candidates(EntityType type, SyncTarget target, String afterId, int limit) {
        return pool.preparedQuery(CANDIDATES)
                .execute(Tuple.of(type.wire(), target.wire(), afterId, limit))
                .map(rows -> {
                    List<Candidate> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Candidate(
                            key(r),
                            SyncStatus.fromWire(r.getString("status")),
                            r.getString("origin") == null
                                    ? null
                                    : Origin.valueOf(r.getString("origin").toUpperCase(Locale.ROOT)),
                            r.getString("zoho_id"),
                            JsonValues.plain(r.getJsonObject("payload")))));
                    return out;
                });
    }

    @Override
    public Future<Long> open(List<EntityType> scope, Instant startedAt) {
        String[] types = scope.stream().map(EntityType::wire).toArray(String[]::new);
        return pool.preparedQuery(OPEN)
                .execute(Tuple.tuple().addOffsetDateTime(utc(startedAt)).addArrayOfString(types))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    @Override
    public Future<Void> addDrifts(long reportId, List<Found> drifts) {
        List<Tuple> batch = drifts.stream()
                .map(f -> Tuple.tuple()
                        .addLong(reportId)
                        .addString(f.key().type().wire())
                        .addString(f.key().entityId())
                        .addString(f.key().target().wire())
                        .addString(f.drift().zohoId())
                        .addString(f.drift().kind().wire())
                        .addString(f.drift().summary())
                        .addJsonObject(
                                new JsonObject(new LinkedHashMap<>(f.drift().detail())))
                        .addString(f.drift().repair().wire())
                        .addBoolean(f.drift().safe()))
                .toList();
        return batch.isEmpty()
                ? Future.succeededFuture()
                : pool.preparedQuery(ADD).executeBatch(batch).mapEmpty();
    }

    @Override
    public Future<Void> close(
            long reportId, ReconcileReport.Status status, long checked, long zohoCalls, String note, Instant at) {
        return pool.preparedQuery(CLOSE)
                .execute(Tuple.of(reportId, status.wire(), checked, zohoCalls, note, utc(at)))
                .mapEmpty();
    }

    @Override
    public Future<List<ReconcileReport>> reports(Long before, int limit) {
        return pool.preparedQuery(REPORTS).execute(Tuple.of(before, limit)).map(rows -> {
            List<ReconcileReport> out = new ArrayList<>();
            rows.forEach(r -> out.add(report(r)));
            return out;
        });
    }

    @Override
    public Future<Optional<ReconcileReport>> report(long id) {
        return pool.preparedQuery(REPORT)
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(report(rows.iterator().next())));
    }

    @Override
    public Future<Optional<ReconcileReport>> latestEnded() {
        return pool.query(LATEST_ENDED)
                .execute()
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(report(rows.iterator().next())));
    }

    @Override
    public Future<List<ReconcileDrift>> drifts(long reportId, Long after, int limit) {
        return pool.preparedQuery(DRIFTS_PAGE)
                .execute(Tuple.of(reportId, after, limit))
                .map(PgReconcileStore::drifts);
    }

    @Override
    public Future<List<ReconcileDrift>> drifts(long reportId, List<Long> ids) {
        return ids.isEmpty()
                ? pool.preparedQuery(DRIFTS_ALL).execute(Tuple.of(reportId)).map(PgReconcileStore::drifts)
                : pool.preparedQuery(DRIFTS_BY_ID)
                        .execute(Tuple.tuple().addLong(reportId).addArrayOfLong(ids.toArray(Long[]::new)))
                        .map(PgReconcileStore::drifts);
    }

    @Override
    public Future<Boolean> claim(long driftId, Instant at) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(driftId, utc(at))).map(rows -> rows.size() == 1);
    }

    @Override
    public Future<Void> repaired(long driftId, boolean applied, String outcome, Instant at) {
        return pool.preparedQuery(REPAIRED)
                .execute(Tuple.of(driftId, outcome, applied, utc(at)))
                .mapEmpty();
    }

    private static List<ReconcileDrift> drifts(Iterable<Row> rows) {
        List<ReconcileDrift> out = new ArrayList<>();
        rows.forEach(r -> {
            Map<String, String> detail = new LinkedHashMap<>();
            r.getJsonObject("detail").forEach(e -> detail.put(e.getKey(), String.valueOf(e.getValue())));
            out.add(new ReconcileDrift(
                    r.getLong("id"),
                    r.getLong("report_id"),
                    key(r),
                    new Drift(
                            DriftKind.ofWire(r.getString("kind")),
                            Repair.ofWire(r.getString("repair")),
                            r.getBoolean("safe"),
                            r.getString("zoho_id"),
                            r.getString("summary"),
                            detail),
                    instant(r.getOffsetDateTime("repaired_at")),
                    r.getString("repair_outcome")));
        });
        return out;
    }

    private static ReconcileReport report(Row r) {
        List<EntityType> scope = new ArrayList<>();
        for (String type : r.getArrayOfStrings("scope")) {
            scope.add(EntityType.fromWire(type));
        }
        return new ReconcileReport(
                r.getLong("id"),
                instant(r.getOffsetDateTime("started_at")),
                instant(r.getOffsetDateTime("finished_at")),
                scope,
                ReconcileReport.Status.ofWire(r.getString("status")),
                r.getLong("checked"),
                r.getLong("zoho_calls"),
                r.getLong("drifts"),
                r.getLong("safe_drifts"),
                r.getLong("repaired"),
                r.getString("note"));
    }

    private static SyncKey key(Row r) {
        return new SyncKey(
                EntityType.fromWire(r.getString("entity_type")),
                r.getString("entity_id"),
                SyncTarget.fromWire(r.getString("target")));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
