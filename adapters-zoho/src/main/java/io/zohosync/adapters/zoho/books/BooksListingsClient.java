package io.zohosync.adapters.zoho.books;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoItem;
import io.zohosync.ports.out.zoho.ZohoListings;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoPayment;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.function.Function;

/**
 * Zoho Books adapter for {@link ZohoListings}: the list endpoints, 200 rows a page (Books' largest), read with the
 * same mappings as single objects. An object created while the pages are read may be missed or seen twice: it is
 * compared at the next reconciliation (the rules ignore what no record links).
 */
public final class BooksListingsClient implements ZohoListings {

    static final int PAGE_SIZE = 200;

    private final ZohoApi api;

    public BooksListingsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<Page<ZohoContact>>> contacts(int page) {
        return page(list("/contacts", page).param("filter_by", "Status.All"), "contacts", BooksContactsClient::contact);
    }

    @Override
    public Future<ZohoOutcome<Page<ZohoContact>>> contactsMentioning(String text, int page) {
        return page(list("/contacts", page).param("search_text", text), "contacts", BooksContactsClient::contact);
    }

    @Override
    public Future<ZohoOutcome<Page<ZohoItem>>> items(int page) {
        return page(list("/items", page).param("filter_by", "Status.All"), "items", BooksItemsClient::item);
    }

    @Override
    public Future<ZohoOutcome<Page<ZohoInvoice>>> invoices(int page) {
        return page(list("/invoices", page).param("filter_by", "Status.All"), "invoices", BooksInvoicesClient::invoice);
    }

    @Override
    public Future<ZohoOutcome<Page<ZohoPayment>>> payments(int page) {
        return page(list("/customerpayments", page), "customer_payments", BooksCustomerPaymentsClient::payment);
    }

    private static ZohoRequest list(String path, int page) {
        return ZohoRequest.get(ZohoProduct.BOOKS, path)
                .param("page", String.valueOf(page))
                .param("per_page", String.valueOf(PAGE_SIZE));
    }

    private <T> Future<ZohoOutcome<Page<T>>> page(ZohoRequest request, String rows, Function<JsonObject, T> row) {
        return api.call(
                request,
                r -> new Page<>(
                        r.getJsonArray(rows, new JsonArray()).stream()
                                .map(JsonObject.class::cast)
                                .map(row)
                                .toList(),
                        r.getJsonObject("page_context", new JsonObject()).getBoolean("has_more_page", false)));
    }
}
