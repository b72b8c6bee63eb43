package io.zohosync.sandbox.books;

import io.vertx.ext.web.Router;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.ProductPolicy;
import io.zohosync.sandbox.core.SandboxApi;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.ZohoReplies;

/** Zoho Books v3 under {@code /books/v3}: organizations, contacts and persons, items, invoices, payments, estimates, taxes. */
public final class BooksApi implements SandboxApi {
  public static final String PRODUCT = "books";
  static final String ROOT = "/books/v3";

  @Override
  public void mount(Router router, SandboxContext context) {
    ApiRoutes routes = context.routes(router, new ProductPolicy(PRODUCT, ProductPolicy.queryOrganization(), ZohoReplies.BOOKS_STYLE));
    BooksLedger ledger = new BooksLedger(context);
    new Contacts(ledger).mount(routes);
  }
}
