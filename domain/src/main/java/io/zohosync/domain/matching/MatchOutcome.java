package io.zohosync.domain.matching;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.sync.SyncEvent;
import java.util.List;
import java.util.Optional;

/** Value: what matching decided for one customer, with a reason an admin can read. */
public sealed interface MatchOutcome {

    String reason();

    /**
     * The sync event this outcome is, if matching settles the sync by itself; a {@link Create}
     * settles nothing — the worker creates the contact and reports that.
     */
    Optional<SyncEvent> asSyncEvent();

    /** Exactly one Zoho contact carries the customer's email. */
    record LinkedByEmail(ContactCandidate contact, String reason) implements MatchOutcome {
        public LinkedByEmail {
            new Checks()
                    .rule(contact != null, "contact", "is required")
                    .required("reason", reason)
                    .throwIfAny();
        }

        @Override
        public Optional<SyncEvent> asSyncEvent() {
            return Optional.of(new SyncEvent.Linked(contact.id(), reason));
        }
    }

    /** No contact by email, but exactly one by normalized name (returning customers only). */
    record LinkedByName(ContactCandidate contact, String reason) implements MatchOutcome {
        public LinkedByName {
            new Checks()
                    .rule(contact != null, "contact", "is required")
                    .required("reason", reason)
                    .throwIfAny();
        }

        @Override
        public Optional<SyncEvent> asSyncEvent() {
            return Optional.of(new SyncEvent.Linked(contact.id(), reason));
        }
    }

    /** A new customer with nothing to link to: create the contact. */
    record Create(String reason) implements MatchOutcome {
        public Create {
            new Checks().required("reason", reason).throwIfAny();
        }

        @Override
        public Optional<SyncEvent> asSyncEvent() {
            return Optional.empty();
        }
    }

    /** More than one contact fits; an admin must choose (the sync is skipped). */
    record Ambiguous(List<ContactCandidate> candidates, String reason) implements MatchOutcome {
        public Ambiguous {
            new Checks()
                    .rule(candidates != null && candidates.size() > 1, "candidates", "needs at least two")
                    .required("reason", reason)
                    .throwIfAny();
            candidates = List.copyOf(candidates);
        }

        @Override
        public Optional<SyncEvent> asSyncEvent() {
            return Optional.of(new SyncEvent.Ambiguous(
                    candidates.stream().map(ContactCandidate::id).toList(), reason));
        }
    }

    /** A returning customer matched nothing; an admin must link by hand (the sync fails). */
    record NoMatch(String reason) implements MatchOutcome {
        public NoMatch {
            new Checks().required("reason", reason).throwIfAny();
        }

        @Override
        public Optional<SyncEvent> asSyncEvent() {
            return Optional.of(new SyncEvent.NoMatch(reason));
        }
    }
}
