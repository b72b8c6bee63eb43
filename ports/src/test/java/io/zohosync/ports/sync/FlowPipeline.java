package io.zohosync.ports.sync;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.SentPayloads;
import io.zohosync.ports.out.SyncObserver;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.sync.handler.SyncHandler;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.MutableClock;
import io.zohosync.ports.testing.ScriptedCallBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline as the flow tests drive it: intake, worker and write template over the given handlers, an in-memory
 * store, a budget that allows everything and a clock that moves only when told.
 */
final class FlowPipeline {

    final MutableClock clock;
    final InMemorySyncStore store;
    final SyncStateMachine machine = new SyncStateMachine(
            new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1)), new SplittableRandom(11));
    final SyncWorker worker;
    private final IntakeService intake;

    FlowPipeline(List<SyncHandler<?>> handlers) {
        this(new InMemorySyncStore(), handlers);
    }

    /** Over a store the handlers read too (a payment reads its stored order). */
    FlowPipeline(InMemorySyncStore store, List<SyncHandler<?>> handlers) {
        this(store, handlers, SentPayloads.NONE);
    }

    /** Remembering the payloads sent in {@code sent}: an unchanged update is not sent. */
    FlowPipeline(InMemorySyncStore store, List<SyncHandler<?>> handlers, SentPayloads sent) {
        this(store, handlers, sent, new MutableClock(Instant.parse("2026-03-01T09:00:00Z")));
    }

    /** On {@code clock}, which the handlers read too. */
    FlowPipeline(InMemorySyncStore store, List<SyncHandler<?>> handlers, SentPayloads sent, MutableClock clock) {
        this.clock = clock;
        this.store = store;
        SyncObserver observer = (key, status, event) -> {};
        ScriptedCallBudget budget = new ScriptedCallBudget();
        worker = new SyncWorker(
                store,
                budget,
                new Dependants(store, machine, observer),
                new SyncRunner(
                        new Handlers(handlers),
                        store,
                        store,
                        store,
                        budget,
                        new SyncRunner.Settings(Duration.ofMinutes(5), Duration.ofHours(24)),
                        sent),
                observer,
                machine,
                clock,
                new SyncWorker.Settings(10, Duration.ofMinutes(2)));
        Map<EntityType, List<SyncTarget>> targets = new EnumMap<>(EntityType.class);
        handlers.forEach(
                h -> targets.computeIfAbsent(h.type(), t -> new ArrayList<>()).add(h.target()));
        List<EntityMapping<?>> mappings =
                handlers.stream().<EntityMapping<?>>map(SyncHandler::mapping).toList();
        intake = new IntakeService(store, mappings, new Routing(targets), machine, clock);
    }

    /** Drains until a pass finds nothing, even after the clock moved past every recheck and backoff. */
    void drainUntilQuiet() {
        for (int round = 0; round < 50; round++) {
            int ran = await(worker.drainOnce("w")).ran();
            if (ran == 0) {
                clock.advance(Duration.ofMinutes(6));
                if (await(worker.drainOnce("w")).ran() == 0) {
                    return;
                }
            }
        }
        throw new AssertionError("the queue never went quiet");
    }

    void record(EntityType type, String id, Map<String, Object> body) {
        await(intake.record(new Command(type, id, body, null, null)));
    }

    void recordCustomer(String id) {
        record(
                EntityType.CUSTOMER,
                id,
                Map.of("first_name", "Ada", "last_name", "Lovelace", "email", id + "@example.com"));
    }

    SyncRecordView view(EntityType type, String id) {
        return await(store.find(new SyncKey(type, id, SyncTarget.BOOKS))).orElseThrow();
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
