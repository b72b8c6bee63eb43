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
 * as {@code name + value} (decoded; a name given twice in the order sent), followed by the raw body; hex, compared in
 * constant time and ignoring case.
 */
public final class ZohoWebhookSignature {

    private final byte[] secret;

    public ZohoWebhookSignature(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a non-blank webhook secret is required");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code header} signs these query parameters (decoded, by name) and these exact body bytes. */
    public boolean verifies(String header, Map<String, List<String>> query, byte[] body) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected(query, body), given);
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
