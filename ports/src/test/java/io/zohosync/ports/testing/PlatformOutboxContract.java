package io.zohosync.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.PlatformOutbox;
import io.zohosync.ports.out.PlatformOutbox.Attempt;
import io.zohosync.ports.out.PlatformOutbox.Detail;
import io.zohosync.ports.out.PlatformOutbox.Message;
import io.zohosync.ports.out.PlatformOutbox.Page;
import io.zohosync.ports.out.PlatformOutbox.Result;
import io.zohosync.ports.out.PlatformOutbox.RetryNow;
import io.zohosync.ports.out.PlatformOutbox.Status;
import io.zohosync.ports.outbound.OutboxDelivery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PlatformOutbox}, run against every implementation: claimed under a lease, one message of a
 * stream at a time in id order, every attempt logged, read and retried by the admin. Each test uses its own streams
 * and looks only at them, so tests share a store (other messages may be claimed alongside).
 */
public abstract class PlatformOutboxContract {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int ALL = 10_000;

    private final String tag = UUID.randomUUID().toString();
    /**
     * The passes' "now": a minute after the store's own clock, so every message a test publishes is due by then however
     * slowly the test runs.
     */
    private final Instant now = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

    protected abstract PlatformOutbox outbox();

    /** Publishes as a committed intake transaction does. */
    protected abstract Future<Void> publish(PlatformMessage message);

    @Test
    void a_published_message_is_claimed_once_and_reads_back_as_published() throws Exception {
        Instant occurred = Instant.parse("2026-11-30T07:00:00.123456Z");
        await(publish(new PlatformMessage(
                "stock.changed", stream("item"), Map.of("sku", "W-1", "level", 7, "note", "ünï \"q\""), occurred)));

        List<Message> claimed = mine(await(outbox().claim("a", ALL, now, LEASE)));
        assertThat(claimed).singleElement().satisfies(m -> {
            assertThat(m.id()).isPositive();
            assertThat(m.messageId()).isNotNull();
            assertThat(m.type()).isEqualTo("stock.changed");
            assertThat(m.stream()).isEqualTo(stream("item"));
            assertThat(new JsonObject(m.dataJson()))
                    .isEqualTo(
                            new JsonObject().put("sku", "W-1").put("level", 7).put("note", "ünï \"q\""));
            assertThat(m.occurredAt()).isEqualTo(occurred);
            assertThat(m.status()).isEqualTo(Status.PENDING);
            assertThat(m.attempts()).isZero();
        });
        assertThat(mine(await(outbox().claim("b", ALL, now, LEASE))))
                .as("leased to a")
                .isEmpty();
    }

    @Test
    void the_data_reads_back_minified_so_the_body_sent_and_signed_is_compact() throws Exception {
        Instant occurred = Instant.parse("2026-11-30T07:00:00.123Z");
        // keys in an order both stores keep (canonical: by name; jsonb: by length, then name)
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "W-1");
        data.put("qty", 7);
        data.put("tags", List.of("a", "b"));
        data.put("units", Map.of("x", 1));
        await(publish(new PlatformMessage("stock.changed", stream("minified"), data, occurred)));

        Message m = mine(await(outbox().claim("a", ALL, now, LEASE))).get(0);
        assertThat(OutboxDelivery.body(m))
                .isEqualTo("{\"type\":\"stock.changed\",\"timestamp\":\"2026-11-30T07:00:00.123Z\",\"data\":"
                        + "{\"id\":\"W-1\",\"qty\":7,\"tags\":[\"a\",\"b\"],\"units\":{\"x\":1}}}");
    }

    @Test
    void a_stream_is_delivered_in_order_and_waits_for_its_first_pending_message() throws Exception {
        await(publish(message("s1", "first")));
        await(publish(message("s1", "second")));
        await(publish(message("s2", "other")));

        List<Message> claimed = mine(await(outbox().claim("a", ALL, now, LEASE)));
        assertThat(claimed).extracting(this::label).containsExactly("first", "other");
        Message first = claimed.get(0);

        assertThat(await(outbox().record(first.id(), "a", attempt(1, now, 500), Result.retryAt(now.plusSeconds(5)))))
                .isTrue();
        assertThat(mine(await(outbox().claim("a", ALL, now.plusSeconds(1), LEASE))))
                .as("second waits for first, which waits for its retry")
                .isEmpty();

        List<Message> retried = mine(await(outbox().claim("a", ALL, now.plusSeconds(6), LEASE)));
        assertThat(retried).extracting(this::label).containsExactly("first");
        assertThat(retried.get(0).attempts()).isEqualTo(1);
        await(outbox().record(first.id(), "a", attempt(2, now.plusSeconds(6), 204), Result.DELIVERED));

        assertThat(mine(await(outbox().claim("a", ALL, now.plusSeconds(7), LEASE))))
                .extracting(this::label)
                .containsExactly("second");
    }

    @Test
    void a_dead_message_no_longer_holds_its_stream_back() throws Exception {
        await(publish(message("s", "first")));
        await(publish(message("s", "second")));
        Message first = mine(await(outbox().claim("a", ALL, now, LEASE))).get(0);

        await(outbox().record(first.id(), "a", attempt(1, now, 0), Result.DEAD));

        assertThat(mine(await(outbox().claim("a", ALL, now, LEASE))))
                .extracting(this::label)
                .containsExactly("second");
    }

    @Test
    void two_claimers_never_get_the_same_message() throws Exception {
        for (int i = 0; i < 30; i++) {
            await(publish(message("s" + i, "m" + i)));
        }
        Future<List<Message>> a = outbox().claim("a", ALL, now, LEASE);
        Future<List<Message>> b = outbox().claim("b", ALL, now, LEASE);
        List<Long> byA = mine(await(a)).stream().map(Message::id).toList();
        List<Long> byB = mine(await(b)).stream().map(Message::id).toList();

        Set<Long> both = new HashSet<>(byA);
        both.retainAll(byB);
        assertThat(both).isEmpty();
        assertThat(byA.size() + byB.size()).isEqualTo(30);
    }

    @Test
    void a_lease_that_ends_returns_the_message_and_its_old_holder_can_no_longer_record() throws Exception {
        await(publish(message("s", "only")));
        Message m = mine(await(outbox().claim("a", ALL, now, LEASE))).get(0);

        assertThat(mine(await(outbox().claim("b", ALL, now.plus(LEASE).minusSeconds(1), LEASE))))
                .isEmpty();
        assertThat(mine(await(outbox().claim("b", ALL, now.plus(LEASE).plusSeconds(1), LEASE))))
                .extracting(Message::id)
                .containsExactly(m.id());

        assertThat(await(outbox().record(m.id(), "a", attempt(1, now, 204), Result.DELIVERED)))
                .as("a's lease ended")
                .isFalse();
        assertThat(await(outbox().record(m.id(), "b", attempt(1, now.plus(LEASE), 204), Result.DELIVERED)))
                .isTrue();
        assertThat(await(outbox().find(m.id())).orElseThrow().attempts()).hasSize(1);
    }

    @Test
    void released_messages_are_claimed_by_the_next_instance_at_once() throws Exception {
        await(publish(message("s", "only")));
        Message m = mine(await(outbox().claim("a", ALL, now, LEASE))).get(0);

        assertThat(await(outbox().release("a"))).isGreaterThanOrEqualTo(1);

        assertThat(mine(await(outbox().claim("b", ALL, now, LEASE))))
                .extracting(Message::id)
                .containsExactly(m.id());
    }

    @Test
    void every_attempt_is_logged_and_the_last_one_shows_on_the_message() throws Exception {
        await(publish(message("s", "only")));
        Message m = mine(await(outbox().claim("a", ALL, now, LEASE))).get(0);
        await(outbox().record(m.id(), "a", attempt(1, now, 503), Result.retryAt(now.plusSeconds(5))));
        mine(await(outbox().claim("a", ALL, now.plusSeconds(5), LEASE)));
        String longError = "x".repeat(2_000);
        await(outbox().record(m.id(), "a", new Attempt(2, now.plusSeconds(5), 0, longError, 15_000), Result.DEAD));

        Detail detail = await(outbox().find(m.id())).orElseThrow();
        assertThat(detail.message().status()).isEqualTo(Status.DEAD);
        assertThat(detail.message().attempts()).isEqualTo(2);
        assertThat(detail.message().lastError()).hasSize(Attempt.MAX_ERROR);
        assertThat(detail.message().deliveredAt()).isNull();
        assertThat(detail.attempts()).extracting(Attempt::number).containsExactly(1, 2);
        assertThat(detail.attempts().get(0).httpStatus()).isEqualTo(503);
        assertThat(detail.attempts().get(0).error()).isEqualTo("HTTP 503");
        assertThat(detail.attempts().get(0).at()).isEqualTo(now);
        assertThat(detail.attempts().get(0).durationMs()).isEqualTo(12);
        assertThat(detail.attempts().get(1).httpStatus()).isZero();
        assertThat(detail.attempts().get(1).error()).hasSize(Attempt.MAX_ERROR).endsWith("…");
        assertThat(detail.attempts().get(1).durationMs()).isEqualTo(15_000);
    }

    @Test
    void a_delivered_message_keeps_when_it_was_delivered() throws Exception {
        await(publish(message("s", "only")));
        Message m = mine(await(outbox().claim("a", ALL, now, LEASE))).get(0);
        await(outbox().record(m.id(), "a", attempt(1, now, 200), Result.DELIVERED));

        Message after = await(outbox().find(m.id())).orElseThrow().message();
        assertThat(after.status()).isEqualTo(Status.DELIVERED);
        assertThat(after.deliveredAt()).isEqualTo(now);
        assertThat(after.lastError()).isNull();
        assertThat(mine(await(outbox().claim("a", ALL, now.plusSeconds(600), LEASE))))
                .isEmpty();
    }

    @Test
    void pages_follow_the_id_and_filter_by_status_and_stream() throws Exception {
        for (int i = 0; i < 5; i++) {
            await(publish(message("p", "p" + i)));
        }
        await(publish(message("q", "q0")));
        Message q = mine(await(outbox().claim("a", ALL, now, LEASE))).stream()
                .filter(m -> label(m).equals("q0"))
                .findFirst()
                .orElseThrow();
        await(outbox().record(q.id(), "a", attempt(1, now, 200), Result.DELIVERED));

        List<Message> first = await(outbox().list(page(Optional.of(Status.PENDING), "p", 0, 2)));
        List<Message> second = await(outbox().list(
                        page(Optional.of(Status.PENDING), "p", first.get(1).id(), 2)));
        List<Message> third = await(outbox().list(
                        page(Optional.of(Status.PENDING), "p", second.get(1).id(), 2)));
        assertThat(first).extracting(this::label).containsExactly("p0", "p1");
        assertThat(second).extracting(this::label).containsExactly("p2", "p3");
        assertThat(third).extracting(this::label).containsExactly("p4");
        assertThat(await(outbox().list(page(Optional.of(Status.DELIVERED), "q", 0, 10))))
                .extracting(this::label)
                .containsExactly("q0");
        assertThat(await(outbox().list(page(Optional.of(Status.DELIVERED), "p", 0, 10))))
                .isEmpty();
    }

    @Test
    void retry_now_makes_a_dead_or_waiting_message_due_and_refuses_a_delivered_or_unknown_one() throws Exception {
        await(publish(message("dead", "d")));
        await(publish(message("waiting", "w")));
        List<Message> claimed = mine(await(outbox().claim("a", ALL, now, LEASE)));
        Message dead = claimed.get(0);
        Message waiting = claimed.get(1);
        await(outbox().record(dead.id(), "a", attempt(8, now, 500), Result.DEAD));
        await(outbox().record(waiting.id(), "a", attempt(3, now, 500), Result.retryAt(now.plus(Duration.ofHours(2)))));

        Instant later = now.plusSeconds(30);
        assertThat(await(outbox().retryNow(dead.id(), later))).isEqualTo(RetryNow.SCHEDULED);
        assertThat(await(outbox().retryNow(waiting.id(), later))).isEqualTo(RetryNow.SCHEDULED);

        List<Message> due = mine(await(outbox().claim("a", ALL, later, LEASE)));
        assertThat(due).extracting(this::label).containsExactly("d", "w");
        assertThat(due.get(0).status()).isEqualTo(Status.PENDING);
        assertThat(due.get(0).attempts()).as("the count goes on").isEqualTo(8);
        assertThat(due.get(0).nextAttemptAt()).isEqualTo(later);

        await(outbox().record(dead.id(), "a", attempt(9, later, 200), Result.DELIVERED));
        assertThat(await(outbox().retryNow(dead.id(), later))).isEqualTo(RetryNow.DELIVERED);
        assertThat(await(outbox().retryNow(Long.MAX_VALUE, later))).isEqualTo(RetryNow.UNKNOWN);
        assertThat(await(outbox().find(Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void the_counts_follow_publishing_delivery_and_death() throws Exception {
        long pending = await(outbox().count(Status.PENDING));
        long delivered = await(outbox().count(Status.DELIVERED));
        long dead = await(outbox().count(Status.DEAD));
        await(publish(message("c1", "a")));
        await(publish(message("c2", "b")));
        await(publish(message("c3", "c")));
        assertThat(await(outbox().count(Status.PENDING))).isEqualTo(pending + 3);

        List<Message> claimed = mine(await(outbox().claim("a", ALL, now, LEASE)));
        await(outbox().record(claimed.get(0).id(), "a", attempt(1, now, 204), Result.DELIVERED));
        await(outbox().record(claimed.get(1).id(), "a", attempt(1, now, 500), Result.DEAD));
        assertThat(await(outbox().count(Status.PENDING))).isEqualTo(pending + 1);
        assertThat(await(outbox().count(Status.DELIVERED))).isEqualTo(delivered + 1);
        assertThat(await(outbox().count(Status.DEAD))).isEqualTo(dead + 1);
    }

    private Attempt attempt(int number, Instant at, int status) {
        return new Attempt(number, at, status, status / 100 == 2 ? null : "HTTP " + status, 12);
    }

    private PlatformMessage message(String stream, String label) {
        return new PlatformMessage("test.event", stream(stream), Map.of("label", label), now.minusSeconds(60));
    }

    private String stream(String name) {
        return tag + ":" + name;
    }

    private String label(Message m) {
        return new JsonObject(m.dataJson()).getString("label");
    }

    /** This test's messages among those claimed. */
    private List<Message> mine(List<Message> claimed) {
        List<Message> out = new ArrayList<>();
        claimed.stream().filter(m -> m.stream().startsWith(tag + ":")).forEach(out::add);
        return out;
    }

    private Page page(Optional<Status> status, String stream, long after, int limit) {
        return new Page(status, Optional.of(stream(stream)), after, limit);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
