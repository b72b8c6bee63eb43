package io.zohosync.ports.testing;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.ContactIndex;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Test double for {@link ContactIndex}: entries in a map, with the Postgres adapter's merge rules. */
public final class InMemoryContactIndex implements ContactIndex {

    private final Map<String, Entry> entries = new TreeMap<>();
    private State state;
    private FillProgress progress;

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    @Override
    public Future<List<Entry>> byEmail(String email) {
        String key = Entry.emailKey(email);
        return Future.succeededFuture(entries.values().stream()
                .filter(e -> key != null && key.equals(Entry.emailKey(e.email())))
                .toList());
    }

    @Override
    public Future<List<Entry>> byName(String name) {
        String key = Entry.nameKey(name);
        return Future.succeededFuture(entries.values().stream()
                .filter(e -> key.equals(Entry.nameKey(e.contactName())))
                .toList());
    }

    @Override
    public Future<List<Entry>> byContactName(String contactName) {
        String wanted = contactName.trim().toLowerCase(Locale.ROOT);
        return Future.succeededFuture(entries.values().stream()
                .filter(e ->
                        e.contactName() != null && wanted.equals(e.contactName().toLowerCase(Locale.ROOT)))
                .toList());
    }

    @Override
    public Future<Optional<Entry>> byId(String contactId) {
        return Future.succeededFuture(Optional.ofNullable(entries.get(contactId)));
    }

    @Override
    public Future<Void> put(List<Entry> given) {
        for (Entry e : given) {
            Entry old = entries.get(e.contactId());
            if (old != null
                    && old.modifiedAt() != null
                    && e.modifiedAt() != null
                    && old.modifiedAt().isAfter(e.modifiedAt())) {
                continue;
            }
            entries.put(
                    e.contactId(),
                    old == null
                            ? e
                            : new Entry(
                                    e.contactId(),
                                    e.contactName(),
                                    e.email(),
                                    e.primaryPersonId() != null ? e.primaryPersonId() : old.primaryPersonId(),
                                    e.currencyCode() != null ? e.currencyCode() : old.currencyCode(),
                                    e.modifiedAt() != null ? e.modifiedAt() : old.modifiedAt()));
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> remove(String contactId) {
        entries.remove(contactId);
        return Future.succeededFuture();
    }

    @Override
    public Future<Optional<State>> state() {
        return Future.succeededFuture(Optional.ofNullable(state));
    }

    @Override
    public Future<Void> refreshed(Instant filledAt, Instant seenUpTo) {
        Instant seen = state == null || state.seenUpTo() == null || seenUpTo.isAfter(state.seenUpTo())
                ? seenUpTo
                : state.seenUpTo();
        state = new State(filledAt, seen);
        progress = null;
        return Future.succeededFuture();
    }

    @Override
    public Future<Optional<FillProgress>> fillProgress() {
        return Future.succeededFuture(Optional.ofNullable(progress));
    }

    @Override
    public Future<Void> filling(FillProgress given) {
        progress = progress == null
                ? given
                : new FillProgress(
                        progress.startedAt().isBefore(given.startedAt()) ? progress.startedAt() : given.startedAt(),
                        Math.max(progress.pagesRead(), given.pagesRead()),
                        progress.newestSeen() == null
                                        || (given.newestSeen() != null
                                                && given.newestSeen().isAfter(progress.newestSeen()))
                                ? given.newestSeen()
                                : progress.newestSeen());
        return Future.succeededFuture();
    }
}
