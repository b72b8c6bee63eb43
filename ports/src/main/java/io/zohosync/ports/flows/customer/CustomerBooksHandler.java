package io.zohosync.ports.flows.customer;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.matching.ContactCandidate;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ContactIndex;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * A platform customer as a Zoho Books contact: matched by email, then (returning customers) by name
 * (design.md §5); its marker in the contact's notes; a namesake's name taken as "Name (email)". With the
 * {@link KnownContacts} (issue 14) the matching reads the local contact index — refreshed when due — instead of a
 * search per customer, a namesake is named "Name (email)" before the create rather than after Books refuses it, and an
 * update is one PUT with the name and primary person the index knows, no read: a new customer and an update cost one
 * call each. Without it (tests of the searches) every match searches Books.
 */
public final class CustomerBooksHandler implements SyncHandler<Customer> {

    private final ZohoContacts contacts;
    private final MatchPolicy policy;
    private final CustomerMatching matching;
    private final CustomerMatching.Searches searches;
    private final KnownContacts known;
    private final CustomerMapping mapping = new CustomerMapping();

    /** Matching by Books' searches, one per customer (the hand-written integration's way). */
    public CustomerBooksHandler(ZohoContacts contacts, MatchPolicy policy) {
        this(contacts, policy, null);
    }

    /** Matching by the contact index ({@code known}); null: by Books' searches. */
    public CustomerBooksHandler(ZohoContacts contacts, MatchPolicy policy, KnownContacts known) {
        this.contacts = contacts;
        this.policy = policy;
        this.known = known;
        this.matching = new CustomerMatching(policy);
        this.searches = known != null
                ? indexed(known)
                : new CustomerMatching.Searches() {
                    @Override
                    public Future<ZohoOutcome<List<ContactCandidate>>> byEmail(String email) {
                        return contacts.findByEmail(email).map(found -> found.map(CustomerBooksHandler::candidates));
                    }

                    @Override
                    public Future<ZohoOutcome<List<ContactCandidate>>> byName(String name) {
                        return contacts.findByName(name).map(found -> found.map(CustomerBooksHandler::candidates));
                    }
                };
    }

    /**
     * The index as the matcher's candidates: refreshed (when due) before the email look-up, which comes first. A
     * contact the index names is read before it is offered (one call, in place of the create a link saves): a list
     * never reports a deletion, so a contact deleted in Books is forgotten here rather than linked.
     */
    private CustomerMatching.Searches indexed(KnownContacts known) {
        return new CustomerMatching.Searches() {
            @Override
            public Future<ZohoOutcome<List<ContactCandidate>>> byEmail(String email) {
                return known.fresh()
                        .compose(fresh -> fresh instanceof ZohoOutcome.Success<Void>
                                ? known.index().byEmail(email).compose(found -> verified(found, 0, new ArrayList<>()))
                                : Future.succeededFuture(ZohoOutcome.retype(fresh)));
            }

            @Override
            public Future<ZohoOutcome<List<ContactCandidate>>> byName(String name) {
                return known.index().byName(name).compose(found -> verified(found, 0, new ArrayList<>()));
            }
        };
    }

    /** Each entry read from Books, one after another: as it now is (into the index), or forgotten when gone. */
    private Future<ZohoOutcome<List<ContactCandidate>>> verified(
            List<ContactIndex.Entry> entries, int next, List<ContactCandidate> alive) {
        if (next == entries.size()) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(List.copyOf(alive)));
        }
        String contactId = entries.get(next).contactId();
        return contacts.get(contactId).compose(read -> {
            if (read instanceof ZohoOutcome.NotFound<ZohoContact>) {
                return known.index().remove(contactId).compose(x -> verified(entries, next + 1, alive));
            }
            if (!(read instanceof ZohoOutcome.Success<ZohoContact> ok)) {
                return Future.succeededFuture(ZohoOutcome.<List<ContactCandidate>>retype(read));
            }
            alive.add(new ContactCandidate(
                    ok.value().contactId(), ok.value().contactName(), ok.value().email()));
            return known.remember(ok.value()).compose(x -> verified(entries, next + 1, alive));
        });
    }

    private static List<ContactCandidate> indexed(List<ContactIndex.Entry> entries) {
        return entries.stream()
                .map(e -> new ContactCandidate(e.contactId(), e.contactName(), e.email()))
                .toList();
    }

    @Override
    public EntityType type() {
        return EntityType.CUSTOMER;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BOOKS;
    }

    @Override
    public EntityMapping<Customer> mapping() {
        return mapping;
    }

    /** The search reads each hit whole: the contacts found (ours, from an earlier create) go into the index. */
    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Customer customer) {
        return contacts.findByMarker(customer.platformId()).compose(found -> {
            if (known != null && found instanceof ZohoOutcome.Success<List<ZohoContact>> ok) {
                return known.index()
                        .put(ok.value().stream().map(ZohoContact::entry).toList())
                        .recover(e -> Future.succeededFuture())
                        .map(x -> ids(found));
            }
            return Future.succeededFuture(ids(found));
        });
    }

    /**
     * By searches: the matcher's searches and the create. By the index: the create, or the read of the contact the
     * index links (a returning customer is only linked), and one list call when the index is due for a refresh (a first
     * fill takes one a page, the rest as it goes).
     */
    /** An update sends the customer's fields, the contact's name and primary person: nothing else it reads. */
    @Override
    public boolean updateFollowsPayload() {
        return true;
    }

    @Override
    public int plannedCreateCalls(Customer customer) {
        if (known == null) {
            return matching.plannedCreateCalls(customer);
        }
        // a new customer: its create, or the read of the contact it links to; a returning one: that read
        boolean matches = customer.kind() == CustomerKind.RETURNING || policy.linkNewByEmail();
        return 1 + (matches && known.refreshDue() ? 1 : 0);
    }

    /**
     * One PUT with the index's name and person, and one list call when the index is due for a refresh; a read first for
     * a contact it knows them not of (taken as it goes).
     */
    @Override
    public int plannedUpdateCalls(Customer customer, boolean ours) {
        return ours ? 1 + (known != null && known.refreshDue() ? 1 : 0) : 0;
    }

    @Override
    public Future<ZohoOutcome<Match>> match(Customer customer, Links links) {
        return matching.match(customer, searches);
    }

    /**
     * Under the customer's name; by the index, under "Name (email)" at once when a contact it knows holds the name
     * (Books would refuse it). The runner only creates when no earlier attempt may have landed or the marker search
     * found none, so the name's holder is someone else's contact. Should the index not know the holder, Books refuses
     * the name and the runner's duplicate path (marker search, then {@link #createAfterDuplicate}) takes over.
     */
    @Override
    public Future<ZohoOutcome<String>> create(Customer customer, Links links) {
        if (known == null) {
            return contacts.create(customer, customer.displayName()).map(CustomerBooksHandler::id);
        }
        return known.index().byContactName(customer.displayName()).compose(holders -> {
            String name = holders.isEmpty() ? customer.displayName() : renamed(customer);
            return contacts.create(customer, name).compose(this::remembered);
        });
    }

    /**
     * Books wants contact names unique: a namesake's contact holds the name, so this one is "Name (email)". By the
     * index, which did not know the holder, it is refreshed first: should a contact with the customer's email have
     * appeared in Books since (made in Zoho's UI a moment before our create), the sync is retried — its match then links
     * that contact — rather than a second contact being made for the same person.
     */
    @Override
    public Future<ZohoOutcome<String>> createAfterDuplicate(Customer customer, Links links, String message) {
        if (known == null) {
            return contacts.create(customer, renamed(customer)).map(CustomerBooksHandler::id);
        }
        return known.refresh().compose(fresh -> {
            if (!(fresh instanceof ZohoOutcome.Success<Void>)) {
                return Future.succeededFuture(ZohoOutcome.<String>retype(fresh));
            }
            return known.index().byEmail(customer.email()).compose(sameEmail -> {
                if (policy.linkNewByEmail() && !sameEmail.isEmpty()) {
                    return Future.succeededFuture(new ZohoOutcome.Outage<String>("Books holds the name "
                            + customer.displayName() + " and contact "
                            + sameEmail.get(0).contactId()
                            + " with email " + customer.email() + " appeared since the contact index was"
                            + " refreshed; the retry's match links it"));
                }
                return contacts.create(customer, renamed(customer)).compose(this::remembered);
            });
        });
    }

    private static String renamed(Customer customer) {
        String suffix = " (" + customer.email() + ")";
        String name = customer.displayName();
        int room = Customer.MAX_CONTACT_NAME - suffix.length();
        return (name.length() <= room ? name : name.substring(0, room).trim()) + suffix;
    }

    /**
     * By the index: one PUT with the contact's name and primary person as the index knows them (what we created,
     * updated or linked is in it). The index is refreshed first when due, as before a match (at most once per refresh
     * interval, one list call amortised over every update and match in it): a name changed in Zoho's UI is sent back as
     * it now is, not as it was when we wrote it, once that interval has passed. A contact it knows them not of is read
     * first (GET + PUT, once: the answer is written into the index); so is one whose person Books says does not exist
     * (the person was replaced in Zoho since the index saw the contact).
     */
    @Override
    public Future<ZohoOutcome<String>> update(String contactId, Customer customer, Links links) {
        if (known == null) {
            return contacts.update(contactId, customer).map(CustomerBooksHandler::id);
        }
        return known.fresh().compose(fresh -> {
            if (!(fresh instanceof ZohoOutcome.Success<Void>)) {
                return Future.succeededFuture(ZohoOutcome.<String>retype(fresh));
            }
            return known.index().byId(contactId).compose(entry -> {
                if (entry.isEmpty() || entry.get().primaryPersonId() == null) {
                    return contacts.update(contactId, customer).compose(this::remembered);
                }
                return contacts.update(
                                contactId,
                                entry.get().contactName(),
                                entry.get().primaryPersonId(),
                                customer)
                        .compose(put ->
                                stalePerson(put) ? contacts.update(contactId, customer) : Future.succeededFuture(put))
                        .compose(this::remembered);
            });
        });
    }

    /**
     * Whether a PUT naming the index's person was refused for that person: Books answers a person id it does not know
     * as "does not exist" (code 1002, a not-found; the contact's own absence answers so too, and the read that follows
     * then says so) or as a validation error naming the contact person (UNCONFIRMED which of the two).
     */
    private static boolean stalePerson(ZohoOutcome<ZohoContact> put) {
        if (put instanceof ZohoOutcome.NotFound<ZohoContact>) {
            return true;
        }
        return put instanceof ZohoOutcome.Validation<ZohoContact> refused
                && refused.message() != null
                && refused.message().toLowerCase(java.util.Locale.ROOT).contains("contact person");
    }

    /** A contact written or found: into the index at once; its id. */
    private Future<ZohoOutcome<String>> remembered(ZohoOutcome<ZohoContact> outcome) {
        if (outcome instanceof ZohoOutcome.Success<ZohoContact> ok && known != null) {
            return known.remember(ok.value()).map(x -> id(outcome));
        }
        return Future.succeededFuture(id(outcome));
    }

    @Override
    public Future<ZohoOutcome<String>> read(String contactId) {
        return contacts.get(contactId).map(CustomerBooksHandler::id);
    }

    private static List<ContactCandidate> candidates(List<ZohoContact> contacts) {
        return contacts.stream()
                .map(c -> new ContactCandidate(c.contactId(), c.contactName(), c.email()))
                .toList();
    }

    private static ZohoOutcome<String> id(ZohoOutcome<ZohoContact> outcome) {
        return outcome instanceof ZohoOutcome.Success<ZohoContact> ok
                ? new ZohoOutcome.Success<>(ok.value().contactId())
                : ZohoOutcome.retype(outcome);
    }

    private static ZohoOutcome<List<String>> ids(ZohoOutcome<List<ZohoContact>> outcome) {
        return outcome instanceof ZohoOutcome.Success<List<ZohoContact>> ok
                ? new ZohoOutcome.Success<>(
                        ok.value().stream().map(ZohoContact::contactId).toList())
                : ZohoOutcome.retype(outcome);
    }
}
