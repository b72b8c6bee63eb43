package io.zohosync.adapters.postgres.connect;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.zohosync.ports.out.ConsentStates;
import java.time.Instant;

/** Postgres adapter for {@link ConsentStates}; issuing also forgets nonces expired a day ago. */
public final class PgConsentStates implements ConsentStates {

    private static final String FORGET =
            "delete from zoho_consent_states where expires_at < $1::timestamptz - interval '1 day'";
    private static final String ISSUE = "insert into zoho_consent_states (nonce, expires_at) values ($1, $2)";
    private static final String CONSUME = """
            update zoho_consent_states set used_at = $2
            where nonce = $1 and used_at is null and expires_at > $2""";

    private final Pool pool;

    public PgConsentStates(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> issue(String nonce, Instant expiresAt, Instant now) {
        return pool.preparedQuery(FORGET)
                .execute(Tuple.of(utc(now)))
                .compose(x -> pool.preparedQuery(ISSUE).execute(Tuple.of(nonce, utc(expiresAt))))
                .mapEmpty();
    }

    @Override
    public Future<Boolean> consume(String nonce, Instant now) {
        return pool.preparedQuery(CONSUME).execute(Tuple.of(nonce, utc(now))).map(rows -> rows.rowCount() == 1);
    }
}
