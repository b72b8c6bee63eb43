package io.zohosync.sandbox.core;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** Registers a product's documented operations, each behind its guard; body parsing only where a body is taken. */
public final class ApiRoutes {
    private static final long MAX_BODY_BYTES = 1 << 20;

    private final Router router;
    private final ApiGuard guard;

    ApiRoutes(Router router, ApiGuard guard) {
        this.router = router;
        this.guard = guard;
    }

    public ApiRoutes add(Operation operation, Handler<RoutingContext> handler) {
        Route route = router.route(operation.method(), operation.path());
        if (operation.body() || !operation.form().isEmpty())
            route.handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        route.handler(rc -> guard.handle(rc, operation)).handler(handler);
        return this;
    }
}
