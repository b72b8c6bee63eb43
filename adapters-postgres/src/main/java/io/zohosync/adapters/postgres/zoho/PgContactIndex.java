package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.coalesce.Coalescer;
import io.zohosync.ports.out.zoho.ContactIndex;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Postgres adapter for {@link ContactIndex}: the {@code books_contact_index} tables (V23, the fill's progress V24). */
public final class PgContactIndex implements ContactIndex {

    private static final String COLUMNS =
            "contact_id, contact_name, email, primary_person_id, currency_code, modified_at";

    /**
     * Entries stored ($1–$8 arrays, each contact once). A list row carries no person id: a known one is kept; an older
     * modification never replaces a newer one.
     */
    private static final String PUT = """
            insert into books_contact_index
                (contact_id, contact_name, name_key, email, primary_person_id, currency_code, modified_at, indexed_at)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                 $7::timestamptz[], $8::timestamptz[])
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
    private final Coalescer<String, List<Entry>> emails;
    private final Coalescer<String, List<Entry>> names;
    private final Coalescer<String, List<Entry>> contactNames;
    private final Coalescer<String, List<Entry>> ids;
    private final Coalescer<List<Entry>, Void> puts;

    public PgContactIndex(SqlClient client) {
        this.client = client;
        // the look-ups and puts of the jobs a worker runs side by side, each kind in one statement (Coalescer)
        this.emails = lookup("contacts by email", "c.email = u.v");
        this.names = lookup("contacts by name", "c.name_key = u.v");
        this.contactNames = lookup("contacts by contact name", "lower(c.contact_name) = lower(u.v)");
        this.ids = lookup("contacts by id", "c.contact_id = u.v");
        this.puts = new Coalescer<>("contact index puts", this::putAll);
    }

    @Override
    public Future<List<Entry>> byEmail(String email) {
        String key = Entry.emailKey(email);
        return key == null ? Future.succeededFuture(List.of()) : emails.ask(key);
    }

    @Override
    public Future<List<Entry>> byName(String name) {
        return names.ask(Entry.nameKey(name));
    }

    @Override
    public Future<List<Entry>> byContactName(String contactName) {
        return contactNames.ask(contactName.trim());
    }

    @Override
    public Future<Optional<Entry>> byId(String contactId) {
        return ids.ask(contactId).map(found -> found.stream().findFirst());
    }

    @Override
    public Future<Void> put(List<Entry> entries) {
        return entries.isEmpty() ? Future.succeededFuture() : puts.ask(entries);
    }

    /**
     * The entries of every put given, in order, each contact at most once a statement: a contact given again goes in
     * a later statement, as a second put of its own would have.
     */
    private Future<List<Void>> putAll(List<List<Entry>> puts) {
        List<List<Entry>> rounds = new ArrayList<>();
        List<Set<String>> idsOf = new ArrayList<>();
        for (List<Entry> put : puts) {
            for (Entry e : put) {
                int round = 0;
                while (round < rounds.size() && idsOf.get(round).contains(e.contactId())) {
                    round++;
                }
                if (round == rounds.size()) {
                    rounds.add(new ArrayList<>());
                    idsOf.add(new HashSet<>());
                }
                rounds.get(round).add(e);
                idsOf.get(round).add(e.contactId());
            }
        }
        OffsetDateTime now = utc(Instant.now());
        Future<?> chain = Future.succeededFuture();
        for (List<Entry> round : rounds) {
            chain = chain.compose(x -> client.preparedQuery(PUT)
                    .execute(Tuple.of(
                            round.stream().map(Entry::contactId).toArray(String[]::new),
                            round.stream()
                                    .map(e -> e.contactName() == null ? "" : e.contactName())
                                    .toArray(String[]::new),
                            round.stream()
                                    .map(e -> Entry.nameKey(e.contactName()))
                                    .toArray(String[]::new),
                            round.stream().map(e -> Entry.emailKey(e.email())).toArray(String[]::new),
                            round.stream()
                                    .map(e -> blankToNull(e.primaryPersonId()))
                                    .toArray(String[]::new),
                            round.stream()
                                    .map(e -> blankToNull(e.currencyCode()))
                                    .toArray(String[]::new),
                            round.stream()
                                    .map(e -> e.modifiedAt() == null ? null : utc(e.modifiedAt()))
                                    .toArray(OffsetDateTime[]::new),
                            round.stream().map(e -> now).toArray(OffsetDateTime[]::new))));
        }
        return chain.map(x -> Collections.nCopies(puts.size(), (Void) null));
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

    /** A look-up of the entries that {@code match} each value ({@code u.v}), for many values in one statement. */
    private Coalescer<String, List<Entry>> lookup(String name, String match) {
        String sql = "select u.n, " + COLUMNS + " from unnest($1::text[]) with ordinality as u(v, n)"
                + " join books_contact_index c on " + match + " order by u.n, c.contact_id";
        return new Coalescer<>(
                name,
                values -> client.preparedQuery(sql)
                        .execute(Tuple.of(values.toArray(String[]::new)))
                        .map(rows -> {
                            List<List<Entry>> found = new ArrayList<>();
                            values.forEach(v -> found.add(new ArrayList<>()));
                            rows.forEach(row ->
                                    found.get(row.getLong("n").intValue() - 1).add(entry(row)));
                            return found;
                        }));
    }

    private static Entry entry(Row row) {
        OffsetDateTime modified = row.getOffsetDateTime("modified_at");
        return new Entry(
                row.getString("contact_id"),
                row.getString("contact_name"),
                row.getString("email"),
                row.getString("primary_person_id"),
                row.getString("currency_code"),
                modified == null ? null : modified.toInstant());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
