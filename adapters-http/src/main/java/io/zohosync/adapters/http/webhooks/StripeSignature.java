package io.zohosync.adapters.http.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a {@code Stripe-Signature} header ({@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}) as Stripe documents
 * it: the expected signature is HMAC-SHA256, keyed with the endpoint secret (the whole {@code whsec_...} text), of
 * {@code t + "." + raw body}; a header is good when any of its {@code v1} values equals the signature under any of
 * the secrets (several during a rotation), compared in constant time, and its timestamp is not older than the
 * tolerance. Other schemes ({@code v0}) are ignored, as Stripe's libraries do.
 */
public final class StripeSignature {

    private static final HexFormat HEX = HexFormat.of();

    private final List<byte[]> secrets;
    private final Duration tolerance;

    public StripeSignature(List<String> secrets, Duration tolerance) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("at least one non-blank webhook secret is required");
        }
        this.secrets = secrets.stream()
                .map(s -> s.trim().getBytes(StandardCharsets.UTF_8))
                .toList();
        this.tolerance = tolerance;
    }

    /** Whether the header signs these exact bytes, at {@code now}. */
    public boolean verifies(String header, byte[] body, Instant now) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    return false; // two timestamps: which one was signed is anyone's guess
                }
                timestamp = seconds(value);
                if (timestamp == null) {
                    return false;
                }
            } else if (key.equals("v1")) {
                byte[] signature = hex(value);
                if (signature != null) {
                    signatures.add(signature);
                }
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return false;
        }
        if (timestamp < now.getEpochSecond() - tolerance.toSeconds()) {
            return false;
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, prefix, body);
            for (byte[] signature : signatures) {
                // no early exit: every pair is compared, each in constant time
                match |= MessageDigest.isEqual(expected, signature);
            }
        }
        return match;
    }

    /** HMAC-SHA256 of the concatenated parts under the key, as Stripe computes the {@code v1} signature. */
    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static Long seconds(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(value);
    }

    private static byte[] hex(String value) {
        if (value.length() != 64) {
            return null;
        }
        try {
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
