package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.ports.out.zoho.ContactIndex;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Postgres adapter for {@link ContactIndex}: the {@code books_contact_index} tables (V23, the fill's progress V24). */
public final class PgContactIndex implements ContactIndex {

    private static final String COLUMNS =
            "contact_id, contact_name, email, primary_person_id, currency_code, modified_at";

    /** A list row carries no person id: a known one is kept; an older modification never replaces a newer one. */
    private static final String PUT = """
            insert into books_contact_index
                (contact_id, contact_name, name_key, email, primary_person_id, currency_code, modified_at, indexed_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (contact_id) do update set
                contact_name = excluded.contact_name, name_key = excluded.name_key, email = excluded.email,
                primary_person_id = coalesce(excluded.primary_person_id, books_contact_index.primary_person_id),
                currency_code = coalesce(excluded.currency_code, books_contact_index.currency_code),
                modified_at = coalesce(excluded.modified_at, books_contact_index.modified_at),
                indexed_at = excluded.indexed_at
            where books_contact_index.modified_at is null or excluded.modified_at is null
                or books_contact_index.modified_at <= excluded.modified_at""";

    /** A completed fill or refresh: the fill's progress (V24) goes with it, in the same statement. */
    private static final String REFRESHED = """
            with done as (delete from books_contact_index_fill)
            insert into books_contact_index_state (singleton, filled_at, seen_up_to) values (true, $1, $2)
            on conflict (singleton) do update set filled_at = excluded.filled_at,
                seen_up_to = greatest(books_contact_index_state.seen_up_to, excluded.seen_up_to)""";

    /** Two instances may fill at once: the earliest start, the most pages, the newest modification are kept. */
    private static final String FILLING = """
            insert into books_contact_index_fill (singleton, started_at, pages_read, newest_seen)
            values (true, $1, $2, $3)
            on conflict (singleton) do update set
                started_at = least(books_contact_index_fill.started_at, excluded.started_at),
                pages_read = greatest(books_contact_index_fill.pages_read, excluded.pages_read),
                newest_seen = greatest(books_contact_index_fill.newest_seen, excluded.newest_seen)""";

    private final SqlClient client;

    public PgContactIndex(SqlClient client) {
        this.client = client;
    }

    @Override
    public Future<List<Entry>> byEmail(String email) {
        String key = Entry.emailKey(email);
        return key == null ? Future.succeededFuture(List.of()) : select("email = $1", key);
    }

    @Override
    public Future<List<Entry>> byName(String name) {
        return select("name_key = $1", Entry.nameKey(name));
    }

    @Override
    public Future<List<Entry>> byContactName(String contactName) {
        return select("lower(contact_name) = lower($1)", contactName.trim());
    }

    @Override
    public Future<Optional<Entry>> byId(String contactId) {
        return select("contact_id = $1", contactId).map(found -> found.stream().findFirst());
    }

    @Override
    public Future<Void> put(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Future.succeededFuture();
        }
        OffsetDateTime now = utc(Instant.now());
        List<Tuple> rows = new ArrayList<>();
        for (Entry e : entries) {
            rows.add(Tuple.from(new Object[] {
                e.contactId(),
                e.contactName() == null ? "" : e.contactName(),
                Entry.nameKey(e.contactName()),
                Entry.emailKey(e.email()),
                blankToNull(e.primaryPersonId()),
                blankToNull(e.currencyCode()),
                e.modifiedAt() == null ? null : utc(e.modifiedAt()),
                now
            }));
        }
        return client.preparedQuery(PUT).executeBatch(rows).mapEmpty();
    }

    @Override
    public Future<Void> remove(String contactId) {
        return client.preparedQuery("delete from books_contact_index where contact_id = $1")
                .execute(Tuple.of(contactId))
                .mapEmpty();
    }

    @Override
    public Future<Optional<State>> state() {
        return client.query("select filled_at, seen_up_to from books_contact_index_state")
                .execute()
                .map(rows -> {
                    for (Row row : rows) {
                        OffsetDateTime seen = row.getOffsetDateTime("seen_up_to");
                        return Optional.of(new State(
                                row.getOffsetDateTime("filled_at").toInstant(),
                                seen == null ? null : seen.toInstant()));
                    }
                    return Optional.empty();
                });
    }

    @Override
    public Future<Void> refreshed(Instant filledAt, Instant seenUpTo) {
        return client.preparedQuery(REFRESHED)
                .execute(Tuple.of(utc(filledAt), seenUpTo == null ? null : utc(seenUpTo)))
                .mapEmpty();
    }

    @Override
    public Future<Optional<FillProgress>> fillProgress() {
        return client.query("select started_at, pages_read, newest_seen from books_contact_index_fill")
                .execute()
                .map(rows -> {
                    for (Row row : rows) {
                        OffsetDateTime newest = row.getOffsetDateTime("newest_seen");
                        return Optional.of(new FillProgress(
                                row.getOffsetDateTime("started_at").toInstant(),
                                row.getInteger("pages_read"),
                                newest == null ? null : newest.toInstant()));
                    }
                    return Optional.empty();
                });
    }

    @Override
    public Future<Void> filling(FillProgress progress) {
        return client.preparedQuery(FILLING)
                .execute(Tuple.of(
                        utc(progress.startedAt()),
                        progress.pagesRead(),
                        progress.newestSeen() == null ? null : utc(progress.newestSeen())))
                .mapEmpty();
    }

    private Future<List<Entry>> select(String where, String value) {
        return client.preparedQuery(
                        "select " + COLUMNS + " from books_contact_index where " + where + " order by contact_id")
                .execute(Tuple.of(value))
                .map(PgContactIndex::entries);
    }

    private static List<Entry> entries(RowSet<Row> rows) {
        List<Entry> found = new ArrayList<>();
        for (Row row : rows) {
            OffsetDateTime modified = row.getOffsetDateTime("modified_at");
            found.add(new Entry(
                    row.getString("contact_id"),
                    row.getString("contact_name"),
                    row.getString("email"),
                    row.getString("primary_person_id"),
                    row.getString("currency_code"),
                    modified == null ? null : modified.toInstant()));
        }
        return found;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
