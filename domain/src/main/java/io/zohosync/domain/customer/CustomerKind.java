package io.zohosync.domain.customer;

/** Whether the platform saw this customer for the first time or knows them from before (design.md §5). */
public enum CustomerKind {
    NEW,
    RETURNING
}
