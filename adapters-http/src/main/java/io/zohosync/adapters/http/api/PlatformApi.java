package io.zohosync.adapters.http.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.adapters.http.common.MappingRoutes;
import io.zohosync.adapters.http.common.Problems;
import io.zohosync.adapters.http.common.SignInThrottle;
import io.zohosync.ports.in.MappingQuery;
import io.zohosync.ports.in.PaymentMethodUseCase;
import io.zohosync.ports.in.RecordEntityUseCase;
import io.zohosync.ports.in.StockUseCase;
import io.zohosync.ports.in.SyncStatusQuery;
import java.util.Optional;
import java.util.Set;

/** Platform API factory: every collection the intake knows, under {@code /api/v1}, behind the platform's API keys. */
public final class PlatformApi {

    static final String PREFIX = "/api/v1";

    private final RecordEntityUseCase entities;
    private final SyncStatusQuery status;
    private MappingQuery mappings;
    private final Optional<StockUseCase> stock;
    private PaymentMethodUseCase paymentMethods;

    public PlatformApi(RecordEntityUseCase entities, SyncStatusQuery status) {
        this(entities, status, Optional.empty());
    }

    /** With the stock changes' route served by {@code stock} (none: it answers 404 {@code stock_not_configured}). */
    public PlatformApi(RecordEntityUseCase entities, SyncStatusQuery status, Optional<StockUseCase> stock) {
        this.entities = entities;
        this.status = status;
        this.stock = stock;
    }

    /** Serves {@code GET /mappings} (the canonical ids, issue 10) from these; null: not. */
    public PlatformApi mappings(MappingQuery mappings) {
        this.mappings = mappings;
        return this;
    }

    /** Mounts {@code POST /customers/{id}/payment-method} with these pages (null: not mounted). */
    public PlatformApi paymentMethods(PaymentMethodUseCase pages) {
        this.paymentMethods = pages;
        return this;
    }

    /** {@code requestCheck}: what every request passes after its API key (the document's check). */
    public void mount(
            Vertx vertx,
            Router root,
            Set<String> apiKeys,
            long bodyLimitBytes,
            SignInThrottle throttle,
            Handler<RoutingContext> requestCheck) {
        Router api = Router.router(vertx);
        Problems.install(api);
        api.route().handler(new BearerAuth(apiKeys, "X-API-Key", "API key", throttle));
        api.route().handler(requestCheck);
        if (mappings != null) {
            new MappingRoutes(mappings, false).mount(api);
        }
        entities.collections()
                .forEach((collection, type) ->
                        new EntityRoutes(collection, type, entities, status).mount(api, bodyLimitBytes));
        new StockRoutes(stock).mount(api, bodyLimitBytes);
        if (paymentMethods != null) {
            new PaymentMethodRoutes(paymentMethods).mount(api, bodyLimitBytes);
        }
        root.route(PREFIX + "/*").subRouter(api);
    }
}
