package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;

/** A Billing plan or addon as the core needs to see it: its code, name, unit price and status ({@code active}…). */
public record CatalogEntry(String code, String name, BigDecimal price, String status) {}
