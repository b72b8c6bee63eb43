package io.zohosync.sandbox.books;

import io.vertx.ext.web.Router;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.ProductPolicy;
import io.zohosync.sandbox.core.SandboxApi;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.ZohoReplies;

/**
 * Zoho Books v3 under {@code /books/v3}: organizations, contacts and persons, items, invoices, payments and their refunds,
 * credit notes and their refunds, estimates, taxes.
 */
public final class BooksApi implements SandboxApi {
    public static final String PRODUCT = "books";
    static final String ROOT = "/books/v3";

    @Override
    public void mount(Router router, SandboxContext context) {
        ApiRoutes routes = context.routes(
                router,
                new ProductPolicy(PRODUCT, ProductPolicy.queryOrganization(), ZohoReplies.BOOKS_STYLE)
                        .withRateLimitHeaders());
        Ledger ledger = new Ledger(context, PRODUCT);
        new Organizations(ledger)
                .mount(context.routes(
                        router, new ProductPolicy(PRODUCT, null, ZohoReplies.BOOKS_STYLE).withRateLimitHeaders()));
        Contacts contacts = new Contacts(ledger);
        contacts.mount(routes);
        new ContactPersons(contacts).mount(routes);
        Taxes taxes = new Taxes(ledger);
        taxes.mount(routes);
        Items items = new Items(ledger, taxes);
        items.mount(routes);
        LineItems lineItems = new LineItems(ledger, items, taxes);
        Estimates estimates = new Estimates(new SalesDocuments(
                ledger,
                contacts,
                lineItems,
                new SalesDocuments.Kind("estimates", "estimate", "estimate_number", "EST-", "Estimate")));
        Invoices invoices = new Invoices(
                new SalesDocuments(
                        ledger,
                        contacts,
                        lineItems,
                        new SalesDocuments.Kind("invoices", "invoice", "invoice_number", "INV-", "Invoice")),
                estimates);
        invoices.mount(routes);
        CustomerPayments payments = new CustomerPayments(ledger, contacts, invoices);
        payments.mount(routes);
        new PaymentRefunds(ledger, payments).mount(routes);
        CreditNotes creditNotes = new CreditNotes(ledger, contacts, invoices, lineItems);
        new CreditNoteRefunds(ledger, creditNotes).mount(routes);
        creditNotes.mount(routes);
        estimates.mount(routes);
    }
}
