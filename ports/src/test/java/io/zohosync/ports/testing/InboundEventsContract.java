package io.zohosync.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.InboundEvents.Detail;
import io.zohosync.ports.out.InboundEvents.Kept;
import io.zohosync.ports.out.InboundEvents.Page;
import io.zohosync.ports.out.InboundEvents.Received;
import io.zohosync.ports.out.InboundEvents.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link InboundEvents}, run against every implementation: kept once per source and event id,
 * listed by id, found with the body, resolved once. Each test uses its own source, so tests share a store.
 */
public abstract class InboundEventsContract {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String source = "test-" + UUID.randomUUID();

    protected abstract InboundEvents events();

    @Test
    void an_event_is_kept_once_per_source_and_event_id() throws Exception {
        InboundEvents events = events();
        assertThat(await(events.keep(unmatched("evt_1", "{\"id\":\"evt_1\"}")))).isTrue();
        assertThat(await(events.keep(unmatched("evt_1", "{\"id\":\"evt_1\",\"again\":true}"))))
                .as("delivered again")
                .isFalse();

        List<Kept> kept = await(events.list(page(Optional.empty(), 0, 10)));
        assertThat(kept).hasSize(1);
        Detail detail = await(events.find(kept.get(0).id())).orElseThrow();
        assertThat(detail.rawBody()).as("the first body stays").isEqualTo("{\"id\":\"evt_1\"}");
    }

    @Test
    void a_kept_event_reads_back_as_it_arrived() throws Exception {
        InboundEvents events = events();
        Received sent = new Received(
                source,
                "evt_2",
                "checkout.session.async_payment_failed",
                Status.FAILED_PAYMENT,
                "the delayed payment failed",
                now,
                new BigDecimal("12.340"),
                "KWD",
                "c-1",
                "o-1",
                Map.of("order_id", "o-1", "note", "ünïcödé"),
                "{\"id\":\"evt_2\",\"text\":\"ünïcödé\"}");
        await(events.keep(sent));

        Kept kept = await(events.list(page(Optional.empty(), 0, 10))).get(0);
        assertThat(kept.id()).isPositive();
        assertThat(kept.source()).isEqualTo(source);
        assertThat(kept.eventId()).isEqualTo("evt_2");
        assertThat(kept.type()).isEqualTo("checkout.session.async_payment_failed");
        assertThat(kept.status()).isEqualTo(Status.FAILED_PAYMENT);
        assertThat(kept.reason()).isEqualTo("the delayed payment failed");
        assertThat(kept.receivedAt()).isEqualTo(now);
        assertThat(kept.amount()).isEqualByComparingTo("12.34");
        assertThat(kept.amount().toPlainString()).as("every digit kept").isEqualTo("12.340");
        assertThat(kept.currency()).isEqualTo("KWD");
        assertThat(kept.customerId()).isEqualTo("c-1");
        assertThat(kept.orderId()).isEqualTo("o-1");
        assertThat(kept.metadata()).isEqualTo(Map.of("order_id", "o-1", "note", "ünïcödé"));
        assertThat(kept.resolvedAt()).isNull();
        assertThat(kept.resolvedBy()).isNull();
        assertThat(await(events.find(kept.id())).orElseThrow().rawBody())
                .isEqualTo("{\"id\":\"evt_2\",\"text\":\"ünïcödé\"}");
    }

    @Test
    void pages_follow_the_id_and_filter_by_status() throws Exception {
        InboundEvents events = events();
        for (int i = 0; i < 5; i++) {
            await(events.keep(unmatched("evt_p" + i, "{}")));
        }
        await(events.keep(new Received(
                source, "evt_f", "t", Status.FAILED_PAYMENT, "r", now, null, null, null, null, Map.of(), "{}")));

        List<Kept> first = await(events.list(page(Optional.of(Status.UNMATCHED), 0, 2)));
        List<Kept> second = await(
                events.list(page(Optional.of(Status.UNMATCHED), first.get(1).id(), 2)));
        List<Kept> third = await(
                events.list(page(Optional.of(Status.UNMATCHED), second.get(1).id(), 2)));

        assertThat(first).extracting(Kept::eventId).containsExactly("evt_p0", "evt_p1");
        assertThat(second).extracting(Kept::eventId).containsExactly("evt_p2", "evt_p3");
        assertThat(third).extracting(Kept::eventId).containsExactly("evt_p4");
        assertThat(await(events.list(page(Optional.of(Status.FAILED_PAYMENT), 0, 10))))
                .extracting(Kept::eventId)
                .containsExactly("evt_f");
        assertThat(await(events.list(new Page(Optional.empty(), Optional.of(source + "-other"), 0, 10))))
                .isEmpty();
    }

    @Test
    void an_event_is_resolved_once() throws Exception {
        InboundEvents events = events();
        await(events.keep(unmatched("evt_r", "{}")));
        long id = await(events.list(page(Optional.empty(), 0, 1))).get(0).id();

        assertThat(await(events.resolve(
                        id,
                        "admin:abc",
                        "matched to customer c-9",
                        new EntityRef(EntityType.PAYMENT, "p-9"),
                        now.plusSeconds(60))))
                .isTrue();
        assertThat(await(events.resolve(id, "admin:def", "matched to customer c-8", null, now.plusSeconds(61))))
                .as("a second resolution")
                .isFalse();

        Kept kept = await(events.find(id)).orElseThrow().event();
        assertThat(kept.status()).isEqualTo(Status.RESOLVED);
        assertThat(kept.resolvedBy()).isEqualTo("admin:abc");
        assertThat(kept.resolution()).isEqualTo("matched to customer c-9");
        assertThat(kept.resolvedAt()).isEqualTo(now.plusSeconds(60));
        assertThat(kept.reason()).as("why it was kept stays").isEqualTo("names no customer");
    }

    @Test
    void an_unknown_id_is_neither_found_nor_resolved() throws Exception {
        InboundEvents events = events();
        assertThat(await(events.find(Long.MAX_VALUE))).isEmpty();
        assertThat(await(events.resolve(Long.MAX_VALUE, "admin:abc", "x", null, now)))
                .isFalse();
    }

    private Received unmatched(String eventId, String body) {
        return new Received(
                source,
                eventId,
                "payment_intent.succeeded",
                Status.UNMATCHED,
                "names no customer",
                now,
                new BigDecimal("19.99"),
                "USD",
                null,
                null,
                Map.of(),
                body);
    }

    private Page page(Optional<Status> status, long after, int limit) {
        return new Page(status, Optional.of(source), after, limit);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
