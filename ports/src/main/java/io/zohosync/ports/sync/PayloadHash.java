package io.zohosync.ports.sync;

import io.vertx.core.json.JsonObject;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of what a write sends to Zoho (issue 14): a handler's payload is a function of the entity (its stored wire
 * form, in the mapping's field order), its prerequisites' Zoho ids, the record written and whether the service created
 * it — so their SHA-256, with the handler's class, stands for the payload: equal hashes, equal payloads.
 */
final class PayloadHash {

    private PayloadHash() {}

    static <E> String of(SyncHandler<E> handler, String zohoId, boolean ours, E entity, Links links) {
        Map<String, String> ids = new TreeMap<>();
        links.zohoIds().forEach((ref, id) -> ids.put(ref.toString(), id));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("handler", handler.getClass().getName());
        payload.put("target", handler.target().wire());
        payload.put("zoho_id", zohoId);
        payload.put("ours", ours);
        payload.put("entity", handler.mapping().write(entity));
        payload.put("links", ids);
        String text;
        try {
            text = new JsonObject(payload).encode();
        } catch (RuntimeException e) {
            // a value JSON cannot hold: no hash to compare, so the write is always sent
            return "unhashable:" + System.nanoTime();
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
