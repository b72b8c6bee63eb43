package io.zohosync.domain.budget;

/** Value: which of Zoho's limits closes a call: the sliding minute, the sliding day, or the calls in flight. */
public enum Limit {
    MINUTE,
    DAY,
    CONCURRENCY
}
