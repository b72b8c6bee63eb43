package io.zohosync.ports.out.zoho;

import java.time.Duration;
import java.util.Optional;

/**
 * The classified outcome of one Zoho call. Business outcomes are values; a failed
 * {@code Future} is reserved for bugs in the adapter itself.
 */
public sealed interface ZohoOutcome<T> {

    /** Zoho did what was asked. */
    record Success<T>(T value) implements ZohoOutcome<T> {}

    /** Zoho already holds a record with this marker; {@code existing} when it could be found. */
    record Duplicate<T>(Optional<T> existing, String message) implements ZohoOutcome<T> {}

    /** The record or the URL does not exist. */
    record NotFound<T>(String message) implements ZohoOutcome<T> {}

    /** Zoho refused the data: permanent until someone changes it. Zoho's code and message are kept. */
    record Validation<T>(String code, String message) implements ZohoOutcome<T> {}

    /**
     * The call was not made, or Zoho refused it for a limit: a Zoho limit or our own budget is spent,
     * token refresh is throttled, or the product's circuit is open. Try again after {@code retryAfter}.
     */
    record RateLimited<T>(Scope scope, Duration retryAfter, String message) implements ZohoOutcome<T> {
        public enum Scope {
            MINUTE,
            DAY,
            CONCURRENCY,
            TOKEN_REFRESH,
            CIRCUIT_OPEN
        }
    }

    /** Credentials are no longer accepted; an admin must reconnect the organization. */
    record AuthFailure<T>(String message) implements ZohoOutcome<T> {}

    /** Zoho is not answering properly (5xx, timeout, connection reset) or its circuit is open. */
    record Outage<T>(String message) implements ZohoOutcome<T> {}

    /** Whether another attempt later may succeed without anyone changing anything. */
    default boolean retryable() {
        return this instanceof Outage<T> || this instanceof RateLimited<T>;
    }

    /**
     * What the call came to, in an admin's words (a problem's detail, a report's line): Zoho's or the budget's message,
     * and when a limit reopens, rounded up to a second.
     */
    default String describe() {
        if (this instanceof RateLimited<T> limited) {
            long seconds = (limited.retryAfter().toMillis() + 999) / 1000;
            return limited.message() + "; try again in " + seconds + " s";
        }
        if (this instanceof Outage<T> outage) {
            return "Zoho did not answer: " + outage.message();
        }
        if (this instanceof AuthFailure<T> auth) {
            return "Zoho refused the credentials: " + auth.message();
        }
        if (this instanceof Validation<T> refused) {
            return "Zoho refused it: [" + refused.code() + "] " + refused.message();
        }
        if (this instanceof NotFound<T> missing) {
            return "Zoho found nothing: " + missing.message();
        }
        if (this instanceof Duplicate<T> duplicate) {
            return "Zoho reports a duplicate: " + duplicate.message();
        }
        return "Zoho answered " + this;
    }

    /** A success's value turned by {@code f}; a failure as it is (retyped). */
    default <U> ZohoOutcome<U> map(java.util.function.Function<T, U> f) {
        return this instanceof Success<T> ok ? new Success<>(f.apply(ok.value())) : retype(this);
    }

    /** A failure as an outcome of another type: failures carry no value, so only the type changes (a duplicate drops its record). */
    @SuppressWarnings("unchecked")
    static <U> ZohoOutcome<U> retype(ZohoOutcome<?> failure) {
        if (failure instanceof Success<?>) {
            throw new IllegalArgumentException("not a failure: " + failure);
        }
        if (failure instanceof Duplicate<?> duplicate) {
            return new Duplicate<>(Optional.empty(), duplicate.message());
        }
        return (ZohoOutcome<U>) failure;
    }
}
