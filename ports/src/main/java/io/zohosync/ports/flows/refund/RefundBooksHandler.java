package io.zohosync.ports.flows.refund;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.payment.Refund;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoRefunds;
import io.zohosync.ports.out.zoho.ZohoRefunds.CreditLine;
import io.zohosync.ports.out.zoho.ZohoRefunds.CreditNoteRequest;
import io.zohosync.ports.out.zoho.ZohoRefunds.InvoiceLine;
import io.zohosync.ports.out.zoho.ZohoRefunds.InvoiceToCredit;
import io.zohosync.ports.out.zoho.ZohoRefunds.RefundRequest;
import io.zohosync.ports.out.zoho.ZohoRefunds.RefundablePayment;
import io.zohosync.ports.out.zoho.ZohoRefunds.ZohoCreditNote;
import io.zohosync.ports.out.zoho.ZohoRefunds.ZohoRefund;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A refund as Zoho Books books it, waiting for its payment. The Books payment is read first: what of it Books holds
 * unapplied (the customer's credit) is refunded directly; a payment applied to an invoice is refunded through a credit
 * note against that invoice, numbered with the platform's refund id, and that credit note's refund. A credit note for
 * all of the invoice reverses each of its lines (rate, discount and tax as invoiced); any other amount is a line per
 * tax, shared in the invoice's proportions and including its tax, so part of the tax is reversed with part of the money. Every refund carries the provider's refund id as its reference number, so a retry after an unknown outcome
 * finds what an earlier attempt booked (the credit note by its number, its refund by reference) and completes only
 * what is missing. The money goes back the way it came: the payment's mode, from the account it was deposited to.
 * A booked refund is never rewritten; a changed one fails with what an admin can do.
 */
public final class RefundBooksHandler implements SyncHandler<PlatformRefund> {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ZohoRefunds refunds;
    private final RefundMapping mapping = new RefundMapping();

    public RefundBooksHandler(ZohoRefunds refunds) {
        this.refunds = refunds;
    }

    @Override
    public EntityType type() {
        return EntityType.REFUND;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BOOKS;
    }

    @Override
    public EntityMapping<PlatformRefund> mapping() {
        return mapping;
    }

    @Override
    public List<EntityRef> prerequisites(PlatformRefund platform) {
        return List.of(payment(platform));
    }

    /** The read of the payment, the credit note and its refund (a direct refund takes one call fewer). */
    @Override
    public int plannedCreateCalls(PlatformRefund platform) {
        return 3;
    }

    /** Nothing is sent: a booked refund is not rewritten. */
    @Override
    public int plannedUpdateCalls(PlatformRefund platform, boolean ours) {
        return 0;
    }

    /** Without the payment's Books id only the credit note can be searched: see {@link #findByMarker(PlatformRefund, Links)}. */
    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(PlatformRefund platform) {
        return refundedCreditNotes(platform);
    }

    /**
     * A credit note under the refund's number that was refunded under its reference, or a refund of the payment under
     * it. A credit note not refunded yet is not the record: the create completes it.
     */
    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(PlatformRefund platform, Links links) {
        return refundedCreditNotes(platform).compose(notes -> {
            if (!(notes instanceof ZohoOutcome.Success<List<String>> found)
                    || !found.value().isEmpty()) {
                return Future.succeededFuture(notes);
            }
            String reference = platform.refund().referenceNumber();
            return refunds.paymentRefunds(links.zohoId(payment(platform)))
                    .map(listed -> listed instanceof ZohoOutcome.Success<List<ZohoRefund>> ok
                            ? new ZohoOutcome.Success<>(ok.value().stream()
                                    .filter(r -> reference.equals(r.referenceNumber()))
                                    .map(ZohoRefund::refundId)
                                    .toList())
                            : ZohoOutcome.retype(listed));
        });
    }

    private Future<ZohoOutcome<List<String>>> refundedCreditNotes(PlatformRefund platform) {
        return ours(platform)
                .compose(notes -> notes instanceof ZohoOutcome.Success<List<ZohoCreditNote>> ok
                        ? refunded(ok.value(), 0, platform, new ArrayList<>())
                        : Future.succeededFuture(ZohoOutcome.retype(notes)));
    }

    /** The ids of {@code notes} from {@code from} on that carry the refund, one note's refunds after another's. */
    private Future<ZohoOutcome<List<String>>> refunded(
            List<ZohoCreditNote> notes, int from, PlatformRefund platform, List<String> found) {
        if (from == notes.size()) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(List.copyOf(found)));
        }
        String noteId = notes.get(from).creditNoteId();
        return refundOf(noteId, platform).compose(refund -> {
            if (!(refund instanceof ZohoOutcome.Success<Optional<ZohoRefund>> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(refund));
            }
            ok.value().ifPresent(r -> found.add(noteId));
            return refunded(notes, from + 1, platform, found);
        });
    }

    @Override
    public Future<ZohoOutcome<String>> create(PlatformRefund platform, Links links) {
        Refund refund = platform.refund();
        return refunds.payment(links.zohoId(payment(platform))).compose(read -> {
            if (!(read instanceof ZohoOutcome.Success<RefundablePayment> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(read));
            }
            RefundablePayment paid = ok.value();
            String currency = refund.amount().currency().getCurrencyCode();
            if (paid.currencyCode() != null && !paid.currencyCode().equalsIgnoreCase(currency)) {
                return Future.succeededFuture(new ZohoOutcome.Validation<>(
                        "refund_currency_mismatch",
                        "refund " + platform.id() + " is in " + currency + " but payment " + refund.paymentId()
                                + " was booked in " + paid.currencyCode() + " in Books; send the refund in "
                                + paid.currencyCode()));
            }
            RefundRequest request = request(refund, paid);
            if (paid.invoiceIds().isEmpty()
                    || paid.unusedAmount().compareTo(refund.amount().amount()) >= 0) {
                return refunds.refundPayment(paid.paymentId(), request)
                        .map(done -> done instanceof ZohoOutcome.Success<ZohoRefund> r
                                ? new ZohoOutcome.Success<>(r.value().refundId())
                                : refused(done, platform, paid));
            }
            return throughCreditNote(platform, paid, request);
        });
    }

    /** The credit note (raised now, or found under its number when an earlier attempt raised it) and its refund. */
    private Future<ZohoOutcome<String>> throughCreditNote(
            PlatformRefund platform, RefundablePayment paid, RefundRequest request) {
        String invoiceId = paid.invoiceIds().get(0);
        return refunds.invoice(invoiceId)
                .compose(invoice -> invoice instanceof ZohoOutcome.Success<InvoiceToCredit> ok
                        ? refunds.createCreditNote(creditNote(platform, paid, ok.value()))
                        : Future.succeededFuture(ZohoOutcome.retype(invoice)))
                .compose(raised -> {
                    if (raised instanceof ZohoOutcome.Success<ZohoCreditNote> ok) {
                        return refundCreditNote(ok.value().creditNoteId(), platform, paid, request);
                    }
                    if (raised instanceof ZohoOutcome.Duplicate<ZohoCreditNote>) {
                        return raisedBefore(platform, paid, request);
                    }
                    return Future.succeededFuture(refused(raised, platform, paid));
                });
    }

    /** The credit note an earlier attempt raised: refunded now unless it already was. */
    private Future<ZohoOutcome<String>> raisedBefore(
            PlatformRefund platform, RefundablePayment paid, RefundRequest request) {
        return ours(platform).compose(found -> {
            if (!(found instanceof ZohoOutcome.Success<List<ZohoCreditNote>> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(found));
            }
            if (ok.value().size() != 1) {
                return Future.succeededFuture(new ZohoOutcome.Duplicate<>(
                        Optional.empty(),
                        "credit note number " + platform.id() + " is taken in Books by a credit note this refund did"
                                + " not raise"));
            }
            String noteId = ok.value().get(0).creditNoteId();
            return refundOf(noteId, platform)
                    .compose(refunded -> refunded instanceof ZohoOutcome.Success<Optional<ZohoRefund>> r
                            ? r.value().isPresent()
                                    ? Future.succeededFuture(new ZohoOutcome.Success<>(noteId))
                                    : refundCreditNote(noteId, platform, paid, request)
                            : Future.succeededFuture(ZohoOutcome.retype(refunded)));
        });
    }

    private Future<ZohoOutcome<String>> refundCreditNote(
            String noteId, PlatformRefund platform, RefundablePayment paid, RefundRequest request) {
        return refunds.refundCreditNote(noteId, request)
                .map(done -> done instanceof ZohoOutcome.Success<ZohoRefund>
                        ? new ZohoOutcome.Success<>(noteId)
                        : refused(done, platform, paid));
    }

    /** The credit notes under the refund's number that carry its reference. */
    private Future<ZohoOutcome<List<ZohoCreditNote>>> ours(PlatformRefund platform) {
        String reference = platform.refund().referenceNumber();
        return refunds.findCreditNotes(platform.id())
                .map(found -> found instanceof ZohoOutcome.Success<List<ZohoCreditNote>> ok
                        ? new ZohoOutcome.Success<>(ok.value().stream()
                                .filter(n -> platform.id().equalsIgnoreCase(n.creditNoteNumber())
                                        && reference.equals(n.referenceNumber()))
                                .toList())
                        : found);
    }

    private Future<ZohoOutcome<Optional<ZohoRefund>>> refundOf(String noteId, PlatformRefund platform) {
        String reference = platform.refund().referenceNumber();
        return refunds.creditNoteRefunds(noteId)
                .map(listed -> listed instanceof ZohoOutcome.Success<List<ZohoRefund>> ok
                        ? new ZohoOutcome.Success<>(ok.value().stream()
                                .filter(r -> reference.equals(r.referenceNumber()))
                                .findFirst())
                        : ZohoOutcome.retype(listed));
    }

    /** A refund once booked is a fact in the books: a changed one is for a person, never a silent rewrite. */
    @Override
    public Future<ZohoOutcome<String>> update(String zohoId, PlatformRefund platform, Links links) {
        return Future.succeededFuture(new ZohoOutcome.Validation<>(
                "refund_booked",
                "refund " + platform.id() + " is booked in Books (" + zohoId + ") and is not rewritten; void it in"
                        + " Books and send the correction as a new refund"));
    }

    /** An admin's link is checked against the credit note it names (a direct refund lives under its payment). */
    @Override
    public Future<ZohoOutcome<String>> read(String zohoId) {
        return refunds.creditNote(zohoId)
                .map(read -> read instanceof ZohoOutcome.Success<ZohoCreditNote> ok
                        ? new ZohoOutcome.Success<>(ok.value().creditNoteId())
                        : ZohoOutcome.retype(read));
    }

    private static EntityRef payment(PlatformRefund platform) {
        return new EntityRef(EntityType.PAYMENT, platform.refund().paymentId());
    }

    private static RefundRequest request(Refund refund, RefundablePayment paid) {
        return new RefundRequest(
                refund.date(),
                refund.amount().amount(),
                paid.paymentMode(),
                refund.referenceNumber(),
                paid.accountId(),
                refund.reason() != null ? refund.reason() : "Refund " + refund.referenceNumber());
    }

    /**
     * All of the invoice: each of its lines again. Any other amount: a line per tax the invoice's lines carry, the
     * amount shared among them in proportion to what those lines came to with their tax, each share including its
     * tax ({@code is_inclusive_tax}), so the credit note comes to the amount and reverses the tax in the invoice's
     * proportions (one line, untaxed, when the invoice's lines came to nothing).
     */
    private static CreditNoteRequest creditNote(
            PlatformRefund platform, RefundablePayment paid, InvoiceToCredit invoice) {
        Refund refund = platform.refund();
        boolean all = invoice.total().compareTo(refund.amount().amount()) == 0;
        List<CreditLine> lines = all
                ? invoice.lines().stream()
                        .map(line -> new CreditLine(
                                line.lineItemId(), line.itemId(), line.name(), null, line.quantity(), null, null))
                        .toList()
                : partLines(refund, invoice);
        return new CreditNoteRequest(
                paid.customerId(),
                invoice.invoiceId(),
                platform.id(),
                refund.referenceNumber(),
                refund.date(),
                all ? invoice.inclusiveTax() : lines.stream().anyMatch(line -> line.taxId() != null),
                lines,
                refund.reason());
    }

    private static List<CreditLine> partLines(Refund refund, InvoiceToCredit invoice) {
        // what each tax's lines came to with it (item_total is before tax); the untaxed lines under no tax (null)
        Map<Optional<String>, BigDecimal> byTax = new LinkedHashMap<>();
        for (InvoiceLine line : invoice.lines()) {
            BigDecimal before = line.itemTotal() == null
                    ? BigDecimal.ZERO
                    : line.itemTotal().max(BigDecimal.ZERO);
            BigDecimal percent =
                    line.taxId() == null || line.taxPercentage() == null ? BigDecimal.ZERO : line.taxPercentage();
            byTax.merge(Optional.ofNullable(line.taxId()), before.multiply(HUNDRED.add(percent)), BigDecimal::add);
        }
        if (byTax.values().stream().allMatch(weight -> weight.signum() == 0)) {
            byTax = Map.of(Optional.empty(), BigDecimal.ONE);
        }
        List<Optional<String>> taxes = List.copyOf(byTax.keySet());
        List<Money> shares = refund.amount().allocate(List.copyOf(byTax.values()));
        List<CreditLine> lines = new ArrayList<>();
        for (int i = 0; i < taxes.size(); i++) {
            if (shares.get(i).isPositive()) {
                lines.add(new CreditLine(
                        null,
                        null,
                        "Refund " + refund.referenceNumber(),
                        "Part refund of payment " + refund.paymentId() + " (" + refund.amount() + ")",
                        BigDecimal.ONE,
                        shares.get(i).amount(),
                        taxes.get(i).orElse(null)));
            }
        }
        return lines;
    }

    /** An amount Books answered (575.0), shown in the refund's currency's decimals (575.00). */
    private static String shown(BigDecimal amount, PlatformRefund platform) {
        return amount == null
                ? "?"
                : Money.round(amount, platform.refund().amount().currency()).toPlainString();
    }

    /** Books' refusal, said as what an admin can act on. */
    private static ZohoOutcome<String> refused(
            ZohoOutcome<?> outcome, PlatformRefund platform, RefundablePayment paid) {
        if (outcome instanceof ZohoOutcome.Validation<?> refused) {
            return new ZohoOutcome.Validation<>(
                    refused.code(),
                    "Books refused refund " + platform.id() + " of "
                            + platform.refund().amount() + " against payment "
                            + platform.refund().paymentId() + " (" + shown(paid.amount(), platform) + " paid, "
                            + shown(paid.unusedAmount(), platform) + " unused): " + refused.message()
                            + "; check the amount against what is left to refund");
        }
        return ZohoOutcome.retype(outcome);
    }
}
