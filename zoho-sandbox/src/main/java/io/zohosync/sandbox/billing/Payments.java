package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;
import static io.zohosync.sandbox.billing.BillingLedger.blank;
import static io.zohosync.sandbox.billing.BillingLedger.money;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/** Billing payments: recorded offline against a customer's invoices, each application lowering that invoice's balance. */
final class Payments {
    static final String ENTITY = "payments";

    private final BillingLedger ledger;
    private final Customers customers;
    private final BillingInvoices invoices;

    Payments(BillingLedger ledger, Customers customers, BillingInvoices invoices) {
        this.ledger = ledger;
        this.customers = customers;
        this.invoices = invoices;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/payments"), this::create)
                .add(Operation.get(ROOT + "/payments", "customer_id", "filter_by", "page", "per_page"), this::list)
                .add(Operation.get(ROOT + "/payments/:payment_id"), this::get);
    }

    private void create(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        JsonObject customer = customers.find(body.getString("customer_id"));
        if (customer == null) {
            ZohoReplies.invalid(rc, "customer_id");
            return;
        }
        if (blank(body.getString("payment_mode"))) {
            ZohoReplies.invalid(rc, "payment_mode");
            return;
        }
        if (!(body.getValue("amount") instanceof Number amount) || amount.doubleValue() <= 0) {
            ZohoReplies.invalid(rc, "amount");
            return;
        }
        JsonArray applied = body.getJsonArray("invoices", new JsonArray());
        if (!applicable(rc, applied, customer, amount.doubleValue())) return;
        JsonArray lines = new JsonArray();
        for (Object value : applied) {
            JsonObject application = (JsonObject) value;
            JsonObject invoice = invoices.find(application.getString("invoice_id"));
            double share = application.getNumber("amount_applied").doubleValue();
            invoices.pay(invoice, share);
            lines.add(new JsonObject()
                    .put("invoice_id", invoice.getString("invoice_id"))
                    .put("invoice_number", invoice.getString("number"))
                    .put("date", invoice.getString("date"))
                    .put("invoice_amount", invoice.getDouble("total"))
                    .put("amount_applied", share)
                    .put("balance_amount", invoice.getDouble("balance")));
        }
        JsonObject payment = new JsonObject()
                .put("payment_id", ledger.newId())
                .put("payment_mode", body.getString("payment_mode"))
                .put("amount", money(amount.doubleValue()))
                .put("amount_refunded", 0.0)
                .put("bank_charges", 0.0)
                .put("date", body.getString("date", ledger.today().toString()))
                .put("status", "success")
                .put("reference_number", body.getString("reference_number", ""))
                .put("description", body.getString("description", ""))
                .put("customer_id", customer.getString("customer_id"))
                .put("customer_name", customer.getString("display_name"))
                .put("email", customer.getString("email"))
                .put("currency_code", customer.getString("currency_code", "USD"))
                .put("invoices", lines);
        ledger.save(
                ENTITY,
                payment.getString("payment_id"),
                payment,
                List.of(payment.getString("payment_id"), payment.getString("reference_number")),
                List.of(payment.getString("description")));
        ledger.event("payment_thankyou", "payment", payment);
        ZohoReplies.created(rc, "The payment has been created.", "payment", payment);
    }

    /** Every invoice must be the customer's, open, and owe at least what is applied; together no more than the amount. */
    private boolean applicable(RoutingContext rc, JsonArray applied, JsonObject customer, double amount) {
        double total = 0;
        for (Object value : applied) {
            JsonObject invoice =
                    value instanceof JsonObject application ? invoices.find(application.getString("invoice_id")) : null;
            if (invoice == null || !invoice.getString("customer_id").equals(customer.getString("customer_id"))) {
                ZohoReplies.invalid(rc, "invoice_id");
                return false;
            }
            if (!(((JsonObject) value).getValue("amount_applied") instanceof Number share)
                    || share.doubleValue() <= 0) {
                ZohoReplies.invalid(rc, "amount_applied");
                return false;
            }
            if (share.doubleValue() > invoice.getDouble("balance") + 0.001) {
                ZohoReplies.error(rc, 400, 24016, "The amount entered is more than the balance due for this invoice.");
                return false;
            }
            total += share.doubleValue();
        }
        if (total > amount + 0.001) {
            ZohoReplies.error(
                    rc,
                    400,
                    ZohoReplies.CODE_INVALID_VALUE,
                    "The amount applied to invoices is more than the payment amount.");
            return false;
        }
        return true;
    }

    /**
     * {@code GET /payments?customer_id=}: listed on Zoho's site (filter_by, customer_id), absent from its OpenAPI set;
     * rows as the read-back, in the order recorded.
     */
    private void list(RoutingContext rc) {
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .filter(p -> Filters.exact(rc, "customer_id", p.getString("customer_id")))
                .toList();
        ZohoReplies.list(rc, "payments", rows, new JsonObject());
    }

    private void get(RoutingContext rc) {
        JsonObject payment = ledger.find(ENTITY, rc.pathParam("payment_id"));
        if (payment == null) {
            ZohoReplies.notFound(rc, "Payment");
            return;
        }
        ZohoReplies.ok(rc, "success", "payment", payment);
    }
}
