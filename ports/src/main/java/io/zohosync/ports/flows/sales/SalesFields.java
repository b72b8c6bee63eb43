package io.zohosync.ports.flows.sales;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.Discount;
import io.zohosync.domain.money.GstSupply;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.ports.intake.WireFields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The wire form sales documents share (orders, quotes): {@code currency, prices_include_tax, tax {scheme, name,
 * organization_state, place_of_supply}, line_items [{item_id, name, description, quantity, rate, discount_percent |
 * discount_amount, tax_percentage}]} and dates. Amounts are decimal strings or numbers, never with more decimals
 * than the currency has.
 */
public final class SalesFields {

    // invoices.yml / estimates.yml: a line's name 100, description 2000; ids of customers and items are platform ids
    public static final int MAX_ID = 100;
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_STATE = 50;
    static final int MAX_TAX_NAME = 50;

    private SalesFields() {}

    /** The line items; a broken one is reported per field ({@code line_items[1].rate}) and left out. */
    public static List<LineItem> lines(WireFields fields, Currency currency) {
        List<LineItem> lines = new ArrayList<>();
        for (WireFields line : fields.objects("line_items")) {
            LineItem read = line(line, currency);
            if (read != null) {
                lines.add(read);
            }
        }
        return lines;
    }

    public static Currency currency(WireFields fields) {
        String code = fields.string("currency", 3);
        return fields.nested(() -> currency(code));
    }

    public static PriceBasis priceBasis(WireFields fields) {
        return Boolean.TRUE.equals(fields.bool("prices_include_tax")) ? PriceBasis.INCLUSIVE : PriceBasis.EXCLUSIVE;
    }

    public static TaxScheme taxScheme(WireFields fields) {
        WireFields tax = fields.object("tax");
        String scheme = tax.string("scheme", 10);
        String name = tax.string("name", MAX_TAX_NAME);
        String organizationState = tax.string("organization_state", MAX_STATE);
        String placeOfSupply = tax.string("place_of_supply", MAX_STATE);
        if (scheme == null || scheme.equals("none")) {
            return TaxScheme.NONE;
        }
        return tax.nested(() -> switch (scheme) {
            case "single" -> new TaxScheme.Single(name);
            case "gst" -> new TaxScheme.Gst(new GstSupply(organizationState, placeOfSupply));
            default -> throw invalid("scheme", "must be none, single or gst");
        });
    }

    public static LocalDate date(WireFields fields, String field) {
        String text = fields.string(field, 10);
        return text == null
                ? null
                : fields.nested(() -> {
                    try {
                        return LocalDate.parse(text);
                    } catch (DateTimeParseException e) {
                        throw invalid(field, "must be a date as YYYY-MM-DD");
                    }
                });
    }

    /** A field the wire form already found broken (a date that is no date) is not reported again as missing. */
    public static <T> T onePerField(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidInput e) {
            Map<String, FieldError> first = new LinkedHashMap<>();
            e.errors().forEach(error -> first.putIfAbsent(error.field(), error));
            throw new InvalidInput(List.copyOf(first.values()));
        }
    }

    public static List<Map<String, Object>> writeLines(List<LineItem> lines) {
        return lines.stream()
                .map(l -> WireFields.compact(
                        "item_id",
                        l.itemSku(),
                        "name",
                        l.name(),
                        "description",
                        l.description(),
                        "quantity",
                        l.quantity().toPlainString(),
                        "rate",
                        l.rate().toPlainString(),
                        "discount_percent",
                        l.discount() instanceof Discount.Percent p ? p.percent().toPlainString() : null,
                        "discount_amount",
                        l.discount() instanceof Discount.Amount a && a.amount().signum() != 0
                                ? a.amount().toPlainString()
                                : null,
                        "tax_percentage",
                        l.taxPercent().signum() == 0 ? null : l.taxPercent().toPlainString()))
                .toList();
    }

    public static Map<String, Object> writeTax(TaxScheme scheme) {
        Map<String, Object> tax = new LinkedHashMap<>();
        if (scheme instanceof TaxScheme.Single single) {
            tax.put("scheme", "single");
            tax.put("name", single.name());
        } else if (scheme instanceof TaxScheme.Gst gst) {
            tax.put("scheme", "gst");
            tax.put("organization_state", gst.supply().organizationState());
            tax.put("place_of_supply", gst.supply().placeOfSupply());
        }
        return tax;
    }

    public static InvalidInput invalid(String field, String message) {
        return new InvalidInput(List.of(new FieldError(field, message)));
    }

    private static LineItem line(WireFields line, Currency currency) {
        String itemId = line.string("item_id", MAX_ID);
        String name = line.string("name", MAX_NAME);
        String description = line.string("description", MAX_DESCRIPTION);
        BigDecimal quantity = line.decimal("quantity");
        BigDecimal rate = line.decimal("rate");
        BigDecimal percentOff = line.decimal("discount_percent");
        BigDecimal amountOff = line.decimal("discount_amount");
        BigDecimal taxPercent = line.decimal("tax_percentage");
        line.nested(() -> {
            if (rate != null && rate.signum() < 0) {
                throw invalid("rate", "must not be negative");
            }
            return minorUnits("rate", rate, currency);
        });
        line.nested(() -> minorUnits("discount_amount", amountOff, currency));
        Discount discount = line.nested(() -> {
            if (percentOff != null && amountOff != null) {
                throw invalid("discount_amount", "only one of discount_percent and discount_amount may be given");
            }
            return percentOff != null
                    ? new Discount.Percent(percentOff)
                    : amountOff != null ? new Discount.Amount(amountOff) : Discount.NONE;
        });
        // a line for a catalog item is named after it unless it says otherwise
        String shown = name == null || name.isBlank() ? itemId : name;
        return line.nested(() -> new LineItem(itemId, shown, description, quantity, rate, discount, taxPercent));
    }

    /** An amount with more decimals than the currency has is refused, never rounded away. */
    public static Void minorUnits(String field, BigDecimal amount, Currency currency) {
        if (amount != null
                && currency != null
                && amount.stripTrailingZeros().scale() > Math.max(currency.getDefaultFractionDigits(), 0)) {
            throw invalid(
                    field,
                    "has more decimals than " + currency.getCurrencyCode() + " has ("
                            + currency.getDefaultFractionDigits() + ")");
        }
        return null;
    }

    private static Currency currency(String code) {
        if (code == null || code.isBlank()) {
            throw invalid("currency", "is required (ISO 4217, e.g. INR)");
        }
        try {
            return Currency.getInstance(code.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("currency", "is not an ISO 4217 currency code");
        }
    }
}
