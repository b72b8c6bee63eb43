package io.zohosync.domain.budget;

import io.zohosync.domain.entity.EntityType;

/**
 * Domain rule: how many Zoho calls a sync job makes at most — a customer searches by email (and a
 * returning one by name) and then creates or links: 2; every other write is one call; a job whose
 * last outcome was unknown first looks its marker up (design.md §6): one more.
 */
public final class JobCost {

    private JobCost() {}

    public static int calls(EntityType type, boolean outcomeUnknown) {
        int write = type == EntityType.CUSTOMER ? 2 : 1;
        return outcomeUnknown ? write + 1 : write;
    }
}
