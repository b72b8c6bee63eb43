package io.zohosync.domain.matching;

import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Domain rule: design.md §5 as a pure function of the customer, the contacts Zoho returned for its
 * email and for its name, and the policy. Search results are filtered again here (exact normalized
 * email, exact normalized name, one entry per id), so a loose Zoho search can never link the wrong contact.
 */
public final class CustomerMatcher {

    private CustomerMatcher() {}

    public static MatchOutcome match(
            Customer customer,
            List<ContactCandidate> foundByEmail,
            List<ContactCandidate> foundByName,
            MatchPolicy policy) {
        EmailAddress email = new EmailAddress(customer.email());
        List<ContactCandidate> emailHits = distinct(foundByEmail, c -> email.sameAs(c.email()));
        if (customer.kind() == CustomerKind.NEW) {
            return matchNew(email, emailHits, policy);
        }
        return matchReturning(customer, email, emailHits, foundByName, policy);
    }

    private static MatchOutcome matchNew(EmailAddress email, List<ContactCandidate> emailHits, MatchPolicy policy) {
        if (!policy.linkNewByEmail()) {
            return new MatchOutcome.Create("new customer: create (linking new customers by email is off)");
        }
        if (emailHits.isEmpty()) {
            return new MatchOutcome.Create("new customer: no Zoho contact has email " + email + "; create one");
        }
        return byEmail(email, emailHits);
    }

    private static MatchOutcome matchReturning(
            Customer customer,
            EmailAddress email,
            List<ContactCandidate> emailHits,
            List<ContactCandidate> foundByName,
            MatchPolicy policy) {
        if (!emailHits.isEmpty()) {
            return byEmail(email, emailHits);
        }
        if (!policy.matchReturningByName()) {
            return new MatchOutcome.NoMatch("no matching contact: no Zoho contact has email " + email
                    + " (matching by name is off); link one by hand");
        }
        String name = PersonName.normalize(customer.displayName());
        List<ContactCandidate> nameHits = distinct(foundByName, c -> PersonName.same(name, c.name()));
        if (nameHits.isEmpty()) {
            return new MatchOutcome.NoMatch("no matching contact: no Zoho contact has email " + email + " or name '"
                    + name + "'; link one by hand");
        }
        if (nameHits.size() == 1) {
            return new MatchOutcome.LinkedByName(
                    nameHits.get(0),
                    "returning customer linked by name: no contact has email " + email + ", exactly one is named '"
                            + name + "': " + nameHits.get(0).describe());
        }
        return new MatchOutcome.Ambiguous(
                nameHits,
                nameHits.size() + " Zoho contacts are named '" + name + "': " + describe(nameHits)
                        + "; an admin must choose");
    }

    private static MatchOutcome byEmail(EmailAddress email, List<ContactCandidate> emailHits) {
        if (emailHits.size() == 1) {
            return new MatchOutcome.LinkedByEmail(
                    emailHits.get(0),
                    "linked by email: exactly one Zoho contact has email " + email + ": "
                            + emailHits.get(0).describe());
        }
        return new MatchOutcome.Ambiguous(
                emailHits,
                emailHits.size() + " Zoho contacts have email " + email + ": " + describe(emailHits)
                        + "; an admin must choose");
    }

    private static List<ContactCandidate> distinct(List<ContactCandidate> found, Predicate<ContactCandidate> fits) {
        Map<String, ContactCandidate> byId = new LinkedHashMap<>();
        for (ContactCandidate candidate : found == null ? List.<ContactCandidate>of() : found) {
            if (fits.test(candidate)) {
                byId.putIfAbsent(candidate.id(), candidate);
            }
        }
        return List.copyOf(byId.values());
    }

    private static String describe(List<ContactCandidate> candidates) {
        return candidates.stream().map(ContactCandidate::describe).collect(Collectors.joining(", "));
    }
}
