package io.zohosync.sandbox.books;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.core.Ledger;
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
        Map<String, double[]> taxTotals = new LinkedHashMap<>();
        double subTotal = 0;
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
            double gross = rate * quantity;
            Double discount = discount(line.getValue("discount"), gross);
            if (discount == null) return Priced.invalid("discount");
            double itemTotal = Bodies.money(gross - discount);
            subTotal += itemTotal;
            double percentage = tax == null ? 0 : tax.getDouble("tax_percentage");
            if (tax != null) {
                taxTotals.computeIfAbsent(tax.getString("tax_name"), k -> new double[1])[0] +=
                        itemTotal * percentage / 100;
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
                    .put("discount_amount", Bodies.money(discount))
                    .put("tax_id", tax == null ? "" : taxId)
                    .put("tax_name", tax == null ? "" : tax.getString("tax_name"))
                    .put("tax_percentage", percentage)
                    .put("item_total", itemTotal));
        }
        JsonArray taxLines = new JsonArray();
        double taxTotal = 0;
        for (Map.Entry<String, double[]> entry : taxTotals.entrySet()) {
            double amount = Bodies.money(entry.getValue()[0]);
            taxTotal += amount;
            taxLines.add(new JsonObject().put("tax_name", entry.getKey()).put("tax_amount", amount));
        }
        return new Priced(lines, Bodies.money(subTotal), Bodies.money(taxTotal), taxLines, null);
    }

    private static Double number(JsonObject line, String key, double fallback) {
        Object value = line.getValue(key);
        if (value == null) return fallback;
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** The discount amount: a number is an amount, "12.5%" a share of the line; null when unreadable or too big. */
    private static Double discount(Object value, double gross) {
        double amount;
        if (value == null) {
            amount = 0;
        } else if (value instanceof Number n) {
            amount = n.doubleValue();
        } else {
            String text = value.toString().trim();
            try {
                amount = text.endsWith("%")
                        ? gross * Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                        : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return amount < 0 || amount > gross ? null : amount;
    }
}
