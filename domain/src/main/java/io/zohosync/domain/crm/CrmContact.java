package io.zohosync.domain.crm;

/** Value: a CRM contact as the service writes it; {@code email} is the duplicate-check field of the upsert. */
public record CrmContact(String platformId, String firstName, String lastName, String email, String phone) {}
