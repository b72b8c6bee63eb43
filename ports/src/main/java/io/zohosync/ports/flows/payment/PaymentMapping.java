package io.zohosync.ports.flows.payment;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.PaymentMethod;
import io.zohosync.ports.flows.sales.SalesFields;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON mapping of a payment, identified by its platform id: {@code customer_id, invoice_id (the platform order it
 * pays; absent for a customer credit), amount, currency, date, method (card, eft, netcash, cash, bank_transfer,
 * stripe), provider_payment_id}. The amount is a decimal string or number, positive, never with more decimals than
 * the currency has. Without a provider id the platform id is the Books reference number. {@code bank_transfer} is an
 * EFT (the domain's name for it; both are booked as Books' {@code banktransfer}).
 */
public final class PaymentMapping implements EntityMapping<PlatformPayment> {

    // customer-payments.yml: reference_number 100; ids of customers and orders are platform ids
    static final int MAX_ID = 100;
    /** The domain's word for an amount it could not take (Payment). */
    private static final String POSITIVE = "must be positive";

    @Override
    public EntityType type() {
        return EntityType.PAYMENT;
    }

    @Override
    public String collection() {
        return "payments";
    }

    @Override
    public PlatformPayment read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        String customerId = fields.string("customer_id", MAX_ID);
        String invoiceId = fields.string("invoice_id", MAX_ID);
        BigDecimal amount = fields.decimal("amount");
        String dateText = fields.string("date", 10);
        String methodText = fields.string("method", 20);
        String providerId = fields.string("provider_payment_id", MAX_ID);
        Currency currency = SalesFields.currency(fields);
        LocalDate date = dateText == null ? null : fields.nested(() -> date(dateText));
        PaymentMethod method = methodText == null ? null : fields.nested(() -> method(methodText));
        fields.nested(() -> SalesFields.minorUnits("amount", amount, currency));
        try {
            return fields.build(() -> new PlatformPayment(
                    id,
                    new Payment(
                            providerId == null || providerId.isBlank() ? id : providerId,
                            method,
                            customerId,
                            invoiceId,
                            amount == null || currency == null ? null : new Money(amount, currency),
                            date)));
        } catch (InvalidInput e) {
            throw onePerField(e, amount != null && amount.signum() > 0, methodText != null);
        }
    }

    /**
     * A field the wire form already found broken (a date that is no date) is not reported again as missing, nor is
     * a positive amount reported when only its currency is wrong, nor a method that is none of ours as missing; the
     * domain's {@code payment_method} is the wire's {@code method}.
     */
    private static InvalidInput onePerField(InvalidInput e, boolean amountGiven, boolean methodGiven) {
        Map<String, FieldError> first = new LinkedHashMap<>();
        e.errors().stream()
                .filter(error -> !(amountGiven
                        && error.field().equals("amount")
                        && error.message().equals(POSITIVE)))
                .filter(error -> !(methodGiven && error.field().equals("payment_method")))
                .map(error ->
                        error.field().equals("payment_method") ? new FieldError("method", error.message()) : error)
                .forEach(error -> first.putIfAbsent(error.field(), error));
        return new InvalidInput(List.copyOf(first.values()));
    }

    @Override
    public Map<String, Object> write(PlatformPayment platform) {
        Payment payment = platform.payment();
        return WireFields.compact(
                "id",
                platform.id(),
                "customer_id",
                payment.customerId(),
                "invoice_id",
                payment.appliedTo().orElse(null),
                "amount",
                payment.amount().amount().toPlainString(),
                "currency",
                payment.amount().currency().getCurrencyCode(),
                "date",
                payment.date().toString(),
                "method",
                payment.method().name().toLowerCase(Locale.ROOT),
                "provider_payment_id",
                payment.providerPaymentId().equals(platform.id()) ? null : payment.providerPaymentId());
    }

    @Override
    public String id(PlatformPayment payment) {
        return payment.id();
    }

    private static PaymentMethod method(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "card" -> PaymentMethod.CARD;
            case "eft", "bank_transfer" -> PaymentMethod.EFT;
            case "netcash" -> PaymentMethod.NETCASH;
            case "cash" -> PaymentMethod.CASH;
            case "stripe" -> PaymentMethod.STRIPE;
            default -> throw invalid("method", "must be card, eft, netcash, cash, bank_transfer or stripe");
        };
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("date", "must be a date as YYYY-MM-DD");
        }
    }

    private static InvalidInput invalid(String field, String message) {
        return new InvalidInput(List.of(new FieldError(field, message)));
    }
}
