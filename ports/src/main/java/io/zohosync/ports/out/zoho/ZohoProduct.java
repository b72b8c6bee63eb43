package io.zohosync.ports.out.zoho;

/** The Zoho products the service writes to; each has its own limits, scopes and circuit. */
public enum ZohoProduct {
    BOOKS,
    BILLING,
    CRM,
    INVENTORY
}
