package io.zohosync.domain.crm;

import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.matching.EmailAddress;

/**
 * Value: a CRM contact as the service writes it; {@code email} is the first duplicate-check field of the upsert, the
 * platform id (in the field the admin names) the second. {@code accountName} is the company; {@code mailing} the
 * customer's billing address, as CRM's Mailing_* fields.
 */
public record CrmContact(
        String platformId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String accountName,
        Address mailing) {

    public CrmContact {
        mailing = mailing == null ? Address.NONE : mailing;
    }

    public CrmContact(String platformId, String firstName, String lastName, String email, String phone) {
        this(platformId, firstName, lastName, email, phone, null, Address.NONE);
    }

    /** A platform customer as a CRM contact: CRM requires a last name, so a customer without one gives its company or email's local part. */
    public static CrmContact of(Customer customer) {
        String email = new EmailAddress(customer.email()).value();
        String first = blank(customer.firstName()) ? null : customer.firstName().trim();
        String last = blank(customer.lastName()) ? null : customer.lastName().trim();
        if (last == null && first != null) {
            last = first;
            first = null;
        } else if (last == null) {
            last = blank(customer.companyName())
                    ? email.substring(0, email.indexOf('@'))
                    : customer.companyName().trim();
        }
        return new CrmContact(
                customer.platformId(),
                first,
                last,
                email,
                blank(customer.phone()) ? null : customer.phone().trim(),
                blank(customer.companyName()) ? null : customer.companyName().trim(),
                customer.billingAddress());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
