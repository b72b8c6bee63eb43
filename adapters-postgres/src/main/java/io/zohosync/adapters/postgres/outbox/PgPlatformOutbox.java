package io.zohosync.adapters.postgres.outbox;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.ports.out.PlatformOutbox;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Postgres adapter for {@link PlatformOutbox}: {@code platform_outbox} (V13, leased by V14's columns) and
 * {@code platform_outbox_attempts} (V14). Claims lock with {@code FOR UPDATE SKIP LOCKED}, so instances never take the
 * same message; a message is a candidate only when no earlier message of its stream is pending.
 */
public final class PgPlatformOutbox implements PlatformOutbox {

    private static final String COLUMNS = """
            id, message_id, event_type, stream_key, payload as data, occurred_at, created_at, status, attempts,
            next_attempt_at, delivered_at, last_error""";
    private static final String CLAIM = """
            update platform_outbox o set locked_by = $1, locked_until = $3
            where o.id in (
                select c.id from platform_outbox c
                where c.status = 'pending' and c.next_attempt_at <= $2
                  and (c.locked_until is null or c.locked_until <= $2)
                  and not exists (select 1 from platform_outbox e
                                  where e.stream_key = c.stream_key and e.status = 'pending' and e.id < c.id)
                order by c.next_attempt_at, c.id
                limit $4
                for update skip locked)
            returning\s""" + COLUMNS.replace("payload as data", "o.payload as data");
    private static final String RECORD = """
            update platform_outbox set status = $3, attempts = $4, next_attempt_at = coalesce($5, next_attempt_at),
                   delivered_at = $6, last_error = $7, locked_by = null, locked_until = null
            where id = $1 and locked_by = $2 and status = 'pending'""";
    private static final String LOG = """
            insert into platform_outbox_attempts (outbox_id, attempt, at, http_status, error, duration_ms)
            values ($1, $2, $3, $4, $5, $6)""";
    private static final String RELEASE = """
            update platform_outbox set locked_by = null, locked_until = null
            where locked_by = $1 and status = 'pending'""";
    private static final String LIST = "select " + COLUMNS + """
             from platform_outbox
            where id > $1 and ($2::text is null or status = $2) and ($3::text is null or stream_key = $3)
            order by id limit $4""";
    private static final String FIND = "select " + COLUMNS + " from platform_outbox where id = $1";
    private static final String ATTEMPTS = """
            select attempt, at, http_status, error, duration_ms from platform_outbox_attempts
            where outbox_id = $1 order by attempt""";
    private static final String RETRY_NOW = """
            update platform_outbox set status = 'pending', next_attempt_at = $2, delivered_at = null
            where id = $1 and status <> 'delivered'""";
    private static final String STATUS = "select status from platform_outbox where id = $1";
    private static final String COUNT = "select count(*) from platform_outbox where status = $1";

    private final Pool pool;

    public PgPlatformOutbox(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Message>> claim(String owner, int limit, Instant now, Duration lease) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(owner, utc(now), utc(now.plus(lease)), limit))
                .map(rows -> {
                    List<Message> out = new ArrayList<>();
                    rows.forEach(row -> out.add(message(row)));
                    out.sort((a, b) -> Long.compare(a.id(), b.id()));
                    return out;
                });
    }

    @Override
    public Future<Boolean> record(long id, String owner, Attempt attempt, Result result) {
        return Transactions.run(
                pool,
                conn -> conn.preparedQuery(RECORD)
                        .execute(Tuple.from(new Object[] {
                            id,
                            owner,
                            result.status().wire(),
                            attempt.number(),
                            utc(result.retryAt()),
                            result.status() == Status.DELIVERED ? utc(attempt.at()) : null,
                            attempt.error()
                        }))
                        .compose(updated -> updated.rowCount() == 0
                                ? Future.succeededFuture(false)
                                : conn.preparedQuery(LOG)
                                        .execute(Tuple.of(
                                                id,
                                                attempt.number(),
                                                utc(attempt.at()),
                                                attempt.httpStatus(),
                                                attempt.error(),
                                                attempt.durationMs()))
                                        .map(true)));
    }

    @Override
    public Future<Integer> release(String owner) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(owner)).map(rows -> rows.rowCount());
    }

    @Override
    public Future<List<Message>> list(Page page) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(
                        page.afterId(),
                        page.status().map(Status::wire).orElse(null),
                        page.stream().orElse(null),
                        page.limit()))
                .map(rows -> {
                    List<Message> out = new ArrayList<>();
                    rows.forEach(row -> out.add(message(row)));
                    return out;
                });
    }

    @Override
    public Future<Optional<Detail>> find(long id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).compose(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return Future.succeededFuture(Optional.empty());
            }
            Message message = message(it.next());
            return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(id)).map(attempts -> {
                List<Attempt> out = new ArrayList<>();
                attempts.forEach(a -> out.add(new Attempt(
                        a.getInteger("attempt"),
                        instant(a.getOffsetDateTime("at")),
                        a.getInteger("http_status"),
                        a.getString("error"),
                        a.getLong("duration_ms"))));
                return Optional.of(new Detail(message, out));
            });
        });
    }

    @Override
    public Future<RetryNow> retryNow(long id, Instant now) {
        return pool.preparedQuery(RETRY_NOW).execute(Tuple.of(id, utc(now))).compose(updated -> {
            if (updated.rowCount() == 1) {
                return Future.succeededFuture(RetryNow.SCHEDULED);
            }
            return pool.preparedQuery(STATUS)
                    .execute(Tuple.of(id))
                    .map(rows -> rows.size() == 0 ? RetryNow.UNKNOWN : RetryNow.DELIVERED);
        });
    }

    @Override
    public Future<Long> count(Status status) {
        return pool.preparedQuery(COUNT)
                .execute(Tuple.of(status.wire()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Message message(Row r) {
        return new Message(
                r.getLong("id"),
                r.getUUID("message_id"),
                r.getString("event_type"),
                r.getString("stream_key"),
                // jsonb's own text has spaces after ':' and ',': the body is sent (and signed) minified
                Json.encode(r.getValue("data")),
                instant(r.getOffsetDateTime("occurred_at")),
                instant(r.getOffsetDateTime("created_at")),
                Status.fromWire(r.getString("status")),
                r.getInteger("attempts"),
                instant(r.getOffsetDateTime("next_attempt_at")),
                instant(r.getOffsetDateTime("delivered_at")),
                r.getString("last_error"));
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
