package io.zohosync.sandbox;

import io.vertx.core.Vertx;

/**
 * A {@link ZohoSandbox} on a Vert.x instance of its own, from {@link ZohoSandbox#startBlocking}, for tests and
 * programs that do not use Vert.x: everything a Zoho client needs to be pointed at it, and {@link #close()} (for
 * try-with-resources) stops the sandbox and its Vert.x.
 */
public final class RunningSandbox implements AutoCloseable {
    private final ZohoSandbox sandbox;
    private final Vertx vertx;

    RunningSandbox(ZohoSandbox sandbox, Vertx vertx) {
        this.sandbox = sandbox;
        this.vertx = vertx;
    }

    /** The sandbox itself. */
    public ZohoSandbox sandbox() {
        return sandbox;
    }

    /** {@code http://127.0.0.1:<port>}: the accounts server and the {@code api_domain} at once. */
    public String baseUrl() {
        return sandbox.baseUrl();
    }

    /** {@code <baseUrl>/oauth/v2/token}. */
    public String tokenUrl() {
        return sandbox.tokenUrl();
    }

    public int port() {
        return sandbox.port();
    }

    public String clientId() {
        return sandbox.clientId();
    }

    public String clientSecret() {
        return sandbox.clientSecret();
    }

    public String refreshToken() {
        return sandbox.refreshToken();
    }

    public String organizationId() {
        return sandbox.organizationId();
    }

    public SandboxControl control() {
        return sandbox.control();
    }

    public SandboxInspection inspect() {
        return sandbox.inspect();
    }

    /** Stops the sandbox and its Vert.x instance, waiting for both. */
    @Override
    public void close() {
        try {
            sandbox.close().await();
        } finally {
            vertx.close().await();
        }
    }
}
