package io.zohosync.domain.crm;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.matching.EmailAddress;

/** Domain entity: a contact-form inquiry from the platform; a CRM lead, upserted on its email. */
public record Inquiry(String platformId, String name, String email, String phone, String company, String message) {

    public Inquiry {
        new Checks()
                .required("id", platformId)
                .required("email", email)
                .email("email", email)
                .maxLength("message", message, 32_000)
                .throwIfAny();
    }

    /** The lead: a nameless inquiry takes the email's local part as last name, which CRM requires. */
    public Lead toLead() {
        EmailAddress address = new EmailAddress(email);
        PersonNameParts parts = PersonNameParts.split(
                name, address.value().substring(0, address.value().indexOf('@')));
        return new Lead(platformId, parts.first(), parts.last(), address.value(), phone, company, message);
    }
}
