package io.zohosync.adapters.postgres.zoho;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-GCM keys that protect stored Zoho tokens: the current one encrypts, any listed one decrypts
 * (rotation). Each ciphertext is bound to its connection and field (associated data), so a value copied
 * into another row or column does not decrypt.
 */
public final class TokenKeys {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;

    private TokenKeys(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /**
     * Parses configuration like {@code "k2:<base64 key>,k1:<base64 key>"}: 16, 24 or 32-byte keys,
     * the first one current.
     */
    public static TokenKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no token encryption key configured");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String current = null;
        for (String entry : spec.split(",")) {
            String[] idAndKey = entry.trim().split(":", 2);
            if (idAndKey.length != 2 || idAndKey[0].isBlank()) {
                throw new IllegalArgumentException("a token key must look like <id>:<base64 key>");
            }
            String id = idAndKey[0].trim();
            if (!id.matches("[A-Za-z0-9_.-]{1,32}")) {
                throw new IllegalArgumentException("a token key id is 1 to 32 letters, digits, '.', '_' or '-'");
            }
            if (keys.containsKey(id)) {
                throw new IllegalArgumentException("token key id " + id + " is given twice");
            }
            byte[] key = Base64.getDecoder().decode(idAndKey[1].trim());
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalArgumentException(
                        "token key " + idAndKey[0] + " must be 16, 24 or 32 bytes, not " + key.length);
            }
            keys.put(idAndKey[0].trim(), new SecretKeySpec(key, "AES"));
            current = current == null ? idAndKey[0].trim() : current;
        }
        return new TokenKeys(current, keys);
    }

    String currentKeyId() {
        return currentKeyId;
    }

    byte[] encrypt(String plain, String context) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a Zoho token", e);
        }
    }

    String decrypt(byte[] stored, String keyId, String context) {
        if (stored == null) {
            return null;
        }
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException(
                    "Zoho tokens are encrypted with key '" + keyId + "', which is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not decrypt the stored Zoho token with key '" + keyId + "'", e);
        }
    }

    @Override
    public String toString() {
        return "TokenKeys[current=" + currentKeyId + ", ids=" + keys.keySet() + "]";
    }
}
