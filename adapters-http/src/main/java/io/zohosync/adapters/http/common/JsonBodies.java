package io.zohosync.adapters.http.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.ports.in.SyncRecordView;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading JSON request bodies strictly and writing JSON responses and read models; JSON stays in this adapter. */
public final class JsonBodies {

    private static final Pattern JSON_MEDIA_TYPE = Pattern.compile("application/([a-z0-9.+-]*\\+)?json\\s*(;.*)?");

    private JsonBodies() {}

    /** A {@code charset} parameter of a content type, its value unquoted. */
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)");

    /**
     * 415 {@code unsupported_media_type} unless the request says its body is JSON, in UTF-8 (JSON's only encoding, RFC
     * 8259 §8.1): a body declared in another charset would otherwise be read as UTF-8 all the same.
     */
    public static void requireJson(RoutingContext ctx, String what) {
        if (!declaresJson(ctx)) {
            throw new Problem(415, "unsupported_media_type", "send " + what + " as application/json");
        }
    }

    /**
     * Whether the request says its body is JSON ({@code application/json}, {@code application/*+json}) in UTF-8 (no
     * charset, or {@code utf-8}).
     */
    static boolean declaresJson(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("content-type");
        if (contentType == null) {
            return false;
        }
        String type = contentType.trim().toLowerCase(Locale.ROOT);
        if (!JSON_MEDIA_TYPE.matcher(type).matches()) {
            return false;
        }
        Matcher charset = CHARSET.matcher(type);
        return !charset.find()
                || charset.group(1).equals("utf-8")
                || charset.group(1).equals("utf8");
    }

    /**
     * The body as a JSON object of plain Java values (see {@link StrictJson}); 400 {@code malformed_json} when it
     * is empty, not UTF-8, not strict JSON or not an object, 422 naming the field for text that cannot be kept.
     */
    public static Map<String, Object> object(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new Problem(400, "malformed_json", "the body is empty; send a JSON object");
        }
        return StrictJson.object(utf8(body));
    }

    /** One sync record as the platform and the admin see it. */
    public static JsonObject record(SyncRecordView r) {
        return new JsonObject()
                .put("entity_type", r.key().type().wire())
                .put("entity_id", r.key().entityId())
                .put("target", r.key().target().wire())
                .put("status", r.status().wire())
                .put("zoho_id", r.zohoId())
                .put("attempts", r.attempts())
                .put("last_error", r.lastError())
                .put("reason", r.reason())
                .put("next_run_at", r.nextRunAt() == null ? null : r.nextRunAt().toString())
                .put("updated_at", r.updatedAt() == null ? null : r.updatedAt().toString());
    }

    public static JsonArray records(List<SyncRecordView> records) {
        JsonArray list = new JsonArray();
        records.forEach(r -> list.add(record(r)));
        return list;
    }

    /** Strict UTF-8: a lenient decoder would turn bad bytes into U+FFFD and store the damage. */
    private static String utf8(Buffer body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.getBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Problem(400, "malformed_json", "the body is not valid UTF-8");
        }
    }
}
