package io.zohosync.ports.flows.refund;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.payment.Refund;
import io.zohosync.ports.flows.sales.SalesFields;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;

/**
 * The JSON mapping of a refund, identified by its platform id (for Stripe, the refund's {@code re_…} id):
 * {@code payment_id} (the platform payment it gives money back from), {@code amount} (a decimal string or number,
 * positive, never with more decimals than the currency has), {@code currency}, {@code date}, {@code reason} (optional,
 * the Books description) and {@code provider_refund_id} (optional; the platform id without one).
 */
public final class RefundMapping implements EntityMapping<PlatformRefund> {

    /** Platform ids of payments, like every platform id a mapping reads. */
    static final int MAX_ID = SalesFields.MAX_ID;

    @Override
    public EntityType type() {
        return EntityType.REFUND;
    }

    @Override
    public String collection() {
        return "refunds";
    }

    @Override
    public PlatformRefund read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        String paymentId = fields.string("payment_id", MAX_ID);
        BigDecimal amount = fields.decimal("amount");
        Currency currency = SalesFields.currency(fields);
        LocalDate date = SalesFields.date(fields, "date");
        String reason = fields.string("reason", Refund.MAX_REASON);
        String providerId = fields.string("provider_refund_id", Refund.MAX_REFERENCE);
        fields.nested(() -> SalesFields.minorUnits("amount", amount, currency));
        try {
            return SalesFields.onePerField(() -> fields.build(() -> new PlatformRefund(
                    id,
                    new Refund(
                            providerId == null || providerId.isBlank() ? id : providerId,
                            paymentId,
                            amount == null || currency == null ? null : new Money(amount, currency),
                            date,
                            reason))));
        } catch (InvalidInput e) {
            // a positive amount whose currency is wrong is reported as the currency's fault only
            boolean amountGiven = amount != null && amount.signum() > 0;
            throw new InvalidInput(e.errors().stream()
                    .filter(error -> !(amountGiven
                            && error.field().equals("amount")
                            && error.message().equals(Refund.NOT_POSITIVE)))
                    .toList());
        }
    }

    @Override
    public Map<String, Object> write(PlatformRefund platform) {
        Refund refund = platform.refund();
        return WireFields.compact(
                "id",
                platform.id(),
                "payment_id",
                refund.paymentId(),
                "amount",
                refund.amount().amount().toPlainString(),
                "currency",
                refund.amount().currency().getCurrencyCode(),
                "date",
                refund.date().toString(),
                "reason",
                refund.reason(),
                "provider_refund_id",
                refund.providerRefundId().equals(platform.id()) ? null : refund.providerRefundId());
    }

    @Override
    public String id(PlatformRefund refund) {
        return refund.id();
    }
}
