package io.zohosync.adapters.postgres.intake;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.entity.EntityRows;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.StoredEntity;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Postgres adapter for {@link Intake} (one transaction per fact) and {@link EntityStore} (entities as jsonb, versioned and hashed). */
public final class PgIntake implements Intake, EntityStore {

    private static final String FIND = "select * from platform_entities where entity_type = $1 and entity_id = $2";

    /** The linked entities by email, the most recently synced first (V15 indexes the lower-cased email). */
    private static final String LINKED_BY_EMAIL = """
            select lower(trim(p.payload->>'email')) as email, r.zoho_id
            from platform_entities p
            join sync_records r on r.entity_type = p.entity_type and r.entity_id = p.entity_id and r.target = $2
            where p.entity_type = $1 and lower(trim(p.payload->>'email')) = any($3::text[]) and r.zoho_id is not null
            order by r.synced_at desc nulls last""";

    /** Shared transactions running at once: each holds one pooled connection while it runs. */
    static final int GROUPS = 2;

    private final Pool pool;
    private final GroupCommit groups;

    public PgIntake(Pool pool) {
        this.pool = pool;
        this.groups = new GroupCommit(pool, GROUPS);
    }

    /** The shared transactions run so far, by outcome: for the service's metrics. */
    public IntakeGroups groups() {
        return groups.counts();
    }

    @Override
    public <T> Future<T> inSharedTransaction(Set<String> keys, Function<IntakeTransaction, Future<T>> work) {
        return groups.submit(keys, work);
    }

    @Override
    public <T> Future<T> inTransaction(Function<IntakeTransaction, Future<T>> work) {
        return Transactions.run(pool, conn -> work.apply(new PgIntakeTransaction(conn)));
    }

    @Override
    public Future<Optional<StoredEntity>> find(EntityRef ref) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(ref.type().wire(), ref.id()))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(entity(rows.iterator().next())));
    }

    @Override
    public Future<java.util.Map<String, String>> linkedByEmail(
            EntityType type, io.zohosync.domain.entity.SyncTarget target, java.util.Collection<String> emails) {
        String[] wanted = emails.stream()
                .map(e -> e.trim().toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .toArray(String[]::new);
        if (wanted.length == 0) {
            return Future.succeededFuture(java.util.Map.of());
        }
        return pool.preparedQuery(LINKED_BY_EMAIL)
                .execute(Tuple.of(type.wire(), target.wire(), wanted))
                .map(rows -> {
                    java.util.Map<String, String> ids = new java.util.HashMap<>();
                    rows.forEach(row -> ids.putIfAbsent(row.getString("email"), row.getString("zoho_id")));
                    return ids;
                });
    }

    static StoredEntity entity(Row row) {
        return EntityRows.entity(
                new EntityRef(EntityType.fromWire(row.getString("entity_type")), row.getString("entity_id")), row, "");
    }
}
