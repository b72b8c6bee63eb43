package io.zohosync.ports.sync;

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
        String text = canonical(payload, new StringBuilder()).toString();
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** A value as text that differs whenever the value does: maps in their own order, lists, strings quoted. */
    private static StringBuilder canonical(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            map.forEach((k, v) ->
                    canonical(v, canonical(String.valueOf(k), out).append(':')).append(','));
            return out.append('}');
        }
        if (value instanceof Iterable<?> list) {
            out.append('[');
            list.forEach(v -> canonical(v, out).append(','));
            return out.append(']');
        }
        if (value instanceof CharSequence text) {
            return out.append('"')
                    .append(text.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        if (value == null) {
            return out.append("null");
        }
        return out.append(value.getClass().getSimpleName())
                .append('(')
                .append(value)
                .append(')');
    }
}
