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
import io.zohosync.sandbox.core.TokenRegistry;
import io.zohosync.sandbox.core.Webhooks;
import io.zohosync.sandbox.core.ZohoReplies;
import io.zohosync.sandbox.crm.CrmApi;
import io.zohosync.sandbox.inventory.InventoryApi;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Zoho on 127.0.0.1: Accounts (OAuth) and the product APIs on one port, with inspection and control for tests.
 * Start it on a Vert.x instance with {@link #start}, or with its own one with {@link #startBlocking}.
 */
public final class ZohoSandbox {
    private static final Logger LOG = LoggerFactory.getLogger(ZohoSandbox.class);
    static final String HOST = "127.0.0.1";
    static final String ACCESS_SCOPE =
            "ZohoBooks.fullaccess.all,ZohoSubscriptions.fullaccess.all,ZohoCRM.modules.ALL,ZohoInventory.FullAccess.all";

    /** What a reset replaces: the state of every product and the routes that hold it. */
    private record World(SandboxContext context, Router router) {}

    private record WebhookTarget(String url, String secret) {}

    private final Vertx vertx;
    private final SandboxOptions options;
    private final Map<String, WebhookTarget> webhooks = new ConcurrentHashMap<>();
    private volatile World world;
    private volatile HttpServer server;

    private ZohoSandbox(Vertx vertx, SandboxOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.world = newWorld(new TokenRegistry());
    }

    /** Starts a sandbox serving every product in {@link #products()}. */
    public static Future<ZohoSandbox> start(Vertx vertx, SandboxOptions options) {
        ZohoSandbox sandbox = new ZohoSandbox(vertx, options);
        return vertx.createHttpServer()
                .requestHandler(request -> sandbox.world.router().handle(request))
                .listen(options.port(), HOST)
                .map(server -> {
                    sandbox.server = server;
                    sandbox.world.context().baseUrl("http://" + HOST + ":" + server.actualPort());
                    return sandbox;
                });
    }

    /**
     * Starts a sandbox on a Vert.x instance of its own and waits until it listens, for code that does not use Vert.x;
     * closing the answer stops both.
     */
    public static RunningSandbox startBlocking(SandboxOptions options) {
        Vertx vertx = Vertx.vertx();
        try {
            return new RunningSandbox(start(vertx, options).await(), vertx);
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
    }

    /** The products served, fresh for each sandbox; a new product (Billing, CRM, Inventory) is added here. */
    private static List<SandboxApi> products() {
        return List.of(new AccountsApi(), new BooksApi(), new BillingApi(), new CrmApi(), new InventoryApi());
    }

    private World newWorld(TokenRegistry tokens) {
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
        SandboxContext context = new SandboxContext(vertx, new SandboxClock(options.timeScale()), settings, tokens);
        context.tokens().seed(options.clientId(), options.refreshToken(), ACCESS_SCOPE);
        webhooks.forEach((product, target) -> Webhooks.of(context).configure(product, target.url(), target.secret()));
        Router router = Router.router(vertx);
        SandboxHttpControl.mount(router, this);
        products().forEach(api -> api.mount(router, context));
        router.route().last().handler(rc -> ZohoReplies.error(rc, 404, 5, "Invalid URL Passed"));
        router.route().failureHandler(ZohoSandbox::failed);
        return new World(context, router);
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

    /** The state every product, control and inspection works on now; a reset replaces it. */
    SandboxContext context() {
        return world.context();
    }

    /**
     * Back to the state right after start, as {@link SandboxControl#reset()} describes: fresh products, counts,
     * windows, switches and clock; the same port, tokens, base currency and webhook targets.
     */
    synchronized void reset() {
        SandboxContext old = world.context();
        World fresh = newWorld(old.tokens());
        fresh.context().baseUrl(old.baseUrl());
        fresh.context().settings().baseCurrency(old.settings().baseCurrency());
        world = fresh;
        old.existing(Webhooks.class).ifPresent(Webhooks::close);
    }

    /** Sends {@code product}'s events to {@code url}, now and after every reset; a null url stops them. */
    synchronized void webhook(String product, String url, String secret) {
        Webhooks.of(context()).configure(product, url, secret);
        if (url == null) webhooks.remove(product);
        else webhooks.put(product, new WebhookTarget(url, secret));
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port>}: the accounts server and the {@code api_domain} at once. */
    public String baseUrl() {
        return context().baseUrl();
    }

    /** {@code <baseUrl>/oauth/v2/token}: where a client exchanges its refresh token for an access token. */
    public String tokenUrl() {
        return baseUrl() + "/oauth/v2/token";
    }

    /** The options the sandbox was started with (the port may be 0: {@link #port()} is the one it listens on). */
    public SandboxOptions options() {
        return options;
    }

    /** The one OAuth client's id. */
    public String clientId() {
        return options.clientId();
    }

    public String clientSecret() {
        return options.clientSecret();
    }

    /** A refresh token of the client, valid from the start (scopes of Books, Billing, CRM and Inventory). */
    public String refreshToken() {
        return options.refreshToken();
    }

    /** The Books, Billing and Inventory organization id. */
    public String organizationId() {
        return options.organizationId();
    }

    /** What the sandbox holds and saw; it follows resets. */
    public SandboxInspection inspect() {
        return new SandboxInspection(() -> context().recorder());
    }

    /** Switches for the running sandbox; they follow resets. */
    public SandboxControl control() {
        return new SandboxControl(this);
    }

    /** Stops listening; webhooks not yet delivered are dropped. */
    public Future<Void> close() {
        context().existing(Webhooks.class).ifPresent(Webhooks::close);
        return server.close();
    }
}
