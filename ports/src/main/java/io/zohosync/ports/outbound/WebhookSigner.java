package io.zohosync.ports.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs outbound webhooks as the Standard Webhooks specification describes: {@code v1,} and the base64 of
 * HMAC-SHA256, keyed by the secret's bytes, over {@code <webhook-id>.<webhook-timestamp>.<body>}. The secret is
 * given as {@code whsec_<base64>}; {@code toString} never shows it.
 */
public final class WebhookSigner {

    public static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    private WebhookSigner(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The signer of a {@code whsec_...} secret; {@link IllegalArgumentException} (not repeating it) otherwise. */
    public static WebhookSigner of(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the secret must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret after " + PREFIX + " must be base64");
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("the secret's key must be at least 16 bytes (24 to 64 are usual)");
        }
        return new WebhookSigner(key);
    }

    /** The {@code webhook-signature} header's value for this id, timestamp (unix seconds) and body. */
    public String sign(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[***]";
    }
}
