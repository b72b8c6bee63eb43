package io.zohosync.adapters.postgres;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.CustomerRegistration;
import io.zohosync.ports.in.CustomerRegistration.Outcome;
import io.zohosync.ports.in.RegisterCustomerCommand;
import io.zohosync.ports.out.CustomerStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** Postgres adapter for {@link CustomerStore}: customer, sync record, job and log row in one transaction. */
final class PgCustomerStore implements CustomerStore {

    static final String ENTITY = "customer";
    private static final String API_PROVIDER = "api";

    private static final String CLAIM_KEY = """
            insert into inbound_events (provider, event_id, payload_hash, entity_type, entity_id, received_at)
            values ($1, $2, $3, $4, $5, $6) on conflict do nothing""";
    private static final String KNOWN_KEY = "select payload_hash from inbound_events where provider = $1 and event_id = $2";
    private static final String UPSERT = """
            insert into customers as c (platform_id, first_name, last_name, email, phone, company_name,
                                        billing_address, kind, created_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
            on conflict (platform_id) do update set
                first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
                phone = excluded.phone, company_name = excluded.company_name,
                billing_address = excluded.billing_address, kind = excluded.kind, updated_at = excluded.updated_at
            where (c.first_name, c.last_name, c.email, c.phone, c.company_name, c.billing_address, c.kind)
                is distinct from
                  (excluded.first_name, excluded.last_name, excluded.email, excluded.phone,
                   excluded.company_name, excluded.billing_address, excluded.kind)
            returning (xmax = 0) as inserted""";
    /** Every path locks the job before the record (claim, finish, release do too): no deadlock between them. */
    private static final String LOCK_JOB = "select id from sync_jobs where entity_type = $1 and entity_id = $2 and target = $3 for update";
    private static final String LOCK_RECORD = """
            select status from sync_records where entity_type = $1 and entity_id = $2 and target = $3 for update""";
    private static final String INSERT_RECORD = """
            insert into sync_records (entity_type, entity_id, target, status, attempts, next_run_at, created_at, updated_at)
            values ($1, $2, $3, 'pending', 0, $4, $4, $4)""";
    private static final String REQUEUE_RECORD = """
            update sync_records set status = 'pending', attempts = 0, last_error = null, next_run_at = $4, updated_at = $4
            where entity_type = $1 and entity_id = $2 and target = $3""";
    /** A waiting job keeps its time (its run reads the newest data); a running one is marked dirty. */
    private static final String UPSERT_JOB = """
            insert into sync_jobs (entity_type, entity_id, target, priority, run_at, created_at, updated_at)
            values ($1, $2, $3, $4, $5, $5, $5)
            on conflict (entity_type, entity_id, target) do update set
                dirty = sync_jobs.locked_by is not null,
                updated_at = excluded.updated_at""";
    private static final String LOG = """
            insert into sync_log (entity_type, entity_id, target, at, from_status, to_status, event, message)
            values ($1, $2, $3, $4, $5, $6, $7, $8)""";
    private static final String FIND = "select * from customers where platform_id = $1";
    private static final String STATUS = "select status from sync_records where entity_type = $1 and entity_id = $2 and target = $3";

    private final Pool pool;

    PgCustomerStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<CustomerRegistration> saveAndEnqueue(RegisterCustomerCommand command, String target, Instant now) {
        Customer customer = command.customer();
        return pool.withTransaction(conn -> claimKey(conn, command, now).compose(fresh -> {
            if (!fresh) {
                return replay(conn, command, target);
            }
            return conn.preparedQuery(UPSERT).execute(customerTuple(customer, now)).compose(rows -> {
                if (rows.size() == 0) {
                    return currentStatus(conn, customer.platformId(), target)
                            .map(status -> new CustomerRegistration(customer.platformId(), Outcome.UNCHANGED, status));
                }
                Outcome outcome = rows.iterator().next().getBoolean("inserted") ? Outcome.CREATED : Outcome.UPDATED;
                return enqueue(conn, customer.platformId(), target, outcome, now)
                        .map(status -> new CustomerRegistration(customer.platformId(), outcome, status));
            });
        }));
    }

    private Future<Boolean> claimKey(SqlConnection conn, RegisterCustomerCommand command, Instant now) {
        if (command.idempotencyKey() == null) {
            return Future.succeededFuture(true);
        }
        return conn.preparedQuery(CLAIM_KEY)
                .execute(Tuple.of(API_PROVIDER, command.idempotencyKey(), command.payloadHash(), ENTITY,
                        command.customer().platformId(), utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    private Future<CustomerRegistration> replay(SqlConnection conn, RegisterCustomerCommand command, String target) {
        String id = command.customer().platformId();
        return conn.preparedQuery(KNOWN_KEY).execute(Tuple.of(API_PROVIDER, command.idempotencyKey())).compose(rows -> {
            boolean sameBody = command.payloadHash().equals(rows.iterator().next().getString("payload_hash"));
            if (!sameBody) {
                return Future.succeededFuture(new CustomerRegistration(id, Outcome.KEY_REUSED, null));
            }
            return currentStatus(conn, id, target).map(status -> new CustomerRegistration(id, Outcome.REPLAYED, status));
        });
    }

    /**
     * Queues a sync for a new or changed customer, as the domain's EntityChanged says (design.md §4):
     * a synced record goes back to pending (its next run updates the contact); a pending or retrying
     * one keeps its state and its queued run, which reads the newest data; one being synced right now
     * gets its job marked dirty so the change is pushed once the run ends; failed, skipped and manual
     * records wait for an admin.
     */
    private Future<SyncStatus> enqueue(SqlConnection conn, String id, String target, Outcome outcome, Instant now) {
        Tuple key = Tuple.of(ENTITY, id, target, utc(now));
        Tuple ids = Tuple.of(ENTITY, id, target);
        return conn.preparedQuery(LOCK_JOB).execute(ids).compose(x -> conn.preparedQuery(LOCK_RECORD).execute(ids)).compose(rows -> {
            String before = rows.size() == 0 ? null : rows.iterator().next().getString("status");
            Future<SyncStatus> after;
            if (before == null) {
                after = conn.preparedQuery(INSERT_RECORD).execute(key).map(SyncStatus.PENDING);
            } else if (before.equals("synced")) {
                after = conn.preparedQuery(REQUEUE_RECORD).execute(key).map(SyncStatus.PENDING);
            } else {
                after = Future.succeededFuture(SyncStatus.fromWire(before));
            }
            return after.compose(status -> {
                boolean queued = status == SyncStatus.PENDING || status == SyncStatus.RETRYING || status == SyncStatus.SYNCING;
                Future<?> job = queued
                        ? conn.preparedQuery(UPSERT_JOB).execute(Tuple.of(ENTITY, id, target, JobPriority.of(ENTITY), utc(now)))
                        : Future.succeededFuture();
                String event = outcome == Outcome.CREATED ? "registered" : "changed";
                String message = queued
                        ? "queued for " + target
                        : "not queued: the record is " + status.wire() + " and waits for an admin";
                return job.compose(x -> conn.preparedQuery(LOG)
                                .execute(Tuple.of(ENTITY, id, target, utc(now), before, status.wire(), event, message)))
                        .map(status);
            });
        });
    }

    private Future<SyncStatus> currentStatus(SqlConnection conn, String id, String target) {
        return conn.preparedQuery(STATUS).execute(Tuple.of(ENTITY, id, target))
                .map(rows -> rows.size() == 0 ? null : SyncStatus.fromWire(rows.iterator().next().getString("status")));
    }

    @Override
    public Future<Optional<Customer>> find(String platformId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(platformId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toCustomer(rows.iterator().next())));
    }

    private static Tuple customerTuple(Customer c, Instant now) {
        return Tuple.from(new Object[] {
            c.platformId(), c.firstName(), c.lastName(), c.email(), c.phone(), c.companyName(),
            addressJson(c.billingAddress()), c.kind().name().toLowerCase(Locale.ROOT), utc(now)
        });
    }

    private static JsonObject addressJson(Address a) {
        JsonObject json = new JsonObject();
        putIfPresent(json, "street", a.street());
        putIfPresent(json, "street2", a.street2());
        putIfPresent(json, "city", a.city());
        putIfPresent(json, "state", a.state());
        putIfPresent(json, "zip", a.zip());
        putIfPresent(json, "country", a.country());
        return json;
    }

    private static void putIfPresent(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static Customer toCustomer(Row row) {
        JsonObject a = (JsonObject) row.getValue("billing_address");
        Address address = new Address(a.getString("street"), a.getString("street2"), a.getString("city"),
                a.getString("state"), a.getString("zip"), a.getString("country"));
        return new Customer(row.getString("platform_id"), row.getString("first_name"), row.getString("last_name"),
                row.getString("email"), row.getString("phone"), row.getString("company_name"), address,
                CustomerKind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)));
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
