package io.zohosync.domain.sync;

/** Why a pending sync waits although no attempt failed: so that what ends the wait can wake it. */
public enum DeferCause {
    /** A Zoho limit or our API budget is spent until the window reopens. */
    BUDGET,
    /** Zoho no longer accepts the connection's tokens: an admin must reconnect, which wakes it. */
    RECONNECT
}
