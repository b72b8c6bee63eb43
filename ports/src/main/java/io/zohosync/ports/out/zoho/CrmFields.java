package io.zohosync.ports.out.zoho;

/**
 * How the organization's CRM is set up for the service: the custom field (API name, e.g. {@code Platform_Id}) that
 * holds a contact's platform id — the upsert's second duplicate-check field after Email; none when null — and the
 * Lead_Source written on contacts, and on leads whose inquiry names none.
 */
public record CrmFields(String platformIdField, String leadSource) {

    public static final CrmFields NONE = new CrmFields(null, null);
}
