package io.zohosync.adapters.http.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.ports.in.StockUseCase;
import io.zohosync.ports.in.StockUseCase.Change;
import java.util.Optional;

/**
 * {@code POST /api/v1/stock-changes}: a platform stock change (issue 11), idempotent by its own {@code id}: 202 with
 * where its stock record stands, the same answer again for a repeat; 409 {@code stock_change_id_reused} for another
 * body under a used id, 422 for a body that breaks the rules — nothing stored either way. Without stock wired: 404
 * {@code stock_not_configured}.
 */
final class StockRoutes {

    static final String PATH = "/stock-changes";

    private final Optional<StockUseCase> stock;

    StockRoutes(Optional<StockUseCase> stock) {
        this.stock = stock;
    }

    void mount(Router api, long bodyLimit) {
        api.post(PATH).handler(ctx -> {
            if (stock.isEmpty()) {
                throw new Problem(404, "stock_not_configured", "stock changes are not served by this instance");
            }
            JsonBodies.requireJson(ctx, "the stock change");
            ctx.next();
        });
        api.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::accept);
    }

    private void accept(RoutingContext ctx) {
        stock.orElseThrow()
                .change(JsonBodies.object(ctx.body().buffer()))
                .map(StockRoutes::reply)
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private static Reply reply(Change change) {
        if (change instanceof Change.Invalid invalid) {
            throw Problem.validation(invalid.errors());
        }
        if (change instanceof Change.IdReused reused) {
            throw new Problem(
                    409,
                    "stock_change_id_reused",
                    "stock change " + reused.id() + " was sent before with a different body; nothing was stored");
        }
        Change.Recorded recorded = (Change.Recorded) change;
        JsonObject body = new JsonObject()
                .put("id", recorded.id())
                .put("sku", recorded.stock().sku())
                .put("warehouse", recorded.stock().warehouse())
                .put("stock", recorded.stock().id())
                .put("outcome", recorded.replayed() ? "replayed" : "recorded")
                .put(
                        "platform_level",
                        recorded.platformLevel() == null
                                ? null
                                : recorded.platformLevel().stripTrailingZeros().toPlainString())
                .put("sync", recorded.sync() == null ? null : recorded.sync().wire());
        body.fieldNames().removeIf(name -> body.getValue(name) == null);
        return new Reply(202, body, null);
    }
}
