package io.zohosync.sandbox;

import com.atlassian.oai.validator.report.ValidationReport;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validation messages explained by known defects of Zoho's OpenAPI documents (listed in the documents' README);
 * each quirk names the call, the message key, where it points and a telling part of the text, so nothing else slips by.
 */
public final class ZohoDocumentQuirks {
    /** One known defect: calls whose path matches, a message key, an instance-pointer pattern and text that must appear. */
    private record Quirk(String path, String key, String pointer, String text, String why) {
        boolean explains(String callPath, ValidationReport.Message message, String at) {
            return Pattern.matches(path, callPath)
                    && message.getKey().equals(key)
                    && Pattern.matches(pointer, at)
                    && message.getMessage().contains(text);
        }
    }

    private static final String AMOUNTS = "(total|sub_total|tax_total|balance|shipping_charge|adjustment|tax_percentage"
            + "|outstanding_receivable_amount|unused_credits_receivable_amount|amount_bcy|amount_fcy|bcy_amount|tax_amount)";

    private static final List<Quirk> QUIRKS = List.of(
            new Quirk(
                    ".*",
                    "validation.response.body.schema.type",
                    ".*/" + AMOUNTS,
                    "Instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])",
                    "amounts typed as integers; Zoho answers decimals"),
            new Quirk(
                    ".*",
                    "validation.response.body.schema.type",
                    ".*/" + AMOUNTS,
                    "Instance type (number) does not match any allowed primitive type (allowed: [\"string\"])",
                    "amounts typed as strings although their own examples are numbers (total: 10000.00)"),
            new Quirk(
                    "/books/v3/(invoices|estimates)",
                    "validation.response.body.schema.type",
                    "/page_context",
                    "Instance type (object) does not match any allowed primitive type (allowed: [\"array\"])",
                    "invoices.yml and estimates.yml type page_context as an array of strings; Zoho's pagination page and the other lists use an object"),
            new Quirk(
                    "/books/v3/customerpayments(/\\d+)?",
                    "validation.request.body.schema.required",
                    "/?",
                    "[\"amount_applied\",\"invoice_id\"]",
                    "customer payments list top-level invoice_id and amount_applied as required besides invoices[]"),
            new Quirk(
                    "/books/v3/estimates/\\d+",
                    "validation.request.body.schema.required",
                    "/?",
                    "[\"custom_fields\"]",
                    "PUT /estimates lists custom_fields as required"),
            new Quirk(
                    "/books/v3/customerpayments(/\\d+)?",
                    "validation.response.body.schema.additionalProperties",
                    "/payment",
                    "[\"account_id\",\"unused_amount\"]",
                    "the payment answers omit the deposit account (which the create request takes as account_id) and the"
                            + " unused amount (what a refund of the excess may take), both of which Zoho answers"),
            new Quirk(
                    "/books/v3/creditnotes",
                    "validation.response.body.schema.type",
                    "/creditnotes",
                    "Instance type (array) does not match any allowed primitive type (allowed: [\"object\"])",
                    "the credit notes list types creditnotes as one object; Zoho's lists are arrays"),
            new Quirk(
                    "/books/v3/creditnotes",
                    "validation.response.body.schema.additionalProperties",
                    "/?",
                    "[\"page_context\"]",
                    "the credit notes list schema is closed and omits page_context, which Zoho's pagination page documents for every list"),
            new Quirk(
                    "/books/v3/creditnotes",
                    "validation.request.body.schema.additionalProperties",
                    "/line_items/\\d+",
                    "[\"rate\"]",
                    "create credit note lines omit rate, which the answer's lines and Zoho's examples carry (a line without an item needs one)"),
            new Quirk(
                    "/books/v3/creditnotes(/\\d+)?",
                    "validation.response.body.schema.type",
                    "/creditnote/line_items/\\d+/quantity",
                    "Instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])",
                    "credit-notes.yml types quantity int32; invoices.yml, whose lines a credit note copies, takes decimals"),
            new Quirk(
                    "/books/v3/creditnotes/\\d+",
                    "validation.response.body.schema.additionalProperties",
                    "/creditnote/line_items/\\d+",
                    "[\"discount\",\"item_order\",\"line_item_id\",\"rate\",\"unit\"]",
                    "the read's lines omit line_item_id, rate, discount, unit and item_order, which the create answer's lines carry"),
            new Quirk(
                    "/billing/v1/(customers|addons|events|subscriptions|plans|invoices)",
                    "validation.response.body.schema.additionalProperties",
                    "/?",
                    "[\"page_context\"]",
                    "Billing list schemas are closed and omit page_context, which Zoho's pagination page documents for every list"),
            new Quirk(
                    "/billing/v1/(customers(/\\d+)?|subscriptions)",
                    "validation.request.body.schema.required",
                    "/?(customer)?",
                    "\"tax_authority_id\",\"tax_authority_name\"",
                    "customers.yml lists both tax authority fields (US sales tax) as required"),
            new Quirk(
                    "/billing/v1/customers",
                    "validation.request.body.schema.additionalProperties",
                    "/?",
                    "[\"zcrm_account_id\"]",
                    "CRM links are set by Zoho's CRM integration; the sandbox takes zcrm_account_id on create to stand in for it"),
            new Quirk(
                    "/billing/v1/(subscriptions(/\\d+)?|hostedpages/(new|update)subscription)",
                    "validation.request.body.schema.required",
                    "/?",
                    "\"account_id\",\"card_id\"",
                    "subscriptions list card_id, account_id and both customer and customer_id as required alternatives"),
            new Quirk(
                    "/billing/v1/hostedpages/newsubscription",
                    "validation.request.body.schema.required",
                    "/?",
                    "[\"customer\"]",
                    "hosted pages list customer and customer_id as required alternatives"),
            new Quirk(
                    "/billing/v1/(subscriptions(/\\d+)?|hostedpages/(new|update)subscription)",
                    "validation.request.body.schema.required",
                    "/(plan|addons/\\d+)",
                    "[\"tax_id\"]",
                    "plan.tax_id and addons[].tax_id are listed as required; Zoho's prose makes only the codes required"),
            new Quirk(
                    "/billing/v1/addons",
                    "validation.request.body.schema.oneOf",
                    "/?",
                    "matched 0 out of 4",
                    "addon create is a oneOf of four pricing schemes, each listing every field of all of them (plans, price, start_quantity...) as required"),
            new Quirk(
                    "/billing/v1/invoices",
                    "validation.request.body.schema.required",
                    "/invoice_items/\\d+",
                    "[\"product_id\",\"rate\"]",
                    "invoice_items require product_id and rate although the same schema's price field is what the responses carry"),
            new Quirk(
                    "/billing/v1/invoices",
                    "validation.request.body.schema.type",
                    "/invoice_items/\\d+/price",
                    "Instance type (number) does not match any allowed primitive type (allowed: [\"string\"])",
                    "invoice item price typed string; it is an amount"),
            new Quirk(
                    "/billing/v1/invoices(/\\d+)?",
                    "validation.response.body.schema.type",
                    "/invoice/invoice_items/\\d+/(price|item_total)",
                    "Instance type (number) does not match any allowed primitive type",
                    "invoice item price typed string and item_total integer; Zoho answers decimals"),
            new Quirk(
                    "/billing/v1/(subscriptions.*|hostedpages/\\d+)",
                    "validation.response.body.schema.type",
                    "(/subscriptions/\\d+|/subscription|/data/subscription)/interval",
                    "Instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])",
                    "subscription.yml types interval as a string; plans.yml, whose value it copies, types it integer"),
            new Quirk(
                    "/billing/v1/subscriptions/\\d+",
                    "validation.response.body.schema.additionalProperties",
                    "/subscription/customer",
                    "[\"customer_id\"]",
                    "the update response's customer omits customer_id, which the create and retrieve responses carry"),
            new Quirk(
                    "/crm/v8/[^/]+/(search|\\d+)",
                    "validation.response.status.unknown",
                    ".*",
                    "Response status 204 not defined",
                    "CRM answers 204 with no body when nothing matches; record.json lists only 200"));

    private static final Pattern OPERATION_ID = Pattern.compile("(operationId: ')([a-z_]+)(')");

    private ZohoDocumentQuirks() {}

    /**
     * A document's text as the parser can load it: credit-notes.yml names both {@code GET /creditnotes/refunds} and
     * {@code GET /creditnotes/{id}/refunds} {@code list_credit_note_refunds}, and the parser refuses repeated operation
     * ids; a repeat is renamed ({@code _2}, ...), which changes nothing that is validated.
     */
    public static String loadable(String document) {
        Map<String, Integer> seen = new HashMap<>();
        Matcher ids = OPERATION_ID.matcher(document);
        StringBuilder out = new StringBuilder();
        while (ids.find()) {
            int count = seen.merge(ids.group(2), 1, Integer::sum);
            String id = count == 1 ? ids.group(2) : ids.group(2) + "_" + count;
            ids.appendReplacement(out, Matcher.quoteReplacement(ids.group(1) + id + ids.group(3)));
        }
        return ids.appendTail(out).toString();
    }

    /**
     * The status a response is validated under: CRM documents only 200 for its writes, although Zoho answers 201 (all
     * inserted), 207 (mixed) or 400 (none written) with the same {@code data} body; those bodies are checked against the 200 schema.
     */
    public static int documentedStatus(String path, int status) {
        return path.startsWith("/crm/v8/") && (status == 201 || status == 207 || status == 400) ? 200 : status;
    }

    /**
     * A response body with the values the documents mistype taken out, so the rest is still checked strictly (CRM wraps its
     * per-record results in a oneOf whose failure cannot be explained field by field): upsert's {@code duplicate_field} is
     * null on an insert but typed string, and DUPLICATE_DATA's {@code details.more_records}, in Zoho's own examples, is
     * missing from {@code API_Exception.details}.
     */
    public static String normalised(String path, String body) {
        if (body == null || !path.startsWith("/crm/v8/") || !body.startsWith("{\"data\"")) return body;
        JsonObject json = new JsonObject(body);
        for (Object item : json.getJsonArray("data")) {
            if (!(item instanceof JsonObject result)) continue;
            if (result.containsKey("duplicate_field") && result.getValue("duplicate_field") == null)
                result.remove("duplicate_field");
            if (result.getValue("details") instanceof JsonObject details) details.remove("more_records");
        }
        return json.encode();
    }

    /** Why a oneOf or anyOf failed: the messages of each alternative, when the validator gives them. */
    private static String nested(ValidationReport.Message message) {
        return message.getNestedMessages().isEmpty()
                ? ""
                : " "
                        + message.getNestedMessages().stream()
                                .map(inner -> inner.getMessage() + nested(inner))
                                .toList();
    }

    /** The error messages of a report that no known quirk explains, formatted for an assertion. */
    public static List<String> unexplained(String path, ValidationReport report) {
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) continue;
            String at = message.getContext()
                    .flatMap(ValidationReport.MessageContext::getPointers)
                    .map(ValidationReport.MessageContext.Pointers::getInstance)
                    .orElse("");
            if (QUIRKS.stream().noneMatch(quirk -> quirk.explains(path, message, at))) {
                problems.add(message.getKey() + " @" + at + ": " + message.getMessage() + nested(message));
            }
        }
        return problems;
    }
}
