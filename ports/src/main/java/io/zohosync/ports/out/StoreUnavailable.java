package io.zohosync.ports.out;

/**
 * A storage port could not reach its store (the database is down, restarting or out of connections):
 * nothing was done, and the same request may succeed a little later. Adapters raise it instead of their
 * driver's error so that callers can answer "try again" rather than "we broke".
 */
public final class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
