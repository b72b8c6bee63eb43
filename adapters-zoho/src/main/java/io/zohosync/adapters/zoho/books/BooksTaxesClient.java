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
import java.math.BigDecimal;
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
                        .map(BooksTaxesClient::tax)
                        .toList());
    }

    /** Zoho answers the new tax as a one-element array (taxes.yml {@code tax}); an object is read too. */
    @Override
    public Future<ZohoOutcome<ZohoTax>> create(String name, BigDecimal percent, String specificType) {
        JsonObject body = new JsonObject()
                .put("tax_name", name)
                .put("tax_percentage", percent)
                .put("tax_type", "tax");
        if (specificType != null) {
            body.put("tax_specific_type", specificType);
        }
        return api.call(
                ZohoRequest.post(ZohoProduct.BOOKS, "/settings/taxes", body),
                r -> tax(
                        r.getValue("tax") instanceof JsonArray array
                                ? array.getJsonObject(0)
                                : r.getJsonObject("tax")));
    }

    private static ZohoTax tax(JsonObject t) {
        return new ZohoTax(
                t.getString("tax_id"),
                t.getString("tax_name"),
                ZohoJson.decimal(t, "tax_percentage"),
                t.getString("tax_type"),
                ZohoJson.blankToNull(t.getString("tax_specific_type")));
    }
}
