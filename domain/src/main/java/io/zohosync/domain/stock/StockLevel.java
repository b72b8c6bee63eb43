package io.zohosync.domain.stock;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Domain rule: the level bookkeeping of one stock record. {@code zoho} is the level the service last knew Zoho to
 * have (null: not read yet); {@code platform} the platform's level, or — while {@code platformKnown} is false, the
 * platform having sent only deltas — the sum of those deltas, to be added to Zoho's level once it is read. A push
 * adjusts Zoho by {@link #toPush()} under the reference noted first as the intent ({@code intentReference},
 * {@code intentQuantity}; null: none); {@code pushes} numbers them. A change made in Zoho moves both levels by its
 * own quantity, so what is still to push is untouched by it: nothing bounces back.
 */
public record StockLevel(
        StockKey key,
        BigDecimal platform,
        boolean platformKnown,
        BigDecimal zoho,
        String intentReference,
        BigDecimal intentQuantity,
        long pushes) {

    /** What begins the reference number of every adjustment the service makes. */
    public static final String REFERENCE_PREFIX = "zsync:";

    /** A record the platform has just named: neither level known. */
    public static StockLevel unknown(StockKey key) {
        return new StockLevel(key, BigDecimal.ZERO, false, null, null, null, 0);
    }

    /** A record met through Zoho at {@code level}: both sides there. */
    public static StockLevel at(StockKey key, BigDecimal level) {
        return new StockLevel(key, level, true, level, null, null, 0);
    }

    /** After a platform change. */
    public StockLevel changed(StockChange change) {
        boolean absolute = change.level() != null;
        return new StockLevel(
                key,
                change.applyTo(platform),
                platformKnown || absolute,
                zoho,
                intentReference,
                intentQuantity,
                pushes);
    }

    /** After a change made in Zoho by {@code quantity}: both known sides move (an unread side will read it). */
    public StockLevel pulled(BigDecimal quantity) {
        return new StockLevel(
                key,
                platformKnown ? platform.add(quantity) : platform,
                platformKnown,
                zoho == null ? null : zoho.add(quantity),
                intentReference,
                intentQuantity,
                pushes);
    }

    /** Once Zoho's level was read: the platform's deltas so far are counted from it. */
    public StockLevel zohoRead(BigDecimal level) {
        if (zoho != null) {
            return this;
        }
        return new StockLevel(
                key,
                platformKnown ? platform : level.add(platform),
                true,
                level,
                intentReference,
                intentQuantity,
                pushes);
    }

    /** After the push of {@code quantity} (noted as the intent) landed in Zoho. */
    public StockLevel pushed(BigDecimal quantity) {
        return new StockLevel(key, platform, platformKnown, zoho.add(quantity), null, null, pushes);
    }

    /** With the push of {@code quantity} noted as the intent, under the next reference. */
    public StockLevel intending(BigDecimal quantity) {
        return new StockLevel(key, platform, platformKnown, zoho, nextReference(), quantity, pushes + 1);
    }

    /** Without an intent (its adjustment was not made). */
    public StockLevel withoutIntent() {
        return new StockLevel(key, platform, platformKnown, zoho, null, null, pushes);
    }

    /** Whether Zoho's level must be read before anything can be pushed. */
    public boolean needsZohoLevel() {
        return zoho == null;
    }

    /** What Zoho lacks of the platform's level (both known). */
    public BigDecimal toPush() {
        if (zoho == null || !platformKnown) {
            throw new IllegalStateException("Zoho's level must be read first");
        }
        return platform.subtract(zoho);
    }

    /** The platform's level, or null while only its deltas are known. */
    public BigDecimal platformLevel() {
        return platformKnown ? platform : null;
    }

    /** Whether a push is noted whose outcome is unknown. */
    public boolean hasIntent() {
        return intentReference != null;
    }

    /**
     * The reference number of this record's next push: the prefix, a digest of the record's id (a sku may be longer
     * than a reference number) and the push's number; no two pushes of the service share one.
     */
    public String nextReference() {
        return REFERENCE_PREFIX + digest(key.id()) + ":" + (pushes + 1);
    }

    /** Whether an adjustment's reference number marks it as one the service made. */
    public static boolean isOurs(String reference) {
        return reference != null && reference.startsWith(REFERENCE_PREFIX);
    }

    private static String digest(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
