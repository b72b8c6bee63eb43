package io.zohosync.adapters.zoho.books;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.ports.out.zoho.ZohoLinks;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** The line items, tax treatment and number formats Books invoices and estimates share. */
final class BooksLines {

    private BooksLines() {}

    /** Why these lines cannot be written with these links (an unlinked tax rate), if they cannot. */
    static Optional<String> missingLink(List<LineItem> lines, TaxScheme scheme, ZohoLinks links) {
        if (links.customerId() == null || links.customerId().isBlank()) {
            return Optional.of("no Zoho customer id");
        }
        return lines.stream()
                .filter(l -> taxed(l, scheme) && links.taxId(l.taxPercent()).isEmpty())
                .findFirst()
                .map(l ->
                        "no Zoho tax for " + l.taxPercent().stripTrailingZeros().toPlainString() + "%");
    }

    /** Puts customer, lines, tax treatment and (India) place of supply on a document body. */
    static JsonObject document(
            JsonObject body,
            List<LineItem> lines,
            Currency currency,
            PriceBasis basis,
            TaxScheme scheme,
            ZohoLinks links) {
        JsonArray items = new JsonArray();
        for (int i = 0; i < lines.size(); i++) {
            items.add(line(lines.get(i), i + 1, currency, scheme, links));
        }
        body.put("customer_id", links.customerId())
                .put("line_items", items)
                .put("is_inclusive_tax", basis == PriceBasis.INCLUSIVE);
        if (scheme instanceof TaxScheme.Gst gst) {
            body.put("place_of_supply", gst.supply().placeOfSupply());
        }
        return body;
    }

    /** Discounts go as amounts (Zoho documents a line's discount as a number), computed as the domain prices them (on the line rounded to the minor unit). */
    private static JsonObject line(LineItem l, int order, Currency currency, TaxScheme scheme, ZohoLinks links) {
        JsonObject line = new JsonObject()
                .put("name", l.name())
                .put("description", l.description())
                .put("rate", l.rate())
                .put("quantity", l.quantity())
                .put("item_order", order);
        links.itemId(l.itemSku()).ifPresent(id -> line.put("item_id", id));
        BigDecimal discount = l.discount().on(Money.round(l.rate().multiply(l.quantity()), currency), currency);
        if (discount.signum() != 0) {
            line.put("discount", discount);
        }
        if (taxed(l, scheme)) {
            links.taxId(l.taxPercent()).ifPresent(id -> line.put("tax_id", id));
        }
        return ZohoJson.withoutNulls(line);
    }

    private static boolean taxed(LineItem l, TaxScheme scheme) {
        return !(scheme instanceof TaxScheme.Untaxed) && l.taxPercent().signum() > 0;
    }
}
