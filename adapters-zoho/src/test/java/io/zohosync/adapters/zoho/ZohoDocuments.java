package io.zohosync.adapters.zoho;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Zoho's OpenAPI documents from {@code $ZOHO_OPENAPI_DIR} (never copied into the repository), and the check that a
 * request the adapter sent is one Zoho documents. Tests that use it are skipped, with a message, when the variable is unset.
 */
final class ZohoDocuments {

    static final String DIR_VARIABLE = "ZOHO_OPENAPI_DIR";

    /** Which document describes a path, by product root and path prefix; the first match wins. */
    private static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();

    static {
        DOCUMENTS.put("/books/v3/contacts/contactpersons", "books/contact-persons.yml");
        DOCUMENTS.put("/books/v3/contacts", "books/contacts.yml");
        DOCUMENTS.put("/books/v3/items", "books/items.yml");
        DOCUMENTS.put("/books/v3/invoices", "books/invoices.yml");
        DOCUMENTS.put("/books/v3/customerpayments", "books/customer-payments.yml");
        DOCUMENTS.put("/books/v3/creditnotes", "books/credit-notes.yml");
        DOCUMENTS.put("/books/v3/estimates", "books/estimates.yml");
        DOCUMENTS.put("/books/v3/settings/taxes", "books/taxes.yml");
        DOCUMENTS.put("/billing/v1/customers", "billing/customers.yml");
        DOCUMENTS.put("/billing/v1/subscriptions", "billing/subscription.yml");
        DOCUMENTS.put("/billing/v1/hostedpages", "billing/hosted-pages.yml");
        DOCUMENTS.put("/billing/v1/invoices", "billing/invoices.yml");
        DOCUMENTS.put("/billing/v1/payments", "billing/payments.yml");
        DOCUMENTS.put("/crm/v8", "crm/record.json");
    }

    /** Where Zoho's CRM documents point their {@code $ref}s: GitHub, which these tests do not reach. */
    private static final String CRM_REMOTE =
            "https://raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/refs/heads/main/v8.0/";

    /** The CRM documents Zoho refers to but that are not in the folder; their schemas are read as any object. */
    private static final List<String> CRM_NOT_SHIPPED = List.of("users.json", "tags.json", "modules.json");

    /**
     * The documents' known over-strictness (zoho-openapi/README.md): alternatives marked as all required. Each entry is
     * a method, a path prefix and a field the document wrongly requires there; a message about it is not counted.
     */
    private static final List<String[]> QUIRKS = List.of(
            new String[] {"POST", "/books/v3/customerpayments", "invoice_id"},
            new String[] {"POST", "/books/v3/customerpayments", "amount_applied"},
            new String[] {"PUT", "/books/v3/estimates/", "custom_fields"},
            new String[] {"PUT", "/books/v3/customerpayments", "invoice_id"},
            new String[] {"PUT", "/books/v3/customerpayments", "amount_applied"},
            new String[] {"POST", "/billing/v1/subscriptions", "customer"},
            new String[] {"POST", "/billing/v1/subscriptions", "card_id"},
            new String[] {"POST", "/billing/v1/subscriptions", "account_id"},
            new String[] {"POST", "/billing/v1/subscriptions", "tax_id"},
            new String[] {"PUT", "/billing/v1/subscriptions", "customer_id"},
            new String[] {"PUT", "/billing/v1/subscriptions", "card_id"},
            new String[] {"PUT", "/billing/v1/subscriptions", "account_id"},
            new String[] {"PUT", "/billing/v1/subscriptions", "tax_id"},
            new String[] {"POST", "/billing/v1/hostedpages", "customer"},
            new String[] {"POST", "/billing/v1/hostedpages", "tax_id"},
            new String[] {"POST", "/billing/v1/customers", "tax_authority_id"},
            new String[] {"POST", "/billing/v1/customers", "tax_authority_name"});

    /**
     * Fields the documents leave out of a request body where Zoho takes them: a method, a path prefix and the field. Create
     * credit note lines list no {@code rate}, although the answer's lines carry it and a line without an item needs one.
     */
    private static final List<String[]> UNDOCUMENTED =
            List.<String[]>of(new String[] {"POST", "/books/v3/creditnotes", "rate"});

    /** credit-notes.yml names two operations {@code list_credit_note_refunds}; the parser refuses repeated operation ids. */
    private static final Pattern OPERATION_ID = Pattern.compile("(operationId: ')([a-z_]+)(')");

    private final Path dir;
    private final Map<String, OpenApiInteractionValidator> validators = new HashMap<>();

    private ZohoDocuments(Path dir) {
        this.dir = dir;
    }

    /** The documents, or the test is skipped (visibly) when {@code ZOHO_OPENAPI_DIR} is unset. */
    static ZohoDocuments orSkip() {
        String dir = System.getenv(DIR_VARIABLE);
        Assumptions.assumeTrue(
                dir != null && Files.isDirectory(Path.of(dir, "books")),
                DIR_VARIABLE
                        + " is not set to the folder holding Zoho's books/, billing/ and crm/ OpenAPI documents: contract check skipped");
        return new ZohoDocuments(Path.of(dir));
    }

    /** Problems the documents find with one request; empty when it is valid (or its path is not documented here). */
    List<String> problems(
            String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        Optional<Map.Entry<String, String>> document = DOCUMENTS.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey()))
                .findFirst();
        if (document.isEmpty()) {
            return List.of("no Zoho document describes " + path);
        }
        OpenApiInteractionValidator validator = validators.computeIfAbsent(
                document.get().getValue(),
                file -> file.startsWith("crm/")
                        // CRM's paths are written out whole (/crm/v8/...) under a bare host
                        ? OpenApiInteractionValidator.createForSpecificationUrl(withLocalReferences(dir.resolve(file))
                                        .toUri()
                                        .toString())
                                .build()
                        // Books' and Billing's paths are relative to /books/v3 or /billing/v1
                        : OpenApiInteractionValidator.createForSpecificationUrl(
                                        loadable(dir.resolve(file)).toUri().toString())
                                .withBasePathOverride(path.substring(0, path.indexOf('/', 1) + 3))
                                .build());
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach(request::withQueryParam);
        headers.forEach(request::withHeader);
        if (body != null) {
            request.withBody(body);
        }
        ValidationReport report = validator.validateRequest(request.build());
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !onlyQuirks(method, path, m)) {
                problems.add(method + " " + path + ": " + m.getKey() + " " + m.getMessage());
            }
        }
        return problems;
    }

    /**
     * A "missing required properties" message naming only fields the document wrongly requires at this path, or an
     * "additional properties" one naming only fields it wrongly leaves out.
     */
    private static boolean onlyQuirks(String method, String path, ValidationReport.Message m) {
        List<String[]> quirks = m.getKey().endsWith(".required")
                ? QUIRKS
                : m.getKey().endsWith(".additionalProperties") ? UNDOCUMENTED : List.of();
        Matcher names = Pattern.compile("\\\"(\\w+)\\\"|\"(\\w+)\"").matcher(m.getMessage());
        boolean any = false;
        while (names.find()) {
            String field = names.group(1) != null ? names.group(1) : names.group(2);
            any = true;
            if (quirks.stream().noneMatch(q -> q[0].equals(method) && path.startsWith(q[1]) && q[2].equals(field))) {
                return false;
            }
        }
        return any;
    }

    /** The document, or a copy (in a temporary file) with its repeated operation ids renamed {@code _2}, {@code _3}... */
    private static Path loadable(Path document) {
        try {
            Map<String, Integer> seen = new HashMap<>();
            Matcher ids = OPERATION_ID.matcher(Files.readString(document));
            StringBuilder out = new StringBuilder();
            boolean renamed = false;
            while (ids.find()) {
                int count = seen.merge(ids.group(2), 1, Integer::sum);
                renamed |= count > 1;
                String id = count == 1 ? ids.group(2) : ids.group(2) + "_" + count;
                ids.appendReplacement(out, Matcher.quoteReplacement(ids.group(1) + id + ids.group(3)));
            }
            if (!renamed) {
                return document;
            }
            Path copy = Files.createTempFile("zoho-openapi-", ".yml");
            copy.toFile().deleteOnExit();
            return Files.writeString(copy, ids.appendTail(out).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of a CRM document (in a temporary file) whose {@code $ref}s to GitHub are local: those into {@code common.json}
     * point at the one in the folder (by a relative path: the parser reads {@code file:} references as relative), those
     * into the documents not shipped become any object. Any other remote reference fails the check, so a new one is seen
     * rather than fetched.
     */
    private static Path withLocalReferences(Path document) {
        try {
            Path copy = Files.createTempFile("zoho-crm-", ".json");
            copy.toFile().deleteOnExit();
            String common = copy.getParent()
                    .relativize(document.toAbsolutePath().resolveSibling("common.json"))
                    .toString();
            Files.writeString(
                    copy, ((JsonObject) localised(new JsonObject(Files.readString(document)), common)).encode());
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object localised(Object node, String common) {
        if (node instanceof JsonArray array) {
            JsonArray out = new JsonArray();
            array.forEach(item -> out.add(localised(item, common)));
            return out;
        }
        if (!(node instanceof JsonObject object)) {
            return node;
        }
        String ref = object.getString("$ref");
        if (ref != null && ref.startsWith(CRM_REMOTE)) {
            String target = ref.substring(CRM_REMOTE.length());
            String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            if (file.equals("common.json")) {
                return new JsonObject().put("$ref", common + target.substring(file.length()));
            }
            if (CRM_NOT_SHIPPED.contains(file)) {
                return new JsonObject().put("type", "object");
            }
            throw new IllegalStateException(
                    "the CRM document refers to " + ref + ", which is neither in the folder nor known to be missing");
        }
        JsonObject out = new JsonObject();
        object.forEach(e -> out.put(e.getKey(), localised(e.getValue(), common)));
        return out;
    }
}
