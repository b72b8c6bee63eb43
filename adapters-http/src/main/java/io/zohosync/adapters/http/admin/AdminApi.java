package io.zohosync.adapters.http.admin;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.adapters.http.common.MappingRoutes;
import io.zohosync.adapters.http.common.Problems;
import io.zohosync.adapters.http.common.SignInThrottle;
import io.zohosync.adapters.http.webhooks.StripeEvents;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.ConnectZohoUseCase;
import io.zohosync.ports.in.ConsoleQuery;
import io.zohosync.ports.in.MappingQuery;
import io.zohosync.ports.in.ReconcileUseCase;
import io.zohosync.ports.in.RecordEntityUseCase;
import io.zohosync.ports.in.SyncStatusQuery;
import io.zohosync.ports.out.AdminAudit;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.PlatformOutbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

/**
 * Admin API factory: sync status, an admin's actions on a record, the provider events held for a person,
 * reconciliation and the Zoho connection under {@code /admin/api} behind the admin token or a console session, plus Zoho's consent callback
 * (authenticated by its signed state) and the operator's console at {@code /admin/} ({@link ConsoleRoutes}).
 */
public final class AdminApi {

    private static final String PREFIX = "/admin/api";

    private final SyncStatusQuery status;
    private final AdminSyncUseCase actions;
    private final ConnectZohoUseCase connect;
    private final InboundEventRoutes held;
    private final ConsoleQuery console;
    private final ReconcileUseCase reconcile;
    private final AdminAudit audit;
    private final Clock clock;
    private DeliveryRoutes deliveries;
    private MappingRoutes mappings;

    /**
     * {@code held}, {@code stripe}, {@code entities}: the held events, the reader that replays them, the intake;
     * {@code console}: the console's screens; {@code audit}: where a match of a held event is recorded.
     */
    public AdminApi(
            SyncStatusQuery status,
            AdminSyncUseCase actions,
            ConnectZohoUseCase connect,
            InboundEvents held,
            StripeEvents stripe,
            RecordEntityUseCase entities,
            ConsoleQuery console,
            AdminAudit audit,
            ReconcileUseCase reconcile,
            Clock clock) {
        this.status = status;
        this.actions = actions;
        this.connect = connect;
        this.held = new InboundEventRoutes(held, stripe, entities, status, audit, clock);
        this.console = console;
        this.reconcile = reconcile;
        this.audit = audit;
        this.clock = clock;
    }

    /** Serves the platform's outbound webhooks under {@code /deliveries} too, retries audited; null: not. */
    public AdminApi deliveries(PlatformOutbox outbox) {
        this.deliveries = outbox == null ? null : new DeliveryRoutes(outbox, audit, clock);
        return this;
    }

    /** Serves {@code GET /mappings} (by entity, target or Zoho id) from these; null: not. */
    public AdminApi mappings(MappingQuery query) {
        this.mappings = query == null ? null : new MappingRoutes(query, true);
        return this;
    }

    /** {@code requestCheck}: what every request to the admin API passes after its credential (the document's check). */
    public void mount(
            Vertx vertx,
            Router root,
            String adminToken,
            long bodyLimitBytes,
            SignInThrottle throttle,
            Handler<RoutingContext> requestCheck) {
        mount(
                vertx,
                root,
                adminToken,
                bodyLimitBytes,
                throttle,
                requestCheck,
                new ConsoleSessions(ConsoleSessions.DEFAULT_LIFETIME, System::currentTimeMillis, new SecureRandom()));
    }

    /** As {@link #mount(Vertx, Router, String, long, SignInThrottle, Handler)}, the console's sessions kept in these. */
    void mount(
            Vertx vertx,
            Router root,
            String adminToken,
            long bodyLimitBytes,
            SignInThrottle throttle,
            Handler<RoutingContext> requestCheck,
            ConsoleSessions sessions) {
        ConsoleAuth auth = new ConsoleAuth(sessions, new BearerAuth(Set.of(adminToken), null, "admin token", throttle));
        new ConsoleRoutes(sessions, auth, adminToken, throttle).mount(root, bodyLimitBytes);
        Router admin = Router.router(vertx);
        Problems.install(admin);
        admin.route().handler(auth);
        admin.route().handler(requestCheck);
        new StatusRoutes(status).mount(admin);
        new ActivityRoutes(status).mount(admin);
        new ConsoleApiRoutes(console).mount(admin);
        new RecordActionRoutes(actions).mount(admin, bodyLimitBytes);
        held.mount(admin, bodyLimitBytes);
        new ReconcileRoutes(reconcile).mount(admin, bodyLimitBytes);
        if (deliveries != null) {
            deliveries.mount(admin);
        }
        if (mappings != null) {
            mappings.mount(admin);
        }
        ZohoConnectionRoutes zoho = new ZohoConnectionRoutes(connect);
        zoho.mountAdmin(admin);
        root.route(PREFIX + "/*").subRouter(admin);
        zoho.mountCallback(root);
    }
}
