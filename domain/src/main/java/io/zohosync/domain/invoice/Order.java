package io.zohosync.domain.invoice;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Domain entity: an enrollment or B2C order; a Books invoice whose number is the platform id. An order may come from
 * an accepted quote ({@code quoteId}): its invoice is then the quote's, made once.
 */
public record Order(
        String platformId,
        String customerId,
        LocalDate date,
        LocalDate dueDate,
        Currency currency,
        List<LineItem> lines,
        PriceBasis priceBasis,
        TaxScheme taxScheme,
        String quoteId) {

    public Order {
        new Checks()
                .required("id", platformId)
                .maxLength("quote_id", quoteId, 100)
                .throwIfAny();
        lines = lines == null ? List.of() : List.copyOf(lines);
        quoteId = quoteId == null || quoteId.isBlank() ? null : quoteId;
    }

    /** An order that names no quote. */
    public Order(
            String platformId,
            String customerId,
            LocalDate date,
            LocalDate dueDate,
            Currency currency,
            List<LineItem> lines,
            PriceBasis priceBasis,
            TaxScheme taxScheme) {
        this(platformId, customerId, date, dueDate, currency, lines, priceBasis, taxScheme, null);
    }

    /** The platform quote the order was accepted from; empty for an order placed directly. */
    public Optional<String> quote() {
        return Optional.ofNullable(quoteId);
    }

    public Invoice toInvoice() {
        return new Invoice(platformId, platformId, customerId, date, dueDate, currency, lines, priceBasis, taxScheme);
    }
}
