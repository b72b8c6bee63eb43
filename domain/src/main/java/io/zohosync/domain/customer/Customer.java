package io.zohosync.domain.customer;

import io.zohosync.domain.common.Checks;

/** Domain entity: a platform customer, the source of a Zoho Books contact (or Billing customer, CRM contact). */
public record Customer(
        String platformId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String companyName,
        Address billingAddress,
        CustomerKind kind) {

    /** Zoho searches take at most 100 characters; the marker "zoho-sync:" + id must fit in one. */
    public static final int MAX_ID_LENGTH = 90;

    /** Zoho Books keeps at most 200 characters in a contact's name. */
    public static final int MAX_CONTACT_NAME = 200;

    public Customer {
        new Checks()
                .required("id", platformId)
                .identifier("id", platformId)
                .maxLength("id", platformId, MAX_ID_LENGTH)
                .required("email", email)
                .email("email", email)
                .maxLength("email", email, 100)
                .rule(
                        notBlank(firstName) || notBlank(lastName) || notBlank(companyName),
                        "last_name",
                        "a first name, last name or company name is required")
                .maxLength("first_name", firstName, 100)
                .maxLength("last_name", lastName, 100)
                .maxLength("company_name", companyName, 200)
                .maxLength("phone", phone, 50)
                .rule(
                        personName(firstName, lastName).length() <= MAX_CONTACT_NAME,
                        "last_name",
                        "first and last name together must be at most " + MAX_CONTACT_NAME
                                + " characters (Zoho Books' contact_name)")
                .throwIfAny();
        email = email.trim();
        billingAddress = billingAddress == null ? Address.NONE : billingAddress;
        kind = kind == null ? CustomerKind.NEW : kind;
    }

    /** The name Zoho shows: the company for a business, otherwise "First Last" (Zoho's contact_name, max 200). */
    public String displayName() {
        if (notBlank(companyName)) {
            return companyName.trim();
        }
        return personName(firstName, lastName);
    }

    private static String personName(String firstName, String lastName) {
        String full =
                ((firstName == null ? "" : firstName.trim()) + " " + (lastName == null ? "" : lastName.trim())).trim();
        return full.replaceAll("\\s+", " ");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
