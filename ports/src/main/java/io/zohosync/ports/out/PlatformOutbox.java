package io.zohosync.ports.out;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Outbound port: the platform's outbox after commit — messages claimed under a lease for delivery (only the first
 * pending message of each stream, so a stream is delivered in order), each attempt's result and log, and the admin's
 * reads and "retry now". Messages are put in by {@link IntakeTransaction#publish}.
 */
public interface PlatformOutbox {

    /** Where a message stands: still to deliver, delivered (a 2xx), or dead (its schedule ran out). */
    enum Status {
        PENDING,
        DELIVERED,
        DEAD;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The status of a wire name; {@link IllegalArgumentException} when there is none. */
        public static Status fromWire(String value) {
            for (Status status : values()) {
                if (status.wire().equals(value)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("no delivery status '" + value + "'");
        }
    }

    /**
     * A message: {@code id} orders it in its stream, {@code messageId} is its {@code webhook-id}, {@code dataJson} the
     * JSON text of its data; {@code attempts} made so far, the next one due at {@code nextAttemptAt} while pending.
     */
    record Message(
            long id,
            UUID messageId,
            String type,
            String stream,
            String dataJson,
            Instant occurredAt,
            Instant createdAt,
            Status status,
            int attempts,
            Instant nextAttemptAt,
            Instant deliveredAt,
            String lastError) {}

    /** One attempt: its number (from 1), when, the answer's HTTP status (0: none), what went wrong (null: nothing). */
    record Attempt(int number, Instant at, int httpStatus, String error, long durationMs) {
        /** The longest error text kept. */
        public static final int MAX_ERROR = 500;

        public Attempt {
            if (number < 1 || at == null) {
                throw new IllegalArgumentException("an attempt has a number from 1 and a time");
            }
            if (error != null && error.length() > MAX_ERROR) {
                error = error.substring(0, MAX_ERROR - 1) + "…";
            }
        }
    }

    /** What an attempt left the message as: delivered, due again at {@code retryAt}, or dead. */
    record Result(Status status, Instant retryAt) {
        public static final Result DELIVERED = new Result(Status.DELIVERED, null);
        public static final Result DEAD = new Result(Status.DEAD, null);

        public static Result retryAt(Instant at) {
            return new Result(Status.PENDING, at);
        }

        public Result {
            if ((status == Status.PENDING) != (retryAt != null)) {
                throw new IllegalArgumentException("a retry, and only a retry, has a time");
            }
        }
    }

    /** A message with its attempts, oldest first. */
    record Detail(Message message, List<Attempt> attempts) {}

    /** One page of messages by id after {@code afterId}; an empty status or stream means any. */
    record Page(Optional<Status> status, Optional<String> stream, long afterId, int limit) {}

    /** What "retry now" found: done, no such message, or the message was delivered already. */
    enum RetryNow {
        SCHEDULED,
        UNKNOWN,
        DELIVERED
    }

    /**
     * Leases to {@code owner} until {@code now + lease} at most {@code limit} pending messages due at {@code now} that
     * no one holds and that no earlier pending message of their stream waits before; in id order.
     */
    Future<List<Message>> claim(String owner, int limit, Instant now, Duration lease);

    /**
     * Logs attempt {@code attempt} of a message {@code owner} holds and leaves the message as {@code result}, handing
     * the lease back; false (and nothing written) when {@code owner} no longer holds it.
     */
    Future<Boolean> record(long id, String owner, Attempt attempt, Result result);

    /** Hands back every pending message {@code owner} holds; how many. */
    Future<Integer> release(String owner);

    /** The page's messages in ascending id order. */
    Future<List<Message>> list(Page page);

    Future<Optional<Detail>> find(long id);

    /** Makes a pending or dead message due at {@code now} (a dead one pending again, for one more attempt). */
    Future<RetryNow> retryNow(long id, Instant now);

    /** How many messages are in {@code status}. */
    Future<Long> count(Status status);
}
