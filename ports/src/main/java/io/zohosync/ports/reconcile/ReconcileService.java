package io.zohosync.ports.reconcile;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.reconcile.BillingDriftRules;
import io.zohosync.domain.reconcile.Drift;
import io.zohosync.domain.reconcile.DriftRules;
import io.zohosync.domain.reconcile.Repair;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.in.ReconcileReport;
import io.zohosync.ports.in.ReconcileUseCase;
import io.zohosync.ports.out.Pause;
import io.zohosync.ports.out.ReconcileStore;
import io.zohosync.ports.out.SentPayloads;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.ports.out.ZohoStates;
import io.zohosync.ports.out.zoho.BillingListings;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoCustomerPayments;
import io.zohosync.ports.out.zoho.ZohoListings;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Use case: reconciliation of Books (issue 12, item 11). Reads the platform's records of each type in scope, reads
 * Books' objects of that type a page at a time with what the sync leaves of the budget ({@link PacedCalls}), lets
 * {@link DriftRules} judge each record, and stores the report. Repairs go through the admin actions and the state
 * machine the service already has: a lost object is unlinked (and so created again), a changed one gets an update
 * queued, a marked one is linked, a record that never got there is retried. One reconciliation runs at a time in a
 * process: asking for another while one runs answers the running one.
 */
public final class ReconcileService implements ReconcileUseCase {

    /** The Zoho side: listings, the reads listings cannot do, and the budget the sync uses. */
    public record ZohoReads(
            ZohoListings listings, ZohoContacts contacts, ZohoCustomerPayments payments, ZohoCallBudget budget) {}

    /**
     * {@code patience}: how long one Zoho call may wait for the sync to leave budget before the reconciliation ends
     * incomplete; {@code zohoEnabled}: false while sync is disabled, when Zoho is never called and a reconciliation
     * ends incomplete at once.
     */
    public record Settings(Duration patience, boolean zohoEnabled) {}

    /** Zoho Billing's side (issue 10): its listings, and the mirror of its state that pulls repair. */
    public record BillingReads(BillingListings listings, ZohoStates mirror) {}

    private static final SyncTarget TARGET = SyncTarget.BOOKS;
    private static final int PAGE = 500;

    private final ReconcileStore store;
    private final Handlers handlers;
    private final ZohoReads zoho;
    private final SyncHealthReader queue;
    private final Pause pause;
    private final AdminSyncUseCase admin;
    private final SyncRecords records;
    private final SyncStateMachine machine;
    private final Clock clock;
    private final Settings settings;
    private SentPayloads sent = SentPayloads.NONE;
    /** Billing's side; null: Billing is not compared. */
    private BillingReads billing;
    /** The reconciliation under way, if any: one at a time. */
    private Future<Started> running;

    public ReconcileService(
            ReconcileStore store,
            Handlers handlers,
            ZohoReads zoho,
            SyncHealthReader queue,
            Pause pause,
            AdminSyncUseCase admin,
            SyncRecords records,
            SyncStateMachine machine,
            Clock clock,
            Settings settings) {
        this.store = store;
        this.handlers = handlers;
        this.zoho = zoho;
        this.queue = queue;
        this.pause = pause;
        this.admin = admin;
        this.records = records;
        this.machine = machine;
        this.clock = clock;
        this.settings = settings;
    }

    /** Compares Zoho Billing's objects too (customers, subscriptions, invoices, payments synced to Billing). */
    public ReconcileService billing(BillingReads reads) {
        this.billing = reads;
        return this;
    }

    /** {@code sent}: the hashes of the payloads last sent, which a re-send repair forgets (issue 14). */
    public ReconcileService sentPayloads(SentPayloads sent) {
        this.sent = sent;
        return this;
    }

    /**
     * The types reconciled: those the rules judge and a flow syncs to Books or to Billing, in the order they are
     * compared.
     */
    public static List<EntityType> reconcilable(Handlers handlers) {
        List<EntityType> types = new ArrayList<>();
        for (EntityType type : List.of(
                EntityType.CUSTOMER,
                EntityType.ITEM,
                EntityType.SUBSCRIPTION,
                EntityType.INVOICE,
                EntityType.MANUAL_INVOICE,
                EntityType.PAYMENT)) {
            if (!pairs(handlers, List.of(type), true).isEmpty()) {
                types.add(type);
            }
        }
        return types;
    }

    /** The (type, target) pairs compared for these types: Books' first, then Billing's (when {@code billing}). */
    private static List<SyncKey> pairs(Handlers handlers, List<EntityType> types, boolean billing) {
        List<SyncKey> pairs = new ArrayList<>();
        for (EntityType type : types) {
            if (DriftRules.reconciled(type)
                    && handlers.of(new SyncKey(type, "-", TARGET)).isPresent()) {
                pairs.add(new SyncKey(type, "-", TARGET));
            }
        }
        for (EntityType type : types) {
            if (billing
                    && BillingDriftRules.reconciled(type)
                    && handlers.of(new SyncKey(type, "-", SyncTarget.BILLING)).isPresent()) {
                pairs.add(new SyncKey(type, "-", SyncTarget.BILLING));
            }
        }
        return pairs;
    }

    @Override
    public List<EntityType> types() {
        List<EntityType> types = reconcilable(handlers);
        return billing != null
                ? types
                : types.stream()
                        .filter(t -> !pairs(handlers, List.of(t), false).isEmpty())
                        .toList();
    }

    @Override
    public synchronized Future<Started> start(Request request, Progress progress) {
        if (running != null) {
            return running;
        }
        List<EntityType> scope = types().stream()
                .filter(t -> request.entities().isEmpty() || request.entities().contains(t))
                .toList();
        running = store.open(scope, clock.instant()).map(id -> {
            Future<ReconcileReport> done = run(id, scope, progress)
                    .compose(report -> request.repair() && report.status() == ReconcileReport.Status.FINISHED
                            ? repair(id, List.of(), null)
                                    .compose(x -> store.report(id))
                                    .map(Optional::orElseThrow)
                            : Future.succeededFuture(report))
                    .onComplete(x -> ended());
            return new Started(id, done);
        });
        running.onFailure(e -> ended());
        return running;
    }

    private synchronized void ended() {
        running = null;
    }

    private Future<ReconcileReport> run(long id, List<EntityType> scope, Progress progress) {
        if (!settings.zohoEnabled()) {
            return store.close(
                            id,
                            ReconcileReport.Status.INCOMPLETE,
                            0,
                            0,
                            "sync is disabled (ENABLE_ZOHO_SYNC=false): Zoho is never called",
                            clock.instant())
                    .compose(x -> store.report(id))
                    .map(Optional::orElseThrow);
        }
        PacedCalls calls = new PacedCalls(zoho.budget(), queue, pause, clock, settings.patience());
        ZohoSide side = new ZohoSide(zoho.listings(), zoho.contacts(), zoho.payments(), calls);
        BillingSide billingSide = billing == null ? null : new BillingSide(billing.listings(), calls);
        AtomicLong checked = new AtomicLong();
        List<SyncKey> pairs = pairs(handlers, scope, billing != null);
        List<List<ReconcileStore.Candidate>> all = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (SyncKey pair : pairs) {
            chain = chain.compose(x -> candidates(pair.type(), pair.target(), null, new ArrayList<>())
                    .map(found -> {
                        all.add(found);
                        return null;
                    }));
        }
        chain = chain.map(x -> {
            progress.total(all.stream().mapToLong(List::size).sum());
            return null;
        });
        for (int i = 0; i < pairs.size(); i++) {
            int index = i;
            SyncKey pair = pairs.get(index);
            chain = chain.compose(x -> pair.target() == SyncTarget.BILLING
                    ? compareBilling(id, pair.type(), all.get(index), billingSide, checked, progress)
                    : compare(id, pair.type(), all.get(index), side, checked, progress));
        }
        return chain.compose(
                        x -> store.close(
                                id,
                                ReconcileReport.Status.FINISHED,
                                checked.get(),
                                calls.made(),
                                null,
                                clock.instant()),
                        error -> store.close(
                                id,
                                ReconcileReport.Status.INCOMPLETE,
                                checked.get(),
                                calls.made(),
                                error instanceof ZohoSide.Unreadable unreadable
                                        ? unreadable.getMessage()
                                        : "reconciliation failed: " + error.getMessage(),
                                clock.instant()))
                .compose(x -> store.report(id))
                .map(Optional::orElseThrow);
    }

    private Future<List<ReconcileStore.Candidate>> candidates(
            EntityType type, SyncTarget target, String after, List<ReconcileStore.Candidate> into) {
        return store.candidates(type, target, after, PAGE).compose(page -> {
            into.addAll(page);
            return page.size() < PAGE
                    ? Future.succeededFuture(into)
                    : candidates(type, target, page.get(page.size() - 1).key().entityId(), into);
        });
    }

    /**
     * Billing's records of one type against Billing's objects and the mirror of their state ({@link
     * BillingDriftRules}); a pull's drift carries when Billing was read ({@code read_at}: the report's start, before any
     * read), so a webhook that brought a newer state since is not undone by the repair.
     */
    private Future<Void> compareBilling(
            long id,
            EntityType type,
            List<ReconcileStore.Candidate> candidates,
            BillingSide side,
            AtomicLong checked,
            Progress progress) {
        Set<String> linked = new HashSet<>();
        boolean zohoNeeded = false;
        for (ReconcileStore.Candidate c : candidates) {
            if (c.zohoId() != null) {
                linked.add(c.zohoId());
            }
            zohoNeeded |= c.status() == SyncStatus.SYNCED
                    || c.status() == SyncStatus.MANUAL
                    || (type == EntityType.SUBSCRIPTION
                            && c.zohoId() == null
                            && (c.status() == SyncStatus.FAILED || c.status() == SyncStatus.SKIPPED));
        }
        if (!zohoNeeded) {
            checked.addAndGet(candidates.size());
            progress.checked(checked.get(), type.wire());
            return Future.succeededFuture();
        }
        String readAt = clock.instant().toString();
        return side.read(type, linked)
                .compose(view ->
                        judgeBilling(id, type, candidates, view, readAt, 0, checked, progress, new ArrayList<>()));
    }

    private Future<Void> judgeBilling(
            long id,
            EntityType type,
            List<ReconcileStore.Candidate> candidates,
            ZohoSide.View view,
            String readAt,
            int next,
            AtomicLong checked,
            Progress progress,
            List<ReconcileStore.Found> found) {
        if (next == candidates.size()) {
            return found.isEmpty() ? Future.succeededFuture() : store.addDrifts(id, found);
        }
        ReconcileStore.Candidate c = candidates.get(next);
        Future<Optional<Drift>> judged;
        if (c.zohoId() == null) {
            judged = Future.succeededFuture(BillingDriftRules.unlinked(
                    type, c.status(), view.markedFor(type, c.key().entityId())));
        } else if (c.status() != SyncStatus.SYNCED && c.status() != SyncStatus.MANUAL) {
            judged = Future.succeededFuture(Optional.empty());
        } else {
            Future<Optional<Map<String, String>>> mirrored = BillingDriftRules.mirrored(type)
                    ? billing.mirror()
                            .statesOf(new EntityRef(type, c.key().entityId()))
                            .map(states -> Optional.ofNullable(states.get(SyncTarget.BILLING))
                                    .map(ReconcileService::flat))
                    : Future.succeededFuture(Optional.empty());
            judged = mirrored.map(mirror -> BillingDriftRules.linked(
                    type,
                    c.status(),
                    c.origin(),
                    c.zohoId(),
                    BillingFields.platform(type, c.payload()),
                    mirror,
                    Optional.ofNullable(view.byId().get(c.zohoId()))));
        }
        return judged.compose(drift -> {
            drift.map(d -> d.repair() == Repair.PULL ? withReadAt(d, readAt) : d)
                    .ifPresent(d -> found.add(new ReconcileStore.Found(c.key(), d)));
            progress.checked(checked.incrementAndGet(), type.wire());
            return judgeBilling(id, type, candidates, view, readAt, next + 1, checked, progress, found);
        });
    }

    /** A mirrored state as the rules read it: its status and details, each as text. */
    private static Map<String, String> flat(ZohoState state) {
        Map<String, String> f = new HashMap<>();
        state.details().forEach((k, v) -> {
            if (v != null) {
                f.put(k, v.toString());
            }
        });
        f.put("status", state.status());
        return f;
    }

    private static Drift withReadAt(Drift d, String readAt) {
        Map<String, String> detail = new HashMap<>(d.detail());
        detail.put("read_at", readAt);
        return new Drift(d.kind(), d.repair(), d.safe(), d.zohoId(), d.summary(), detail);
    }

    private Future<Void> compare(
            long id,
            EntityType type,
            List<ReconcileStore.Candidate> candidates,
            ZohoSide side,
            AtomicLong checked,
            Progress progress) {
        Set<String> linked = new HashSet<>();
        List<String> unlinkedSettled = new ArrayList<>();
        for (ReconcileStore.Candidate c : candidates) {
            if (c.zohoId() != null) {
                linked.add(c.zohoId());
            } else if (c.status() == SyncStatus.FAILED || c.status() == SyncStatus.SKIPPED) {
                unlinkedSettled.add(c.key().entityId());
            }
        }
        boolean zohoNeeded =
                candidates.stream().anyMatch(c -> c.status() == SyncStatus.SYNCED || c.status() == SyncStatus.MANUAL)
                        || !unlinkedSettled.isEmpty();
        if (!zohoNeeded) {
            checked.addAndGet(candidates.size());
            progress.checked(checked.get(), type.wire());
            return Future.succeededFuture();
        }
        SyncHandler<?> handler = handlers.of(new SyncKey(type, "-", TARGET)).orElseThrow();
        return side.read(type, linked, unlinkedSettled).compose(view -> {
            List<ReconcileStore.Found> found = new ArrayList<>();
            for (ReconcileStore.Candidate c : candidates) {
                judge(handler, c, view).ifPresent(d -> found.add(new ReconcileStore.Found(c.key(), d)));
                progress.checked(checked.incrementAndGet(), type.wire());
            }
            return found.isEmpty() ? Future.succeededFuture() : store.addDrifts(id, found);
        });
    }

    private static Optional<Drift> judge(SyncHandler<?> handler, ReconcileStore.Candidate c, ZohoSide.View view) {
        EntityType type = c.key().type();
        if (c.zohoId() == null) {
            return DriftRules.unlinked(
                    type, c.status(), view.markedFor(type, c.key().entityId()));
        }
        return DriftRules.linked(
                type,
                c.status(),
                c.origin(),
                c.zohoId(),
                Fields.platform(entity(handler, c)),
                Optional.ofNullable(view.byId().get(c.zohoId())));
    }

    /** The entity as its flow reads it; null when the stored form no longer reads (then no field is compared). */
    private static Object entity(SyncHandler<?> handler, ReconcileStore.Candidate c) {
        try {
            return handler.mapping().read(c.key().entityId(), c.payload());
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public Future<List<ReconcileReport>> list(Long before, int limit) {
        return store.reports(before, limit);
    }

    @Override
    public Future<Optional<Detail>> report(long id, Long after, int limit) {
        return store.report(id)
                .compose(report -> report.isEmpty()
                        ? Future.succeededFuture(Optional.empty())
                        : store.drifts(id, after, limit).map(drifts -> Optional.of(new Detail(report.get(), drifts))));
    }

    @Override
    public Future<RepairResult> repair(long id, List<Long> driftIds, String actor) {
        return store.report(id).compose(report -> {
            if (report.isEmpty()) {
                return Future.succeededFuture(new RepairResult.NotFound());
            }
            if (report.get().status() == ReconcileReport.Status.RUNNING) {
                return Future.succeededFuture(new RepairResult.StillRunning());
            }
            return store.drifts(id, driftIds).compose(drifts -> {
                if (!driftIds.isEmpty() && drifts.size() < new HashSet<>(driftIds).size()) {
                    Set<Long> known = new HashSet<>();
                    drifts.forEach(d -> known.add(d.id()));
                    return Future.succeededFuture(new RepairResult.UnknownDrifts(driftIds.stream()
                            .filter(d -> !known.contains(d))
                            .distinct()
                            .toList()));
                }
                List<ReconcileDrift> chosen = drifts.stream()
                        .filter(d -> d.repairedAt() == null
                                && (!driftIds.isEmpty() || d.drift().safe()))
                        .toList();
                return applyAll(chosen, 0, actor)
                        .compose(x -> store.drifts(
                                id, chosen.stream().map(ReconcileDrift::id).toList()))
                        .map(attempted -> attempted.stream()
                                .filter(d -> chosen.stream().anyMatch(c -> c.id() == d.id()))
                                .toList())
                        .compose(attempted ->
                                store.report(id).map(r -> new RepairResult.Repaired(r.orElseThrow(), attempted)));
            });
        });
    }

    private Future<Void> applyAll(List<ReconcileDrift> drifts, int next, String actor) {
        if (next == drifts.size()) {
            return Future.succeededFuture();
        }
        ReconcileDrift d = drifts.get(next);
        // claimed first: a drift two repairers reach at once (the API twice, the CLI beside it) is repaired once
        return store.claim(d.id(), clock.instant())
                .compose(claimed -> claimed
                        ? new Repairs(admin, records, machine, clock, billing == null ? null : billing.mirror())
                                .forgetting(sent)
                                .apply(d, actor)
                                .compose(
                                        done -> store.repaired(d.id(), done.applied(), done.outcome(), clock.instant()))
                        : Future.<Void>succeededFuture())
                .compose(x -> applyAll(drifts, next + 1, actor));
    }
}
