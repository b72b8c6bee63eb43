package io.zohosync.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.accounts.AccountsApi;
import io.zohosync.sandbox.billing.BillingApi;
import io.zohosync.sandbox.books.BooksApi;
import io.zohosync.sandbox.core.SandboxApi;
import io.zohosync.sandbox.core.SandboxClock;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.SandboxSettings;
import io.zohosync.sandbox.core.ZohoReplies;
import io.zohosync.sandbox.crm.CrmApi;
import io.zohosync.sandbox.inventory.InventoryApi;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A fake Zoho on 127.0.0.1: Accounts (OAuth) and the product APIs on one port, with inspection and control for tests. */
public final class ZohoSandbox {
    private static final Logger LOG = LoggerFactory.getLogger(ZohoSandbox.class);
    static final String HOST = "127.0.0.1";
    static final String ACCESS_SCOPE =
            "ZohoBooks.fullaccess.all,ZohoSubscriptions.fullaccess.all,ZohoCRM.modules.ALL,ZohoInventory.FullAccess.all";

    private final HttpServer server;
    private final SandboxContext context;

    private ZohoSandbox(HttpServer server, SandboxContext context) {
        this.server = server;
        this.context = context;
    }

    /** Starts a sandbox serving every product in {@link #products()}. */
    public static Future<ZohoSandbox> start(Vertx vertx, SandboxOptions options) {
        SandboxSettings settings = new SandboxSettings(
                options.clientId(),
                options.clientSecret(),
                options.organizationId(),
                options.dataCentre().location(),
                options.latency(),
                options.errorRate(),
                options.faults(),
                options.dailyLimit(),
                options.concurrency(),
                options.strict());
        settings.perMinute(BooksApi.PRODUCT, options.booksPerMinute());
        SandboxContext context = new SandboxContext(vertx, new SandboxClock(options.timeScale()), settings);
        context.tokens().seed(options.clientId(), options.refreshToken(), ACCESS_SCOPE);
        Router router = Router.router(vertx);
        SandboxHttpControl.mount(router, context);
        products().forEach(api -> api.mount(router, context));
        router.route().last().handler(rc -> ZohoReplies.error(rc, 404, 5, "Invalid URL Passed"));
        router.route().failureHandler(ZohoSandbox::failed);
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(options.port(), HOST)
                .map(server -> {
                    context.baseUrl("http://" + HOST + ":" + server.actualPort());
                    return new ZohoSandbox(server, context);
                });
    }

    /** The products served, fresh for each sandbox; a new product (Billing, CRM, Inventory) is added here. */
    private static List<SandboxApi> products() {
        return List.of(new AccountsApi(), new BooksApi(), new BillingApi(), new CrmApi(), new InventoryApi());
    }

    private static void failed(RoutingContext rc) {
        if (rc.response().ended()) return;
        if (rc.failure() == null) {
            ZohoReplies.error(
                    rc,
                    rc.statusCode(),
                    ZohoReplies.CODE_INVALID_VALUE,
                    "Invalid request (HTTP " + rc.statusCode() + ")");
            return;
        }
        LOG.error("Sandbox failed on {} {}", rc.request().method(), rc.request().path(), rc.failure());
        ZohoReplies.BOOKS_STYLE.internalError(rc);
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port>}: the accounts server and the {@code api_domain} at once. */
    public String baseUrl() {
        return context.baseUrl();
    }

    public SandboxInspection inspect() {
        return new SandboxInspection(context.recorder());
    }

    public SandboxControl control() {
        return new SandboxControl(context);
    }

    public Future<Void> close() {
        return server.close();
    }
}
