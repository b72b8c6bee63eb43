package io.zohosync.ports.out.zoho;

/** A Books contact as the core needs to see it: its id, display name, primary email and notes. */
public record ZohoContact(String contactId, String contactName, String email, String notes) {}
