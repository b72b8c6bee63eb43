package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inbound port: reconciliation of Books (issue 12, item 11): compares the platform's records with Zoho's objects,
 * stores a report of every drift with a proposed repair, and applies the safe repairs — through the state machine —
 * when asked.
 */
public interface ReconcileUseCase {

    /** What to compare ({@code entities}: empty for every type reconciled) and whether to apply the safe repairs after. */
    record Request(Set<EntityType> entities, boolean repair) {
        public Request {
            entities = Set.copyOf(entities);
        }
    }

    /** Told as a reconciliation goes: how many records it will compare, then each one compared. */
    interface Progress {
        Progress NONE = new Progress() {};

        default void total(long records) {}

        default void checked(long records, String stage) {}
    }

    /** A reconciliation under way: its report's id, and the report once it has ended (repairs applied, if asked). */
    record Started(long reportId, Future<ReconcileReport> done) {}

    /** The entity types reconciled, in the order they are compared. */
    List<EntityType> types();

    /**
     * Starts a reconciliation of {@code request}'s types (none reconciled: every one of {@link #types}); while one
     * runs, answers that one.
     */
    Future<Started> start(Request request, Progress progress);

    /** Reports newest first, those older than {@code before} (null: from the newest). */
    Future<List<ReconcileReport>> list(Long before, int limit);

    /** A report and a page of its drifts, in id order after {@code after} (null: from the first). */
    Future<Optional<Detail>> report(long id, Long after, int limit);

    record Detail(ReconcileReport report, List<ReconcileDrift> drifts) {
        public Detail {
            drifts = List.copyOf(drifts);
        }
    }

    /**
     * Applies the repairs of report {@code id}: every safe one not yet applied, or exactly {@code driftIds} (a person's
     * confirmation: unsafe ones too, but never one left for a person). {@code actor}: who asked (the admin history
     * names them beside the report), or null for the reconciliation itself.
     */
    Future<RepairResult> repair(long id, List<Long> driftIds, String actor);

    sealed interface RepairResult {
        record Repaired(ReconcileReport report, List<ReconcileDrift> attempted) implements RepairResult {
            public Repaired {
                attempted = List.copyOf(attempted);
            }
        }

        record NotFound() implements RepairResult {}

        /** The report is still running: its drifts are not all known yet. */
        record StillRunning() implements RepairResult {}

        /** Drift ids that are not this report's. */
        record UnknownDrifts(List<Long> ids) implements RepairResult {
            public UnknownDrifts {
                ids = List.copyOf(ids);
            }
        }
    }
}
