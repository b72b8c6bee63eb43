package io.zohosync.adapters.zoho.books;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoTax;
import io.zohosync.ports.out.zoho.ZohoTaxes;
import java.util.List;

/** Zoho Books adapter for {@link ZohoTaxes}: {@code /books/v3/settings/taxes}. */
public final class BooksTaxesClient implements ZohoTaxes {

    private final ZohoApi api;

    public BooksTaxesClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<List<ZohoTax>>> list() {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/settings/taxes"),
                r -> r.getJsonArray("taxes", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(t -> new ZohoTax(
                                t.getString("tax_id"),
                                t.getString("tax_name"),
                                ZohoJson.decimal(t, "tax_percentage"),
                                t.getString("tax_type"),
                                ZohoJson.blankToNull(t.getString("tax_specific_type"))))
                        .toList());
    }
}
