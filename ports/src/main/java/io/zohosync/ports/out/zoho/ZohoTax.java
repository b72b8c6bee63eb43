package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;

/** A tax (or tax group) defined in Zoho Books; {@code specificType} is India's igst/cgst/sgst when present. */
public record ZohoTax(String taxId, String name, BigDecimal percent, String type, String specificType) {}
