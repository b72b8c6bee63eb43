package io.zohosync.sandbox.billing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens in Zoho Billing without an API call (its gateway, a person in its web UI, the calendar), each with the
 * event Billing records for it ({@code GET /events}) and POSTs to the webhook: a card charged for an invoice
 * ({@code payment_thankyou}) or declined ({@code payment_declined}), a refund ({@code payment_refunded}), a card about to
 * expire ({@code card_expiring}) or replaced ({@code card_updated}), an invoice edited ({@code invoice_updated}) or
 * voided ({@code invoice_voided}), a subscription that expired ({@code subscription_expired}) or went unpaid
 * ({@code subscription_unpaid}). Zoho documents the event names (events.yml; {@code card_updated},
 * {@code invoice_updated} and {@code invoice_voided} only in Zoho's newer lists) but not every payload: a payment event
 * carries {@code payment} and the {@code invoice} it was for, a card event {@code card} and {@code customer}.
 */
public final class BillingUi {

    private final BillingLedger ledger;
    private final Customers customers;
    private final Subscriptions subscriptions;
    private final BillingInvoices invoices;
    private final Set<String> declining = ConcurrentHashMap.newKeySet();

    BillingUi(BillingLedger ledger, Customers customers, Subscriptions subscriptions, BillingInvoices invoices) {
        this.ledger = ledger;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
    }

    /** The next charge of an invoice of this subscription is declined by the gateway. */
    public BillingUi declineNextCharge(String subscriptionId) {
        declining.add(subscriptionId);
        return this;
    }

    /**
     * The gateway charges the customer's card for the invoice's balance: recorded ({@code payment_thankyou}) and the
     * invoice paid, or declined ({@code payment_declined}, the invoice still owing) when {@link #declineNextCharge} was
     * asked for its subscription. Answers the payment.
     */
    public synchronized JsonObject chargeCard(String invoiceId) {
        JsonObject invoice = require(invoices.find(invoiceId), "invoice", invoiceId);
        String subscriptionId =
                invoice.getJsonArray("subscriptions", new JsonArray()).isEmpty()
                        ? null
                        : invoice.getJsonArray("subscriptions").getJsonObject(0).getString("subscription_id");
        boolean declined = subscriptionId != null && declining.remove(subscriptionId);
        double amount = invoice.getDouble("balance");
        JsonObject payment = new JsonObject()
                .put("payment_id", ledger.newId())
                .put("payment_mode", "autotransaction")
                .put("amount", amount)
                .put("amount_refunded", 0.0)
                .put("date", ledger.today().toString())
                .put("status", declined ? "failure" : "success")
                .put("reference_number", "")
                .put("description", declined ? "Card declined by the gateway" : "")
                .put("customer_id", invoice.getString("customer_id"))
                .put("currency_code", invoice.getString("currency_code"))
                .put(
                        "invoices",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("invoice_id", invoiceId)
                                        .put("invoice_number", invoice.getString("number"))
                                        .put("amount_applied", declined ? 0.0 : amount)));
        if (declined) {
            payment.put("failure_reason", "Card declined by the gateway")
                    .put("attempt", 1)
                    .put("next_retry_at", ledger.today().plusDays(3).toString());
        } else {
            invoices.pay(invoice, amount);
        }
        savePayment(payment);
        ledger.event(
                declined ? "payment_declined" : "payment_thankyou",
                "payment",
                payment,
                "invoice",
                BillingInvoices.eventView(invoices.find(invoiceId)));
        return payment;
    }

    /** A person refunds {@code amount} of a payment in Billing's UI ({@code payment_refunded}). */
    public synchronized JsonObject refund(String paymentId, double amount) {
        JsonObject payment = require(ledger.find(Payments.ENTITY, paymentId), "payment", paymentId);
        payment.put("amount_refunded", BillingLedger.money(payment.getDouble("amount_refunded", 0.0) + amount))
                .put("status", "refunded");
        savePayment(payment);
        JsonArray applied = payment.getJsonArray("invoices", new JsonArray());
        JsonObject invoice = applied.isEmpty()
                ? null
                : invoices.find(applied.getJsonObject(0).getString("invoice_id"));
        if (invoice == null) {
            ledger.event("payment_refunded", "payment", payment);
        } else {
            ledger.event("payment_refunded", "payment", payment, "invoice", BillingInvoices.eventView(invoice));
        }
        return payment;
    }

    /** The customer's card expires at the end of next month: Billing warns ({@code card_expiring}). */
    public JsonObject cardExpiring(String customerId) {
        return card(customerId, "card_expiring", ledger.today().plusMonths(1));
    }

    /** The customer's card was replaced (through a hosted page or by a person): {@code card_updated}. */
    public JsonObject cardUpdated(String customerId) {
        return card(customerId, "card_updated", ledger.today().plusYears(3));
    }

    private JsonObject card(String customerId, String type, LocalDate expires) {
        JsonObject customer = require(customers.find(customerId), "customer", customerId);
        JsonObject card = new JsonObject()
                .put("card_id", ledger.newId())
                .put("customer_id", customerId)
                .put("last_four_digits", "4242")
                .put("card_type", "visa")
                .put("expiry_month", expires.getMonthValue())
                .put("expiry_year", expires.getYear())
                .put("status", "active");
        ledger.event(
                type,
                "card",
                card,
                "customer",
                BillingLedger.only(customer, List.of("customer_id", "display_name", "email")));
        return card;
    }

    /** A person changes an invoice's due date in Billing's UI ({@code invoice_updated}). */
    public synchronized JsonObject updateInvoice(String invoiceId, LocalDate dueDate) {
        JsonObject invoice = require(invoices.find(invoiceId), "invoice", invoiceId);
        invoice.put("due_date", dueDate.toString())
                .put("updated_time", ledger.now())
                .put("last_modified_time", ledger.now());
        invoices.save(invoice);
        ledger.event("invoice_updated", "invoice", BillingInvoices.eventView(invoice));
        return invoice;
    }

    /** A person voids an invoice in Billing's UI ({@code invoice_voided}): status void, nothing owed. */
    public synchronized JsonObject voidInvoice(String invoiceId) {
        JsonObject invoice = require(invoices.find(invoiceId), "invoice", invoiceId);
        invoice.put("status", "void").put("balance", 0.0).put("updated_time", ledger.now());
        invoices.save(invoice);
        ledger.event("invoice_voided", "invoice", BillingInvoices.eventView(invoice));
        return invoice;
    }

    /** The subscription's dunning ran out: status unpaid ({@code subscription_unpaid}). */
    public JsonObject markUnpaid(String subscriptionId) {
        return status(subscriptionId, "unpaid", "subscription_unpaid");
    }

    /** The subscription reached its last term's end: status expired ({@code subscription_expired}). */
    public JsonObject expire(String subscriptionId) {
        return status(subscriptionId, "expired", "subscription_expired");
    }

    private synchronized JsonObject status(String subscriptionId, String status, String type) {
        JsonObject subscription = require(subscriptions.settled(subscriptionId), "subscription", subscriptionId);
        subscription.put("status", status).put("updated_time", ledger.now());
        if ("expired".equals(status)) {
            subscription.put("expires_at", ledger.today().toString()).put("next_billing_at", "");
        }
        subscriptions.save(subscription);
        ledger.event(type, "subscription", Subscriptions.view(subscription));
        return subscription;
    }

    private void savePayment(JsonObject payment) {
        ledger.save(
                Payments.ENTITY,
                payment.getString("payment_id"),
                payment,
                List.of(payment.getString("payment_id"), payment.getString("reference_number")),
                List.of(payment.getString("description")));
    }

    private static JsonObject require(JsonObject found, String what, String id) {
        if (found == null) {
            throw new IllegalArgumentException("no Billing " + what + " " + id);
        }
        return found;
    }
}
