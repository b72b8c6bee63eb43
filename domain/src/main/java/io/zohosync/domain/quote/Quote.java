package io.zohosync.domain.quote;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.Pricing;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.domain.money.Totals;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** Domain entity: a B2B quote; a Books estimate whose number and reference are the platform id. */
public record Quote(
        String platformId,
        String customerId,
        LocalDate date,
        LocalDate expiryDate,
        Currency currency,
        List<LineItem> lines,
        PriceBasis priceBasis,
        TaxScheme taxScheme) {

    public Quote {
        new Checks()
                .required("id", platformId)
                .maxLength("id", platformId, 100)
                .required("customer_id", customerId)
                .rule(date != null, "date", "is required")
                .rule(
                        date == null || expiryDate == null || !expiryDate.isBefore(date),
                        "expiry_date",
                        "must not be before the date")
                .rule(currency != null, "currency", "is required")
                .rule(lines != null && !lines.isEmpty(), "line_items", "needs at least one line")
                .throwIfAny();
        lines = List.copyOf(lines);
        priceBasis = priceBasis == null ? PriceBasis.EXCLUSIVE : priceBasis;
        taxScheme = taxScheme == null ? TaxScheme.NONE : taxScheme;
    }

    public String estimateNumber() {
        return platformId;
    }

    public Totals totals() {
        return Pricing.totals(lines, currency, priceBasis, taxScheme);
    }

    public List<String> itemSkus() {
        return lines.stream().flatMap(l -> l.sku().stream()).distinct().toList();
    }
}
