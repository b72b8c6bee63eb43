package io.zohosync.adapters.http.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.ports.in.PaymentMethodUseCase;
import io.zohosync.ports.in.PaymentMethodUseCase.Request;
import io.zohosync.ports.in.PaymentMethodUseCase.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/customers/{id}/payment-method}: a Zoho Billing hosted page for the customer's card
 * ({@code {"purpose":"update_card"|"new_subscription","service_id","redirect_url"?}}) answered as {@code url},
 * {@code expires_at}, {@code hosted_page_id}; the card never passes through the service.
 */
final class PaymentMethodRoutes {

    private static final Set<String> FIELDS = Set.of("purpose", "service_id", "redirect_url");

    private final PaymentMethodUseCase pages;

    PaymentMethodRoutes(PaymentMethodUseCase pages) {
        this.pages = pages;
    }

    void mount(Router api, long bodyLimit) {
        String path = "/customers/:id/payment-method";
        api.post(path).handler(ctx -> {
            JsonBodies.requireJson(ctx, "the payment-method request");
            ctx.next();
        });
        api.post(path)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::open);
    }

    private void open(RoutingContext ctx) {
        Map<String, Object> body = JsonBodies.object(ctx.body().buffer());
        List<FieldError> errors = new ArrayList<>();
        body.keySet().stream()
                .filter(field -> !FIELDS.contains(field))
                .sorted()
                .forEach(field -> errors.add(new FieldError(field, "is not a field of this request")));
        String purpose = text(body, "purpose", errors);
        String serviceId = text(body, "service_id", errors);
        String redirectUrl = text(body, "redirect_url", errors);
        pages.open(new Request(ctx.pathParam("id"), purpose, serviceId, redirectUrl, errors))
                .map(PaymentMethodRoutes::reply)
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private static String text(Map<String, Object> body, String field, List<FieldError> errors) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return (String) value;
    }

    private static Reply reply(Result result) {
        if (result instanceof Result.Invalid invalid) {
            throw Problem.validation(invalid.errors());
        }
        if (result instanceof Result.Refused refused) {
            throw refused.status() == 503
                    ? Problem.retryLater(503, refused.code(), refused.message(), 30)
                    : new Problem(refused.status(), refused.code(), refused.message());
        }
        Result.Opened opened = (Result.Opened) result;
        return new Reply(
                201,
                new JsonObject()
                        .put("url", opened.url())
                        .put(
                                "expires_at",
                                opened.expiresAt() == null
                                        ? null
                                        : opened.expiresAt().toString())
                        .put("hosted_page_id", opened.hostedPageId()),
                null);
    }
}
