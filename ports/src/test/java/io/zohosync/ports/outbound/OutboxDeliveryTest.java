package io.zohosync.ports.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.zohosync.domain.outbox.DeliverySchedule;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.PlatformOutbox.Attempt;
import io.zohosync.ports.out.PlatformOutbox.Detail;
import io.zohosync.ports.out.PlatformOutbox.Status;
import io.zohosync.ports.out.PlatformWebhooks;
import io.zohosync.ports.testing.InMemoryPlatformOutbox;
import io.zohosync.ports.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The delivery use case over the in-memory outbox, a scripted endpoint and a clock the test moves. */
class OutboxDeliveryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant OCCURRED = Instant.parse("2026-11-30T07:00:00.123456Z");

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final InMemoryPlatformOutbox outbox = new InMemoryPlatformOutbox(clock);
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final Endpoint endpoint = new Endpoint();
    private final OutboxDelivery delivery = new OutboxDelivery(
            outbox,
            endpoint,
            WebhookSigner.of(SECRET),
            outcomes::add,
            clock,
            new OutboxDelivery.Settings(10, Duration.ofMinutes(5), DeliverySchedule.STANDARD));

    /** Answers each request by the function's status for its body (0: no answer). */
    private static final class Endpoint implements PlatformWebhooks {
        final List<SignedRequest> received = new CopyOnWriteArrayList<>();
        Function<SignedRequest, Integer> answer = r -> 204;

        @Override
        public Future<Answer> post(SignedRequest request) {
            received.add(request);
            int status = answer.apply(request);
            return status == 0
                    ? Future.failedFuture("no answer within 15000 ms")
                    : Future.succeededFuture(new Answer(status, status == 500 ? "{\"error\":\"down\"}" : ""));
        }
    }

    @Test
    void a_message_is_sent_once_signed_so_the_reference_library_verifies_it() throws Exception {
        publish("stock.changed", "item:W-1", Map.of("sku", "W-1", "level", 7));

        OutboxDelivery.Pass pass = await(delivery.deliverOnce("me"));

        assertThat(pass).isEqualTo(new OutboxDelivery.Pass(1, 1, 0));
        PlatformWebhooks.SignedRequest sent = endpoint.received.get(0);
        new Webhook(SECRET)
                .verify(
                        sent.body(),
                        Map.of(
                                "webhook-id", List.of(sent.id()),
                                "webhook-timestamp", List.of(String.valueOf(sent.timestamp())),
                                "webhook-signature", List.of(sent.signature())));
        assertThat(sent.timestamp()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(new JsonObject(sent.body()))
                .isEqualTo(new JsonObject()
                        .put("type", "stock.changed")
                        .put("timestamp", "2026-11-30T07:00:00.123456Z")
                        .put("data", new JsonObject().put("sku", "W-1").put("level", 7)));
        Detail detail = only();
        assertThat(sent.id()).isEqualTo(detail.message().messageId().toString());
        assertThat(detail.message().status()).isEqualTo(Status.DELIVERED);
        assertThat(detail.attempts()).singleElement().satisfies(a -> {
            assertThat(a.httpStatus()).isEqualTo(204);
            assertThat(a.error()).isNull();
        });
        assertThat(outcomes).containsExactly("delivered");
        assertThat(await(delivery.deliverOnce("me")).claimed())
                .as("not sent again")
                .isZero();
    }

    @Test
    void a_failing_endpoint_is_tried_on_the_schedule_and_the_message_is_dead_after_the_last_attempt() throws Exception {
        endpoint.answer = r -> endpoint.received.size() % 2 == 0 ? 0 : 500;
        publish("payment.failed", "subscription:S-1", Map.of("id", "p-1"));
        Instant start = clock.instant();

        List<Instant> attemptedAt = new ArrayList<>();
        for (Duration wait : DeliverySchedule.STANDARD.delays()) {
            attemptedAt.add(clock.instant());
            assertThat(await(delivery.deliverOnce("me")).failed()).isEqualTo(1);
            clock.advance(wait.minusMillis(1));
            assertThat(await(delivery.deliverOnce("me")).claimed())
                    .as("not before its time")
                    .isZero();
            clock.advance(Duration.ofMillis(1));
        }
        attemptedAt.add(clock.instant());
        assertThat(await(delivery.deliverOnce("me")).failed()).isEqualTo(1);
        clock.advance(Duration.ofDays(30));
        assertThat(await(delivery.deliverOnce("me")).claimed()).as("dead").isZero();

        Detail detail = only();
        assertThat(detail.message().status()).isEqualTo(Status.DEAD);
        assertThat(detail.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(detail.attempts()).extracting(Attempt::at).containsExactlyElementsOf(attemptedAt);
        assertThat(attemptedAt.get(7)).isEqualTo(start.plus(Duration.parse("PT27H35M5S")));
        assertThat(detail.attempts().get(0).httpStatus()).isEqualTo(500);
        assertThat(detail.attempts().get(0).error()).isEqualTo("HTTP 500: {\"error\":\"down\"}");
        assertThat(detail.attempts().get(1).httpStatus()).isZero();
        assertThat(detail.attempts().get(1).error()).isEqualTo("no answer within 15000 ms");
        assertThat(endpoint.received)
                .extracting(PlatformWebhooks.SignedRequest::id)
                .containsOnly(detail.message().messageId().toString());
        assertThat(endpoint.received)
                .extracting(PlatformWebhooks.SignedRequest::timestamp)
                .containsExactlyElementsOf(
                        attemptedAt.stream().map(Instant::getEpochSecond).toList());
        assertThat(outcomes).containsExactly("retry", "retry", "retry", "retry", "retry", "retry", "retry", "dead");
    }

    @Test
    void a_stream_waits_for_its_failed_first_message_while_other_streams_go_on() throws Exception {
        endpoint.answer = r -> r.body().contains("\"n\":1") && endpoint.received.size() <= 2 ? 503 : 200;
        publish("stock.changed", "item:A", Map.of("n", 1));
        publish("stock.changed", "item:A", Map.of("n", 2));
        publish("stock.changed", "item:B", Map.of("n", 3));

        assertThat(await(delivery.deliverOnce("me"))).isEqualTo(new OutboxDelivery.Pass(2, 1, 1));
        assertThat(await(delivery.deliverOnce("me")).claimed())
                .as("n=2 waits for n=1")
                .isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(await(delivery.deliverOnce("me"))).isEqualTo(new OutboxDelivery.Pass(1, 1, 0));
        assertThat(await(delivery.deliverOnce("me"))).isEqualTo(new OutboxDelivery.Pass(1, 1, 0));

        assertThat(endpoint.received)
                .extracting(r -> new JsonObject(r.body()).getJsonObject("data").getInteger("n"))
                .containsExactly(1, 3, 1, 2);
    }

    private void publish(String type, String stream, Map<String, Object> data) throws Exception {
        await(outbox.publish(new PlatformMessage(type, stream, data, OCCURRED)));
    }

    private Detail only() throws Exception {
        return await(outbox.find(1)).orElseThrow();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
