package io.zohosync.adapters.http.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Zoho's {@code X-Zoho-Webhook-Signature} as Zoho documents it for Billing (and, by assumption, Inventory):
 * HMAC-SHA256, keyed with the webhook's secret, of the request URL's query parameters sorted by name and concatenated
 * as {@code name + value} (decoded; a name given twice in the order sent), followed by the raw body; hex (ignoring case),
 * base64 or either as configured ({@link Encoding}), compared in constant time.
 */
public final class ZohoWebhookSignature {

    /**
     * How the signature is written: Zoho does not document it (community verifiers use lowercase hex), so Billing's is
     * configurable; {@link #EITHER} accepts hex or base64.
     */
    public enum Encoding {
        HEX,
        BASE64,
        EITHER
    }

    private final byte[] secret;
    private final Encoding encoding;

    /** Hex, as Inventory's webhooks are read. */
    public ZohoWebhookSignature(String secret) {
        this(secret, Encoding.HEX);
    }

    public ZohoWebhookSignature(String secret, Encoding encoding) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a non-blank webhook secret is required");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.encoding = encoding;
    }

    /** Whether {@code header} signs these query parameters (decoded, by name) and these exact body bytes. */
    public boolean verifies(String header, Map<String, List<String>> query, byte[] body) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] expected = expected(query, body);
        String given = header.trim();
        return (encoding != Encoding.BASE64 && MessageDigest.isEqual(expected, hex(given)))
                || (encoding != Encoding.HEX && MessageDigest.isEqual(expected, base64(given)));
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] base64(String text) {
        try {
            return java.util.Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private byte[] expected(Map<String, List<String>> query, byte[] body) {
        StringBuilder signed = new StringBuilder();
        new TreeMap<>(query)
                .forEach((name, values) ->
                        values.forEach(value -> signed.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(signed.toString().getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
