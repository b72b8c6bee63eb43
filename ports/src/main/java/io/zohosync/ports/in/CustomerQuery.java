package io.zohosync.ports.in;

import io.zohosync.domain.sync.SyncStatus;

/**
 * A question to the customer list, in id order: customers with a sync record in {@code status} (null: any), whose
 * id, email or name contains {@code text} (null: any; case-insensitive), after the id {@code after} (null: from the
 * first), at most {@code limit}.
 */
public record CustomerQuery(SyncStatus status, String text, String after, int limit) {

    public CustomerQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one customer");
        }
    }

    public CustomerQuery withLimit(int other) {
        return new CustomerQuery(status, text, after, other);
    }
}
