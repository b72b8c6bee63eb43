package io.zohosync.ports.out.zoho;

import io.zohosync.domain.entity.SyncTarget;

/** The Zoho products the service writes to; each has its own limits, scopes and circuit. */
public enum ZohoProduct {
    BOOKS,
    BILLING,
    CRM,
    INVENTORY;

    /** The product that keeps a sync target's records. */
    public static ZohoProduct of(SyncTarget target) {
        return switch (target) {
            case BOOKS -> BOOKS;
            case BILLING -> BILLING;
            case CRM -> CRM;
            case INVENTORY -> INVENTORY;
        };
    }
}
