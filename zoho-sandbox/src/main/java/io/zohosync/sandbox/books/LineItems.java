package io.zohosync.sandbox.books;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.core.Ledger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices the line items of an invoice or estimate: item defaults, discounts ("12.5%" or an amount), taxes and totals.
 * Each line is rounded to the cent, discount off; each tax is then computed once on the sum of its lines and rounded
 * half-up: {@code sum × p / 100} on exclusive rates, {@code sum × p / (100 + line rate)} on inclusive ones (Books'
 * knowledge base: "Tax Amount = Price inclusive of tax × Tax rate ÷ (100 + Tax rate)"; a group's taxes each at their
 * own share). With inclusive rates {@code sub_total} is the lines less their taxes, so {@code total} is what the lines
 * say (UNCONFIRMED: the OpenAPI names {@code sub_total} but not which side of the tax it is on).
 */
final class LineItems {
    /** The priced lines and document totals, or the name of the first invalid field. */
    record Priced(JsonArray lines, double subTotal, double taxTotal, JsonArray taxes, String invalid) {
        static Priced invalid(String field) {
            return new Priced(null, 0, 0, null, field);
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Ledger ledger;
    private final Items items;
    private final Taxes taxes;

    LineItems(Ledger ledger, Items items, Taxes taxes) {
        this.ledger = ledger;
        this.items = items;
        this.taxes = taxes;
    }

    /** Prices lines whose rates exclude tax. */
    Priced price(JsonArray given) {
        return price(given, false);
    }

    /** Prices lines whose rates include tax when {@code inclusive} (Books' {@code is_inclusive_tax}). */
    Priced price(JsonArray given, boolean inclusive) {
        if (given.isEmpty()) return Priced.invalid("line_items");
        JsonArray lines = new JsonArray();
        Map<String, Map<BigDecimal, BigDecimal>> taxShares = new LinkedHashMap<>();
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
            List<JsonObject> components = tax == null ? List.of() : taxes.components(tax);
            BigDecimal base = inclusive ? HUNDRED.add(percent(components)).stripTrailingZeros() : HUNDRED;
            // UNCONFIRMED: with inclusive rates a line's item_total is shown before its own taxes, as an integration
            // reading Books estimates found ("item_total is the pre-tax figure"); the document's taxes are on the sum
            BigDecimal shown = itemTotal;
            for (JsonObject component : components) {
                BigDecimal share = itemTotal.multiply(decimal(component.getDouble("tax_percentage")));
                taxShares
                        .computeIfAbsent(component.getString("tax_name"), key -> new LinkedHashMap<>())
                        .merge(base, share, BigDecimal::add);
                if (inclusive) shown = shown.subtract(share.divide(base, 2, RoundingMode.HALF_UP));
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
                    .put("item_total", shown.doubleValue()));
        }
        JsonArray taxLines = new JsonArray();
        BigDecimal taxTotal = BigDecimal.ZERO;
        for (Map.Entry<String, Map<BigDecimal, BigDecimal>> entry : taxShares.entrySet()) {
            BigDecimal amount = taxOf(entry.getValue());
            taxTotal = taxTotal.add(amount);
            taxLines.add(new JsonObject().put("tax_name", entry.getKey()).put("tax_amount", amount.doubleValue()));
        }
        if (inclusive) subTotal = subTotal.subtract(taxTotal);
        return new Priced(lines, subTotal.doubleValue(), taxTotal.doubleValue(), taxLines, null);
    }

    private static BigDecimal percent(List<JsonObject> components) {
        return components.stream()
                .map(c -> decimal(c.getDouble("tax_percentage")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * One tax in cents from its shares (the summed {@code amount × p} per divisor): rounded once from the exact
     * quotient; shares over different divisors (one tax in groups of different rates) are summed at 20 places first.
     */
    private static BigDecimal taxOf(Map<BigDecimal, BigDecimal> shares) {
        if (shares.size() == 1) {
            Map.Entry<BigDecimal, BigDecimal> only =
                    shares.entrySet().iterator().next();
            return only.getValue().divide(only.getKey(), 2, RoundingMode.HALF_UP);
        }
        return cents(shares.entrySet().stream()
                .map(e -> e.getValue().divide(e.getKey(), 20, RoundingMode.HALF_EVEN))
                .reduce(BigDecimal.ZERO, BigDecimal::add));
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
