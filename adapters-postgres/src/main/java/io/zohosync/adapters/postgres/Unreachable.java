package io.zohosync.adapters.postgres;

import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.zohosync.ports.out.StoreUnavailable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Tells a database that cannot be reached from one that refused a statement, and guards a storage port
 * so that the first surfaces as {@link StoreUnavailable}: the connection was refused or closed, no pooled
 * connection came free in time, or the server is shutting down, crashed or still starting (SQLSTATE class
 * 08, 57P01 to 57P03, 53300 too many connections). Anything else passes through unchanged.
 */
final class Unreachable {

    /** Vert.x's pool fails a wait for a connection with this message and no type of its own. */
    private static final String POOL_WAIT_TIMED_OUT = "Timeout waiting for connection";
    /** The SQL client fails a statement on a connection that has just closed with this message, and no type of its own. */
    private static final String CONNECTION_NOT_ACTIVE = "Connection is not active now";

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03", "53300");

    private Unreachable() {}

    /** Whether {@code failure}, or what caused it, says the database could not be reached. */
    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailable
                    || t instanceof SocketException // ConnectException: refused, unreachable, timed out
                    || t instanceof ClosedChannelException
                    || t instanceof ClosedConnectionException
                    || t instanceof ConnectionPoolTooBusyException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState().startsWith("08") || SERVER_GOING_AWAY.contains(pg.getSqlState());
            }
            if (t instanceof VertxException
                    && t.getMessage() != null
                    && (t.getMessage().equals(POOL_WAIT_TIMED_OUT)
                            || t.getMessage().startsWith(CONNECTION_NOT_ACTIVE))) {
                return true;
            }
        }
        return false;
    }

    /** {@code failure} as {@link StoreUnavailable} when the database could not be reached; unchanged otherwise. */
    static Throwable classify(Throwable failure) {
        if (failure instanceof StoreUnavailable || !is(failure)) {
            return failure;
        }
        return new StoreUnavailable("the database cannot be reached: " + failure.getMessage(), failure);
    }

    /**
     * {@code port} (an adapter implementing {@code first} and {@code more}) with every future it returns
     * failing as {@link StoreUnavailable} when the database could not be reached. A proxy, so that a method
     * added to a port later is guarded too.
     */
    @SuppressWarnings("unchecked")
    static <T> T guard(Object port, Class<T> first, Class<?>... more) {
        Class<?>[] interfaces = new Class<?>[more.length + 1];
        interfaces[0] = first;
        System.arraycopy(more, 0, interfaces, 1, more.length);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(port, args);
            }
            Object result;
            try {
                result = method.invoke(port, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return result instanceof Future<?> future
                    ? ((Future<Object>) future).recover(failure -> Future.failedFuture(classify(failure)))
                    : result;
        };
        return (T) Proxy.newProxyInstance(Unreachable.class.getClassLoader(), interfaces, handler);
    }
}
