package io.zohosync.ports.sync;

import io.vertx.core.Future;
import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.BatchAnswer;
import io.zohosync.ports.sync.handler.BatchItem;
import io.zohosync.ports.sync.handler.BatchSyncHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The batch path of the write template: the claimed jobs of one batched kind read back into entities and written by
 * their handler in one call; each record's own answer becomes its own decision (success → synced with its Zoho id,
 * a refused record → failed with Zoho's code and message, a whole-call failure → what it means for a single job).
 */
final class BatchWrites {

    private final EntityStore entities;
    /** How long a record that waits for another sleeps before it looks again by itself (the other wakes it sooner). */
    private final Duration recheck;

    BatchWrites(EntityStore entities, Duration recheck) {
        this.entities = entities;
        this.recheck = recheck;
    }

    /** One decision per job, in order. */
    <E> Future<List<Decision>> run(BatchSyncHandler<E> handler, List<ClaimedJob> jobs, Instant now) {
        List<Future<Optional<StoredEntity>>> loads =
                jobs.stream().map(entities::of).toList();
        Future<?> all = Future.all(loads);
        return all.compose(loaded -> {
            Decision[] decisions = new Decision[jobs.size()];
            List<Integer> sent = new ArrayList<>();
            List<BatchItem<E>> items = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                Optional<StoredEntity> stored = loads.get(i).result();
                ClaimedJob job = jobs.get(i);
                if (stored.isEmpty()) {
                    decisions[i] = Decision.of(
                            new SyncEvent.PermanentFailure(job.key().entity() + " is no longer stored"), "missing");
                    continue;
                }
                try {
                    E entity = handler.mapping()
                            .read(stored.get().ref().id(), stored.get().payload());
                    // attempts > 0 or an earlier error (a fault, an expired or handed-back lease): a write may have
                    // landed
                    boolean unsure = job.outcomeUnsure()
                            || job.state().attempts() > 0
                            || job.state().lastError() != null
                            || job.state().transientFaults() != null;
                    items.add(new BatchItem<>(entity, job.zohoId(), unsure));
                    sent.add(i);
                } catch (InvalidInput e) {
                    decisions[i] = Decision.of(
                            new SyncEvent.PermanentFailure(
                                    "the stored " + stored.get().ref() + " no longer reads: " + e.getMessage()),
                            "unreadable");
                }
            }
            if (items.isEmpty()) {
                return Future.succeededFuture(List.of(decisions));
            }
            return handler.writeBatch(items).map(answers -> {
                if (answers.size() != items.size()) {
                    throw new IllegalStateException(
                            "a batch handler answered " + answers.size() + " of " + items.size() + " records");
                }
                for (int k = 0; k < answers.size(); k++) {
                    decisions[sent.get(k)] = decision(answers.get(k), now);
                }
                return List.of(decisions);
            });
        });
    }

    private Decision decision(BatchAnswer answer, Instant now) {
        if (answer.waitFor() != null) {
            // no attempt used, no fault recorded: its next run is as sure of Zoho's state as its first
            return new Decision(
                    new SyncEvent.WaitingForPrerequisites(
                            List.of(answer.waitFor().entity()), now.plus(recheck)),
                    answer.logEvent(),
                    List.of(answer.waitFor()));
        }
        if (answer.outcome() instanceof ZohoOutcome.Success<String> ok) {
            return Decision.of(new SyncEvent.Succeeded(ok.value()), answer.logEvent());
        }
        return ZohoOutcomes.failure(answer.outcome(), "the batch write", now);
    }
}
