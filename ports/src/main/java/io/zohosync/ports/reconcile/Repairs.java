package io.zohosync.ports.reconcile;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.reconcile.Drift;
import io.zohosync.domain.reconcile.DriftKind;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.AdminSyncUseCase.Action;
import io.zohosync.ports.in.AdminSyncUseCase.Command;
import io.zohosync.ports.in.AdminSyncUseCase.Result;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.out.SentPayloads;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.ports.out.ZohoStates;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A drift's repair as the service's own actions, never a write to Zoho: an object Zoho lost → the admin's unlink (the
 * record is queued and created again); fields changed in Zoho → the domain's {@code EntityChanged} (an update is
 * queued; the record keeps its link); a marked object → the admin's link (checked against Zoho first); a record that
 * never got there → the admin's retry. The state machine refuses what no longer applies (the record moved on).
 */
final class Repairs {

    /** What a repair did: {@code applied}, or why not. */
    record Done(boolean applied, String outcome) {}

    private final AdminSyncUseCase admin;
    private final SyncRecords records;
    private final SyncStateMachine machine;
    private final Clock clock;
    private final ZohoStates mirror;
    /** The sent payloads' hashes: a re-send is sent even though the platform's data did not change (issue 14). */
    private SentPayloads sent = SentPayloads.NONE;
    /** Fields pulled as numbers. */
    private static final Set<String> NUMBERS = Set.of("balance", "total", "amount", "quantity");

    Repairs(AdminSyncUseCase admin, SyncRecords records, SyncStateMachine machine, Clock clock) {
        this(admin, records, machine, clock, null);
    }

    /** {@code mirror}: where a pull keeps Zoho's state (null: pulls are not applied). */
    Repairs(AdminSyncUseCase admin, SyncRecords records, SyncStateMachine machine, Clock clock, ZohoStates mirror) {
        this.admin = admin;
        this.records = records;
        this.machine = machine;
        this.clock = clock;
        this.mirror = mirror;
    }

    /**
     * Applies the drift's repair if the record is still as the report saw it: linked to the drift's Zoho object (gone
     * or changed), or still without a link (marked, never sent). A record that moved on since (synced again, linked by
     * someone) is left alone: an old report's repair must not undo a newer state.
     */
    Future<Done> apply(ReconcileDrift stored, String by) {
        return records.states(List.of(stored.key())).compose(states -> {
            SyncState now = states.get(stored.key());
            if (now == null) {
                return Future.succeededFuture(new Done(false, "the record no longer exists"));
            }
            boolean linked = stored.drift().kind() == DriftKind.MISSING_IN_ZOHO
                    || stored.drift().kind() == DriftKind.FIELDS_DIFFER
                    || stored.drift().kind() == DriftKind.ZOHO_STATE_DIFFERS;
            boolean asSeen =
                    linked ? Objects.equals(now.zohoId(), stored.drift().zohoId()) : now.zohoId() == null;
            if (!asSeen) {
                return Future.succeededFuture(new Done(
                        false,
                        "not applied: the record moved on since this report (now "
                                + now.status().wire()
                                + (now.zohoId() == null ? "" : ", Zoho id " + now.zohoId())
                                + "); reconcile again"));
            }
            return applyNow(stored, actor(stored, by));
        });
    }

    private Future<Done> applyNow(ReconcileDrift stored, String actor) {
        Drift drift = stored.drift();
        return switch (drift.repair()) {
            case LEAVE -> Future.succeededFuture(new Done(false, "left for a person: there is nothing to apply"));
            case LINK -> admin(new Command(stored.key(), Action.LINK, drift.zohoId(), actor));
            case PULL -> pull(stored);
            case RESEND ->
                switch (drift.kind()) {
                    case MISSING_IN_ZOHO -> admin(new Command(stored.key(), Action.UNLINK, null, actor));
                    case NEVER_SENT -> admin(new Command(stored.key(), Action.RETRY, null, actor));
                    case FIELDS_DIFFER -> update(stored);
                    case UNLINKED_IN_ZOHO ->
                        Future.succeededFuture(new Done(false, "a marked object is linked, not re-sent"));
                    case ZOHO_STATE_DIFFERS ->
                        Future.succeededFuture(new Done(false, "Zoho's state is pulled, not re-sent"));
                };
        };
    }

    /** {@code sent}: whose hash of the record's last payload a re-send forgets, so the update is sent. */
    Repairs forgetting(SentPayloads sent) {
        this.sent = sent;
        return this;
    }

    /**
     * Keeps Zoho's state as the report read it ({@code status.zoho} and the other {@code *.zoho} fields of the detail)
     * in the mirror, as of the report's reading ({@code read_at}): a webhook that brought a newer state since wins.
     */
    private Future<Done> pull(ReconcileDrift stored) {
        if (mirror == null) {
            return Future.succeededFuture(new Done(false, "no mirror of Zoho's state to pull into"));
        }
        Map<String, String> detail = stored.drift().detail();
        EntityRef ref = new EntityRef(stored.key().type(), stored.key().entityId());
        return mirror.statesOf(ref).compose(states -> {
            ZohoState before = states.get(stored.key().target());
            Map<String, Object> details = new HashMap<>(before == null ? Map.of() : before.details());
            detail.forEach((field, value) -> {
                if (field.endsWith(".zoho") && !field.equals("status.zoho")) {
                    String name = field.substring(0, field.length() - ".zoho".length());
                    details.put(name, NUMBERS.contains(name) ? number(value) : value);
                }
            });
            String status = detail.getOrDefault("status.zoho", before == null ? null : before.status());
            Instant readAt = detail.containsKey("read_at") ? Instant.parse(detail.get("read_at")) : clock.instant();
            if (status == null) {
                return Future.succeededFuture(new Done(false, "Zoho's status is not in the report: reconcile again"));
            }
            return mirror.mirror(stored.key(), new ZohoState(status, details, readAt, "reconcile"))
                    .map(kept -> kept
                            ? new Done(true, "pulled: the mirror now shows " + status)
                            : new Done(false, "not applied: the mirror heard of a newer state since this report"));
        });
    }

    /** A pulled number as the mirror keeps it (a balance, a quantity): a number, whole when it is. */
    private static Object number(String text) {
        try {
            BigDecimal number = new BigDecimal(text);
            return number.scale() <= 0 ? (Object) number.longValueExact() : number;
        } catch (NumberFormatException | ArithmeticException e) {
            return text;
        }
    }

    /**
     * Who the admin history names for a repair: the person who asked for it ({@code by}), and the reconciliation report
     * it comes from.
     */
    private static String actor(ReconcileDrift stored, String by) {
        String report = "reconcile (report " + stored.reportId() + ")";
        return by == null ? report : by + " via " + report;
    }

    private Future<Done> update(ReconcileDrift stored) {
        var now = clock.instant();
        // Zoho's fields differ from what was last sent: the same payload must go again, not be skipped as unchanged
        return sent.sent(stored.key(), "resend:" + now, now)
                .compose(forgotten -> records.change(
                                stored.key(),
                                "reconcile_resend",
                                state -> machine.apply(state, new SyncEvent.EntityChanged(), now),
                                now)
                        .map(changed -> {
                            if (changed.isEmpty()) {
                                return new Done(false, "the record no longer exists");
                            }
                            if (changed.get().transition() instanceof Transition.Rejected rejected) {
                                return new Done(false, "refused: " + rejected.reason());
                            }
                            return new Done(
                                    true,
                                    "update queued ("
                                            + changed.get().record().status().wire() + ")");
                        }));
    }

    private Future<Done> admin(Command command) {
        String action = command.action().name().toLowerCase(Locale.ROOT);
        return admin.apply(command).map(result -> {
            if (result instanceof Result.Changed changed) {
                return new Done(
                        true,
                        action + ": record now " + changed.record().status().wire());
            }
            if (result instanceof Result.Refused refused) {
                return new Done(false, action + " refused: " + refused.reason());
            }
            if (result instanceof Result.LinkRefused refused) {
                return new Done(false, refused.reason());
            }
            if (result instanceof Result.ZohoUnavailable unavailable) {
                return new Done(false, unavailable.reason());
            }
            return new Done(false, "the record no longer exists");
        });
    }
}
