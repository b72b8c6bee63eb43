package io.zohosync.adapters.zoho.books;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.invoice.Invoice;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoInvoices;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.List;
import java.util.Optional;

/** Zoho Books adapter for {@link ZohoInvoices}: {@code /books/v3/invoices}. */
public final class BooksInvoicesClient implements ZohoInvoices {

    private final ZohoApi api;

    public BooksInvoicesClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<ZohoInvoice>> create(Invoice invoice, ZohoLinks links) {
        return create(invoice, links, Optional.empty());
    }

    @Override
    public Future<ZohoOutcome<ZohoInvoice>> createFromEstimate(Invoice invoice, ZohoLinks links, String estimateId) {
        return create(invoice, links, Optional.of(estimateId));
    }

    private Future<ZohoOutcome<ZohoInvoice>> create(Invoice invoice, ZohoLinks links, Optional<String> estimateId) {
        Optional<String> missing = BooksLines.missingLink(invoice.lines(), invoice.taxScheme(), links);
        if (missing.isPresent()) {
            return Future.succeededFuture(new ZohoOutcome.Validation<>("links", missing.get()));
        }
        JsonObject body = body(invoice, links);
        estimateId.ifPresent(id -> body.put("invoiced_estimate_id", id));
        ZohoRequest request = ZohoRequest.post(ZohoProduct.BOOKS, "/invoices", body);
        invoice.number().ifPresent(number -> {
            body.put("invoice_number", number);
            request.param("ignore_auto_number_generation", true);
        });
        return api.call(request, r -> invoice(r.getJsonObject("invoice")))
                .compose(o -> o instanceof ZohoOutcome.Duplicate<ZohoInvoice> d
                        ? withExisting(invoice, d)
                        : Future.succeededFuture(o));
    }

    /** The number is not sent: an update never renumbers, so auto-numbering is not touched. */
    @Override
    public Future<ZohoOutcome<ZohoInvoice>> update(String invoiceId, Invoice invoice, ZohoLinks links) {
        Optional<String> missing = BooksLines.missingLink(invoice.lines(), invoice.taxScheme(), links);
        if (missing.isPresent()) {
            return Future.succeededFuture(new ZohoOutcome.Validation<>("links", missing.get()));
        }
        return api.call(
                ZohoRequest.put(ZohoProduct.BOOKS, "/invoices/" + invoiceId, body(invoice, links)),
                r -> invoice(r.getJsonObject("invoice")));
    }

    private static JsonObject body(Invoice invoice, ZohoLinks links) {
        JsonObject body = BooksLines.document(
                        new JsonObject(),
                        invoice.lines(),
                        invoice.currency(),
                        invoice.priceBasis(),
                        invoice.taxScheme(),
                        links)
                .put("reference_number", invoice.referenceNumber())
                .put("date", invoice.date().toString());
        if (invoice.dueDate() != null) {
            body.put("due_date", invoice.dueDate().toString());
        }
        return body;
    }

    @Override
    public Future<ZohoOutcome<ZohoInvoice>> get(String invoiceId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/invoices/" + invoiceId), r -> invoice(r.getJsonObject("invoice")));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoInvoice>>> findByNumber(String invoiceNumber) {
        return list(ZohoRequest.get(ZohoProduct.BOOKS, "/invoices").param("invoice_number", invoiceNumber));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoInvoice>>> findByReference(String referenceNumber) {
        return list(ZohoRequest.get(ZohoProduct.BOOKS, "/invoices").param("reference_number", referenceNumber));
    }

    @Override
    public Future<ZohoOutcome<ZohoInvoice>> markSent(String invoiceId) {
        return api.call(ZohoRequest.post(ZohoProduct.BOOKS, "/invoices/" + invoiceId + "/status/sent", null), r -> r)
                .compose(o -> o instanceof ZohoOutcome.Success<JsonObject>
                        ? get(invoiceId)
                        : Future.succeededFuture(ZohoOutcome.retype(o)));
    }

    /** Zoho refused the number as taken: the invoice holding it is the existing one when it carries our reference. */
    private Future<ZohoOutcome<ZohoInvoice>> withExisting(
            Invoice invoice, ZohoOutcome.Duplicate<ZohoInvoice> duplicate) {
        Future<ZohoOutcome<List<ZohoInvoice>>> found = invoice.number().isPresent()
                ? findByNumber(invoice.number().get())
                : findByReference(invoice.referenceNumber());
        return found.map(o -> o instanceof ZohoOutcome.Success<List<ZohoInvoice>> s
                        && s.value().size() == 1
                        && invoice.referenceNumber().equals(s.value().get(0).referenceNumber())
                ? new ZohoOutcome.Duplicate<>(Optional.of(s.value().get(0)), duplicate.message())
                : duplicate);
    }

    private Future<ZohoOutcome<List<ZohoInvoice>>> list(ZohoRequest request) {
        return api.call(
                request,
                r -> r.getJsonArray("invoices", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BooksInvoicesClient::invoice)
                        .toList());
    }

    static ZohoInvoice invoice(JsonObject i) {
        return new ZohoInvoice(
                i.getString("invoice_id"),
                i.getString("invoice_number"),
                ZohoJson.blankToNull(i.getString("reference_number")),
                i.getString("customer_id"),
                i.getString("status"),
                ZohoJson.decimal(i, "total"),
                ZohoJson.decimal(i, "balance"));
    }
}
