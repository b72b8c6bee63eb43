package io.zohosync.adapters.zoho.books;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.quote.Quote;
import io.zohosync.ports.out.zoho.ZohoEstimate;
import io.zohosync.ports.out.zoho.ZohoEstimates;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.List;
import java.util.Optional;

/** Zoho Books adapter for {@link ZohoEstimates}: {@code /books/v3/estimates}, estimate number and reference number = the quote's platform id. */
public final class BooksEstimatesClient implements ZohoEstimates {

    private final ZohoApi api;

    public BooksEstimatesClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<ZohoEstimate>> create(Quote quote, ZohoLinks links) {
        Optional<String> missing = BooksLines.missingLink(quote.lines(), quote.taxScheme(), links);
        if (missing.isPresent()) {
            return Future.succeededFuture(new ZohoOutcome.Validation<>("links", missing.get()));
        }
        JsonObject body = body(quote, links).put("estimate_number", quote.estimateNumber());
        return api.call(
                ZohoRequest.post(ZohoProduct.BOOKS, "/estimates", body).param("ignore_auto_number_generation", true),
                r -> estimate(r.getJsonObject("estimate")));
    }

    @Override
    public Future<ZohoOutcome<ZohoEstimate>> update(String estimateId, Quote quote, ZohoLinks links) {
        Optional<String> missing = BooksLines.missingLink(quote.lines(), quote.taxScheme(), links);
        if (missing.isPresent()) {
            return Future.succeededFuture(new ZohoOutcome.Validation<>("links", missing.get()));
        }
        return api.call(
                ZohoRequest.put(ZohoProduct.BOOKS, "/estimates/" + estimateId, body(quote, links)),
                r -> estimate(r.getJsonObject("estimate")));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoEstimate>>> findByNumber(String estimateNumber) {
        return list(ZohoRequest.get(ZohoProduct.BOOKS, "/estimates").param("estimate_number", estimateNumber));
    }

    @Override
    public Future<ZohoOutcome<Void>> mark(String estimateId, String status) {
        return api.call(
                ZohoRequest.post(ZohoProduct.BOOKS, "/estimates/" + estimateId + "/status/" + status, null), r -> null);
    }

    private static JsonObject body(Quote quote, ZohoLinks links) {
        JsonObject body = BooksLines.document(
                        new JsonObject(), quote.lines(), quote.currency(), quote.priceBasis(), quote.taxScheme(), links)
                .put("reference_number", quote.platformId())
                .put("date", quote.date().toString());
        if (quote.expiryDate() != null) {
            body.put("expiry_date", quote.expiryDate().toString());
        }
        return body;
    }

    @Override
    public Future<ZohoOutcome<ZohoEstimate>> get(String estimateId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/estimates/" + estimateId),
                r -> estimate(r.getJsonObject("estimate")));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoEstimate>>> findByReference(String referenceNumber) {
        return list(ZohoRequest.get(ZohoProduct.BOOKS, "/estimates").param("reference_number", referenceNumber));
    }

    private Future<ZohoOutcome<List<ZohoEstimate>>> list(ZohoRequest request) {
        return api.call(
                request,
                r -> r.getJsonArray("estimates", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BooksEstimatesClient::estimate)
                        .toList());
    }

    static ZohoEstimate estimate(JsonObject e) {
        return new ZohoEstimate(
                e.getString("estimate_id"),
                e.getString("estimate_number"),
                ZohoJson.blankToNull(e.getString("reference_number")),
                e.getString("customer_id"),
                e.getString("status"),
                ZohoJson.decimal(e, "total"));
    }
}
