package io.zohosync.ports.flows.billing;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.invoice.ManualInvoice;
import io.zohosync.domain.invoice.ManualInvoiceKind;
import io.zohosync.domain.money.Discount;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.ports.flows.sales.SalesFields;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON mapping of a manual invoice ({@code PUT /api/v1/invoices/{id}}): {@code customer_id, kind (installation,
 * pro_rata, equipment, adjustment), service_id?, currency, date, line_items[{name, description, quantity, price}],
 * amount?}. Without line items the invoice is one line named for its kind for {@code amount}; with them the total is
 * theirs and an {@code amount} that differs is refused. Kind {@code recurring} is refused as a whole: Billing raises
 * those from the subscription ({@link #RECURRING_REFUSED}, which the HTTP adapter answers with its own code).
 */
public final class ManualInvoiceMapping implements EntityMapping<PlatformInvoice> {

    /** The start of the reason a recurring invoice is refused with (field {@code kind}). */
    public static final String RECURRING_REFUSED = "recurring invoices are refused:";

    static final int MAX_ID = 100;
    static final int MAX_LINES = 100;

    @Override
    public EntityType type() {
        return EntityType.MANUAL_INVOICE;
    }

    @Override
    public String collection() {
        return "invoices";
    }

    @Override
    public PlatformInvoice read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        String kindText = fields.string("kind", 20);
        if ("recurring".equals(kindText)) {
            throw new InvalidInput(List.of(new FieldError(
                    "kind",
                    RECURRING_REFUSED + " Zoho Billing raises each cycle's invoice from the subscription itself;"
                            + " send only installation, pro_rata, equipment or adjustment invoices")));
        }
        String customerId = fields.string("customer_id", MAX_ID);
        String serviceId = fields.string("service_id", MAX_ID);
        Currency currency = SalesFields.currency(fields);
        LocalDate date = SalesFields.date(fields, "date");
        BigDecimal amount = fields.decimal("amount");
        ManualInvoiceKind kind = kindText == null ? null : fields.nested(() -> kind(kindText));
        List<LineItem> lines = new ArrayList<>();
        List<WireFields> wire = fields.objects("line_items");
        if (wire.size() > MAX_LINES) {
            fields.nested(() -> {
                throw invalid("line_items", "must be at most " + MAX_LINES + " lines");
            });
        }
        for (WireFields line : wire) {
            String name = line.string("name", 100);
            String description = line.string("description");
            BigDecimal quantity = line.decimal("quantity");
            BigDecimal price = line.decimal("price");
            LineItem read = line.nested(() -> new LineItem(
                    null,
                    name,
                    description,
                    quantity == null ? BigDecimal.ONE : quantity,
                    price,
                    Discount.NONE,
                    BigDecimal.ZERO));
            if (read != null) {
                lines.add(read);
            }
        }
        BigDecimal total = lines.isEmpty() ? amount : sum(lines, currency);
        if (customerId == null || customerId.isBlank()) {
            fields.nested(() -> {
                throw invalid("customer_id", "is required");
            });
        }
        if (currency == null && fields.string("currency", 3) == null) {
            fields.nested(() -> {
                throw invalid("currency", "is required");
            });
        }
        if (date == null && fields.string("date", 10) == null) {
            fields.nested(() -> {
                throw invalid("date", "is required");
            });
        }
        if (wire.isEmpty() && amount == null) {
            fields.nested(() -> {
                throw invalid("amount", "is required when there are no line_items");
            });
        }
        if (amount != null && amount.signum() <= 0) {
            fields.nested(() -> {
                throw invalid("amount", "must be positive");
            });
        } else if (amount != null) {
            fields.nested(() -> SalesFields.minorUnits("amount", amount, currency));
            if (!lines.isEmpty() && total != null && amount.compareTo(total) != 0) {
                fields.nested(() -> {
                    throw invalid(
                            "amount", "must equal the line items' total " + total.toPlainString() + " or be left out");
                });
            }
        }
        try {
            return build(fields, id, customerId, kind, date, total, currency, lines, serviceId);
        } catch (InvalidInput e) {
            // the domain's "total" is the wire's amount or line items, already named above
            // one error per field: the wire's word before the domain's ("kind is required" after "kind must be…")
            Map<String, FieldError> first = new LinkedHashMap<>();
            e.errors().stream()
                    .filter(error -> !error.field().equals("total"))
                    .forEach(error -> first.putIfAbsent(error.field(), error));
            throw new InvalidInput(List.copyOf(first.values()));
        }
    }

    private static PlatformInvoice build(
            WireFields fields,
            String id,
            String customerId,
            ManualInvoiceKind kind,
            LocalDate date,
            BigDecimal total,
            Currency currency,
            List<LineItem> lines,
            String serviceId) {
        return fields.build(() -> new PlatformInvoice(
                new ManualInvoice(
                        id,
                        customerId,
                        kind,
                        date,
                        date,
                        total == null || currency == null ? null : new Money(total, currency),
                        lines,
                        PriceBasis.EXCLUSIVE,
                        TaxScheme.NONE),
                serviceId == null || serviceId.isBlank() ? null : serviceId));
    }

    private static BigDecimal sum(List<LineItem> lines, Currency currency) {
        BigDecimal total = BigDecimal.ZERO;
        for (LineItem line : lines) {
            total = total.add(line.quantity().multiply(line.rate()));
        }
        return currency == null
                ? total
                : total.setScale(Math.max(0, currency.getDefaultFractionDigits()), java.math.RoundingMode.HALF_UP);
    }

    @Override
    public Map<String, Object> write(PlatformInvoice platform) {
        ManualInvoice invoice = platform.invoice();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (LineItem line : invoice.lines()) {
            lines.add(WireFields.compact(
                    "name",
                    line.name(),
                    "description",
                    line.description(),
                    "quantity",
                    line.quantity().toPlainString(),
                    "price",
                    line.rate().toPlainString()));
        }
        Map<String, Object> json = new LinkedHashMap<>(WireFields.compact(
                "id",
                invoice.platformId(),
                "customer_id",
                invoice.customerId(),
                "kind",
                invoice.kind().name().toLowerCase(Locale.ROOT),
                "service_id",
                platform.serviceId(),
                "currency",
                invoice.total().currency().getCurrencyCode(),
                "date",
                invoice.date().toString(),
                "amount",
                invoice.total().amount().toPlainString()));
        if (!lines.isEmpty()) {
            json.put("line_items", lines);
        }
        return json;
    }

    @Override
    public String id(PlatformInvoice invoice) {
        return invoice.id();
    }

    private static ManualInvoiceKind kind(String text) {
        return switch (text) {
            case "installation" -> ManualInvoiceKind.INSTALLATION;
            case "pro_rata" -> ManualInvoiceKind.PRO_RATA;
            case "equipment" -> ManualInvoiceKind.EQUIPMENT;
            case "adjustment" -> ManualInvoiceKind.ADJUSTMENT;
            default -> throw invalid("kind", "must be installation, pro_rata, equipment or adjustment");
        };
    }

    private static InvalidInput invalid(String field, String message) {
        return new InvalidInput(List.of(new FieldError(field, message)));
    }
}
