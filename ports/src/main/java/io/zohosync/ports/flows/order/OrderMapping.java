package io.zohosync.ports.flows.order;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.invoice.Order;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.ports.flows.sales.SalesFields;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The JSON mapping of an order or enrollment, identified by the platform id that becomes its Books invoice
 * number: {@code customer_id, date, due_date, quote_id} (the accepted quote it comes from, optional) and the lines, currency and tax every sales document has
 * ({@link SalesFields}).
 */
public final class OrderMapping implements EntityMapping<Order> {

    @Override
    public EntityType type() {
        return EntityType.INVOICE;
    }

    @Override
    public String collection() {
        return "orders";
    }

    @Override
    public Order read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        String customerId = fields.string("customer_id", SalesFields.MAX_ID);
        String quoteId = fields.string("quote_id", SalesFields.MAX_ID);
        LocalDate date = SalesFields.date(fields, "date");
        LocalDate dueDate = SalesFields.date(fields, "due_date");
        Currency currency = SalesFields.currency(fields);
        PriceBasis basis = SalesFields.priceBasis(fields);
        TaxScheme scheme = SalesFields.taxScheme(fields);
        List<LineItem> lines = SalesFields.lines(fields, currency);
        return SalesFields.onePerField(() -> fields.build(() -> {
            Order order = new Order(id, customerId, date, dueDate, currency, lines, basis, scheme, quoteId);
            order.toInvoice(); // the invoice's own rules: a customer, a date, a currency, at least one line
            return order;
        }));
    }

    @Override
    public Map<String, Object> write(Order order) {
        return WireFields.compact(
                "id",
                order.platformId(),
                "customer_id",
                order.customerId(),
                "quote_id",
                order.quoteId(),
                "date",
                order.date().toString(),
                "due_date",
                order.dueDate() == null ? null : order.dueDate().toString(),
                "currency",
                order.currency().getCurrencyCode(),
                "prices_include_tax",
                order.priceBasis() == PriceBasis.INCLUSIVE,
                "tax",
                SalesFields.writeTax(order.taxScheme()),
                "line_items",
                SalesFields.writeLines(order.lines()));
    }

    @Override
    public String id(Order order) {
        return order.platformId();
    }
}
