package io.zohosync.adapters.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.ConnectZohoUseCase;
import io.zohosync.ports.in.RegisterCustomerUseCase;
import io.zohosync.ports.in.SyncStatusQuery;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * HTTP adapter factory: the one router of the service — platform API under {@code /api/v1} (API
 * key), admin API under {@code /admin/api} (admin token), Zoho's consent callback, health under
 * {@code /health}, Prometheus metrics at {@code /metrics}.
 */
public final class HttpAdapters {

    private static final long CHECK_TIMEOUT_MS = 3_000;

    private HttpAdapters() {}

    /** What the routes serve: the use cases, the readiness checks, and the Prometheus text of the metrics. */
    public record Endpoints(RegisterCustomerUseCase register, SyncStatusQuery status, AdminSyncUseCase admin,
            ConnectZohoUseCase connect, List<Readiness> readiness, Supplier<String> metrics) {}

    public static Router router(Vertx vertx, HttpSettings settings, Endpoints endpoints) {
        Router root = Router.router(vertx);
        root.route().failureHandler(Problems::handle);

        Router api = Router.router(vertx);
        api.route().failureHandler(Problems::handle);
        api.route().handler(new BearerAuth(settings.apiKeys(), "X-API-Key", "API key"));
        new CustomerRoutes(endpoints.register(), endpoints.status()).mount(api, settings.bodyLimitBytes());
        root.route("/api/v1/*").subRouter(api);

        Router admin = Router.router(vertx);
        admin.route().failureHandler(Problems::handle);
        admin.route().handler(new BearerAuth(Set.of(settings.adminToken()), null, "admin token"));
        new AdminRoutes(endpoints.status(), endpoints.admin()).mount(admin, settings.bodyLimitBytes());
        ZohoConnectionRoutes zoho = new ZohoConnectionRoutes(endpoints.connect());
        zoho.mountAdmin(admin);
        root.route("/admin/api/*").subRouter(admin);
        zoho.mountCallback(root);

        root.get("/health/live").handler(HealthCheckHandler.create(vertx).register("event-loop", p -> p.complete(Status.OK())));
        root.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readinessChecks(vertx, endpoints.readiness())));
        root.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(endpoints.metrics().get()));

        root.errorHandler(404, Problems::handle);
        root.errorHandler(405, Problems::handle);
        root.errorHandler(500, Problems::handle);
        return root;
    }

    private static HealthChecks readinessChecks(Vertx vertx, List<Readiness> readiness) {
        HealthChecks checks = HealthChecks.create(vertx);
        for (Readiness r : readiness) {
            checks.register(r.name(), CHECK_TIMEOUT_MS, promise -> r.check().get()
                    .onSuccess(details -> promise.complete(Status.OK(details)))
                    .onFailure(error -> promise.complete(Status.KO(new JsonObject().put("error", error.getMessage())))));
        }
        return checks;
    }
}
