package io.zohosync.adapters.http.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
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
        connect.connection()
                .map(state -> Reply.ok(json(state)))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void start(RoutingContext ctx) {
        connect.consentUrl()
                .map(url -> Reply.ok(new JsonObject()
                        .put("consent_url", url)
                        .put("next", "open consent_url in a browser as a Zoho administrator and accept")))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void callback(RoutingContext ctx) {
        var params = ctx.queryParams();
        if (params.get("error") != null) {
            throw new Problem(400, "consent_denied", "Zoho reported: " + params.get("error"));
        }
        connect.finish(params.get("code"), params.get("location"), params.get("accounts-server"), params.get("state"))
                .map(ZohoConnectionRoutes::finished)
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private static Reply finished(ConnectOutcome outcome) {
        if (outcome instanceof ConnectOutcome.Connected connected) {
            return Reply.ok(json(connected.state()));
        }
        if (outcome instanceof ConnectOutcome.InvalidState invalid) {
            throw new Problem(400, "invalid_state", invalid.reason());
        }
        ConnectOutcome.Refused refused = (ConnectOutcome.Refused) outcome;
        throw new Problem(400, refused.code(), refused.reason());
    }

    private static JsonObject json(ZohoConnectionState state) {
        JsonObject circuits = new JsonObject();
        state.circuits().forEach((product, circuit) -> circuits.put(lower(product.name()), lower(circuit.name())));
        return new JsonObject()
                .put("status", lower(state.status().name()))
                .put("detail", state.detail())
                .put(
                        "cool_down_until",
                        state.coolDownUntil() == null
                                ? null
                                : state.coolDownUntil().toString())
                .put("circuits", circuits);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
