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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Books customer payments: applied to a customer's invoices (moving their balance and status), edited, deleted, listed;
 * what is neither applied nor refunded ({@link PaymentRefunds}) is the payment's {@code unused_amount}.
 */
final class CustomerPayments {
    static final String ENTITY = "customerpayments";
    /** The deposit account of a payment recorded without {@code account_id}: Books' "Undeposited Funds". */
    static final String DEFAULT_DEPOSIT_ACCOUNT = "460000000000361";

    private static final String REFUNDED = "amount_refunded";
    /** Kept with each payment but shown only in list rows, as Zoho's document has it. */
    private static final String NUMBER = "payment_number";

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final List<String> SORT_COLUMNS = List.of(
            "customer_name",
            "payment_number",
            "payment_mode",
            "date",
            "reference_number",
            "amount",
            "created_time",
            "last_modified_time");
    private static final String[] LIST_QUERY = {
        "customer_id",
        "customer_name",
        "customer_name_startswith",
        "customer_name_contains",
        "reference_number",
        "reference_number_startswith",
        "reference_number_contains",
        "date",
        "date_start",
        "date_end",
        "date_before",
        "date_after",
        "amount",
        "amount_less_than",
        "amount_less_equals",
        "amount_greater_than",
        "amount_greater_equals",
        "notes",
        "notes_startswith",
        "notes_contains",
        "payment_mode",
        "payment_mode_startswith",
        "payment_mode_contains",
        "filter_by",
        "search_text",
        "sort_column",
        "sort_order",
        "page",
        "per_page"
    };

    private final Ledger ledger;
    private final Contacts contacts;
    private final Invoices invoices;

    CustomerPayments(Ledger ledger, Contacts contacts, Invoices invoices) {
        this.ledger = ledger;
        this.contacts = contacts;
        this.invoices = invoices;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/customerpayments"), this::create)
                .add(Operation.get(ROOT + "/customerpayments", LIST_QUERY), this::list)
                .add(Operation.get(ROOT + "/customerpayments/:payment_id"), this::get)
                .add(Operation.put(ROOT + "/customerpayments/:payment_id"), this::update)
                .add(Operation.delete(ROOT + "/customerpayments/:payment_id"), this::delete);
    }

    private void create(RoutingContext rc) {
        JsonObject body = Bodies.json(rc);
        body.put(REFUNDED, 0.0).remove("unused_amount");
        JsonArray applied = checked(rc, body, Map.of());
        if (applied == null) return;
        JsonObject payment = new JsonObject()
                .put("reference_number", "")
                .put("description", "")
                .put("bank_charges", 0.0)
                .mergeIn(body.copy())
                .put("payment_id", ledger.newId())
                .put("status", "success")
                .put(NUMBER, Integer.toString(ledger.all(ENTITY).size() + 1));
        record(payment, body, applied);
        ZohoReplies.created(rc, "The payment has been created.", "payment", view(payment));
    }

    private void update(RoutingContext rc) {
        JsonObject payment = ledger.find(ENTITY, rc.pathParam("payment_id"));
        if (payment == null) {
            ZohoReplies.notFound(rc, "Payment");
            return;
        }
        JsonObject body = payment.copy().mergeIn(Bodies.json(rc));
        body.put("payment_id", payment.getString("payment_id"))
                .put(NUMBER, payment.getString(NUMBER))
                .put(REFUNDED, payment.getDouble(REFUNDED, 0.0));
        JsonArray applied = checked(rc, body, appliedBy(payment));
        if (applied == null) return;
        unapply(payment);
        JsonObject updated = payment.copy().mergeIn(body);
        record(updated, body, applied);
        ZohoReplies.ok(rc, "The payment details have been updated.", "payment", view(updated));
    }

    private void delete(RoutingContext rc) {
        JsonObject payment = ledger.find(ENTITY, rc.pathParam("payment_id"));
        if (payment == null) {
            ZohoReplies.notFound(rc, "Payment");
            return;
        }
        if (payment.getDouble(REFUNDED, 0.0) > 0) {
            ZohoReplies.error(
                    rc, 400, ZohoReplies.CODE_INVALID_VALUE, "Payments with recorded refunds cannot be deleted.");
            return;
        }
        unapply(payment);
        ledger.remove(ENTITY, payment.getString("payment_id"));
        ZohoReplies.ok(rc, "The payment has been deleted.");
    }

    private void get(RoutingContext rc) {
        JsonObject payment = ledger.find(ENTITY, rc.pathParam("payment_id"));
        if (payment == null) {
            ZohoReplies.notFound(rc, "Payment");
            return;
        }
        ZohoReplies.ok(rc, "success", "payment", view(payment));
    }

    private void list(RoutingContext rc) {
        String search = rc.request().getParam("search_text");
        String filter = rc.request().getParam("filter_by");
        List<JsonObject> rows = new ArrayList<>();
        for (JsonObject payment : ledger.all(ENTITY)) {
            boolean matches = Filters.exact(rc, "customer_id", payment.getString("customer_id"))
                    && Filters.text(rc, "customer_name", payment.getString("customer_name"))
                    && Filters.text(rc, "reference_number", payment.getString("reference_number"))
                    && Filters.text(rc, "payment_mode", payment.getString("payment_mode"))
                    && Filters.text(rc, "notes", payment.getString("description"))
                    && Filters.exact(rc, "date", payment.getString("date"))
                    && Filters.dateRange(rc, "date", payment.getString("date"))
                    && (search == null
                            || (payment.getString(NUMBER) + " " + payment.getString("reference_number") + " "
                                            + payment.getString("customer_name"))
                                    .toLowerCase(Locale.ROOT)
                                    .contains(search.toLowerCase(Locale.ROOT)))
                    && (filter == null
                            || filter.equals("PaymentMode.All")
                            || filter.equalsIgnoreCase("PaymentMode." + payment.getString("payment_mode")));
            if (matches) rows.add(row(payment));
        }
        ZohoReplies.list(
                rc,
                "customer_payments",
                Filters.sorted(rc, rows, SORT_COLUMNS, "date"),
                Filters.pageContext(rc, SORT_COLUMNS, "date")
                        .put("report_name", "Customer Payments")
                        .put("applied_filter", filter == null ? "PaymentMode.All" : filter));
    }

    /**
     * The invoice applications of a valid payment body, or null after answering what is wrong.
     * {@code alreadyApplied} is what this payment holds on each invoice now (an edit may re-use it).
     */
    private JsonArray checked(RoutingContext rc, JsonObject body, Map<String, Double> alreadyApplied) {
        JsonObject customer = contacts.find(body.getString("customer_id"));
        String invalid = customer == null
                ? "customer_id"
                : Bodies.blank(body.getString("payment_mode"))
                        ? "payment_mode"
                        : !(body.getValue("amount") instanceof Number amount) || amount.doubleValue() <= 0
                                ? "amount"
                                : !DATE.matcher(body.getString("date", "")).matches() ? "date" : null;
        if (invalid != null) {
            ZohoReplies.invalid(rc, invalid);
            return null;
        }
        JsonArray applied = new JsonArray();
        double total = 0;
        for (Object entry : Bodies.array(body, "invoices")) {
            JsonObject application = entry instanceof JsonObject o ? o : new JsonObject();
            JsonObject invoice = invoices.find(application.getString("invoice_id"));
            if (invoice == null
                    || !invoice.getString("customer_id").equals(customer.getString("contact_id"))
                    || invoice.getString("status").equals("void")) {
                ZohoReplies.invalid(rc, "invoice_id");
                return null;
            }
            if (!(application.getValue("amount_applied") instanceof Number amount) || amount.doubleValue() <= 0) {
                ZohoReplies.invalid(rc, "amount_applied");
                return null;
            }
            double available =
                    invoice.getDouble("balance") + alreadyApplied.getOrDefault(invoice.getString("invoice_id"), 0.0);
            if (amount.doubleValue() > available + 0.001) {
                ZohoReplies.error(rc, 400, 24016, "The amount entered is more than the balance due for this invoice.");
                return null;
            }
            total += amount.doubleValue();
            applied.add(new JsonObject()
                    .put("invoice_id", invoice.getString("invoice_id"))
                    .put("amount_applied", Bodies.money(amount.doubleValue())));
        }
        if (total + body.getDouble(REFUNDED) > body.getNumber("amount").doubleValue() + 0.001) {
            ZohoReplies.invalid(rc, "amount");
            return null;
        }
        return applied;
    }

    /** Applies the checked amounts to the invoices and saves the payment with Zoho's invoice summary. */
    private void record(JsonObject payment, JsonObject body, JsonArray applied) {
        JsonObject customer = contacts.find(body.getString("customer_id"));
        JsonArray summary = new JsonArray();
        double appliedTotal = 0;
        for (Object entry : applied) {
            JsonObject application = (JsonObject) entry;
            JsonObject invoice = invoices.find(application.getString("invoice_id"));
            double amount = application.getDouble("amount_applied");
            invoices.applyPayment(invoice, amount);
            appliedTotal += amount;
            summary.add(new JsonObject()
                    .put("invoice_id", invoice.getString("invoice_id"))
                    .put("invoice_number", invoice.getString("invoice_number"))
                    .put("date", invoice.getString("date"))
                    .put("invoice_amount", invoice.getDouble("total"))
                    .put("amount_applied", amount)
                    .put("balance_amount", invoice.getDouble("balance")));
        }
        double amount = body.getNumber("amount").doubleValue();
        if (Bodies.blank(payment.getString("account_id"))) payment.put("account_id", DEFAULT_DEPOSIT_ACCOUNT);
        payment.put("amount", amount)
                .put("unused_amount", Bodies.money(amount - appliedTotal - payment.getDouble(REFUNDED)))
                .put("invoices", summary)
                .put("customer_name", customer.getString("contact_name"))
                .put("currency_code", customer.getString("currency_code"));
        save(payment);
    }

    JsonObject find(String id) {
        return ledger.find(ENTITY, id);
    }

    /** Records a refund of part of the unused amount. */
    void refunded(JsonObject payment, BigDecimal amount) {
        BigDecimal refunded = Refunds.amount(payment, REFUNDED).add(amount);
        payment.put(REFUNDED, refunded.doubleValue())
                .put(
                        "unused_amount",
                        Refunds.amount(payment, "unused_amount")
                                .subtract(amount)
                                .doubleValue());
        save(payment);
    }

    private void save(JsonObject payment) {
        ledger.save(
                ENTITY,
                payment.getString("payment_id"),
                payment,
                List.of(payment.getString("payment_id"), payment.getString("reference_number", "")),
                List.of(payment.getString("description", "")));
    }

    private static JsonObject view(JsonObject payment) {
        JsonObject view = payment.copy();
        view.remove(NUMBER);
        return view;
    }

    /** A list row: number, date, mode, amount and the invoices it paid (Zoho lists no reference or customer here). */
    private static JsonObject row(JsonObject payment) {
        String invoiceNumbers = String.join(
                ",",
                Bodies.array(payment, "invoices").stream()
                        .map(i -> ((JsonObject) i).getString("invoice_number"))
                        .toList());
        return new JsonObject()
                .put("payment_id", payment.getString("payment_id"))
                .put(NUMBER, payment.getString(NUMBER))
                .put("invoice_number", invoiceNumbers)
                .put("date", payment.getString("date"))
                .put("payment_mode", payment.getString("payment_mode"))
                .put("amount", payment.getDouble("amount"))
                .put("bcy_amount", payment.getDouble("amount"));
    }

    private void unapply(JsonObject payment) {
        appliedBy(payment).forEach((invoiceId, amount) -> {
            JsonObject invoice = invoices.find(invoiceId);
            if (invoice != null) invoices.applyPayment(invoice, -amount);
        });
    }

    private static Map<String, Double> appliedBy(JsonObject payment) {
        Map<String, Double> applied = new HashMap<>();
        Bodies.array(payment, "invoices")
                .forEach(entry -> applied.merge(
                        ((JsonObject) entry).getString("invoice_id"),
                        ((JsonObject) entry).getDouble("amount_applied"),
                        Double::sum));
        return applied;
    }
}
