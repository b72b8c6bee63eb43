package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Outbound port: money going back to a customer in Zoho Books. A payment Books holds unapplied (the customer's
 * credit) is refunded directly ({@code /customerpayments/{id}/refunds}); a payment applied to an invoice is refunded
 * through a credit note raised against that invoice and that credit note's refund ({@code /creditnotes},
 * {@code /creditnotes/{id}/refunds}). Each refund carries the provider's refund id as its reference number; each
 * credit note carries the platform's refund id as its number: the markers a retry finds again.
 */
public interface ZohoRefunds {

    /** {@code GET /customerpayments/{id}}: what a refund of the payment needs to know. */
    Future<ZohoOutcome<RefundablePayment>> payment(String paymentId);

    /** {@code GET /invoices/{id}}: the invoice's lines, which a credit note for all of it reverses one by one. */
    Future<ZohoOutcome<InvoiceToCredit>> invoice(String invoiceId);

    /** {@code POST /customerpayments/{id}/refunds}: refunds part or all of the payment's unused amount. */
    Future<ZohoOutcome<ZohoRefund>> refundPayment(String paymentId, RefundRequest refund);

    /** {@code GET /customerpayments/{id}/refunds}. */
    Future<ZohoOutcome<List<ZohoRefund>>> paymentRefunds(String paymentId);

    /** {@code POST /creditnotes?invoice_id=…&ignore_auto_number_generation=true}. */
    Future<ZohoOutcome<ZohoCreditNote>> createCreditNote(CreditNoteRequest note);

    /** {@code GET /creditnotes?creditnote_number=…}: the credit notes under that number (exactly it). */
    Future<ZohoOutcome<List<ZohoCreditNote>>> findCreditNotes(String creditNoteNumber);

    /** {@code GET /creditnotes/{id}}: NotFound when there is none. */
    Future<ZohoOutcome<ZohoCreditNote>> creditNote(String creditNoteId);

    /** {@code POST /creditnotes/{id}/refunds}: pays the credit note's balance (or part of it) back. */
    Future<ZohoOutcome<ZohoRefund>> refundCreditNote(String creditNoteId, RefundRequest refund);

    /** {@code GET /creditnotes/{id}/refunds}. */
    Future<ZohoOutcome<List<ZohoRefund>>> creditNoteRefunds(String creditNoteId);

    /**
     * A Books customer payment as a refund sees it: the account it was deposited to (a refund is paid from it), the
     * invoices it was applied to, its Books payment mode (a refund goes back the same way unless told otherwise), and what
     * of it is unused (refundable directly).
     */
    record RefundablePayment(
            String paymentId,
            String customerId,
            String accountId,
            String paymentMode,
            String currencyCode,
            BigDecimal amount,
            BigDecimal unusedAmount,
            List<String> invoiceIds) {
        public RefundablePayment {
            invoiceIds = List.copyOf(invoiceIds);
        }
    }

    /** A Books invoice's total and lines, and whether its rates include tax, as a credit note reverses them. */
    record InvoiceToCredit(
            String invoiceId, String customerId, BigDecimal total, boolean inclusiveTax, List<InvoiceLine> lines) {
        public InvoiceToCredit {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One invoice line ({@code line_item_id} is Books' {@code invoice_item_id} on a credit note line): its tax (none:
     * null) and rate in percent, and its {@code item_total} before tax.
     */
    record InvoiceLine(
            String lineItemId,
            String itemId,
            String name,
            BigDecimal quantity,
            String taxId,
            BigDecimal taxPercentage,
            BigDecimal itemTotal) {}

    /**
     * A refund: {@code refund_mode} is Books' payment mode name ({@code creditcard}, {@code banktransfer}…),
     * {@code from_account_id} the account the money leaves.
     */
    record RefundRequest(
            LocalDate date,
            BigDecimal amount,
            String refundMode,
            String referenceNumber,
            String fromAccountId,
            String description) {}

    /**
     * A credit note raised against {@code invoiceId} for {@code customerId}, numbered {@code creditNoteNumber}:
     * either every line of the invoice ({@link CreditLine#invoiceLineId} set, the invoice's own rate and tax;
     * {@code inclusiveTax} as the invoice's, so its lines come to the invoice's total again), or lines of amounts
     * ({@link CreditLine#rate} set) with the tax they include ({@code inclusiveTax}), so they come to those amounts.
     */
    record CreditNoteRequest(
            String customerId,
            String invoiceId,
            String creditNoteNumber,
            String referenceNumber,
            LocalDate date,
            boolean inclusiveTax,
            List<CreditLine> lines,
            String notes) {
        public CreditNoteRequest {
            lines = List.copyOf(lines);
        }
    }

    /** A credit note line: an invoice's line again, or a described amount under a tax (none: null). */
    record CreditLine(
            String invoiceLineId,
            String itemId,
            String name,
            String description,
            BigDecimal quantity,
            BigDecimal rate,
            String taxId) {}

    /** A refund as Books answers it. */
    record ZohoRefund(String refundId, String referenceNumber, BigDecimal amount, LocalDate date) {}

    /** A credit note as Books answers it. */
    record ZohoCreditNote(
            String creditNoteId,
            String creditNoteNumber,
            String referenceNumber,
            String customerId,
            String status,
            BigDecimal total,
            BigDecimal balance) {}
}
