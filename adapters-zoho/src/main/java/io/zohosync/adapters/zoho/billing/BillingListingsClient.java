package io.zohosync.adapters.zoho.billing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.BillingListings;
import io.zohosync.ports.out.zoho.ZohoListings.Page;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Zoho Billing adapter for {@link BillingListings}: {@code /customers}, {@code /subscriptions} ({@code
 * SubscriptionStatus.All}), {@code /invoices} ({@code Status.All}) and {@code /transactions} of type payment (Billing
 * documents no payments list; its answer has no page context, so a full page is read as one that may go on), 200 rows
 * a page; a subscription's plan from {@code GET /subscriptions/{id}}.
 */
public final class BillingListingsClient implements BillingListings {

    static final int PAGE_SIZE = 200;

    private final ZohoApi api;

    public BillingListingsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<Page<Row>>> customers(int page) {
        return page(
                list("/customers", page),
                "customers",
                c -> new Row(
                        c.getString("customer_id"),
                        null,
                        c.getString("status"),
                        fields("email", c.getString("email"))));
    }

    @Override
    public Future<ZohoOutcome<Page<Row>>> subscriptions(int page) {
        return page(
                list("/subscriptions", page).param("filter_by", "SubscriptionStatus.All"),
                "subscriptions",
                s -> new Row(
                        s.getString("subscription_id"),
                        blankIsNull(s.getString("reference_id")),
                        s.getString("status"),
                        fields("plan_name", s.getString("plan_name"))));
    }

    @Override
    public Future<ZohoOutcome<Page<Row>>> invoices(int page) {
        return page(list("/invoices", page).param("filter_by", "Status.All"), "invoices", i -> {
            Map<String, String> f = fields("total", amount(i.getValue("total")));
            f.put("balance", amount(i.getValue("balance")));
            return new Row(i.getString("invoice_id"), null, i.getString("status"), f);
        });
    }

    @Override
    public Future<ZohoOutcome<Page<Row>>> payments(int page) {
        return page(
                list("/transactions", page).param("filter_by", "TransactionType.PAYMENT"),
                "transactions",
                t -> new Row(
                        t.getString("transaction_id"),
                        blankIsNull(t.getString("reference_id")),
                        t.getString("status"),
                        fields("amount", amount(t.getValue("amount")))));
    }

    @Override
    public Future<ZohoOutcome<Row>> subscription(String subscriptionId) {
        return api.call(ZohoRequest.get(ZohoProduct.BILLING, "/subscriptions/" + subscriptionId), r -> {
            JsonObject s = r.getJsonObject("subscription", new JsonObject());
            JsonObject plan = s.getJsonObject("plan", new JsonObject());
            Map<String, String> f = fields("plan_code", plan.getString("plan_code"));
            Object quantity = plan.getValue("quantity");
            f.put("quantity", quantity == null ? null : amount(quantity));
            return new Row(
                    s.getString("subscription_id"), blankIsNull(s.getString("reference_id")), s.getString("status"), f);
        });
    }

    private static ZohoRequest list(String path, int page) {
        return ZohoRequest.get(ZohoProduct.BILLING, path)
                .param("page", String.valueOf(page))
                .param("per_page", String.valueOf(PAGE_SIZE));
    }

    private Future<ZohoOutcome<Page<Row>>> page(ZohoRequest request, String rows, Function<JsonObject, Row> row) {
        return api.call(
                request,
                r -> new Page<>(
                        r.getJsonArray(rows, new JsonArray()).stream()
                                .map(JsonObject.class::cast)
                                .map(row)
                                .toList(),
                        more(r, rows)));
    }

    /** Zoho's {@code has_more_page}; a list answered without a page context (transactions) may go on when full. */
    private static boolean more(JsonObject r, String rows) {
        JsonObject context = r.getJsonObject("page_context");
        return context == null
                ? r.getJsonArray(rows, new JsonArray()).size() >= PAGE_SIZE
                : context.getBoolean("has_more_page", false);
    }

    private static Map<String, String> fields(String name, String value) {
        Map<String, String> f = new HashMap<>();
        f.put(name, value);
        return f;
    }

    /** Zoho's number (or a string of one, as transactions carry it) as a plain decimal: 20.0 and "20.00" → "20". */
    private static String amount(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.toString().strip()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value.toString(); // not a number: compared as text, and so seen to differ
        }
    }

    private static String blankIsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
