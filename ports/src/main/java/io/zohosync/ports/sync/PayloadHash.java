package io.zohosync.ports.sync;

import io.zohosync.ports.intake.CanonicalJson;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * The hash of what a write sends to Zoho (issue 14): a handler's payload is a function of the entity (its stored wire
 * form), its prerequisites' Zoho ids, the record written and whether the service created it — so the SHA-256 of their
 * canonical JSON ({@link CanonicalJson}, as the intake hashes a payload), with the handler's class, stands for the
 * payload: equal hashes, equal payloads.
 */
final class PayloadHash {

    private PayloadHash() {}

    static <E> String of(SyncHandler<E> handler, String zohoId, boolean ours, E entity, Links links) {
        Map<String, Object> ids = new HashMap<>();
        links.zohoIds().forEach((ref, id) -> ids.put(ref.toString(), id));
        Map<String, Object> payload = new HashMap<>();
        payload.put("handler", handler.getClass().getName());
        payload.put("target", handler.target().wire());
        payload.put("zoho_id", zohoId);
        payload.put("ours", ours);
        payload.put("entity", handler.mapping().write(entity));
        payload.put("links", ids);
        return CanonicalJson.sha256(payload);
    }
}
