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
 * listing every contact 200 a page — resumably: the pages read are kept across attempts, and the fill is used only
 * once complete — then refreshed — at most once per {@code refreshEvery} per instance, before a match or an update —
 * by listing them newest-modified first until a page reaches what the last refresh had seen. Every contact the
 * service creates, updates or links is written into it at once. A contact made in Zoho after the last refresh is not
 * in it until the next one: that window is {@code refreshEvery} (see the README, "Contact index").
 */
public final class KnownContacts {

    private static final Logger LOG = LoggerFactory.getLogger(KnownContacts.class);

    /** The fill's start is this instance's clock, Books' modification times its own: listed from a minute earlier. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

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
            Future<ZohoOutcome<Void>> run = index.state().compose(state -> {
                if (state.isEmpty() || state.get().seenUpTo() == null) {
                    return firstFill();
                }
                return since(state.get().seenUpTo(), 1, state.get().seenUpTo())
                        .compose(outcome -> done(outcome, started));
            });
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

    /** A complete fill or refresh recorded; a failure is the answer. */
    private Future<ZohoOutcome<Void>> done(ZohoOutcome<Instant> outcome, Instant filledAt) {
        return outcome instanceof ZohoOutcome.Success<Instant> ok
                ? index.refreshed(filledAt, ok.value())
                        .map(x -> (ZohoOutcome<Void>) new ZohoOutcome.Success<Void>(null))
                : Future.succeededFuture(ZohoOutcome.<Void>retype(outcome));
    }

    /**
     * The first fill, resumed where an earlier attempt (of any instance) stopped: every page read is kept — its contacts
     * in the index, its number in the fill's progress — so an attempt the API budget refuses a page continues at the
     * next one, not at page 1. It resumes one page back: a contact deleted from a page read before shifts the next
     * page's first entry onto that page. Once every page was read, the contacts modified since the fill STARTED are
     * listed (a contact changed while the pages were read may have moved onto a page read before); only then is the
     * fill recorded complete, and until then the index is not used for matching (the refresh's answer is the failure).
     */
    private Future<ZohoOutcome<Void>> firstFill() {
        return index.fillProgress().compose(progress -> {
            Instant fillStarted =
                    progress.map(ContactIndex.FillProgress::startedAt).orElseGet(clock::instant);
            int from = progress.map(p -> Math.max(1, p.pagesRead())).orElse(1);
            Instant newest = progress.map(ContactIndex.FillProgress::newestSeen).orElse(null);
            if (progress.isPresent()) {
                LOG.info("the contact index's fill resumes at page {} (started {})", from, fillStarted);
            }
            Future<Void> begun = progress.isPresent()
                    ? Future.succeededFuture()
                    : index.filling(new ContactIndex.FillProgress(fillStarted, 0, null));
            return begun.compose(x -> pages(from, fillStarted, newest))
                    .compose(outcome -> outcome instanceof ZohoOutcome.Success<Instant> ok
                            ? since(fillStarted.minus(CLOCK_MARGIN), 1, ok.value())
                            : Future.succeededFuture(outcome))
                    .compose(outcome -> done(outcome, fillStarted));
        });
    }

    /** The fill's pages from {@code page} on, each kept as it is read; the newest modification time seen. */
    private Future<ZohoOutcome<Instant>> pages(int page, Instant fillStarted, Instant newest) {
        return contacts.page(page, true).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<ContactsPage> ok)) {
                return Future.succeededFuture(ZohoOutcome.<Instant>retype(outcome));
            }
            Instant seen = newest(newest, ok.value());
            return index.put(entries(ok.value()))
                    .compose(x -> index.filling(new ContactIndex.FillProgress(fillStarted, page, seen)))
                    .compose(x -> ok.value().more()
                            ? pages(page + 1, fillStarted, seen)
                            : Future.succeededFuture(new ZohoOutcome.Success<>(seen == null ? Instant.EPOCH : seen)));
        });
    }

    /** Lists every contact, a page at a time (Books did not sort them for a refresh); the newest modification seen. */
    private Future<ZohoOutcome<Instant>> all(int page, Instant newest) {
        return contacts.page(page, true).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<ContactsPage> ok)) {
                return Future.succeededFuture(ZohoOutcome.<Instant>retype(outcome));
            }
            Instant seen = newest(newest, ok.value());
            return index.put(entries(ok.value()))
                    .compose(x -> ok.value().more()
                            ? all(page + 1, seen)
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
                    return rows.more() ? all(page + 1, seen) : Future.succeededFuture(new ZohoOutcome.Success<>(seen));
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
