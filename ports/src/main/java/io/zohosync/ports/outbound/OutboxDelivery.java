package io.zohosync.ports.outbound;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.zohosync.domain.outbox.DeliverySchedule;
import io.zohosync.ports.intake.CanonicalJson;
import io.zohosync.ports.out.PlatformOutbox;
import io.zohosync.ports.out.PlatformOutbox.Attempt;
import io.zohosync.ports.out.PlatformOutbox.Message;
import io.zohosync.ports.out.PlatformOutbox.Result;
import io.zohosync.ports.out.PlatformOutbox.Status;
import io.zohosync.ports.out.PlatformWebhooks;
import io.zohosync.ports.out.PlatformWebhooks.Answer;
import io.zohosync.ports.out.PlatformWebhooks.SignedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: delivers the platform's outbox as signed outbound webhooks. One pass claims the due messages (at most one
 * per stream: the first pending, so a stream is delivered in order), sends them in parallel, and records each
 * attempt: a 2xx is delivered; any other answer, or none, is tried again after the {@link DeliverySchedule}'s next
 * delay, and is dead when the schedule has run out.
 */
public final class OutboxDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);

    /** Told each attempt's outcome: {@code delivered}, {@code retry} or {@code dead}. */
    @FunctionalInterface
    public interface Observer {
        void attempted(String outcome);
    }

    /** At most {@code batch} messages a pass, each leased for {@code lease}, tried again on {@code schedule}. */
    public record Settings(int batch, Duration lease, DeliverySchedule schedule) {
        public Settings {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(schedule, "schedule");
            if (batch < 1) {
                throw new IllegalArgumentException("a pass takes at least one message");
            }
        }
    }

    /** What a pass did: messages claimed, delivered, failed (to be tried again or dead). */
    public record Pass(int claimed, int delivered, int failed) {}

    private final PlatformOutbox outbox;
    private final PlatformWebhooks webhooks;
    private final WebhookSigner signer;
    private final Observer observer;
    private final Clock clock;
    private final Settings settings;

    public OutboxDelivery(
            PlatformOutbox outbox,
            PlatformWebhooks webhooks,
            WebhookSigner signer,
            Observer observer,
            Clock clock,
            Settings settings) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.signer = signer;
        this.observer = observer;
        this.clock = clock;
        this.settings = settings;
    }

    /** One pass for {@code owner} (this instance's name in the leases). */
    public Future<Pass> deliverOnce(String owner) {
        return outbox.claim(owner, settings.batch(), clock.instant(), settings.lease())
                .compose(messages -> {
                    List<Future<Result>> sent =
                            messages.stream().map(m -> deliver(owner, m)).toList();
                    return Future.join(sent).transform(done -> {
                        int delivered = 0;
                        int failed = 0;
                        for (Future<Result> f : sent) {
                            if (f.succeeded() && f.result().status() == Status.DELIVERED) {
                                delivered++;
                            } else {
                                failed++;
                            }
                        }
                        return Future.succeededFuture(new Pass(messages.size(), delivered, failed));
                    });
                });
    }

    /** Hands back what {@code owner} still holds (on shutdown). */
    public Future<Integer> release(String owner) {
        return outbox.release(owner);
    }

    /** The body sent for {@code message}: the specification's envelope of type, time of the event and data. */
    public static String body(Message message) {
        return "{\"type\":" + CanonicalJson.write(message.type()) + ",\"timestamp\":"
                + CanonicalJson.write(message.occurredAt().toString()) + ",\"data\":" + message.dataJson() + "}";
    }

    private Future<Result> deliver(String owner, Message message) {
        Instant at = clock.instant();
        long timestamp = at.getEpochSecond();
        String id = message.messageId().toString();
        String body = body(message);
        SignedRequest request = new SignedRequest(id, timestamp, signer.sign(id, timestamp, body), body);
        long started = System.nanoTime();
        return webhooks.post(request).transform(answer -> {
            long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
            return settle(owner, message, at, answer, ms);
        });
    }

    private Future<Result> settle(String owner, Message message, Instant at, AsyncResult<Answer> answer, long ms) {
        int number = message.attempts() + 1;
        boolean delivered = answer.succeeded() && answer.result().delivered();
        int status = answer.succeeded() ? answer.result().status() : 0;
        String error = delivered
                ? null
                : answer.succeeded()
                        ? "HTTP " + status
                                + (answer.result().body().isEmpty()
                                        ? ""
                                        : ": " + answer.result().body())
                        : String.valueOf(answer.cause().getMessage());
        Result result = delivered
                ? Result.DELIVERED
                : settings.schedule()
                        .afterFailed(number)
                        .map(wait -> Result.retryAt(at.plus(wait)))
                        .orElse(Result.DEAD);
        return outbox.record(message.id(), owner, new Attempt(number, at, status, error, ms), result)
                .map(kept -> {
                    if (!kept) {
                        LOG.warn(
                                "outbox message {}: its lease ended before attempt {} was recorded; another instance"
                                        + " sends it",
                                message.id(),
                                number);
                    } else if (result.status() == Status.DEAD) {
                        LOG.warn(
                                "outbox message {} ({} of stream {}) is dead after {} attempts; last: {}",
                                message.id(),
                                message.type(),
                                message.stream(),
                                number,
                                error);
                    }
                    observer.attempted(
                            switch (result.status()) {
                                case DELIVERED -> "delivered";
                                case PENDING -> "retry";
                                case DEAD -> "dead";
                            });
                    return result;
                });
    }
}
