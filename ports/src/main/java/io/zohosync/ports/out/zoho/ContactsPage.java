package io.zohosync.ports.out.zoho;

import java.util.List;

/**
 * One page of the organization's Books contacts as list rows (no notes, no person ids); {@code newestFirst}: whether
 * Books said it sorted them by modification time, newest first (its {@code page_context}).
 */
public record ContactsPage(List<ZohoContact> contacts, boolean more, boolean newestFirst) {}
