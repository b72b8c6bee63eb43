package io.zohosync.ports.outbound;

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
                    // every message is on its way before the first answer is awaited
                    List<Future<Boolean>> sent = messages.stream()
                            .map(m -> deliver(owner, m)
                                    .map(result -> result.status() == Status.DELIVERED)
                                    .otherwise(false))
                            .toList();
                    Future<Integer> delivered = Future.succeededFuture(0);
                    for (Future<Boolean> one : sent) {
                        delivered = delivered.compose(n -> one.map(ok -> ok ? n + 1 : n));
                    }
                    return delivered.map(n -> new Pass(messages.size(), n, messages.size() - n));
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
        return webhooks.post(request)
                .map(answer -> new Sent(answer, null))
                .otherwise(error -> new Sent(null, String.valueOf(error.getMessage())))
                .compose(sent -> settle(
                        owner,
                        message,
                        at,
                        sent,
                        Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }

    /** What came back: an answer, or why none came. */
    private record Sent(Answer answer, String failure) {}

    private Future<Result> settle(String owner, Message message, Instant at, Sent sent, long ms) {
        int number = message.attempts() + 1;
        Answer answer = sent.answer();
        boolean delivered = answer != null && answer.delivered();
        int status = answer == null ? 0 : answer.status();
        String error = delivered
                ? null
                : answer == null
                        ? sent.failure()
                        : "HTTP " + status + (answer.body().isEmpty() ? "" : ": " + answer.body());
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
