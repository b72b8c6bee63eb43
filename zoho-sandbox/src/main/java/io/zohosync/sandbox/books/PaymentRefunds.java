package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.math.BigDecimal;
import java.util.List;

/**
 * Refunds of a customer payment's excess (its unused amount): recorded, listed, read. Zoho's document answers a refund,
 * and the read of one, under a {@code payment_refunds} array.
 */
final class PaymentRefunds {
    static final String ENTITY = "customerpayment_refunds";

    private static final List<String> SORT_COLUMNS = List.of("date", "reference_number", "refund_mode", "amount");
    private static final String[] ROW_FIELDS = {
        "payment_refund_id",
        "payment_id",
        "date",
        "refund_mode",
        "reference_number",
        "payment_number",
        "customer_name",
        "amount_bcy",
        "amount_fcy"
    };
    private static final String[] RECORD_FIELDS = {
        "payment_refund_id",
        "payment_id",
        "date",
        "refund_mode",
        "reference_number",
        "amount",
        "exchange_rate",
        "description"
    };

    private final Ledger ledger;
    private final CustomerPayments payments;

    PaymentRefunds(Ledger ledger, CustomerPayments payments) {
        this.ledger = ledger;
        this.payments = payments;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/customerpayments/:customer_payment_id/refunds"), this::refund)
                .add(
                        Operation.get(ROOT + "/customerpayments/:customer_payment_id/refunds", "page", "per_page"),
                        this::list)
                .add(Operation.get(ROOT + "/customerpayments/:customer_payment_id/refunds/:refund_id"), this::get);
    }

    private void refund(RoutingContext rc) {
        JsonObject payment = payments.find(rc.pathParam("customer_payment_id"));
        if (payment == null) {
            ZohoReplies.notFound(rc, "Payment");
            return;
        }
        JsonObject body = Bodies.json(rc);
        BigDecimal amount =
                Refunds.checked(rc, body, Refunds.amount(payment, "unused_amount"), "the payment's unused amount");
        if (amount == null) return;
        JsonObject refund = Refunds.record(body, amount)
                .put("payment_refund_id", ledger.newId())
                .put("payment_id", payment.getString("payment_id"))
                .put("payment_number", payment.getString("payment_number"))
                .put("customer_name", payment.getString("customer_name"))
                .put("exchange_rate", 1.0);
        ledger.save(
                ENTITY,
                refund.getString("payment_refund_id"),
                refund,
                List.of(
                        refund.getString("payment_refund_id"),
                        refund.getString("payment_id"),
                        refund.getString("reference_number")),
                List.of(refund.getString("description")));
        payments.refunded(payment, amount);
        ZohoReplies.ok(
                rc,
                "The refund information for this payment has been saved.",
                "payment_refunds",
                new JsonArray().add(view(refund)));
    }

    private void list(RoutingContext rc) {
        JsonObject payment = payments.find(rc.pathParam("customer_payment_id"));
        if (payment == null) {
            ZohoReplies.notFound(rc, "Payment");
            return;
        }
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .filter(r -> r.getString("payment_id").equals(payment.getString("payment_id")))
                .map(PaymentRefunds::row)
                .toList();
        ZohoReplies.list(
                rc,
                "payment_refunds",
                Filters.sorted(rc, rows, SORT_COLUMNS, "date"),
                Filters.pageContext(rc, SORT_COLUMNS, "date").put("report_name", "Payment Refunds"));
    }

    private void get(RoutingContext rc) {
        JsonObject refund = ledger.find(ENTITY, rc.pathParam("refund_id"));
        if (refund == null || !refund.getString("payment_id").equals(rc.pathParam("customer_payment_id"))) {
            ZohoReplies.notFound(rc, "Refund");
            return;
        }
        ZohoReplies.ok(
                rc,
                "The details of the refund are displayed successfully.",
                "payment_refunds",
                new JsonArray().add(view(refund)));
    }

    private static JsonObject row(JsonObject refund) {
        return Refunds.pick(refund, ROW_FIELDS);
    }

    private static JsonObject view(JsonObject refund) {
        return Refunds.pick(refund, RECORD_FIELDS);
    }
}
