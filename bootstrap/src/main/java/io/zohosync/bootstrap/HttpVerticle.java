package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.zohosync.adapters.http.HttpAdapters;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Verticle serving the service's router on one port. */
public final class HttpVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

    private final Function<io.vertx.core.Vertx, Router> routes;
    private final String host;
    private final int port;
    private final Duration idleTimeout;
    private HttpServer server;

    /** {@code idleTimeout}: a connection that sends nothing for this long (a body shorter than it said) is closed. */
    public HttpVerticle(Function<io.vertx.core.Vertx, Router> routes, String host, int port, Duration idleTimeout) {
        this.routes = routes;
        this.host = host;
        this.port = port;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions()
                        .setHost(host)
                        .setPort(port)
                        .setCompressionSupported(true)
                        .setIdleTimeout((int) idleTimeout.toMillis())
                        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
                .requestHandler(routes.apply(vertx))
                .invalidRequestHandler(HttpAdapters.invalidRequests())
                .listen()
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP listening on {}:{}", host, s.actualPort());
                });
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int actualPort() {
        return server.actualPort();
    }
}
