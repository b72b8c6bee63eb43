package io.zohosync.domain.crm;

/**
 * Value: a CRM lead as the service writes it; {@code email} is the duplicate-check field of the upsert; {@code source}
 * the inquiry's own source (CRM's Lead_Source), null for the configured one.
 */
public record Lead(
        String platformId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String company,
        String description,
        String source) {

    public Lead(
            String platformId,
            String firstName,
            String lastName,
            String email,
            String phone,
            String company,
            String description) {
        this(platformId, firstName, lastName, email, phone, company, description, null);
    }
}
