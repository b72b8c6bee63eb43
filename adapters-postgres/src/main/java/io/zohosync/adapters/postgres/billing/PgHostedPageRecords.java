package io.zohosync.adapters.postgres.billing;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.ports.out.HostedPageRecords;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Postgres adapter for {@link HostedPageRecords}: the {@code billing_hosted_pages} table (V19). */
public final class PgHostedPageRecords implements HostedPageRecords {

    private static final String INSERT = """
            insert into billing_hosted_pages
                (hostedpage_id, customer_id, service_id, purpose, url, expires_at, created_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (hostedpage_id) do nothing""";

    private static final String FIND = """
            select hostedpage_id, customer_id, service_id, purpose, url, expires_at, created_at
            from billing_hosted_pages where hostedpage_id = $1""";

    private final SqlClient client;

    public PgHostedPageRecords(SqlClient client) {
        this.client = client;
    }

    @Override
    public Future<Void> record(HostedPageRecord page) {
        return client.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {
                    page.hostedPageId(),
                    page.customerId(),
                    page.serviceId(),
                    page.purpose(),
                    page.url(),
                    page.expiresAt() == null ? null : utc(page.expiresAt()),
                    utc(page.createdAt())
                }))
                .mapEmpty();
    }

    @Override
    public Future<Optional<HostedPageRecord>> find(String hostedPageId) {
        return client.preparedQuery(FIND).execute(Tuple.of(hostedPageId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new HostedPageRecord(
                    row.getString("hostedpage_id"),
                    row.getString("customer_id"),
                    row.getString("service_id"),
                    row.getString("purpose"),
                    row.getString("url"),
                    instant(row.getOffsetDateTime("expires_at")),
                    instant(row.getOffsetDateTime("created_at"))));
        });
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
