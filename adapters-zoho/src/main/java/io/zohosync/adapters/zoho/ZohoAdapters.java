package io.zohosync.adapters.zoho;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.adapters.zoho.billing.BillingCatalogClient;
import io.zohosync.adapters.zoho.billing.BillingCustomersClient;
import io.zohosync.adapters.zoho.billing.BillingInvoicesClient;
import io.zohosync.adapters.zoho.billing.BillingListingsClient;
import io.zohosync.adapters.zoho.billing.BillingPagesClient;
import io.zohosync.adapters.zoho.billing.BillingSubscriptionsClient;
import io.zohosync.adapters.zoho.books.BooksContactsClient;
import io.zohosync.adapters.zoho.books.BooksCustomerPaymentsClient;
import io.zohosync.adapters.zoho.books.BooksEstimatesClient;
import io.zohosync.adapters.zoho.books.BooksInvoicesClient;
import io.zohosync.adapters.zoho.books.BooksItemsClient;
import io.zohosync.adapters.zoho.books.BooksListingsClient;
import io.zohosync.adapters.zoho.books.BooksRefundsClient;
import io.zohosync.adapters.zoho.books.BooksTaxesClient;
import io.zohosync.adapters.zoho.call.Breakers;
import io.zohosync.adapters.zoho.call.ReservedCalls;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.crm.CrmRecordsClient;
import io.zohosync.adapters.zoho.inventory.InventoryAdjustmentsClient;
import io.zohosync.adapters.zoho.oauth.AccountsClient;
import io.zohosync.adapters.zoho.oauth.ConnectFlow;
import io.zohosync.adapters.zoho.oauth.InMemoryTokenStore;
import io.zohosync.adapters.zoho.oauth.OAuthSettings;
import io.zohosync.adapters.zoho.oauth.OAuthTokens;
import io.zohosync.ports.out.zoho.BillingListings;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoAuthorization;
import io.zohosync.ports.out.zoho.ZohoBillingCatalog;
import io.zohosync.ports.out.zoho.ZohoBillingCustomers;
import io.zohosync.ports.out.zoho.ZohoBillingInvoices;
import io.zohosync.ports.out.zoho.ZohoBillingPages;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoBudgetOutlook;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoConnection;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoCrm;
import io.zohosync.ports.out.zoho.ZohoCustomerPayments;
import io.zohosync.ports.out.zoho.ZohoEstimates;
import io.zohosync.ports.out.zoho.ZohoInvoices;
import io.zohosync.ports.out.zoho.ZohoItems;
import io.zohosync.ports.out.zoho.ZohoListings;
import io.zohosync.ports.out.zoho.ZohoRefunds;
import io.zohosync.ports.out.zoho.ZohoStock;
import io.zohosync.ports.out.zoho.ZohoSubscriptions;
import io.zohosync.ports.out.zoho.ZohoTaxes;
import io.zohosync.ports.out.zoho.ZohoTokens;
import io.zohosync.ports.out.zoho.ZohoWebLinks;
import java.time.Clock;

/**
 * Factory of the Zoho adapter: the one public entry to this module. Builds the OAuth token source, the
 * per-product circuit breakers and the domain-typed clients over one WebClient.
 */
public final class ZohoAdapters implements AutoCloseable {

    private final WebClient client;
    private final Breakers breakers;
    private final OAuthTokens tokens;
    private final Clock clock;
    private final ZohoBudget budget;
    private final ReservedCalls calls;
    private final ZohoApi api;
    private final ZohoContacts contacts;
    private final ZohoItems items;
    private final ZohoListings listings;
    private final ZohoInvoices invoices;
    private final ZohoCustomerPayments payments;
    private final ZohoRefunds refunds;
    private final ZohoEstimates estimates;
    private final ZohoTaxes taxes;
    private final ZohoCrm crm;
    private final ZohoBillingCustomers billingCustomers;
    private final ZohoBillingCatalog billingCatalog;
    private final ZohoSubscriptions subscriptions;
    private final ZohoBillingInvoices billingInvoices;
    private final ZohoBillingPages billingPages;
    private final ZohoStock stock;
    private final ZohoItems inventoryItems;
    private final ZohoAuthorization authorization;

    private final ZohoWebLinks webLinks;

    private ZohoAdapters(Vertx vertx, ZohoSettings settings, TokenStore tokenStore, ZohoBudget budget, Clock clock) {
        this.clock = clock;
        // enough connections for every product's concurrency allowance at once (they share the API host)
        int connections = settings.limits().values().stream()
                        .mapToInt(ZohoApiLimits::concurrency)
                        .sum()
                + 2;
        this.client = WebClient.create(
                vertx,
                new WebClientOptions().setUserAgent("zoho-sync").setConnectTimeout((int)
                        Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis())),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(connections * 4));
        OAuthSettings oauth = settings.oauth();
        AccountsClient accounts = new AccountsClient(client, oauth);
        this.tokens = new OAuthTokens(oauth, tokenStore, accounts, clock);
        this.breakers = new Breakers(vertx, settings.breakerFailures(), settings.breakerReset());
        this.budget = budget;
        this.calls = new ReservedCalls(budget, settings.api());
        this.api = new ZohoApi(client, settings.api(), tokens, calls, breakers, clock);
        this.contacts = new BooksContactsClient(api);
        this.items = new BooksItemsClient(api);
        this.listings = new BooksListingsClient(api);
        this.invoices = new BooksInvoicesClient(api);
        this.payments = new BooksCustomerPaymentsClient(api);
        this.refunds = new BooksRefundsClient(api);
        this.estimates = new BooksEstimatesClient(api);
        this.taxes = new BooksTaxesClient(api);
        this.crm = new CrmRecordsClient(api);
        this.billingCustomers = new BillingCustomersClient(api);
        this.billingCatalog = new BillingCatalogClient(api);
        this.subscriptions = new BillingSubscriptionsClient(api);
        this.billingInvoices = new BillingInvoicesClient(api);
        this.billingPages = new BillingPagesClient(api);
        this.stock = new InventoryAdjustmentsClient(api);
        this.inventoryItems = new io.zohosync.adapters.zoho.inventory.InventoryItemsClient(api);
        this.webLinks = new ZohoWebApp(settings);
        this.authorization = new ConnectFlow(vertx, oauth, accounts, tokens, clock, this::state);
    }

    /** The adapter with an in-process API budget and the system clock. */
    public static ZohoAdapters create(Vertx vertx, ZohoSettings settings, TokenStore tokenStore) {
        return create(vertx, settings, tokenStore, inMemoryBudget(), Clock.systemUTC());
    }

    /** The adapter with a shared API budget (Postgres, for several instances) and the given clock. */
    public static ZohoAdapters create(
            Vertx vertx, ZohoSettings settings, TokenStore tokenStore, ZohoBudget budget, Clock clock) {
        return new ZohoAdapters(vertx, settings, tokenStore, budget, clock);
    }

    /** Tokens kept in this process only: the default when no database store is wired, and for tests. */
    public static TokenStore inMemoryTokenStore() {
        return new InMemoryTokenStore();
    }

    /** An API budget for this process only. */
    public static ZohoBudget inMemoryBudget() {
        return new InMemoryBudget();
    }

    /** The call path every client uses; package-private for tests that speak raw Zoho requests. */
    ZohoApi api() {
        return api;
    }

    /** Where a person sees a synced record in Zoho's own web app, at the configured data centre. */
    public ZohoWebLinks webLinks() {
        return webLinks;
    }

    /** The API budget as jobs reserve their calls from it (their calls then use the reserved slots). */
    public ZohoCallBudget callBudget() {
        return calls;
    }

    /** The budget's limits and a backlog's finish, over the same counts as {@link #callBudget()}. */
    public ZohoBudgetOutlook budgetOutlook() {
        return calls;
    }

    /** This instance is alive: the budget keeps its slots held; releases that failed are retried. */
    public Future<Void> heartbeat() {
        return budget.heartbeat(clock.instant());
    }

    /** Billing's events API, read by the events poll (issue 10, item 9). */
    public io.zohosync.ports.out.zoho.ZohoBillingEvents billingEvents() {
        return new io.zohosync.adapters.zoho.billing.BillingEventsClient(api);
    }

    public ZohoContacts contacts() {
        return contacts;
    }

    public ZohoItems items() {
        return items;
    }

    /** Books' objects a page at a time: what reconciliation reads. */
    public ZohoListings listings() {
        return listings;
    }

    /** Billing's objects a page at a time: what reconciliation reads of Billing. */
    public BillingListings billingListings() {
        return new BillingListingsClient(api);
    }

    public ZohoInvoices invoices() {
        return invoices;
    }

    public ZohoCustomerPayments customerPayments() {
        return payments;
    }

    public ZohoRefunds refunds() {
        return refunds;
    }

    public ZohoEstimates estimates() {
        return estimates;
    }

    public ZohoTaxes taxes() {
        return taxes;
    }

    public ZohoCrm crm() {
        return crm;
    }

    public ZohoBillingCustomers billingCustomers() {
        return billingCustomers;
    }

    /** Billing's plans, addons and products. */
    public ZohoBillingCatalog billingCatalog() {
        return billingCatalog;
    }

    public ZohoSubscriptions subscriptions() {
        return subscriptions;
    }

    public ZohoBillingInvoices billingInvoices() {
        return billingInvoices;
    }

    /** Billing hosted pages for a customer's card (update card). */
    public ZohoBillingPages billingPages() {
        return billingPages;
    }

    public ZohoStock stock() {
        return stock;
    }

    /** Items in Zoho Inventory (issue 11: stock is tracked for them). */
    public ZohoItems inventoryItems() {
        return inventoryItems;
    }

    public ZohoAuthorization authorization() {
        return authorization;
    }

    /** Reads the stored connection so health reports it before the first call (e.g. "reconnect needed" after a restart). */
    public Future<ZohoConnectionState> loadConnection() {
        return tokens.load().map(v -> state());
    }

    /** The connection and circuits as health and the admin see them. */
    public ZohoConnection connection() {
        return this::state;
    }

    private ZohoConnectionState state() {
        var now = clock.instant();
        var status = tokens.status(now);
        String detail = switch (status) {
            case NOT_CONNECTED -> "no Zoho refresh token: connect the organization";
            case CONNECTED -> "connected";
            case COOLING_DOWN -> "Zoho throttled token refresh";
            case RECONNECT_NEEDED -> "Zoho no longer accepts the refresh token: reconnect the organization";
        };
        return new ZohoConnectionState(
                status, detail, tokens.cached().map(ZohoTokens::coolDownUntil).orElse(null), breakers.states());
    }

    @Override
    public void close() {
        breakers.close();
        client.close();
    }
}
