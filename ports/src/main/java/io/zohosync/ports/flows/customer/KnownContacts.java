package io.zohosync.ports.flows.customer;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.ContactIndex;
import io.zohosync.ports.out.zoho.ContactsPage;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organization's Books contacts as the {@link ContactIndex} knows them, kept fresh (issue 14): filled once by
 * listing every contact 200 a page, then refreshed — at most once per {@code refreshEvery} per instance, before a
 * match — by listing them newest-modified first until a page reaches what the last refresh had seen. Every contact the
 * service creates, updates or links is written into it at once. A contact made in Zoho after the last refresh is not
 * in it until the next one: that window is {@code refreshEvery} (see the README, "Contact index").
 */
public final class KnownContacts {

    private static final Logger LOG = LoggerFactory.getLogger(KnownContacts.class);

    /** The refresh interval; zero refreshes before every match (a list call per new customer, no window). */
    public record Settings(Duration refreshEvery) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30));
    }

    private final ZohoContacts contacts;
    private final ContactIndex index;
    private final Settings settings;
    private final Clock clock;
    private final Object lock = new Object();
    /** When this instance's last successful refresh started; null before the first. */
    private Instant refreshedAt;
    /** The refresh under way, which every concurrent match waits for (one list at a time per instance). */
    private Future<ZohoOutcome<Void>> running;

    public KnownContacts(ZohoContacts contacts, ContactIndex index, Settings settings, Clock clock) {
        this.contacts = contacts;
        this.index = index;
        this.settings = settings;
        this.clock = clock;
    }

    public ContactIndex index() {
        return index;
    }

    /** Whether a match now would first list contacts (one call on the usual path; a first fill takes one a page). */
    public boolean refreshDue() {
        synchronized (lock) {
            return refreshedAt == null || !clock.instant().isBefore(refreshedAt.plus(settings.refreshEvery()));
        }
    }

    /** The index, refreshed first when due; a failed list call is the answer (matching on a stale index waits). */
    public Future<ZohoOutcome<Void>> fresh() {
        return refreshDue() ? refresh() : Future.succeededFuture(new ZohoOutcome.Success<>(null));
    }

    /** Refreshes now (after Books said a name is taken that the index did not know, say). */
    public Future<ZohoOutcome<Void>> refresh() {
        synchronized (lock) {
            if (running != null) {
                return running;
            }
            Instant started = clock.instant();
            Future<ZohoOutcome<Void>> run = index.state()
                    .compose(state -> state.isPresent() && state.get().seenUpTo() != null
                            ? since(state.get().seenUpTo(), 1, state.get().seenUpTo())
                            : fill(1, null))
                    .compose(outcome -> outcome instanceof ZohoOutcome.Success<Instant> ok
                            ? index.refreshed(started, ok.value())
                                    .map(x -> (ZohoOutcome<Void>) new ZohoOutcome.Success<Void>(null))
                            : Future.succeededFuture(ZohoOutcome.<Void>retype(outcome)));
            running = run;
            run.onSuccess(outcome -> {
                        synchronized (lock) {
                            running = null;
                            if (outcome instanceof ZohoOutcome.Success<Void>) {
                                refreshedAt = started;
                            }
                        }
                    })
                    .onFailure(e -> {
                        synchronized (lock) {
                            running = null;
                        }
                    });
            return run;
        }
    }

    /** Writes a contact the service created, updated or linked into the index. */
    public Future<Void> remember(ZohoContact contact) {
        return index.put(List.of(contact.entry())).recover(e -> {
            // the next refresh lists it (its modification time is newer than what was seen)
            LOG.warn("could not write contact {} into the contact index: {}", contact.contactId(), e.toString());
            return Future.succeededFuture();
        });
    }

    /** Lists every contact, a page at a time; the newest modification time seen. */
    private Future<ZohoOutcome<Instant>> fill(int page, Instant newest) {
        return contacts.page(page, true).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<ContactsPage> ok)) {
                return Future.succeededFuture(ZohoOutcome.<Instant>retype(outcome));
            }
            Instant seen = newest(newest, ok.value());
            return index.put(entries(ok.value()))
                    .compose(x -> ok.value().more()
                            ? fill(page + 1, seen)
                            : Future.succeededFuture(new ZohoOutcome.Success<>(seen == null ? Instant.EPOCH : seen)));
        });
    }

    /**
     * Lists the contacts newest-modified first until a page ends before {@code seenUpTo} (contacts modified in that
     * very second are listed again: a later one in the same second is not missed). Should Books not say it sorted so,
     * every contact is listed.
     */
    private Future<ZohoOutcome<Instant>> since(Instant seenUpTo, int page, Instant newest) {
        return contacts.page(page, true).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<ContactsPage> ok)) {
                return Future.succeededFuture(ZohoOutcome.<Instant>retype(outcome));
            }
            ContactsPage rows = ok.value();
            Instant seen = newest(newest, rows);
            return index.put(entries(rows)).compose(x -> {
                if (!rows.newestFirst()) {
                    LOG.warn("Books did not sort contacts by modification time; the contact index lists them all");
                    return rows.more() ? fill(page + 1, seen) : Future.succeededFuture(new ZohoOutcome.Success<>(seen));
                }
                Optional<Instant> oldest = rows.contacts().isEmpty()
                        ? Optional.empty()
                        : Optional.ofNullable(
                                rows.contacts().get(rows.contacts().size() - 1).modifiedAt());
                boolean reachedSeen = oldest.isPresent() && oldest.get().isBefore(seenUpTo);
                return rows.more() && !reachedSeen
                        ? since(seenUpTo, page + 1, seen)
                        : Future.succeededFuture(new ZohoOutcome.Success<>(seen));
            });
        });
    }

    private static Instant newest(Instant newest, ContactsPage page) {
        Instant result = newest;
        for (ZohoContact c : page.contacts()) {
            if (c.modifiedAt() != null && (result == null || c.modifiedAt().isAfter(result))) {
                result = c.modifiedAt();
            }
        }
        return result;
    }

    private static List<io.zohosync.ports.out.zoho.ContactIndex.Entry> entries(ContactsPage page) {
        return page.contacts().stream().map(ZohoContact::entry).toList();
    }
}
