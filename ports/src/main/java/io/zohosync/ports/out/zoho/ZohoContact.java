package io.zohosync.ports.out.zoho;

import java.time.Instant;

/**
 * A Books contact as the core needs to see it: its id, display name, primary email, notes and the currency it is
 * billed in (ISO 4217; Books invoices a contact only in it); its primary person's id and when Books last modified it,
 * when the answer said (null otherwise).
 */
public record ZohoContact(
        String contactId,
        String contactName,
        String email,
        String notes,
        String currencyCode,
        String primaryPersonId,
        Instant modifiedAt) {

    public ZohoContact(String contactId, String contactName, String email, String notes, String currencyCode) {
        this(contactId, contactName, email, notes, currencyCode, null, null);
    }

    /** The contact as the contact index holds it. */
    public ContactIndex.Entry entry() {
        return new ContactIndex.Entry(contactId, contactName, email, primaryPersonId, currencyCode, modifiedAt);
    }
}
