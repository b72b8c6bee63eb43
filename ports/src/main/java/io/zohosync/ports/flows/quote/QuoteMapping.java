package io.zohosync.ports.flows.quote;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.domain.quote.Quote;
import io.zohosync.ports.flows.sales.SalesFields;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The JSON mapping of a B2B quote, identified by the platform id that becomes its Books estimate number:
 * {@code customer_id, date, expiry_date, status (draft | sent | accepted | declined)} and the lines, currency and
 * tax an order has ({@link SalesFields}).
 */
public final class QuoteMapping implements EntityMapping<PlatformQuote> {

    @Override
    public EntityType type() {
        return EntityType.ESTIMATE;
    }

    @Override
    public String collection() {
        return "quotes";
    }

    @Override
    public PlatformQuote read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        String customerId = fields.string("customer_id", SalesFields.MAX_ID);
        LocalDate date = SalesFields.date(fields, "date");
        LocalDate expiryDate = SalesFields.date(fields, "expiry_date");
        String status = fields.string("status", 10);
        Currency currency = SalesFields.currency(fields);
        PriceBasis basis = SalesFields.priceBasis(fields);
        TaxScheme scheme = SalesFields.taxScheme(fields);
        List<LineItem> lines = SalesFields.lines(fields, currency);
        return SalesFields.onePerField(() -> fields.build(() -> new PlatformQuote(
                new Quote(id, customerId, date, expiryDate, currency, lines, basis, scheme), status)));
    }

    @Override
    public Map<String, Object> write(PlatformQuote platformQuote) {
        Quote quote = platformQuote.quote();
        return WireFields.compact(
                "id",
                quote.platformId(),
                "customer_id",
                quote.customerId(),
                "date",
                quote.date().toString(),
                "expiry_date",
                quote.expiryDate() == null ? null : quote.expiryDate().toString(),
                "status",
                platformQuote.status(),
                "currency",
                quote.currency().getCurrencyCode(),
                "prices_include_tax",
                quote.priceBasis() == PriceBasis.INCLUSIVE,
                "tax",
                SalesFields.writeTax(quote.taxScheme()),
                "line_items",
                SalesFields.writeLines(quote.lines()));
    }

    @Override
    public String id(PlatformQuote quote) {
        return quote.quote().platformId();
    }
}
