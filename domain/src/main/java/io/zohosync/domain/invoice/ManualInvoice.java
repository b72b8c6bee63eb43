package io.zohosync.domain.invoice;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Domain entity: an invoice raised by hand on the platform. Installation, pro-rata, equipment and
 * adjustment invoices are synced (reference number = platform id, Zoho numbers them); recurring
 * ones never; an invoice without lines gets one line, named for its kind, for its total.
 */
public record ManualInvoice(
        String platformId,
        String customerId,
        ManualInvoiceKind kind,
        LocalDate date,
        LocalDate dueDate,
        Money total,
        List<LineItem> lines,
        PriceBasis priceBasis,
        TaxScheme taxScheme) {

    public ManualInvoice {
        new Checks()
                .required("id", platformId)
                .rule(kind != null, "kind", "is required")
                .rule(total != null, "total", "is required")
                .throwIfAny();
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The invoice to write, or empty when this kind is never synced. */
    public Optional<Invoice> toInvoice() {
        if (!kind.synced()) {
            return Optional.empty();
        }
        List<LineItem> written = lines.isEmpty() ? List.of(LineItem.single(kind.label(), total.amount())) : lines;
        return Optional.of(new Invoice(
                null, platformId, customerId, date, dueDate, total.currency(), written, priceBasis, taxScheme));
    }
}
