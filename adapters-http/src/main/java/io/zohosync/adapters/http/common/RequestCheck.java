package io.zohosync.adapters.http.common;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests validated by the OpenAPI document before the routes' handlers: the path, query and header parameters of the
 * operation the request is for, each against its schema. A parameter the document refuses is answered 422
 * {@code validation_failed} naming it in {@code errors} (as the routes answer a bad parameter), or with the problem the
 * parameter names in its {@code x-zsync-refusal} ({@code Idempotency-Key}: 400 {@code invalid_idempotency_key});
 * {@code x-zsync-refusal: route} leaves it to the route, whose answer depends on the operation (an id too long for a
 * path: 404 on a read, 422 on a write). Runs after the credential check; a request whose body is not declared JSON
 * goes on to the route's content type check (415) first. Bodies are the routes' own to read: their strict JSON
 * reading and the use cases' rules give the more specific codes ({@code malformed_json}, each broken field).
 */
public final class RequestCheck implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestCheck.class);
    private static final String REFUSAL = "x-zsync-refusal";

    /** The contract, asked for by every request until it is read: a failed reading is tried again, not kept. */
    private final Supplier<Future<ApiContract>> contract;

    private final boolean onlyOpen;

    private RequestCheck(Supplier<Future<ApiContract>> contract, boolean onlyOpen) {
        this.contract = contract;
        this.onlyOpen = onlyOpen;
    }

    /** Checks every documented operation: for a router behind a credential check. */
    public static RequestCheck everyOperation(Supplier<Future<ApiContract>> contract) {
        return new RequestCheck(contract, false);
    }

    /**
     * Checks the operations that need no credential: for the root router, where the operations behind a credential
     * are checked after it (the APIs' routers) or check their parameters with their credential.
     */
    public static RequestCheck openOperations(Supplier<Future<ApiContract>> contract) {
        return new RequestCheck(contract, true);
    }

    @Override
    public void handle(RoutingContext ctx) {
        Future<ApiContract> reading = contract.get();
        if (reading.succeeded()) {
            check(ctx, reading.result());
        } else {
            // until the document is read (a process's first requests): its body waits, unread, for the route; the
            // answer comes on this request's own context (ApiContract.load)
            ctx.request().pause();
            reading.onComplete(read -> {
                ctx.request().resume();
                if (read.failed()) {
                    LOG.error("the OpenAPI document could not be read as a contract", read.cause());
                    ctx.fail(read.cause());
                } else {
                    check(ctx, read.result());
                }
            });
        }
    }

    private void check(RoutingContext ctx, ApiContract api) {
        Operation operation =
                api.contract().findOperation(ctx.request().path(), ctx.request().method());
        if (operation == null
                || (onlyOpen && !operation.getSecurityRequirements().isEmpty())
                || (operation.getRequestBody() != null && !JsonBodies.declaresJson(ctx))) {
            ctx.next();
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            Object refusal = parameter.getExtensions().get(REFUSAL);
            if ("route".equals(refusal)) {
                continue;
            }
            String value = value(ctx, operation, parameter);
            String reason =
                    value == null ? (parameter.isRequired() ? "is required" : null) : api.refuses(parameter, value);
            if (reason != null) {
                ctx.fail(refused(parameter, refusal, reason));
                return;
            }
        }
        ctx.next();
    }

    private static Problem refused(Parameter parameter, Object refusal, String reason) {
        String where = parameter.getIn().name().toLowerCase(Locale.ROOT) + " parameter " + parameter.getName();
        if (refusal instanceof JsonObject problem) {
            return new Problem(problem.getInteger("status"), problem.getString("code"), where + ": " + reason);
        }
        return Problem.invalid(parameter.getName(), reason);
    }

    /** The parameter's value as sent (decoded), null when it was not. */
    private static String value(RoutingContext ctx, Operation operation, Parameter parameter) {
        return switch (parameter.getIn()) {
            case QUERY -> ctx.queryParams().get(parameter.getName());
            case HEADER -> ctx.request().getHeader(parameter.getName());
            case PATH -> ApiContract.pathParameter(ctx.request().path(), operation, parameter.getName());
            case COOKIE -> {
                Cookie cookie = ctx.request().getCookie(parameter.getName());
                yield cookie == null ? null : cookie.getValue();
            }
        };
    }
}
