package io.zohosync.adapters.http.common;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.ports.out.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one failure handler: every error leaves as a problem body with a stable code, never a stack trace. */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final int[] ROUTER_STATUSES = {400, 404, 405, 413, 415, 500};

    /** How long a caller is asked to wait while the database cannot be reached: about a restart's length. */
    static final long DATABASE_RETRY_AFTER_SECONDS = 5;

    private Problems() {}

    /**
     * Makes every way a router can end in error answer with a problem: its failure handler, and its error
     * handlers by status. Each router needs its own (Vert.x does not inherit them into sub-routers), and
     * an error handler is bound to its status because Vert.x may call it without setting the context's.
     */
    public static void install(Router router) {
        router.route().failureHandler(ctx -> handle(ctx, ctx.statusCode()));
        for (int status : ROUTER_STATUSES) {
            router.errorHandler(status, ctx -> handle(ctx, status));
        }
    }

    /**
     * Answers a request the HTTP codec could not read — a request line or headers longer than it reads, or
     * not HTTP at all — with a problem too, where Vert.x would send an empty answer. For
     * {@code HttpServer.invalidRequestHandler}.
     */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        Problem problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = new Problem(414, "uri_too_long", "the request line is longer than this service reads");
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = new Problem(431, "headers_too_large", "the request headers are larger than this service reads");
        } else {
            problem = new Problem(400, "bad_request", "the request is not HTTP this service can read");
        }
        problem.send(request.response());
    }

    private static void handle(RoutingContext ctx, int status) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof HttpClosedException) {
            // the caller hung up, or its body stopped coming until the idle timeout closed the connection: nothing
            // was read, so nothing was stored, and there is no one left to answer; not the service's error
            LOG.info(
                    "{} {}: the connection closed before the request was read; nothing stored",
                    ctx.request().method(),
                    ctx.request().path());
            return;
        }
        if (failure instanceof Problem problem) {
            problem.send(ctx);
            return;
        }
        if (unreachableStore(failure)) {
            LOG.warn(
                    "{} {}: the database cannot be reached ({})",
                    ctx.request().method(),
                    ctx.request().path(),
                    failure.getMessage());
            Problem.retryLater(
                            503,
                            "database_unavailable",
                            "the database cannot be reached; nothing was stored, send the request again later",
                            DATABASE_RETRY_AFTER_SECONDS)
                    .send(ctx);
            return;
        }
        Problem problem = switch (status) {
            case 400 -> new Problem(400, "bad_request", "the request could not be read");
            case 401 -> new Problem(401, "unauthorized", "credentials are missing or wrong");
            case 404 ->
                new Problem(
                        404, "not_found", "no such resource: " + ctx.request().path());
            case 405 -> new Problem(405, "method_not_allowed", ctx.request().method() + " is not allowed here");
            case 413 -> new Problem(413, "payload_too_large", "the request body is larger than this endpoint accepts");
            case 415 -> new Problem(415, "unsupported_media_type", "send application/json");
            default -> null;
        };
        if (problem == null) {
            LOG.error(
                    "unhandled failure on {} {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    failure);
            problem = new Problem(500, "internal_error", "something went wrong on our side; nothing was acknowledged");
        }
        problem.send(ctx);
    }

    private static boolean unreachableStore(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailable) {
                return true;
            }
        }
        return false;
    }
}
