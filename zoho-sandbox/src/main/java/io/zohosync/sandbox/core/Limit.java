package io.zohosync.sandbox.core;

/** The per-organization limits whose breach Zoho answers with HTTP 429. */
public enum Limit {
    /** Books code 44: requests per minute per organization. */
    PER_MINUTE,
    /** Books code 45: requests per day per organization. */
    PER_DAY,
    /** Books code 1070: requests in process at once per organization. */
    CONCURRENCY
}
