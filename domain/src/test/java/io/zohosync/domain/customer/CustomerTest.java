package io.zohosync.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import org.junit.jupiter.api.Test;

class CustomerTest {

    static Customer customer(String first, String last, String company) {
        return new Customer("p-1", first, last, " a@b.co ", null, company, null, null);
    }

    @Test
    void a_person_is_shown_as_first_and_last_name_with_single_spaces() {
        assertThat(customer(" Jane ", "  van  Dyk ", null).displayName()).isEqualTo("Jane van Dyk");
        assertThat(customer(null, "Dyk", " ").displayName()).isEqualTo("Dyk");
        assertThat(customer("Jane", null, null).displayName()).isEqualTo("Jane");
    }

    @Test
    void a_business_is_shown_as_its_company() {
        assertThat(customer("Jane", "Dyk", " Acme ").displayName()).isEqualTo("Acme");
    }

    @Test
    void a_customer_defaults_to_new_with_no_address_and_a_trimmed_email() {
        Customer c = customer("Jane", null, null);
        assertThat(c.kind()).isEqualTo(CustomerKind.NEW);
        assertThat(c.billingAddress()).isEqualTo(Address.NONE);
        assertThat(c.email()).isEqualTo("a@b.co");
    }

    @Test
    void a_customer_needs_some_name() {
        assertThatThrownBy(() -> customer(" ", null, ""))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("last_name: a first name, last name or company name is required");
    }

    @Test
    void an_address_is_empty_only_without_any_part() {
        assertThat(Address.NONE.isEmpty()).isTrue();
        assertThat(new Address("1 Main", null, null, null, null, null).isEmpty())
                .isFalse();
        assertThat(new Address(null, "Unit 2", null, null, null, null).isEmpty())
                .isFalse();
        assertThat(new Address(null, null, "Pune", null, null, null).isEmpty()).isFalse();
        assertThat(new Address(null, null, null, "MH", null, null).isEmpty()).isFalse();
        assertThat(new Address(null, null, null, null, "411001", null).isEmpty())
                .isFalse();
        assertThat(new Address(null, null, null, null, null, "IN").isEmpty()).isFalse();
    }

    @Test
    void an_id_whose_marker_fits_a_zoho_search_is_accepted_and_a_longer_one_is_refused_by_name() {
        String longest = "c".repeat(Customer.MAX_ID_LENGTH);

        assertThat(new Customer(longest, "A", "B", "a@example.com", null, null, null, null).platformId())
                .isEqualTo(longest);
        assertThatThrownBy(() -> new Customer(longest + "c", "A", "B", "a@example.com", null, null, null, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new InvalidInput.FieldError("id", "must be at most 90 characters")));
    }

    @Test
    void a_name_books_could_not_keep_is_refused_naming_the_field_and_its_limit() {
        String hundred = "n".repeat(100);
        assertThat(customer(hundred, "n".repeat(99), null).displayName()).hasSize(Customer.MAX_CONTACT_NAME);
        assertThatThrownBy(() -> customer(hundred, hundred, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        new InvalidInput.FieldError(
                                                "last_name",
                                                "first and last name together must be at most 200 characters (Zoho Books' contact_name)")));
    }

    @Test
    void an_address_part_longer_than_books_keeps_is_refused_by_name() {
        assertThatThrownBy(() -> new Address(null, null, "c".repeat(300), null, null, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        new InvalidInput.FieldError("city", "must be at most 100 characters")));
        assertThat(new Address(
                                "s".repeat(500),
                                "t".repeat(255),
                                "c".repeat(100),
                                "s".repeat(100),
                                "z".repeat(50),
                                "c".repeat(100))
                        .isEmpty())
                .isFalse();
    }

    @Test
    void an_id_with_a_line_break_or_a_control_character_is_refused() {
        for (String id : new String[] {
            "acme\r\nX-Injected: 1", "acme\u0000", "acme\u2028eu", "acme\u2029eu", "acme\u0085eu", "acme\teu"
        }) {
            assertThatThrownBy(() -> new Customer(id, "A", "B", "a@example.com", null, null, null, null))
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.errors())
                                    .containsExactly(new InvalidInput.FieldError(
                                            "id", "must not contain control characters or line breaks")));
        }
        assertThat(new Customer("acme eu/1+2", "A", "B", "a@example.com", null, null, null, null).platformId())
                .isEqualTo("acme eu/1+2");
    }
}
