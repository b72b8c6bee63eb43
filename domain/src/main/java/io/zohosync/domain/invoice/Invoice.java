package io.zohosync.domain.invoice;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.Pricing;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.domain.money.Totals;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Domain entity: an invoice to write to Zoho. {@code referenceNumber} is always the platform id (the
 * marker, design.md §6); {@code invoiceNumber} is set when the platform id is also the number
 * (orders), absent when Zoho numbers it (manual invoices).
 */
public record Invoice(
        String invoiceNumber,
        String referenceNumber,
        String customerId,
        LocalDate date,
        LocalDate dueDate,
        Currency currency,
        List<LineItem> lines,
        PriceBasis priceBasis,
        TaxScheme taxScheme) {

    public Invoice {
        new Checks()
                .maxLength("invoice_number", invoiceNumber, 100)
                .required("reference_number", referenceNumber)
                .maxLength("reference_number", referenceNumber, 100)
                .required("customer_id", customerId)
                .rule(date != null, "date", "is required")
                .rule(
                        date == null || dueDate == null || !dueDate.isBefore(date),
                        "due_date",
                        "must not be before the date")
                .rule(currency != null, "currency", "is required")
                .rule(lines != null && !lines.isEmpty(), "line_items", "needs at least one line")
                .throwIfAny();
        lines = List.copyOf(lines);
        priceBasis = priceBasis == null ? PriceBasis.EXCLUSIVE : priceBasis;
        taxScheme = taxScheme == null ? TaxScheme.NONE : taxScheme;
    }

    public Optional<String> number() {
        return Optional.ofNullable(invoiceNumber);
    }

    public Totals totals() {
        return Pricing.totals(lines, currency, priceBasis, taxScheme);
    }

    /** The catalog items the lines name, each once, in line order. */
    public List<String> itemSkus() {
        return lines.stream().flatMap(l -> l.sku().stream()).distinct().toList();
    }
}
