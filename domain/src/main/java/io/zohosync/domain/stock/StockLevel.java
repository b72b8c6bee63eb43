package io.zohosync.domain.stock;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Domain rule: the level bookkeeping of one stock record. {@code zoho} is the level the service last knew Zoho to
 * have (null: not read yet); {@code platform} the platform's level, or — while {@code platformKnown} is false, the
 * platform having sent only deltas — the sum of those deltas, to be added to Zoho's level once it is read. A push
 * adjusts Zoho by {@link #toPush()} under the reference noted first as the intent ({@code intentReference},
 * {@code intentQuantity}; null: none); {@code pushes} numbers them. A change made in Zoho moves both levels by its
 * own quantity, so what is still to push is untouched by it: nothing bounces back.
 *
 * <p>{@code zohoReadAt} is when Zoho's level was read (the read's request sent): a Zoho change made before it is
 * already in {@code zoho}, so it moves only the platform's side — and not even that when the platform's level was
 * counted from the read ({@code platformFromRead}: the platform had sent only deltas, and no level since). Zoho's
 * time stamps have whole seconds: a change made in an earlier second than the read's is included; one made in the
 * read's own second is taken as not (the one ambiguous second). {@code intentAt} is when the intent was noted: an
 * intent whose adjustment is not found is dropped only once it is older than a Zoho request can take.
 */
public record StockLevel(
        StockKey key,
        BigDecimal platform,
        boolean platformKnown,
        BigDecimal zoho,
        String intentReference,
        BigDecimal intentQuantity,
        long pushes,
        Instant zohoReadAt,
        boolean platformFromRead,
        Instant intentAt) {

    /** What begins the reference number of every adjustment the service makes. */
    public static final String REFERENCE_PREFIX = "zsync:";

    /** A record the platform has just named: neither level known. */
    public static StockLevel unknown(StockKey key) {
        return new StockLevel(key, BigDecimal.ZERO, false, null, null, null, 0, null, false, null);
    }

    /** A record met through Zoho at {@code level}: both sides there. */
    public static StockLevel at(StockKey key, BigDecimal level) {
        return new StockLevel(key, level, true, level, null, null, 0, null, false, null);
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
                pushes,
                zohoReadAt,
                platformFromRead && !absolute,
                intentAt);
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
                pushes,
                zohoReadAt,
                platformFromRead,
                intentAt);
    }

    /**
     * After a change made in Zoho by {@code quantity} at {@code madeAt} (Zoho's time stamp; null: unknown): one made
     * before Zoho's level was read is in that level already, so Zoho's side stays and only the platform's moves
     * (unless the platform's level was counted from the read too); any other moves both sides.
     */
    public StockLevel pulled(BigDecimal quantity, Instant madeAt) {
        if (!includedInRead(madeAt)) {
            return pulled(quantity);
        }
        return new StockLevel(
                key,
                platformKnown && !platformFromRead ? platform.add(quantity) : platform,
                platformKnown,
                zoho,
                intentReference,
                intentQuantity,
                pushes,
                zohoReadAt,
                platformFromRead,
                intentAt);
    }

    /** Whether a Zoho change made at {@code madeAt} is in the level read (made in an earlier second than the read). */
    public boolean includedInRead(Instant madeAt) {
        return madeAt != null && zohoReadAt != null && madeAt.isBefore(zohoReadAt.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Once Zoho's level was read: the platform's deltas so far are counted from it. */
    public StockLevel zohoRead(BigDecimal level) {
        return zohoRead(level, null);
    }

    /** Once Zoho's level was read by a request sent at {@code at} (null: unknown). */
    public StockLevel zohoRead(BigDecimal level, Instant at) {
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
                pushes,
                at,
                !platformKnown,
                intentAt);
    }

    /** After the push of {@code quantity} (noted as the intent) landed in Zoho. */
    public StockLevel pushed(BigDecimal quantity) {
        return new StockLevel(
                key,
                platform,
                platformKnown,
                zoho.add(quantity),
                null,
                null,
                pushes,
                zohoReadAt,
                platformFromRead,
                null);
    }

    /** With the push of {@code quantity} noted as the intent, under the next reference. */
    public StockLevel intending(BigDecimal quantity) {
        return intending(quantity, null);
    }

    /** With the push of {@code quantity} noted at {@code now} as the intent, under the next reference. */
    public StockLevel intending(BigDecimal quantity, Instant now) {
        return new StockLevel(
                key,
                platform,
                platformKnown,
                zoho,
                nextReference(),
                quantity,
                pushes + 1,
                zohoReadAt,
                platformFromRead,
                now);
    }

    /**
     * Whether the intent's adjustment, not found by its reference, can be taken as never made: noted longer than
     * {@code settle} (a Zoho request's timeout and a margin) before {@code now}, or at an unknown time.
     */
    public boolean intentSettled(Instant now, Duration settle) {
        return intentAt == null || !intentAt.plus(settle).isAfter(now);
    }

    /** Without an intent (its adjustment was not made). */
    public StockLevel withoutIntent() {
        return new StockLevel(
                key, platform, platformKnown, zoho, null, null, pushes, zohoReadAt, platformFromRead, null);
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
