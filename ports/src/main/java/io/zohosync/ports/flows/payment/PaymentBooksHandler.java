package io.zohosync.ports.flows.payment;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.PaymentModeMapping;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.flows.order.OrderMapping;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.zoho.ZohoCustomerPayments;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoPayment;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * A payment as a Zoho Books customer payment whose {@code reference_number} is the provider's payment id (the
 * platform id without one): its marker, so a payment an earlier, unconfirmed create left is found again rather than
 * booked twice. It waits for its customer and, when it pays an order, for that order's invoice, to which it is
 * applied in full (Books marks the invoice paid or partially paid); without an order it is an unapplied payment, the
 * customer's credit; applied, it must be in the order's currency. The mode is the domain's {@link PaymentModeMapping}. A changed payment updates the Books payment
 * (amount, date, mode); what Books refuses (more than the invoice's balance due) fails with a reason an admin can act on.
 */
public final class PaymentBooksHandler implements SyncHandler<PlatformPayment> {

    /** Books' code for an amount applied beyond an invoice's balance due. */
    static final String OVER_BALANCE = "24016";

    private final ZohoCustomerPayments payments;
    private final PaymentModeMapping modes;
    private final EntityStore orders;
    private final PaymentMapping mapping = new PaymentMapping();
    private final OrderMapping orderMapping = new OrderMapping();

    public PaymentBooksHandler(ZohoCustomerPayments payments, PaymentModeMapping modes, EntityStore orders) {
        this.payments = payments;
        this.modes = modes;
        this.orders = orders;
    }

    @Override
    public EntityType type() {
        return EntityType.PAYMENT;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BOOKS;
    }

    @Override
    public EntityMapping<PlatformPayment> mapping() {
        return mapping;
    }

    /** The customer, and the order's invoice when the payment settles one. */
    @Override
    public List<EntityRef> prerequisites(PlatformPayment platform) {
        List<EntityRef> needed = new ArrayList<>();
        needed.add(new EntityRef(EntityType.CUSTOMER, platform.payment().customerId()));
        platform.payment().appliedTo().ifPresent(order -> needed.add(new EntityRef(EntityType.INVOICE, order)));
        return needed;
    }

    /**
     * A payment applied to an order must be in the order's currency, its invoice's: read from the stored order, no
     * Zoho call. Otherwise the sync fails before the create, saying what to correct.
     */
    @Override
    public Future<ZohoOutcome<Match>> match(PlatformPayment platform, Links links) {
        Payment payment = platform.payment();
        if (payment.appliedTo().isEmpty()) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(Match.CREATE));
        }
        String orderId = payment.appliedTo().get();
        return orders.find(new EntityRef(EntityType.INVOICE, orderId)).map(stored -> {
            Currency paid = payment.amount().currency();
            Currency billed = stored.map(
                            s -> orderMapping.read(orderId, s.payload()).currency())
                    .orElse(paid); // the order is in Books (a prerequisite) and so was sent; a deleted one has no say
            if (billed.equals(paid)) {
                return new ZohoOutcome.Success<>(Match.CREATE);
            }
            return new ZohoOutcome.Success<>(new Match.Settled(
                    new SyncEvent.PermanentFailure("payment " + platform.id() + " is in " + paid.getCurrencyCode()
                            + "; order " + orderId + " it pays is in " + billed.getCurrencyCode()
                            + " (its Books invoice's currency): send the payment in " + billed.getCurrencyCode()
                            + ", or without invoice_id as the customer's credit, and retry"),
                    "currency_mismatch"));
        });
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(PlatformPayment platform) {
        String reference = platform.payment().referenceNumber();
        return payments.findByReference(reference).map(found -> {
            if (!(found instanceof ZohoOutcome.Success<List<ZohoPayment>> ok)) {
                return ZohoOutcome.retype(found);
            }
            // Books' list rows carry no reference number; the search by it is the filter then
            return new ZohoOutcome.Success<>(ok.value().stream()
                    .filter(p -> p.referenceNumber() == null || reference.equalsIgnoreCase(p.referenceNumber()))
                    .map(ZohoPayment::paymentId)
                    .toList());
        });
    }

    @Override
    public Future<ZohoOutcome<String>> create(PlatformPayment platform, Links links) {
        Payment payment = platform.payment();
        return payments.create(payment, payment.zohoMode(modes), customerId(payment, links), invoiceId(payment, links))
                .map(outcome -> id(outcome, platform));
    }

    @Override
    public Future<ZohoOutcome<String>> update(String paymentId, PlatformPayment platform, Links links) {
        Payment payment = platform.payment();
        return payments.update(
                        paymentId,
                        payment,
                        payment.zohoMode(modes),
                        customerId(payment, links),
                        invoiceId(payment, links))
                .map(outcome -> id(outcome, platform));
    }

    @Override
    public Future<ZohoOutcome<String>> read(String paymentId) {
        return payments.get(paymentId)
                .map(outcome -> outcome instanceof ZohoOutcome.Success<ZohoPayment> ok
                        ? new ZohoOutcome.Success<>(ok.value().paymentId())
                        : ZohoOutcome.retype(outcome));
    }

    private static String customerId(Payment payment, Links links) {
        return links.zohoId(new EntityRef(EntityType.CUSTOMER, payment.customerId()));
    }

    private static String invoiceId(Payment payment, Links links) {
        return payment.appliedTo()
                .map(order -> links.zohoId(new EntityRef(EntityType.INVOICE, order)))
                .orElse(null);
    }

    /** The payment's id; an amount beyond the invoice's balance is refused with what an admin can do about it. */
    private static ZohoOutcome<String> id(ZohoOutcome<ZohoPayment> outcome, PlatformPayment platform) {
        if (outcome instanceof ZohoOutcome.Success<ZohoPayment> ok) {
            return new ZohoOutcome.Success<>(ok.value().paymentId());
        }
        if (outcome instanceof ZohoOutcome.Validation<ZohoPayment> refused && OVER_BALANCE.equals(refused.code())) {
            Payment payment = platform.payment();
            return new ZohoOutcome.Validation<>(
                    "payment_over_balance",
                    "payment " + payment.referenceNumber() + " of " + payment.amount() + " is more than the balance due"
                            + " on invoice " + payment.appliedTo().orElse("") + " in Books (" + refused.message()
                            + "); correct the amount, or refund the excess to the customer");
        }
        return ZohoOutcome.retype(outcome);
    }
}
