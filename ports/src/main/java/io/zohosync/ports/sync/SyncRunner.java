package io.zohosync.ports.sync;

import io.vertx.core.Future;
import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.JobKind;
import io.zohosync.ports.out.SentPayloads;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.SyncJobs;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write template every flow runs through: prerequisites → (write intent set? find by marker) → linked?
 * update : match-or-create → duplicate? resolve by marker → link. Handlers supply only their Zoho calls and
 * matching; markers and "never write twice" (design.md §6) are this class's. Before its first Zoho call a job
 * reserves the calls its handler plans, all or none (issue 13): refused, it waits for the moment they all fit
 * and has made no call. A job that needs more calls than its handler planned (a namesake's extra searches, a marker
 * search after a lost answer) takes the rest as it goes; should the budget refuse one of those, the job's next run
 * reserves twice what it reserved, so it does not start again each time a single slot frees only to spend it on its
 * first calls and be refused again (under a tight minute limit, a job could otherwise never finish).
 */
public final class SyncRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    /**
     * {@code recheck}: how long a waiting sync sleeps before it looks at its prerequisites again by itself (a
     * prerequisite reaching Zoho wakes it sooner); {@code neverSentAfter}: how long a reference to an entity the
     * platform has not sent is waited for before the sync fails.
     */
    public record Settings(Duration recheck, Duration neverSentAfter) {
        public static final Settings DEFAULT = new Settings(Duration.ofMinutes(5), Duration.ofHours(24));
    }

    private final Handlers handlers;
    private final EntityStore entities;
    private final SyncRecords records;
    private final SyncJobs jobs;
    private final ZohoCallBudget budget;
    private final Settings settings;
    private final SentPayloads sent;
    /** Per job whose calls beyond its reservation the budget refused, how many its next run reserves (this instance). */
    private final Map<SyncKey, Integer> reserveNext = new ConcurrentHashMap<>();

    public SyncRunner(
            Handlers handlers,
            EntityStore entities,
            SyncRecords records,
            SyncJobs jobs,
            ZohoCallBudget budget,
            Settings settings) {
        this(handlers, entities, records, jobs, budget, settings, SentPayloads.NONE);
    }

    /** {@code sent}: the hash of each record's payload last sent, so an unchanged update is not sent (issue 14). */
    public SyncRunner(
            Handlers handlers,
            EntityStore entities,
            SyncRecords records,
            SyncJobs jobs,
            ZohoCallBudget budget,
            Settings settings,
            SentPayloads sent) {
        this.handlers = handlers;
        this.entities = entities;
        this.records = records;
        this.jobs = jobs;
        this.budget = budget;
        this.settings = settings;
        this.sent = sent;
    }

    /** The Zoho products its one-by-one jobs call (the batched kinds' are their targets' products). */
    public Set<ZohoProduct> products() {
        Set<ZohoProduct> products = EnumSet.noneOf(ZohoProduct.class);
        handlers.singleTargets().forEach(target -> products.add(ZohoProduct.of(target)));
        return products;
    }

    /**
     * The Zoho calls the job of an entity not yet in Zoho plans at {@code key}'s target (its handler's match and create,
     * as reserved before its first call): what a backfill costs. Zero when no handler syncs it there or it no longer
     * reads (such a job fails without a call).
     */
    public int plannedCreateCalls(SyncKey key, StoredEntity stored) {
        return handlers.of(key)
                .map(handler -> plannedCreateCalls(handler, stored))
                .orElse(0);
    }

    private static <E> int plannedCreateCalls(SyncHandler<E> handler, StoredEntity stored) {
        try {
            return handler.plannedCreateCalls(
                    handler.mapping().read(stored.ref().id(), stored.payload()));
        } catch (InvalidInput e) {
            return 0;
        }
    }

    /** The kinds whose jobs are written in batches ({@link #runBatch}), not one by one. */
    public Set<JobKind> batchKinds() {
        return handlers.batched();
    }

    /** Runs the claimed jobs of one batched kind in one write; one decision per job, in order. */
    public Future<List<Decision>> runBatch(JobKind kind, List<ClaimedJob> batch, Instant now) {
        return handlers.batchOf(kind)
                .map(handler -> new BatchWrites(entities, settings.recheck()).run(handler, batch, now))
                .orElseGet(() -> Future.failedFuture(new IllegalArgumentException("no batch handler for " + kind)));
    }

    /** Runs one claimed job; what it decided, for the state machine. */
    public Future<Decision> run(ClaimedJob job, Instant now) {
        SyncKey key = job.key();
        return handlers.of(key)
                .<Future<Decision>>map(handler -> entities.of(job)
                        .compose(stored -> stored.isEmpty()
                                ? done(new SyncEvent.PermanentFailure(key.entity() + " is no longer stored"), "missing")
                                : run(handler, job, stored.get(), now)))
                .orElseGet(() -> done(
                        new SyncEvent.PermanentFailure("no handler syncs "
                                + key.type().wire() + " to " + key.target().wire()),
                        "unsupported"));
    }

    private <E> Future<Decision> run(SyncHandler<E> handler, ClaimedJob job, StoredEntity stored, Instant now) {
        E entity;
        try {
            entity = handler.mapping().read(stored.ref().id(), stored.payload());
        } catch (InvalidInput e) {
            return done(
                    new SyncEvent.PermanentFailure(
                            "the stored " + stored.ref() + " no longer reads: " + e.getMessage()),
                    "unreadable");
        }
        List<EntityRef> needed = handler.prerequisites(entity);
        for (EntityRef ref : needed) {
            if (ref.equals(stored.ref())) {
                return done(
                        new SyncEvent.PermanentFailure(stored.ref() + " cannot depend on itself"),
                        "prerequisite_cycle");
            }
            if (!job.key().type().prerequisites().contains(ref.type())) {
                return done(
                        new SyncEvent.PermanentFailure(stored.ref() + " cannot depend on " + ref + ": a "
                                + job.key().type().wire() + " depends only on "
                                + job.key().type().prerequisites()),
                        "prerequisite_undeclared");
            }
        }
        return prerequisites(job.key(), needed, stored, now)
                .compose(found -> found.decision() != null
                        ? Future.succeededFuture(found.decision())
                        : write(handler, job, entity, found.links(), now));
    }

    private record Prerequisites(Links links, Decision decision) {}

    /** Every prerequisite linked at this target (their ids), or what to do instead: wait, or fail with the prerequisite. */
    private Future<Prerequisites> prerequisites(SyncKey key, List<EntityRef> needed, StoredEntity stored, Instant now) {
        if (needed.isEmpty()) {
            return Future.succeededFuture(new Prerequisites(Links.NONE, null));
        }
        List<SyncKey> keys = needed.stream().map(ref -> ref.at(key.target())).toList();
        return records.states(keys).compose(states -> {
            Map<EntityRef, String> ids = new HashMap<>();
            List<SyncKey> queued = new ArrayList<>();
            List<SyncKey> unknown = new ArrayList<>();
            for (SyncKey needs : keys) {
                SyncState state = states.get(needs);
                if (state == null) {
                    unknown.add(needs);
                } else if (state.zohoId() != null) {
                    // in Zoho, however its latest update went: that is all a dependant needs
                    ids.put(needs.entity(), state.zohoId());
                } else if (state.status() == SyncStatus.FAILED || state.status() == SyncStatus.SKIPPED) {
                    return Future.succeededFuture(new Prerequisites(
                            null,
                            Decision.of(
                                    new SyncEvent.PermanentFailure("prerequisite " + needs.entity() + " "
                                            + state.status().wire() + ": " + state.lastError()),
                                    "prerequisite_failed")));
                } else {
                    queued.add(needs);
                }
            }
            if (queued.isEmpty() && unknown.isEmpty()) {
                return Future.succeededFuture(new Prerequisites(new Links(ids), null));
            }
            return enqueueUnknown(key, unknown, 0, new ArrayList<>(), now)
                    .map(neverSent ->
                            new Prerequisites(null, waitOrFail(key, stored, queued, unknown, neverSent, now)));
        });
    }

    /** Queues each unknown prerequisite the platform has sent (once: a second dependant finds it queued); the ones it has not. */
    private Future<List<SyncKey>> enqueueUnknown(
            SyncKey dependant, List<SyncKey> unknown, int next, List<SyncKey> neverSent, Instant now) {
        if (next == unknown.size()) {
            return Future.succeededFuture(neverSent);
        }
        SyncKey needs = unknown.get(next);
        return entities.find(needs.entity())
                .compose(found -> {
                    if (found.isEmpty()) {
                        neverSent.add(needs);
                        return Future.succeededFuture();
                    }
                    return records.ensureQueued(needs, "queued as a prerequisite of " + dependant.entity(), now)
                            .mapEmpty();
                })
                .compose(x -> enqueueUnknown(dependant, unknown, next + 1, neverSent, now));
    }

    private Decision waitOrFail(
            SyncKey key,
            StoredEntity stored,
            List<SyncKey> queued,
            List<SyncKey> unknown,
            List<SyncKey> neverSent,
            Instant now) {
        // counted from the entity's last change: that is when it may have named a new reference
        Instant giveUpAt = stored.changedAt().plus(settings.neverSentAfter());
        if (!neverSent.isEmpty() && !now.isBefore(giveUpAt)) {
            return Decision.of(
                    new SyncEvent.PermanentFailure(
                            key.entity() + " refers to " + neverSent.get(0).entity()
                                    + ", which the platform never sent (waited " + settings.neverSentAfter() + ")"),
                    "prerequisite_never_sent");
        }
        List<SyncKey> waiting = new ArrayList<>(queued);
        waiting.addAll(unknown);
        Instant recheck = now.plus(settings.recheck());
        if (!neverSent.isEmpty() && giveUpAt.isBefore(recheck)) {
            recheck = giveUpAt;
        }
        return new Decision(
                new SyncEvent.WaitingForPrerequisites(
                        waiting.stream().map(SyncKey::entity).toList(), recheck),
                neverSent.isEmpty() ? "waiting" : "waiting_never_sent",
                waiting);
    }

    private <E> Future<Decision> write(SyncHandler<E> handler, ClaimedJob job, E entity, Links links, Instant now) {
        if (job.zohoId() != null) {
            return update(handler, job, entity, links, now);
        }
        int planned = handler.plannedCreateCalls(entity) + (job.outcomeUnsure() ? 1 : 0);
        return reserved(job.key(), handler, planned, now, () -> create(handler, job, entity, links, now));
    }

    /**
     * Runs {@code planned} Zoho calls' {@code work} on a reservation of them (or of more, should an earlier run of the
     * job have been refused a call beyond its reservation), ended when the work has; refused, it is deferred to when
     * they all fit. Should the reservation itself fail (the database), the calls take their permits one by one as
     * they go.
     */
    private Future<Decision> reserved(
            SyncKey key, SyncHandler<?> handler, int planned, Instant now, Supplier<Future<Decision>> work) {
        int calls = Math.max(planned, reserveNext.getOrDefault(key, 0));
        if (calls < 1) {
            return learned(key, 1, started(work));
        }
        ZohoProduct product = ZohoProduct.of(handler.target());
        return budget.reserve(product, calls, now)
                .map(Optional::of)
                .recover(e -> {
                    LOG.warn(
                            "could not reserve {} Zoho {} calls ({}); they take permits as they go",
                            calls,
                            product,
                            e.toString());
                    return Future.succeededFuture(Optional.empty());
                })
                .compose(reservation -> {
                    if (reservation.isEmpty()) {
                        return started(work);
                    }
                    if (reservation.get() instanceof BudgetPermit.Denied denied) {
                        Duration wait = Duration.between(now, denied.retryAt());
                        return Future.succeededFuture(ZohoOutcomes.failure(
                                new ZohoOutcome.RateLimited<>(
                                        denied.scope(),
                                        wait.isNegative() ? Duration.ZERO : wait,
                                        "the API budget has no room for " + calls + " " + product + " calls"),
                                "the reservation",
                                now));
                    }
                    BudgetPermit.Reserved held = (BudgetPermit.Reserved) reservation.get();
                    return learned(key, calls, started(work))
                            .eventually(() -> budget.finish(held).recover(e -> {
                                LOG.warn("could not end a reservation of Zoho {} calls: {}", product, e.toString());
                                return Future.succeededFuture();
                            }));
                });
    }

    /** {@code run}, which had {@code calls} reserved: refused a call by the budget, the job's next run reserves twice as many. */
    private Future<Decision> learned(SyncKey key, int calls, Future<Decision> run) {
        return run.onSuccess(decision -> {
            if (decision.event() instanceof SyncEvent.BudgetExhausted) {
                reserveNext.merge(key, 2 * calls, Math::max);
            } else {
                reserveNext.remove(key);
            }
        });
    }

    /** The work's future, failed should it throw: the reservation is ended either way. */
    private static Future<Decision> started(Supplier<Future<Decision>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private <E> Future<Decision> create(SyncHandler<E> handler, ClaimedJob job, E entity, Links links, Instant now) {
        if (job.outcomeUnsure()) {
            return byMarker(
                    handler,
                    entity,
                    links,
                    "the marker search",
                    now,
                    found -> matchThenCreate(handler, job, entity, links, now),
                    "found the record an earlier attempt created");
        }
        return matchThenCreate(handler, job, entity, links, now);
    }

    /** An update; a record linked to more than one entity is never rewritten by one of them, and one we did not create only in fields we own. */
    private <E> Future<Decision> update(SyncHandler<E> handler, ClaimedJob job, E entity, Links links, Instant now) {
        String zohoId = job.zohoId();
        return records.linkedTo(job.key(), zohoId).compose(sharing -> {
            if (sharing > 1) {
                return done(
                        new SyncEvent.Kept(
                                zohoId,
                                "Zoho record " + zohoId + " is linked to " + sharing + " "
                                        + job.key().type().wire() + " records; none of them rewrites it"),
                        "update_skipped_shared");
            }
            boolean ours = job.state().origin() == Origin.CREATED;
            String hash = PayloadHash.of(handler, zohoId, ours, entity, links);
            return lastSent(handler, job.key()).compose(last -> {
                if (hash.equals(last)) {
                    return done(
                            ours
                                    ? new SyncEvent.Succeeded(zohoId)
                                    : new SyncEvent.Kept(
                                            zohoId,
                                            "linked to a record zoho-sync did not create; nothing changed since"
                                                    + " the last update"),
                            "unchanged");
                }
                return reserved(
                        job.key(),
                        handler,
                        handler.plannedUpdateCalls(entity, ours),
                        now,
                        () -> update(handler, job.key(), zohoId, entity, links, ours, hash, now));
            });
        });
    }

    /** The prefix of the value stored in place of a hash while an update is sent: no payload hashes to it. */
    static final String UNCONFIRMED = "unconfirmed:";

    /**
     * The hash of the payload last sent for the record; null when unknown, unreadable or not kept for this handler's
     * updates ({@link SyncHandler#updateFollowsPayload}): the update is sent.
     */
    private Future<String> lastSent(SyncHandler<?> handler, SyncKey key) {
        if (!handler.updateFollowsPayload()) {
            return Future.succeededFuture(null);
        }
        return sent.hash(key).map(found -> found.orElse(null)).recover(e -> {
            LOG.warn("could not read the last sent payload's hash of {}: {}", key, e.toString());
            return Future.succeededFuture(null);
        });
    }

    /** Remembers what a write that succeeded sent; should that fail, the next unchanged update is sent once more. */
    private Future<Decision> remember(
            SyncHandler<?> handler, SyncKey key, String hash, Instant now, Decision decision) {
        if (!handler.updateFollowsPayload()) {
            return Future.succeededFuture(decision);
        }
        return sent.sent(key, hash, now)
                .recover(e -> {
                    LOG.warn("could not store the sent payload's hash of {}: {}", key, e.toString());
                    return Future.succeededFuture();
                })
                .map(decision);
    }

    private <E> Future<Decision> update(
            SyncHandler<E> handler,
            SyncKey key,
            String zohoId,
            E entity,
            Links links,
            boolean ours,
            String hash,
            Instant now) {
        // the stored hash is overwritten before the send with one no payload hashes to: an update whose outcome is
        // unclear (a timeout Zoho applied) must not leave the hash of an older payload, which a later revert to that
        // payload would match and skip; the new hash is stored once the update is confirmed. Should the overwrite
        // fail (the database), nothing is sent: the job fails and is retried.
        Future<Void> cleared =
                handler.updateFollowsPayload() ? sent.sent(key, UNCONFIRMED + now, now) : Future.succeededFuture();
        Future<ZohoOutcome<String>> call = cleared.compose(
                x -> ours ? handler.update(zohoId, entity, links) : handler.updateOwnedFields(zohoId, entity, links));
        return call.compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<String>)) {
                return Future.succeededFuture(ZohoOutcomes.failure(outcome, "the update", now));
            }
            return remember(
                    handler,
                    key,
                    hash,
                    now,
                    ours
                            ? Decision.of(new SyncEvent.Succeeded(zohoId), "updated")
                            : Decision.of(
                                    new SyncEvent.Kept(
                                            zohoId,
                                            "linked to a record zoho-sync did not create: left as it is "
                                                    + "but for the fields zoho-sync owns"),
                                    "updated_owned_fields"));
        });
    }

    private <E> Future<Decision> matchThenCreate(
            SyncHandler<E> handler, ClaimedJob job, E entity, Links links, Instant now) {
        return handler.match(entity, links).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<Match> matched)) {
                return Future.succeededFuture(ZohoOutcomes.failure(outcome, "the search", now));
            }
            if (matched.value() instanceof Match.Settled settled) {
                return done(settled.event(), settled.logEvent());
            }
            return jobs.markIntent(job, now)
                    .compose(held -> held
                            ? handler.create(entity, links)
                                    .compose(created -> created(handler, job.key(), entity, links, created, now))
                            : done(
                                    new SyncEvent.RetryableFailure("the lease was lost before the create"),
                                    "lease_lost"));
        });
    }

    private <E> Future<Decision> created(
            SyncHandler<E> handler, SyncKey key, E entity, Links links, ZohoOutcome<String> outcome, Instant now) {
        if (outcome instanceof ZohoOutcome.Success<String> ok) {
            return madeBy(handler, key, entity, links, ok.value(), now);
        }
        if (!(outcome instanceof ZohoOutcome.Duplicate<String> duplicate)) {
            return Future.succeededFuture(ZohoOutcomes.failure(outcome, "the create", now));
        }
        return byMarker(
                handler,
                entity,
                links,
                "the marker search after a duplicate",
                now,
                none -> handler.createAfterDuplicate(entity, links, duplicate.message())
                        .compose(again -> {
                            if (again instanceof ZohoOutcome.Success<String> ok) {
                                return madeBy(handler, key, entity, links, ok.value(), now);
                            }
                            if (again instanceof ZohoOutcome.Duplicate<String> dup) {
                                return done(
                                        new SyncEvent.PermanentFailure("Zoho reports a duplicate it would not show: "
                                                + dup.message() + "; link the record by hand"),
                                        "duplicate");
                            }
                            return Future.succeededFuture(ZohoOutcomes.failure(again, "the create", now));
                        }),
                "Zoho already had this record (" + duplicate.message() + "); linked it");
    }

    /** A create that succeeded: its payload's hash remembered, as an update's would be. */
    private <E> Future<Decision> madeBy(
            SyncHandler<E> handler, SyncKey key, E entity, Links links, String zohoId, Instant now) {
        return remember(
                handler,
                key,
                PayloadHash.of(handler, zohoId, true, entity, links),
                now,
                Decision.of(new SyncEvent.Succeeded(zohoId), "created"));
    }

    /**
     * Looks for our marker: one record is ours (completed by the handler, then linked), several need an admin, none
     * lets {@code otherwise} go on.
     */
    private <E> Future<Decision> byMarker(
            SyncHandler<E> handler,
            E entity,
            Links links,
            String doing,
            Instant now,
            Function<Void, Future<Decision>> otherwise,
            String foundReason) {
        return handler.findByMarker(entity, links).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<List<String>> found)) {
                return Future.succeededFuture(ZohoOutcomes.failure(outcome, doing, now));
            }
            List<String> ids = found.value();
            if (ids.size() == 1) {
                return handler.completeFound(ids.get(0), entity, links)
                        .map(completed -> completed instanceof ZohoOutcome.Success<String> ok
                                ? Decision.of(new SyncEvent.Recovered(ok.value(), foundReason), "linked_by_marker")
                                : ZohoOutcomes.failure(completed, "completing the record found by its marker", now));
            }
            if (ids.size() > 1) {
                return done(
                        new SyncEvent.Ambiguous(
                                ids, ids.size() + " Zoho records carry this entity's marker; an admin must choose"),
                        "ambiguous");
            }
            return otherwise.apply(null);
        });
    }

    private static Future<Decision> done(SyncEvent event, String logEvent) {
        return Future.succeededFuture(Decision.of(event, logEvent));
    }
}
