package io.zohosync.adapters.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.ports.in.ConnectZohoUseCase;
import io.zohosync.ports.in.ConnectZohoUseCase.ConnectOutcome;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import java.util.Locale;

/**
 * Admin API for the Zoho connection: its state, the consent URL, and the callback Zoho redirects the
 * admin's browser to (authenticated by the signed {@code state}, not by the admin token).
 */
final class ZohoConnectionRoutes {

    static final String CALLBACK_PATH = "/admin/zoho/callback";

    private final ConnectZohoUseCase connect;

    ZohoConnectionRoutes(ConnectZohoUseCase connect) {
        this.connect = connect;
    }

    void mountAdmin(Router admin) {
        admin.get("/zoho/connection").handler(this::show);
        admin.post("/zoho/connect").handler(this::start);
    }

    void mountCallback(Router root) {
        root.get(CALLBACK_PATH).handler(this::callback);
    }

    private void show(RoutingContext ctx) {
        connect.connection().onSuccess(state -> json(ctx, 200, json(state))).onFailure(ctx::fail);
    }

    private void start(RoutingContext ctx) {
        connect.consentUrl()
                .onSuccess(url -> json(ctx, 200, new JsonObject().put("consent_url", url)
                        .put("next", "open consent_url in a browser as a Zoho administrator and accept")))
                .onFailure(ctx::fail);
    }

    private void callback(RoutingContext ctx) {
        var params = ctx.queryParams();
        if (params.get("error") != null) {
            ctx.fail(new Problem(400, "consent_denied", "Zoho reported: " + params.get("error")));
            return;
        }
        connect.finish(params.get("code"), params.get("location"), params.get("accounts-server"), params.get("state"))
                .onSuccess(outcome -> {
                    if (outcome instanceof ConnectOutcome.Connected connected) {
                        json(ctx, 200, json(connected.state()));
                    } else if (outcome instanceof ConnectOutcome.InvalidState invalid) {
                        ctx.fail(new Problem(400, "invalid_state", invalid.reason()));
                    } else {
                        ConnectOutcome.Refused refused = (ConnectOutcome.Refused) outcome;
                        ctx.fail(new Problem(400, refused.code(), refused.reason()));
                    }
                })
                .onFailure(ctx::fail);
    }

    static JsonObject json(ZohoConnectionState state) {
        JsonObject circuits = new JsonObject();
        state.circuits().forEach((product, circuit) -> circuits.put(lower(product.name()), lower(circuit.name())));
        return new JsonObject()
                .put("status", lower(state.status().name()))
                .put("detail", state.detail())
                .put("cool_down_until", state.coolDownUntil() == null ? null : state.coolDownUntil().toString())
                .put("circuits", circuits);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
