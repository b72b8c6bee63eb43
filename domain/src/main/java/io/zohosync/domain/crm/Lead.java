package io.zohosync.domain.crm;

/** Value: a CRM lead as the service writes it; {@code email} is the duplicate-check field of the upsert. */
public record Lead(
        String platformId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String company,
        String description) {}
