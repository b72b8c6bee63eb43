package io.zohosync.domain.invoice;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** Domain entity: an enrollment or B2C order; a Books invoice whose number is the platform id. */
public record Order(
        String platformId,
        String customerId,
        LocalDate date,
        LocalDate dueDate,
        Currency currency,
        List<LineItem> lines,
        PriceBasis priceBasis,
        TaxScheme taxScheme) {

    public Order {
        new Checks().required("id", platformId).throwIfAny();
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public Invoice toInvoice() {
        return new Invoice(platformId, platformId, customerId, date, dueDate, currency, lines, priceBasis, taxScheme);
    }
}
