package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.zohosync.adapters.http.admin.AdminApi;
import io.zohosync.adapters.http.api.PlatformApi;
import io.zohosync.adapters.http.common.ApiContract;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.adapters.http.common.Problems;
import io.zohosync.adapters.http.common.RequestCheck;
import io.zohosync.adapters.http.common.RequestGuards;
import io.zohosync.adapters.http.common.SignInThrottle;
import io.zohosync.adapters.http.webhooks.StripeEvents;
import io.zohosync.adapters.http.webhooks.StripeWebhookRoutes;
import io.zohosync.adapters.http.webhooks.StripeWebhookSettings;
import io.zohosync.adapters.http.webhooks.ZohoBillingWebhookRoutes;
import io.zohosync.adapters.http.webhooks.ZohoInventoryWebhookRoutes;
import io.zohosync.adapters.http.webhooks.ZohoWebhookSignature;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.BillingEventsUseCase;
import io.zohosync.ports.in.ConnectZohoUseCase;
import io.zohosync.ports.in.ConsoleQuery;
import io.zohosync.ports.in.MappingQuery;
import io.zohosync.ports.in.PaymentMethodUseCase;
import io.zohosync.ports.in.ReconcileUseCase;
import io.zohosync.ports.in.RecordEntityUseCase;
import io.zohosync.ports.in.StockUseCase;
import io.zohosync.ports.in.SyncStatusQuery;
import io.zohosync.ports.out.AdminAudit;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.PlatformOutbox;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * HTTP adapter factory: the one router of the service — platform API under {@code /api/v1} (API
 * key), admin API under {@code /admin/api} (admin token; with the Stripe events held for a person), Zoho's consent callback, health under
 * {@code /health}, Stripe's webhooks at {@code /webhooks/stripe}, Prometheus metrics at {@code /metrics} (behind a bearer token when one is set), its OpenAPI document at
 * {@code /openapi.yaml}. Every
 * request first passes {@link RequestGuards}; every credential check shares one {@link SignInThrottle}.
 */
public final class HttpAdapters {

    private static final long CHECK_TIMEOUT_MS = 3_000;

    private HttpAdapters() {}

    /**
     * What the routes serve: the use cases, the provider events held for an admin, the readiness checks, the
     * Prometheus text of the metrics, the console's reads and the audit its admin actions are written to, the
     * platform's outbox, the mappings and the payment-method pages (each null: its routes are not mounted).
     */
    public record Endpoints(
            RecordEntityUseCase entities,
            SyncStatusQuery status,
            AdminSyncUseCase admin,
            ConnectZohoUseCase connect,
            InboundEvents inboundEvents,
            List<Readiness> readiness,
            Supplier<String> metrics,
            ConsoleQuery console,
            AdminAudit audit,
            ReconcileUseCase reconciliations,
            PlatformOutbox deliveries,
            MappingQuery mappings,
            PaymentMethodUseCase paymentMethods) {}

    /**
     * Stock both ways (issue 11): the use case behind {@code POST /api/v1/stock-changes} and
     * {@code POST /webhooks/zoho-inventory}, and the Inventory webhooks' secret; {@link #NONE}: both answer 404.
     */
    public record Stock(Optional<StockUseCase> stock, Optional<String> inventoryWebhookSecret) {
        public static final Stock NONE = new Stock(Optional.empty(), Optional.empty());
    }

    public static Router router(Vertx vertx, HttpSettings settings, Endpoints endpoints) {
        return router(vertx, settings, endpoints, Optional.empty(), (type, outcome) -> {});
    }

    /**
     * The router with {@code POST /webhooks/stripe} verifying against these settings (none: 404
     * {@code stripe_not_configured}), telling {@code stripeEvents} what became of each verified event.
     */
    public static Router router(
            Vertx vertx,
            HttpSettings settings,
            Endpoints endpoints,
            Optional<StripeWebhookSettings> stripe,
            StripeWebhookRoutes.Counter stripeEvents) {
        return router(vertx, settings, endpoints, stripe, stripeEvents, Stock.NONE, BillingEvents.NONE);
    }

    /**
     * Billing → platform (issue 10): the use case behind {@code POST /webhooks/zoho-billing}, the webhook's secret and
     * the signature's encoding; {@link #NONE}: the route answers 404.
     */
    public record BillingEvents(
            Optional<BillingEventsUseCase> events, Optional<String> secret, ZohoWebhookSignature.Encoding encoding) {
        public static final BillingEvents NONE =
                new BillingEvents(Optional.empty(), Optional.empty(), ZohoWebhookSignature.Encoding.EITHER);
    }

    /**
     * Starts parsing the API's OpenAPI document on a thread of its own, before there is a Vert.x: for a process's
     * {@code main} that is about to start the service. {@link #prepare} and the router then use that parsing.
     */
    public static void parseAhead() {
        ApiContract.parseAhead(OpenApiRoute.document());
    }

    /**
     * Begins reading the API's OpenAPI document, which every request is checked by: a router built meanwhile waits for
     * this same reading, so a start-up that calls this first has its first request answered sooner (the reading is
     * most of a cold process's time to ready). A failure is the router's to report: its next request asks again.
     */
    public static void prepare(Vertx vertx) {
        ApiContract.load(vertx, OpenApiRoute.document());
    }

    /** The router, with stock and Billing's webhook served as {@code stock} and {@code billing} say. */
    public static Router router(
            Vertx vertx,
            HttpSettings settings,
            Endpoints endpoints,
            Optional<StripeWebhookSettings> stripe,
            StripeWebhookRoutes.Counter stripeEvents,
            Stock stock,
            BillingEvents billing) {
        Router root = Router.router(vertx);
        Problems.install(root);
        RequestGuards guards = new RequestGuards(settings.maxInFlight(), settings.bodyLimitBytes());
        root.route().handler(guards::handle);
        // requests are validated by the OpenAPI document: here those that need no credential, the APIs' after theirs
        byte[] document = OpenApiRoute.document();
        Supplier<Future<ApiContract>> contract = () -> ApiContract.load(vertx, document);
        contract.get(); // read from now on, not from the first request
        root.route().handler(RequestCheck.openOperations(contract));
        // one throttle for every credential: guesses at the admin token count with guesses at an API key
        SignInThrottle throttle = new SignInThrottle(
                settings.maxFailedSignIns(), settings.failedSignInWindow(), System::currentTimeMillis);

        // an admin's match replays a held event exactly as the webhook would have read it
        StripeEvents stripeReader = stripe.map(s -> new StripeEvents(s.customerKey(), s.orderKey()))
                .orElseGet(() -> new StripeEvents(
                        StripeWebhookSettings.DEFAULT_CUSTOMER_KEY, StripeWebhookSettings.DEFAULT_ORDER_KEY));
        Clock clock = Clock.systemUTC();
        new PlatformApi(endpoints.entities(), endpoints.status(), stock.stock())
                .mappings(endpoints.mappings())
                .paymentMethods(endpoints.paymentMethods())
                .mount(
                        vertx,
                        root,
                        settings.apiKeys(),
                        settings.bodyLimitBytes(),
                        throttle,
                        RequestCheck.everyOperation(contract));
        new AdminApi(
                        endpoints.status(),
                        endpoints.admin(),
                        endpoints.connect(),
                        endpoints.inboundEvents(),
                        stripeReader,
                        endpoints.entities(),
                        endpoints.console(),
                        endpoints.audit(),
                        endpoints.reconciliations(),
                        clock)
                .deliveries(endpoints.deliveries())
                .mappings(endpoints.mappings())
                .mount(
                        vertx,
                        root,
                        settings.adminToken(),
                        settings.bodyLimitBytes(),
                        throttle,
                        RequestCheck.everyOperation(contract));

        new StripeWebhookRoutes(
                        stripe, stripeReader, endpoints.entities(), endpoints.inboundEvents(), stripeEvents, clock)
                .mount(root, settings.bodyLimitBytes());
        new ZohoInventoryWebhookRoutes(stock.inventoryWebhookSecret(), stock.stock())
                .mount(root, settings.bodyLimitBytes());
        new ZohoBillingWebhookRoutes(billing.secret(), billing.encoding(), billing.events())
                .mount(root, settings.bodyLimitBytes());

        root.get("/health/live")
                .handler(HealthCheckHandler.create(vertx).register("event-loop", p -> p.complete(Status.OK())));
        root.get("/health/ready")
                .handler(HealthCheckHandler.createWithHealthChecks(readinessChecks(vertx, endpoints.readiness())));
        settings.metricsToken()
                .ifPresent(token ->
                        root.get("/metrics").handler(new BearerAuth(Set.of(token), null, "metrics token", throttle)));
        root.get("/metrics")
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(endpoints.metrics().get()));
        OpenApiRoute.mount(root);

        return root;
    }

    /**
     * For {@code HttpServer.invalidRequestHandler}: a request the HTTP codec could not read (a line or headers
     * too long, not HTTP) is answered with a problem (414 {@code uri_too_long}, 431 {@code headers_too_large},
     * 400 {@code bad_request}) like every other refusal.
     */
    public static Handler<HttpServerRequest> invalidRequests() {
        return Problems::invalidRequest;
    }

    private static HealthChecks readinessChecks(Vertx vertx, List<Readiness> readiness) {
        HealthChecks checks = HealthChecks.create(vertx);
        for (Readiness r : readiness) {
            checks.register(
                    r.name(),
                    CHECK_TIMEOUT_MS,
                    promise -> r.check()
                            .get()
                            .onSuccess(details -> promise.complete(Status.OK(details)))
                            .onFailure(error ->
                                    promise.complete(Status.KO(new JsonObject().put("error", error.getMessage())))));
        }
        return checks;
    }
}
