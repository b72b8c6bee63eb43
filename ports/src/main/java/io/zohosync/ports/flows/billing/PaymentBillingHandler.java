package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.PaymentModeMapping;
import io.zohosync.ports.flows.payment.PaymentMapping;
import io.zohosync.ports.flows.payment.PlatformPayment;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.ZohoStates;
import io.zohosync.ports.out.zoho.BillingPayment;
import io.zohosync.ports.out.zoho.ZohoBillingInvoices;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A payment (NetCash, EFT, card, cash) as a Zoho Billing offline payment of its customer, whose reference number is
 * the provider's payment id: its marker, so a payment an unconfirmed create left is found again among the customer's
 * payments rather than recorded twice. With {@code invoice_id} it names a manual invoice ({@code PUT
 * /api/v1/invoices/{id}}), which must be in Billing first and to which it is applied in full (Billing marks it
 * partially paid or paid); without one it is recorded unapplied, the customer's credit. The mode is the domain's
 * {@link PaymentModeMapping}. Billing's answer is mirrored on the record. A payment already recorded is not rewritten:
 * it is read and mirrored, and a changed amount fails with what to do.
 */
public final class PaymentBillingHandler implements SyncHandler<PlatformPayment> {

    /** Billing's code for an amount applied beyond an invoice's balance due. */
    static final String OVER_BALANCE = "24016";

    private final ZohoBillingInvoices billing;
    private final PaymentModeMapping modes;
    private final BillingMirror mirror;
    private final PaymentMapping mapping = new PaymentMapping();

    public PaymentBillingHandler(
            ZohoBillingInvoices billing, PaymentModeMapping modes, ZohoStates states, Clock clock) {
        this.billing = billing;
        this.modes = modes;
        this.mirror = new BillingMirror(states, clock);
    }

    @Override
    public EntityType type() {
        return EntityType.PAYMENT;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BILLING;
    }

    @Override
    public EntityMapping<PlatformPayment> mapping() {
        return mapping;
    }

    /** The customer, and the manual invoice when the payment settles one. */
    @Override
    public List<EntityRef> prerequisites(PlatformPayment platform) {
        List<EntityRef> needed = new ArrayList<>();
        needed.add(customer(platform.payment()));
        platform.payment()
                .appliedTo()
                .ifPresent(invoice -> needed.add(new EntityRef(EntityType.MANUAL_INVOICE, invoice)));
        return needed;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(PlatformPayment platform) {
        throw new UnsupportedOperationException("a Billing payment is searched among its customer's payments");
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(PlatformPayment platform, Links links) {
        String reference = platform.payment().referenceNumber();
        return billing.paymentsOf(links.zohoId(customer(platform.payment()))).map(found -> {
            if (!(found instanceof ZohoOutcome.Success<List<BillingPayment>> ok)) {
                return ZohoOutcome.retype(found);
            }
            return new ZohoOutcome.Success<>(ok.value().stream()
                    .filter(p -> reference.equals(p.referenceNumber()))
                    .map(BillingPayment::paymentId)
                    .toList());
        });
    }

    @Override
    public Future<ZohoOutcome<String>> completeFound(String zohoId, PlatformPayment platform, Links links) {
        return billing.getPayment(zohoId).compose(found -> mirror.payment(platform.id(), found));
    }

    @Override
    public Future<ZohoOutcome<String>> create(PlatformPayment platform, Links links) {
        Payment payment = platform.payment();
        String invoiceId = payment.appliedTo()
                .map(invoice -> links.zohoId(new EntityRef(EntityType.MANUAL_INVOICE, invoice)))
                .orElse(null);
        return billing.createPayment(payment, payment.zohoMode(modes), links.zohoId(customer(payment)), invoiceId)
                .compose(created -> mirror.payment(platform.id(), overBalance(created, platform)));
    }

    @Override
    public int plannedUpdateCalls(PlatformPayment platform, boolean ours) {
        return 1;
    }

    @Override
    public Future<ZohoOutcome<String>> update(String paymentId, PlatformPayment platform, Links links) {
        return billing.getPayment(paymentId).compose(read -> {
            if (read instanceof ZohoOutcome.Success<BillingPayment> ok
                    && ok.value().amount() != null
                    && ok.value().amount().compareTo(platform.payment().amount().amount()) != 0) {
                return Future.succeededFuture(new ZohoOutcome.Validation<>(
                        "payment_changed",
                        "payment " + platform.id() + " is now "
                                + platform.payment().amount()
                                + " but Billing recorded " + ok.value().amount().toPlainString()
                                + "; the service does not rewrite a recorded payment: refund or delete it in"
                                + " Billing and send the correction as a new payment"));
            }
            return mirror.payment(platform.id(), read);
        });
    }

    @Override
    public Future<ZohoOutcome<String>> updateOwnedFields(String zohoId, PlatformPayment platform, Links links) {
        return update(zohoId, platform, links);
    }

    @Override
    public Future<ZohoOutcome<String>> read(String paymentId) {
        return billing.getPayment(paymentId)
                .map(outcome -> outcome instanceof ZohoOutcome.Success<BillingPayment> ok
                        ? new ZohoOutcome.Success<>(ok.value().paymentId())
                        : ZohoOutcome.retype(outcome));
    }

    private static EntityRef customer(Payment payment) {
        return new EntityRef(EntityType.CUSTOMER, payment.customerId());
    }

    /** An amount beyond the invoice's balance is refused with what an admin can do about it. */
    private static ZohoOutcome<BillingPayment> overBalance(
            ZohoOutcome<BillingPayment> outcome, PlatformPayment platform) {
        if (outcome instanceof ZohoOutcome.Validation<BillingPayment> refused && OVER_BALANCE.equals(refused.code())) {
            Payment payment = platform.payment();
            return new ZohoOutcome.Validation<>(
                    "payment_over_balance",
                    "payment " + payment.referenceNumber() + " of " + payment.amount()
                            + " is more than the balance due on invoice "
                            + payment.appliedTo().orElse("")
                            + " in Billing (" + refused.message()
                            + "); send it without invoice_id to keep it as the customer's credit, or correct the"
                            + " amount");
        }
        return outcome;
    }
}
