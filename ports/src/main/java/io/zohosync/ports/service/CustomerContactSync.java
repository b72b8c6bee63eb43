package io.zohosync.ports.service;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.matching.ContactCandidate;
import io.zohosync.domain.matching.CustomerMatcher;
import io.zohosync.domain.matching.MatchOutcome;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.CustomerStore;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Use case: bring one platform customer to its Books contact. In order: an earlier run whose
 * outcome is unknown is resolved by the contact's marker (never write twice, design.md §6); a
 * linked customer is updated; otherwise the matching rules (design.md §5) link or create.
 */
public final class CustomerContactSync implements JobHandler {

    private final CustomerStore customers;
    private final ZohoContacts contacts;
    private final MatchPolicy policy;

    public CustomerContactSync(CustomerStore customers, ZohoContacts contacts, MatchPolicy policy) {
        this.customers = customers;
        this.contacts = contacts;
        this.policy = policy;
    }

    @Override
    public String entityType() {
        return "customer";
    }

    @Override
    public String target() {
        return RegisterCustomerService.TARGET;
    }

    @Override
    public Future<JobDecision> run(ClaimedJob job, Instant now) {
        return customers.find(job.entityId()).compose(found -> {
            if (found.isEmpty()) {
                return done(new SyncEvent.PermanentFailure("customer " + job.entityId() + " is no longer stored"), "missing");
            }
            Customer customer = found.get();
            if (job.zohoId() != null) {
                return update(job.zohoId(), customer, now);
            }
            if (job.outcomeUnsure()) {
                return resolveByMarker(customer, now);
            }
            return matchOrCreate(customer, now);
        });
    }

    private Future<JobDecision> update(String contactId, Customer customer, Instant now) {
        return contacts.update(contactId, customer).compose(outcome -> outcome instanceof ZohoOutcome.Success<ZohoContact>
                ? done(new SyncEvent.Succeeded(contactId), "updated")
                : Future.succeededFuture(ZohoOutcomes.failure(outcome, "the contact update", now)));
    }

    /** An earlier run may have created the contact: look for our marker before writing anything. */
    private Future<JobDecision> resolveByMarker(Customer customer, Instant now) {
        String marker = ZohoContacts.marker(customer.platformId());
        return search(contacts.findByMarker(customer.platformId()), "the marker search", now, ours -> {
            if (ours.size() == 1) {
                return done(new SyncEvent.Linked(ours.get(0).contactId(),
                        "found the contact an earlier attempt created (marker " + marker + ")"), "linked_by_marker");
            }
            if (ours.size() > 1) {
                return done(new SyncEvent.Ambiguous(ours.stream().map(ZohoContact::contactId).toList(),
                        ours.size() + " Zoho contacts carry marker " + marker + "; an admin must choose"), "ambiguous");
            }
            return matchOrCreate(customer, now);
        });
    }

    private Future<JobDecision> matchOrCreate(Customer customer, Instant now) {
        boolean needsEmailSearch = customer.kind() == CustomerKind.RETURNING || policy.linkNewByEmail();
        if (!needsEmailSearch) {
            return decide(customer, List.of(), List.of(), now);
        }
        return search(contacts.findByEmail(customer.email()), "the email search", now, byEmail -> {
            List<ContactCandidate> emailHits = candidates(byEmail);
            MatchOutcome withoutName = CustomerMatcher.match(customer, emailHits, List.of(), policy);
            boolean nameSearchHelps = withoutName instanceof MatchOutcome.NoMatch && policy.matchReturningByName();
            if (!nameSearchHelps) {
                return decide(withoutName, customer, now);
            }
            return search(contacts.findByName(customer.displayName()), "the name search", now,
                    byName -> decide(customer, emailHits, candidates(byName), now));
        });
    }

    private Future<JobDecision> decide(Customer customer, List<ContactCandidate> byEmail, List<ContactCandidate> byName,
            Instant now) {
        return decide(CustomerMatcher.match(customer, byEmail, byName, policy), customer, now);
    }

    private Future<JobDecision> decide(MatchOutcome match, Customer customer, Instant now) {
        return match.asSyncEvent()
                .map(event -> done(event, logName(match)))
                .orElseGet(() -> create(customer, now));
    }

    private Future<JobDecision> create(Customer customer, Instant now) {
        return contacts.create(customer, customer.displayName()).map(outcome -> {
            if (outcome instanceof ZohoOutcome.Success<ZohoContact> ok) {
                return new JobDecision(new SyncEvent.Succeeded(ok.value().contactId()), "created");
            }
            if (outcome instanceof ZohoOutcome.Duplicate<ZohoContact> dup && dup.existing().isPresent()) {
                return new JobDecision(new SyncEvent.Linked(dup.existing().get().contactId(),
                        "Zoho already had this contact (" + dup.message() + "); linked it"), "linked_duplicate");
            }
            if (outcome instanceof ZohoOutcome.Duplicate<ZohoContact> dup) {
                return new JobDecision(new SyncEvent.PermanentFailure("Zoho reports a duplicate it would not show: "
                        + dup.message() + "; link the contact by hand"), "duplicate");
            }
            return ZohoOutcomes.failure(outcome, "the contact creation", now);
        });
    }

    private static <T> Future<JobDecision> search(Future<ZohoOutcome<T>> call, String doing, Instant now,
            Function<T, Future<JobDecision>> next) {
        return call.compose(outcome -> outcome instanceof ZohoOutcome.Success<T> ok
                ? next.apply(ok.value())
                : Future.succeededFuture(ZohoOutcomes.failure(outcome, doing, now)));
    }

    private static List<ContactCandidate> candidates(List<ZohoContact> contacts) {
        return contacts.stream().map(c -> new ContactCandidate(c.contactId(), c.contactName(), c.email())).toList();
    }

    private static String logName(MatchOutcome match) {
        if (match instanceof MatchOutcome.LinkedByEmail) {
            return "linked_by_email";
        }
        if (match instanceof MatchOutcome.LinkedByName) {
            return "linked_by_name";
        }
        return match instanceof MatchOutcome.Ambiguous ? "ambiguous" : "no_match";
    }

    private static Future<JobDecision> done(SyncEvent event, String logEvent) {
        return Future.succeededFuture(new JobDecision(event, logEvent));
    }
}
