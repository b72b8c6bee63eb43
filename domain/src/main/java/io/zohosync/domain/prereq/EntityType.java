package io.zohosync.domain.prereq;

/** The kinds of platform entity the service syncs, each towards its Zoho counterpart. */
public enum EntityType {
    CUSTOMER,
    ITEM,
    PLAN,
    ADDON,
    INVOICE,
    PAYMENT,
    SUBSCRIPTION,
    ESTIMATE,
    LEAD,
    CRM_CONTACT,
    STOCK
}
