package io.zohosync.adapters.http.admin;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.adapters.http.common.Problems;
import io.zohosync.adapters.http.common.SignInThrottle;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.ConnectZohoUseCase;
import io.zohosync.ports.in.SyncStatusQuery;
import java.util.Set;

/**
 * Admin API factory: sync status, an admin's actions on a record and the Zoho connection under
 * {@code /admin/api} behind the admin token, plus Zoho's consent callback (authenticated by its signed state).
 */
public final class AdminApi {

    private static final String PREFIX = "/admin/api";

    private final SyncStatusQuery status;
    private final AdminSyncUseCase actions;
    private final ConnectZohoUseCase connect;

    public AdminApi(SyncStatusQuery status, AdminSyncUseCase actions, ConnectZohoUseCase connect) {
        this.status = status;
        this.actions = actions;
        this.connect = connect;
    }

    public void mount(Vertx vertx, Router root, String adminToken, long bodyLimitBytes, SignInThrottle throttle) {
        Router admin = Router.router(vertx);
        Problems.install(admin);
        admin.route().handler(new BearerAuth(Set.of(adminToken), null, "admin token", throttle));
        new StatusRoutes(status).mount(admin);
        new RecordActionRoutes(actions).mount(admin, bodyLimitBytes);
        ZohoConnectionRoutes zoho = new ZohoConnectionRoutes(connect);
        zoho.mountAdmin(admin);
        root.route(PREFIX + "/*").subRouter(admin);
        zoho.mountCallback(root);
    }
}
