package io.zohosync.sandbox.billing;

import io.vertx.ext.web.Router;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.ProductPolicy;
import io.zohosync.sandbox.core.SandboxApi;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.ZohoReplies;

/** Zoho Billing v1 under {@code /billing/v1}: customers, products, plans, addons, subscriptions, invoices, payments, hosted pages, events and signed webhooks. */
public final class BillingApi implements SandboxApi {
    public static final String PRODUCT = "billing";
    public static final String ORGANIZATION_HEADER = "X-com-zoho-subscriptions-organizationid";
    static final String ROOT = "/billing/v1";

    @Override
    public void mount(Router router, SandboxContext context) {
        ApiRoutes routes = context.routes(
                router,
                new ProductPolicy(
                        PRODUCT, ProductPolicy.headerOrganization(ORGANIZATION_HEADER), ZohoReplies.BOOKS_STYLE));
        BillingLedger ledger = new BillingLedger(context);
        Customers customers = new Customers(ledger);
        customers.mount(routes);
        Products products = new Products(ledger);
        products.mount(routes);
        Catalog plans = new Catalog(ledger, products, Catalog.PLANS);
        plans.mount(routes);
        Catalog addons = new Catalog(ledger, products, Catalog.ADDONS);
        addons.mount(routes);
        BillingInvoices invoices = new BillingInvoices(ledger, customers);
        invoices.mount(routes);
        Subscriptions subscriptions = new Subscriptions(ledger, customers, plans, addons, invoices);
        subscriptions.mount(routes);
        new Payments(ledger, customers, invoices).mount(routes);
        new HostedPages(ledger, customers, subscriptions).mount(routes, router);
        new Events(ledger).mount(routes);
        new Transactions(ledger).mount(routes);
        context.shared(BillingUi.class, () -> new BillingUi(ledger, customers, subscriptions, invoices));
    }
}
