package io.zohosync.sandbox.books;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.core.Ledger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prices the line items of an invoice or estimate: item defaults, discounts ("12.5%" or an amount), taxes and totals. */
final class LineItems {
    /** The priced lines and document totals, or the name of the first invalid field. */
    record Priced(JsonArray lines, double subTotal, double taxTotal, JsonArray taxes, String invalid) {
        static Priced invalid(String field) {
            return new Priced(null, 0, 0, null, field);
        }
    }

    private final Ledger ledger;
    private final Items items;
    private final Taxes taxes;

    LineItems(Ledger ledger, Items items, Taxes taxes) {
        this.ledger = ledger;
        this.items = items;
        this.taxes = taxes;
    }

    Priced price(JsonArray given) {
        if (given.isEmpty()) return Priced.invalid("line_items");
        JsonArray lines = new JsonArray();
        Map<String, BigDecimal> taxTotals = new LinkedHashMap<>();
        BigDecimal subTotal = BigDecimal.ZERO;
        for (int i = 0; i < given.size(); i++) {
            if (!(given.getValue(i) instanceof JsonObject line)) return Priced.invalid("line_items");
            JsonObject item = Bodies.blank(line.getString("item_id")) ? null : items.find(line.getString("item_id"));
            if (!Bodies.blank(line.getString("item_id")) && item == null) return Priced.invalid("item_id");
            String name = line.getString("name", item == null ? "" : item.getString("name"));
            if (Bodies.blank(name) && Bodies.blank(line.getString("description"))) return Priced.invalid("line_items");
            Double rate = number(line, "rate", item == null ? 0.0 : item.getDouble("rate"));
            Double quantity = number(line, "quantity", 1.0);
            if (rate == null || rate < 0) return Priced.invalid("rate");
            if (quantity == null || quantity <= 0) return Priced.invalid("quantity");
            String taxId = line.getString("tax_id", item == null ? "" : item.getString("tax_id", ""));
            JsonObject tax = Bodies.blank(taxId) ? null : taxes.find(taxId);
            if (!Bodies.blank(taxId) && tax == null) return Priced.invalid("tax_id");
            // amounts are exact decimals rounded half-up to the cent: the line first, then each tax on its lines' sum
            BigDecimal gross = cents(decimal(rate).multiply(decimal(quantity)));
            BigDecimal discount = discount(line.getValue("discount"), gross);
            if (discount == null) return Priced.invalid("discount");
            BigDecimal itemTotal = gross.subtract(discount);
            subTotal = subTotal.add(itemTotal);
            double percentage = tax == null ? 0 : tax.getDouble("tax_percentage");
            if (tax != null) {
                for (JsonObject component : taxes.components(tax)) {
                    taxTotals.merge(
                            component.getString("tax_name"),
                            itemTotal
                                    .multiply(decimal(component.getDouble("tax_percentage")))
                                    .movePointLeft(2),
                            BigDecimal::add);
                }
            }
            lines.add(line.copy()
                    .put(
                            "line_item_id",
                            Bodies.blank(line.getString("line_item_id"))
                                    ? ledger.newId()
                                    : line.getString("line_item_id"))
                    .put("item_id", item == null ? "" : item.getString("item_id"))
                    .put("name", name)
                    .put(
                            "description",
                            line.getString("description", item == null ? "" : item.getString("description", "")))
                    .put("item_order", i + 1)
                    .put("rate", rate)
                    .put("quantity", quantity)
                    .put("unit", line.getString("unit", ""))
                    .put("discount", line.getValue("discount", 0.0))
                    .put("discount_amount", discount.doubleValue())
                    .put("tax_id", tax == null ? "" : taxId)
                    .put("tax_name", tax == null ? "" : tax.getString("tax_name"))
                    .put("tax_percentage", percentage)
                    .put("item_total", itemTotal.doubleValue()));
        }
        JsonArray taxLines = new JsonArray();
        BigDecimal taxTotal = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> entry : taxTotals.entrySet()) {
            BigDecimal amount = cents(entry.getValue());
            taxTotal = taxTotal.add(amount);
            taxLines.add(new JsonObject().put("tax_name", entry.getKey()).put("tax_amount", amount.doubleValue()));
        }
        return new Priced(lines, subTotal.doubleValue(), taxTotal.doubleValue(), taxLines, null);
    }

    private static BigDecimal decimal(double value) {
        return new BigDecimal(Double.toString(value));
    }

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static Double number(JsonObject line, String key, double fallback) {
        Object value = line.getValue(key);
        if (value == null) return fallback;
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** The discount amount in cents: a number is an amount, "12.5%" a share of the line; null when unreadable or too big. */
    private static BigDecimal discount(Object value, BigDecimal gross) {
        BigDecimal amount;
        try {
            if (value == null) {
                amount = BigDecimal.ZERO;
            } else if (value instanceof Number n) {
                amount = new BigDecimal(n.toString());
            } else {
                String text = value.toString().trim();
                amount = text.endsWith("%")
                        ? gross.multiply(new BigDecimal(
                                        text.substring(0, text.length() - 1).trim()))
                                .movePointLeft(2)
                        : new BigDecimal(text);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        amount = cents(amount);
        return amount.signum() < 0 || amount.compareTo(gross) > 0 ? null : amount;
    }
}
