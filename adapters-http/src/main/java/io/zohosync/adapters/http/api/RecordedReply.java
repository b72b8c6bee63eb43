package io.zohosync.adapters.http.api;

import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.http.common.Ids;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.billing.ManualInvoiceMapping;
import io.zohosync.ports.in.RecordEntityUseCase.Outcome;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** The answer to an entity sent in: 202 when a sync was queued, 200 when nothing new was, a problem when nothing was stored. */
final class RecordedReply {

    private RecordedReply() {}

    static Reply of(String collection, Result result) {
        if (result instanceof Result.Invalid invalid) {
            invalid.errors().stream()
                    .filter(e -> e.message().startsWith(ManualInvoiceMapping.RECURRING_REFUSED))
                    .findFirst()
                    .ifPresent(e -> {
                        throw new Problem(422, "recurring_invoice_refused", e.message());
                    });
            throw Problem.validation(invalid.errors());
        }
        if (result instanceof Result.KeyReused) {
            throw new Problem(
                    409,
                    "idempotency_key_reused",
                    "this Idempotency-Key was used with a different body; nothing was stored");
        }
        return recorded(collection, (Result.Recorded) result);
    }

    private static Reply recorded(String collection, Result.Recorded recorded) {
        String self = PlatformApi.PREFIX + "/" + collection + "/"
                + Ids.segment(recorded.entity().id());
        Map<SyncTarget, SyncStatus> syncs = new EnumMap<>(SyncTarget.class);
        syncs.putAll(recorded.syncs());
        JsonObject targets = new JsonObject();
        syncs.forEach((target, status) -> targets.put(target.wire(), wire(status)));
        SyncTarget first = syncs.keySet().stream().findFirst().orElse(null);
        JsonObject sync = new JsonObject()
                .put("target", first == null ? null : first.wire())
                .put("status", first == null ? null : wire(syncs.get(first)));
        boolean queued = recorded.outcome() == Outcome.CREATED || recorded.outcome() == Outcome.UPDATED;
        return new Reply(
                queued ? 202 : 200,
                new JsonObject()
                        .put("id", recorded.entity().id())
                        .put("outcome", recorded.outcome().name().toLowerCase(Locale.ROOT))
                        .put("sync", sync)
                        .put("targets", targets)
                        .put("links", new JsonObject().put("self", self)),
                self);
    }

    private static String wire(SyncStatus status) {
        return status == null ? null : status.wire();
    }
}
