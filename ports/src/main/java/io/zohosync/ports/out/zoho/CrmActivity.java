package io.zohosync.ports.out.zoho;

/** A note or task the service adds to a CRM contact ({@code contactId}): an inquiry from someone already a contact. */
public record CrmActivity(String platformId, String contactId, String title, String content) {}
