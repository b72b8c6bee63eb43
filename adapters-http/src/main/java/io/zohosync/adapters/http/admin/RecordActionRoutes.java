package io.zohosync.adapters.http.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.AdminSyncUseCase.Action;
import io.zohosync.ports.in.AdminSyncUseCase.Command;
import io.zohosync.ports.in.AdminSyncUseCase.Result;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Admin API, acting: an admin's hand on one record — {@code POST /sync/{entity}/{id}/{target}/{retry|reset|link|unlink}}. */
final class RecordActionRoutes {

    static final int MAX_ZOHO_ID = 32;
    private static final Pattern ZOHO_ID = Pattern.compile("[0-9]{1," + MAX_ZOHO_ID + "}");

    private final AdminSyncUseCase actions;

    RecordActionRoutes(AdminSyncUseCase actions) {
        this.actions = actions;
    }

    void mount(Router admin, long bodyLimit) {
        for (Action action : Action.values()) {
            String path = "/sync/:entity/:id/:target/" + action.name().toLowerCase(Locale.ROOT);
            if (action == Action.LINK) {
                admin.post(path)
                        .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                        .handler(ctx -> act(ctx, action));
            } else {
                admin.post(path).handler(ctx -> act(ctx, action));
            }
        }
    }

    private void act(RoutingContext ctx, Action action) {
        SyncKey key = PathKeys.key(ctx);
        Buffer body = ctx.body().buffer();
        if (action == Action.LINK && body != null && body.length() > 0) {
            JsonBodies.requireJson(ctx, "the link");
        }
        String zohoId = action == Action.LINK ? zohoId(body) : null;
        actions.apply(new Command(key, action, zohoId, Actors.of(ctx)))
                .map(result -> reply(key, result))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private static Reply reply(SyncKey key, Result result) {
        if (result instanceof Result.Changed changed) {
            return Reply.ok(JsonBodies.record(changed.record()));
        }
        if (result instanceof Result.Refused refused) {
            throw new Problem(409, "transition_not_allowed", refused.reason());
        }
        if (result instanceof Result.LinkRefused refused) {
            throw new Problem(422, "zoho_record_not_found", refused.reason());
        }
        if (result instanceof Result.ZohoUnavailable unavailable) {
            throw new Problem(503, "zoho_unavailable", unavailable.reason());
        }
        throw new Problem(404, "record_not_found", "no sync record for " + key);
    }

    /**
     * The Zoho id to link, from {@code {"zoho_id": "…"}}: Zoho's ids are decimal digits (a Books contact's 18, a
     * CRM record's 19), so anything else is refused rather than sent to Zoho. An empty body is an empty object,
     * so the answer names the field.
     */
    private static String zohoId(Buffer body) {
        Map<String, Object> json = body == null || body.length() == 0 ? Map.of() : JsonBodies.object(body);
        Object zohoId = json.get("zoho_id");
        if (zohoId != null && !(zohoId instanceof String)) {
            throw Problem.invalid("zoho_id", "must be a string");
        }
        // surrounding blanks are what a paste brings along; inside, only digits
        String value = zohoId == null ? null : ((String) zohoId).trim();
        if (value == null || value.isEmpty()) {
            throw Problem.invalid("zoho_id", "is required: the id of the Zoho record to link");
        }
        if (!ZOHO_ID.matcher(value).matches()) {
            throw Problem.invalid("zoho_id", "must be a Zoho record id: 1 to " + MAX_ZOHO_ID + " digits");
        }
        return value;
    }
}
