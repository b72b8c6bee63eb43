package io.zohosync.adapters.postgres.billing;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.ports.out.BillingEventCursor;
import java.time.Instant;
import java.util.Optional;

/** Postgres adapter for {@link BillingEventCursor}: the {@code billing_event_cursor} table (V20). */
public final class PgBillingEventCursor implements BillingEventCursor {

    private static final String NAME = "billing";
    private static final String READ = "select event_id from billing_event_cursor where name = $1";
    private static final String SAVE = """
            insert into billing_event_cursor (name, event_id, event_time, updated_at) values ($1, $2, $3, $4)
            on conflict (name) do update set
                event_id = excluded.event_id, event_time = excluded.event_time, updated_at = excluded.updated_at""";

    private final SqlClient client;

    public PgBillingEventCursor(SqlClient client) {
        this.client = client;
    }

    @Override
    public Future<Optional<String>> lastSeen() {
        return client.preparedQuery(READ)
                .execute(Tuple.of(NAME))
                .map(rows -> rows.size() == 0
                        ? Optional.<String>empty()
                        : Optional.of(rows.iterator().next().getString("event_id")));
    }

    @Override
    public Future<Void> seen(String eventId, Instant eventTime, Instant now) {
        return client.preparedQuery(SAVE)
                .execute(Tuple.of(NAME, eventId, eventTime == null ? null : utc(eventTime), utc(now)))
                .mapEmpty();
    }
}
