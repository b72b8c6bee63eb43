package io.zohosync.adapters.zoho.billing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.invoice.ManualInvoice;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.ZohoPaymentMode;
import io.zohosync.ports.out.zoho.BillingInvoice;
import io.zohosync.ports.out.zoho.BillingPayment;
import io.zohosync.ports.out.zoho.ZohoBillingInvoices;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.List;

/** Zoho Billing adapter for {@link ZohoBillingInvoices}: {@code /billing/v1/invoices} and {@code /billing/v1/payments}. */
public final class BillingInvoicesClient implements ZohoBillingInvoices {

    private final ZohoApi api;

    public BillingInvoicesClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<BillingInvoice>> get(String invoiceId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/invoices/" + invoiceId),
                r -> invoice(r.getJsonObject("invoice")));
    }

    @Override
    public Future<ZohoOutcome<List<BillingInvoice>>> findBySubscription(String subscriptionId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/invoices").param("subscription_id", subscriptionId),
                r -> r.getJsonArray("invoices", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BillingInvoicesClient::invoice)
                        .toList());
    }

    @Override
    public Future<ZohoOutcome<String>> recordPayment(
            Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId) {
        JsonObject body = new JsonObject()
                .put("customer_id", customerId)
                .put("payment_mode", mode.zohoName())
                .put("amount", payment.amount().amount())
                .put("date", payment.date().toString())
                .put("reference_number", payment.providerPaymentId())
                .put(
                        "invoices",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("invoice_id", invoiceId)
                                        .put("amount_applied", payment.amount().amount())));
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/payments", body),
                r -> r.getJsonObject("payment", new JsonObject()).getString("payment_id"));
    }

    @Override
    public Future<ZohoOutcome<BillingInvoice>> create(ManualInvoice invoice, String customerId) {
        JsonArray items = new JsonArray();
        for (LineItem line : invoice.toInvoice().orElseThrow().lines()) {
            items.add(ZohoJson.withoutNulls(new JsonObject()
                    .put("name", line.name())
                    .put("description", line.description())
                    .put("price", line.rate())
                    .put("quantity", line.quantity())));
        }
        JsonObject body = new JsonObject()
                .put("customer_id", customerId)
                .put("date", invoice.date().toString())
                .put("reference_number", invoice.platformId())
                .put("invoice_items", items);
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/invoices", body), r -> invoice(r.getJsonObject("invoice")));
    }

    @Override
    public Future<ZohoOutcome<List<BillingInvoice>>> findByReference(String customerId, String referenceNumber) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/invoices")
                        .param("customer_id", customerId)
                        .param("reference_number", referenceNumber),
                r -> r.getJsonArray("invoices", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BillingInvoicesClient::invoice)
                        .toList());
    }

    @Override
    public Future<ZohoOutcome<BillingPayment>> createPayment(
            Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId) {
        JsonObject body = new JsonObject()
                .put("customer_id", customerId)
                .put("payment_mode", mode.zohoName())
                .put("amount", payment.amount().amount())
                .put("date", payment.date().toString())
                .put("reference_number", payment.providerPaymentId());
        if (invoiceId != null) {
            body.put(
                    "invoices",
                    new JsonArray()
                            .add(new JsonObject()
                                    .put("invoice_id", invoiceId)
                                    .put("amount_applied", payment.amount().amount())));
        }
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/payments", body), r -> payment(r.getJsonObject("payment")));
    }

    @Override
    public Future<ZohoOutcome<BillingPayment>> getPayment(String paymentId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/payments/" + paymentId),
                r -> payment(r.getJsonObject("payment")));
    }

    /** Zoho documents {@code GET /payments} (filter_by, customer_id) on its site; the OpenAPI set omits it. */
    @Override
    public Future<ZohoOutcome<List<BillingPayment>>> paymentsOf(String customerId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/payments").param("customer_id", customerId),
                r -> r.getJsonArray("payments", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BillingInvoicesClient::payment)
                        .toList());
    }

    static BillingPayment payment(JsonObject p) {
        JsonObject payment = p == null ? new JsonObject() : p;
        return new BillingPayment(
                payment.getString("payment_id"),
                ZohoJson.blankToNull(payment.getString("reference_number")),
                payment.getString("status"),
                ZohoJson.decimal(payment, "amount"),
                payment.getString("currency_code"),
                payment.getJsonArray("invoices", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(i -> i.getString("invoice_id"))
                        .toList());
    }

    static BillingInvoice invoice(JsonObject i) {
        return new BillingInvoice(
                i.getString("invoice_id"),
                i.getString("number", i.getString("invoice_number")),
                i.getString("customer_id"),
                i.getString("status"),
                ZohoJson.decimal(i, "total"),
                ZohoJson.decimal(i, "balance"));
    }
}
