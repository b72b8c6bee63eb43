package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;

/** A Books item as the core needs to see it. */
public record ZohoItem(String itemId, String name, String sku, BigDecimal rate, String status) {}
