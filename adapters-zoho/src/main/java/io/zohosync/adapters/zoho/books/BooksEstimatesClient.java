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

/** Zoho Books adapter for {@link ZohoEstimates}: {@code /books/v3/estimates}, reference number = the quote's platform id. */
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
        JsonObject body = BooksLines.document(
                        new JsonObject(), quote.lines(), quote.currency(), quote.priceBasis(), quote.taxScheme(), links)
                .put("reference_number", quote.platformId())
                .put("date", quote.date().toString());
        if (quote.expiryDate() != null) {
            body.put("expiry_date", quote.expiryDate().toString());
        }
        return api.call(
                ZohoRequest.post(ZohoProduct.BOOKS, "/estimates", body), r -> estimate(r.getJsonObject("estimate")));
    }

    @Override
    public Future<ZohoOutcome<ZohoEstimate>> get(String estimateId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/estimates/" + estimateId),
                r -> estimate(r.getJsonObject("estimate")));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoEstimate>>> findByReference(String referenceNumber) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/estimates").param("reference_number", referenceNumber),
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
