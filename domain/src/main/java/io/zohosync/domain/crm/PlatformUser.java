package io.zohosync.domain.crm;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.matching.EmailAddress;

/** Domain entity: a user of the platform; a CRM contact, upserted on its email. */
public record PlatformUser(String platformId, String fullName, String email, String phone) {

    public PlatformUser {
        new Checks()
                .required("id", platformId)
                .required("email", email)
                .email("email", email)
                .throwIfAny();
    }

    public CrmContact toCrmContact() {
        EmailAddress address = new EmailAddress(email);
        PersonNameParts parts = PersonNameParts.split(
                fullName, address.value().substring(0, address.value().indexOf('@')));
        return new CrmContact(platformId, parts.first(), parts.last(), address.value(), phone);
    }
}
