package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.matching.PersonName;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Outbound port: a local index of the organization's Books contacts (issue 14), so matching a customer costs no
 * search: by lower-cased email, by normalized name, by exact (case-insensitive) contact name, by id. It is filled by
 * listing every contact, kept fresh by listing those modified since, and written at once for every contact the
 * service creates, updates or links.
 */
public interface ContactIndex {

    /** One contact as the index knows it; {@code primaryPersonId} and {@code modifiedAt} may be unknown (null). */
    record Entry(
            String contactId,
            String contactName,
            String email,
            String primaryPersonId,
            String currencyCode,
            Instant modifiedAt) {

        /** The key the index is searched by for an email: trimmed and lower-cased; null for none. */
        public static String emailKey(String email) {
            return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
        }

        /** The key the index is searched by for a name: the matcher's normalized name. */
        public static String nameKey(String name) {
            return PersonName.normalize(name == null ? "" : name);
        }
    }

    /** Where a fill stands: when it was filled, and up to which Zoho modification time it has seen every contact. */
    record State(Instant filledAt, Instant seenUpTo) {}

    Future<List<Entry>> byEmail(String email);

    Future<List<Entry>> byName(String name);

    /** The contacts whose name equals {@code contactName} ignoring case (Books refuses such a name for a new one). */
    Future<List<Entry>> byContactName(String contactName);

    Future<Optional<Entry>> byId(String contactId);

    /**
     * Writes the entries (a later write of a contact replaces the earlier one; known person ids and currencies are
     * kept when an entry does not carry them, as a list row does not).
     */
    Future<Void> put(List<Entry> entries);

    /** Forgets a contact Books no longer has (a list never reports a deletion: a read that answers not found does). */
    Future<Void> remove(String contactId);

    /** Empty until the first complete fill. */
    Future<Optional<State>> state();

    /**
     * Records a complete fill or refresh that has seen every contact modified up to {@code seenUpTo}; a fill's progress
     * is forgotten with it.
     */
    Future<Void> refreshed(Instant filledAt, Instant seenUpTo);

    /**
     * How far a first fill that has not completed got: when it started (the refresh that completes it lists what was
     * modified since), how many pages it has read (their contacts are in the index), the newest modification seen.
     */
    record FillProgress(Instant startedAt, int pagesRead, Instant newestSeen) {}

    /** The progress of a first fill under way; empty when none is (or the index was filled). */
    Future<Optional<FillProgress>> fillProgress();

    /**
     * Records a first fill's progress (kept across attempts and instances: the earliest start, the most pages, the
     * newest modification).
     */
    Future<Void> filling(FillProgress progress);
}
