package io.zohosync.domain.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.sync.SyncEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerMatcherTest {

    static Customer customer(CustomerKind kind) {
        return new Customer("p-1", "José", "de la Cruz", "  Jose@Example.com ", null, null, Address.NONE, kind);
    }

    static final ContactCandidate JOSE = new ContactCandidate("z1", "Jose De La Cruz", "jose@example.com");
    static final ContactCandidate JOSE_OTHER = new ContactCandidate("z2", "J. Cruz", "JOSE@example.com");
    static final ContactCandidate NAMESAKE = new ContactCandidate("z3", "José  de la  CRUZ", "other@example.com");
    static final ContactCandidate STRANGER = new ContactCandidate("z4", "Ann Smith", "jose@example.com.au");

    @Test
    void a_returning_customer_with_one_contact_by_email_is_linked_by_email() {
        MatchOutcome outcome = CustomerMatcher.match(
                customer(CustomerKind.RETURNING), List.of(JOSE), List.of(NAMESAKE), MatchPolicy.DEFAULT);
        assertThat(outcome)
                .isEqualTo(
                        new MatchOutcome.LinkedByEmail(
                                JOSE,
                                "linked by email: exactly one Zoho contact has email jose@example.com: z1 (Jose De La Cruz, jose@example.com)"));
        assertThat(outcome.asSyncEvent()).contains(new SyncEvent.Linked("z1", outcome.reason()));
    }

    @Test
    void the_email_comparison_ignores_case_and_surrounding_blanks_but_not_other_differences() {
        MatchOutcome outcome = CustomerMatcher.match(
                customer(CustomerKind.RETURNING), List.of(STRANGER, JOSE_OTHER), List.of(), MatchPolicy.DEFAULT);
        assertThat(outcome).isInstanceOf(MatchOutcome.LinkedByEmail.class);
        assertThat(((MatchOutcome.LinkedByEmail) outcome).contact()).isEqualTo(JOSE_OTHER);
    }

    @Test
    void the_same_contact_returned_twice_counts_once() {
        MatchOutcome outcome = CustomerMatcher.match(
                customer(CustomerKind.RETURNING), List.of(JOSE, JOSE), List.of(), MatchPolicy.DEFAULT);
        assertThat(outcome).isInstanceOf(MatchOutcome.LinkedByEmail.class);
    }

    @Test
    void two_contacts_with_the_email_are_ambiguous_and_list_both() {
        MatchOutcome outcome = CustomerMatcher.match(
                customer(CustomerKind.RETURNING), List.of(JOSE, JOSE_OTHER), List.of(NAMESAKE), MatchPolicy.DEFAULT);
        assertThat(outcome)
                .isEqualTo(new MatchOutcome.Ambiguous(
                        List.of(JOSE, JOSE_OTHER),
                        "2 Zoho contacts have email jose@example.com: z1 (Jose De La Cruz, jose@example.com), "
                                + "z2 (J. Cruz, JOSE@example.com); an admin must choose"));
        assertThat(outcome.asSyncEvent()).contains(new SyncEvent.Ambiguous(List.of("z1", "z2"), outcome.reason()));
    }

    @Test
    void a_returning_customer_without_an_email_match_is_linked_by_normalized_name() {
        MatchOutcome outcome = CustomerMatcher.match(
                customer(CustomerKind.RETURNING),
                List.of(STRANGER),
                List.of(NAMESAKE, new ContactCandidate("z5", "Josefa Cruz", null)),
                MatchPolicy.DEFAULT);
        assertThat(outcome)
                .isEqualTo(new MatchOutcome.LinkedByName(
                        NAMESAKE,
                        "returning customer linked by name: no contact has email jose@example.com, exactly one is named "
                                + "'jose de la cruz': z3 (José  de la  CRUZ, other@example.com)"));
        assertThat(outcome.asSyncEvent()).contains(new SyncEvent.Linked("z3", outcome.reason()));
    }

    @Test
    void two_contacts_with_the_name_are_ambiguous() {
        ContactCandidate twin = new ContactCandidate("z6", "jose de la cruz", null);
        MatchOutcome outcome = CustomerMatcher.match(
                customer(CustomerKind.RETURNING), List.of(), List.of(NAMESAKE, twin), MatchPolicy.DEFAULT);
        assertThat(outcome)
                .isEqualTo(new MatchOutcome.Ambiguous(
                        List.of(NAMESAKE, twin),
                        "2 Zoho contacts are named 'jose de la cruz': z3 (José  de la  CRUZ, other@example.com), "
                                + "z6 (jose de la cruz); an admin must choose"));
    }

    @Test
    void a_returning_customer_matching_nothing_is_no_match_for_an_admin_to_link() {
        MatchOutcome outcome = CustomerMatcher.match(customer(CustomerKind.RETURNING), null, null, MatchPolicy.DEFAULT);
        assertThat(outcome)
                .isEqualTo(
                        new MatchOutcome.NoMatch(
                                "no matching contact: no Zoho contact has email jose@example.com or name 'jose de la cruz'; link one by hand"));
        assertThat(outcome.asSyncEvent()).contains(new SyncEvent.NoMatch(outcome.reason()));
    }

    @Test
    void with_name_matching_off_a_returning_customer_without_an_email_match_is_no_match() {
        MatchOutcome outcome = CustomerMatcher.match(
                customer(CustomerKind.RETURNING), List.of(), List.of(NAMESAKE), new MatchPolicy(true, false));
        assertThat(outcome)
                .isEqualTo(
                        new MatchOutcome.NoMatch(
                                "no matching contact: no Zoho contact has email jose@example.com (matching by name is off); link one by hand"));
    }

    @Test
    void a_new_customer_whose_email_exists_is_linked_not_duplicated() {
        MatchOutcome outcome =
                CustomerMatcher.match(customer(CustomerKind.NEW), List.of(JOSE), List.of(), MatchPolicy.DEFAULT);
        assertThat(outcome).isInstanceOf(MatchOutcome.LinkedByEmail.class);
    }

    @Test
    void a_new_customer_whose_email_two_contacts_carry_is_ambiguous() {
        assertThat(CustomerMatcher.match(
                        customer(CustomerKind.NEW), List.of(JOSE, JOSE_OTHER), List.of(), MatchPolicy.DEFAULT))
                .isInstanceOf(MatchOutcome.Ambiguous.class);
    }

    @Test
    void a_new_customer_is_never_matched_by_name_and_is_created() {
        MatchOutcome outcome = CustomerMatcher.match(
                customer(CustomerKind.NEW), List.of(STRANGER), List.of(NAMESAKE), MatchPolicy.DEFAULT);
        assertThat(outcome)
                .isEqualTo(new MatchOutcome.Create(
                        "new customer: no Zoho contact has email jose@example.com; create one"));
        assertThat(outcome.asSyncEvent()).isEmpty();
    }

    @Test
    void with_email_linking_off_a_new_customer_is_always_created() {
        assertThat(CustomerMatcher.match(
                        customer(CustomerKind.NEW), List.of(JOSE), List.of(), new MatchPolicy(false, true)))
                .isEqualTo(new MatchOutcome.Create("new customer: create (linking new customers by email is off)"));
    }

    @Test
    void a_company_is_matched_by_its_company_name() {
        Customer company = new Customer(
                "p-2", "Ann", "Lee", "ann@acme.test", null, "ACME  Pty", Address.NONE, CustomerKind.RETURNING);
        ContactCandidate acme = new ContactCandidate("z8", "acme pty", null);
        assertThat(CustomerMatcher.match(
                        company,
                        List.of(),
                        List.of(acme, new ContactCandidate("z9", "Ann Lee", null)),
                        MatchPolicy.DEFAULT))
                .isInstanceOf(MatchOutcome.LinkedByName.class);
    }
}
