package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.Page;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /transactions} (Zoho documents it in customers.yml: {@code filter_by=TransactionType.All|INVOICE|PAYMENT},
 * {@code customer_id}): a customer's (or every customer's) invoices and payments as rows of {@code transaction_id},
 * {@code reference_id}, {@code date}, {@code type}, {@code status}, {@code amount} (a string, as documented), cut into
 * pages by {@code page} and {@code per_page} but, as the document shows, without a {@code page_context}. Billing
 * documents no payments list, so this is how payments are read a page at a time.
 */
final class Transactions {

    private final BillingLedger ledger;

    Transactions(BillingLedger ledger) {
        this.ledger = ledger;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.get(ROOT + "/transactions", "filter_by", "customer_id", "page", "per_page"), this::list);
    }

    private void list(RoutingContext rc) {
        String filter = rc.request().getParam("filter_by");
        String type = filter == null
                ? "all"
                : filter.replaceFirst("(?i)^TransactionType\\.", "").toLowerCase();
        if (!List.of("all", "invoice", "payment", "credit", "refund").contains(type)) {
            ZohoReplies.invalid(rc, "filter_by");
            return;
        }
        List<JsonObject> rows = new ArrayList<>();
        if (type.equals("all") || type.equals("invoice")) {
            ledger.all(BillingInvoices.ENTITY).stream()
                    .filter(i -> Filters.exact(rc, "customer_id", i.getString("customer_id")))
                    .forEach(i -> rows.add(new JsonObject()
                            .put("transaction_id", i.getString("invoice_id"))
                            .put("reference_id", i.getString("reference_number", ""))
                            .put("date", i.getString("date"))
                            .put("type", "invoice")
                            .put("status", i.getString("status"))
                            .put("amount", amount(i.getValue("total")))));
        }
        if (type.equals("all") || type.equals("payment")) {
            ledger.all(Payments.ENTITY).stream()
                    .filter(p -> Filters.exact(rc, "customer_id", p.getString("customer_id")))
                    .forEach(p -> rows.add(new JsonObject()
                            .put("transaction_id", p.getString("payment_id"))
                            .put("reference_id", p.getString("reference_number", ""))
                            .put("date", p.getString("date"))
                            .put("type", "payment")
                            .put("status", p.getString("status"))
                            .put("amount", amount(p.getValue("amount")))));
        }
        // the document shows no page_context: pages are cut as every list's (page, per_page), and a full page is the
        // only sign that another may follow
        Page page = Page.of(rc);
        if (page == null) {
            ZohoReplies.invalid(rc, "page or per_page");
            return;
        }
        int from = Math.min(rows.size(), (page.number() - 1) * page.size());
        int to = Math.min(rows.size(), from + page.size());
        ZohoReplies.send(
                rc,
                200,
                new JsonObject()
                        .put("code", 0)
                        .put("message", "success")
                        .put("transactions", new JsonArray(List.copyOf(rows.subList(from, to)))));
    }

    /** The document types a transaction's amount as a string. */
    private static String amount(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : String.valueOf(value);
    }
}
