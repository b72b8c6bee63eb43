package io.zohosync.domain.money;

/** Whether line rates already include tax (Zoho's {@code is_inclusive_tax}) or tax comes on top. */
public enum PriceBasis {
    EXCLUSIVE,
    INCLUSIVE
}
