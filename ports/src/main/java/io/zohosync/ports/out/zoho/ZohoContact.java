package io.zohosync.ports.out.zoho;

/**
 * A Books contact as the core needs to see it: its id, display name, primary email, notes and the currency it is
 * billed in (ISO 4217; Books invoices a contact only in it).
 */
public record ZohoContact(String contactId, String contactName, String email, String notes, String currencyCode) {}
