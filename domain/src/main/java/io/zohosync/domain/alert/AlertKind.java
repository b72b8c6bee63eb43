package io.zohosync.domain.alert;

/** What an alert is about (issue 12, item 14). */
public enum AlertKind {
    /** At least the threshold of records failed for good and wait for an admin. */
    FAILED_SYNCS,
    /** Work has been due longer than the threshold and nothing reached Zoho meanwhile. */
    STUCK_SYNCS,
    /** Zoho refused the stored refresh token: someone has to connect Zoho again. */
    RECONNECT_NEEDED,
    /** A meter's calls of the last 24 hours reached the threshold share of its daily allowance. */
    BUDGET_NEARLY_SPENT,
    /** The newest reconciliation left drift between the platform and Zoho (item 11). */
    RECONCILE_DRIFT,
    /** Outbound webhooks to the platform ran out of attempts and wait for an admin's retry. */
    DEAD_DELIVERIES
}
