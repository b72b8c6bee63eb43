package io.zohosync.adapters.zoho.books;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.ZohoPaymentMode;
import io.zohosync.ports.out.zoho.ZohoCustomerPayments;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoPayment;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.List;

/**
 * Zoho Books adapter for {@link ZohoCustomerPayments}: {@code /books/v3/customerpayments}, reference number = provider id.
 * The list comes under {@code customer_payments} (Zoho's OpenAPI document); {@code customerpayments} is read as well.
 */
public final class BooksCustomerPaymentsClient implements ZohoCustomerPayments {

    private final ZohoApi api;

    public BooksCustomerPaymentsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<ZohoPayment>> create(
            Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId) {
        return api.call(
                ZohoRequest.post(ZohoProduct.BOOKS, "/customerpayments", body(payment, mode, customerId, invoiceId)),
                r -> payment(r.getJsonObject("payment")));
    }

    @Override
    public Future<ZohoOutcome<ZohoPayment>> update(
            String paymentId, Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId) {
        return api.call(
                ZohoRequest.put(
                        ZohoProduct.BOOKS,
                        "/customerpayments/" + paymentId,
                        body(payment, mode, customerId, invoiceId)),
                r -> payment(r.getJsonObject("payment")));
    }

    @Override
    public Future<ZohoOutcome<ZohoPayment>> get(String paymentId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/customerpayments/" + paymentId),
                r -> payment(r.getJsonObject("payment")));
    }

    /** Applied in full to the invoice when there is one; without, an empty application list leaves it unapplied. */
    private static JsonObject body(Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId) {
        JsonArray applications = new JsonArray();
        if (invoiceId != null) {
            applications.add(new JsonObject()
                    .put("invoice_id", invoiceId)
                    .put("amount_applied", payment.amount().amount()));
        }
        return new JsonObject()
                .put("customer_id", customerId)
                .put("payment_mode", mode.zohoName())
                .put("amount", payment.amount().amount())
                .put("date", payment.date().toString())
                .put("reference_number", payment.providerPaymentId())
                .put(
                        "description",
                        "Payment " + payment.providerPaymentId() + " via "
                                + payment.method().name().toLowerCase(java.util.Locale.ROOT))
                .put("invoices", applications);
    }

    @Override
    public Future<ZohoOutcome<List<ZohoPayment>>> findByReference(String referenceNumber) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/customerpayments").param("reference_number", referenceNumber),
                r -> r.getJsonArray("customer_payments", r.getJsonArray("customerpayments", new JsonArray())).stream()
                        .map(JsonObject.class::cast)
                        .map(BooksCustomerPaymentsClient::payment)
                        .toList());
    }

    static ZohoPayment payment(JsonObject p) {
        JsonArray invoices = p.getJsonArray("invoices");
        String invoiceId = invoices != null && !invoices.isEmpty()
                ? invoices.getJsonObject(0).getString("invoice_id")
                : p.getString("invoice_id");
        return new ZohoPayment(
                p.getString("payment_id"),
                ZohoJson.blankToNull(p.getString("reference_number")),
                p.getString("customer_id"),
                ZohoJson.decimal(p, "amount"),
                ZohoJson.blankToNull(invoiceId));
    }
}
