package io.zohosync.adapters.http.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The signature check held to Stripe's own Java library ({@code com.stripe.net.Webhook.Signature}, the code Stripe
 * ships for this): for headers well signed, signed under another secret, stale, from the future, over other bytes,
 * with several {@code v1} values, with only a {@code v0}, or without a timestamp, both answer the same.
 */
class StripeSignatureOracleTest {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    enum Shape {
        GOOD,
        OTHER_SECRET,
        STALE,
        FUTURE,
        OTHER_BODY,
        GOOD_AMONG_SEVERAL,
        ONLY_V0,
        NO_TIMESTAMP,
        TRUNCATED_SIGNATURE
    }

    record Case(String secret, String body, long offsetSeconds, Shape shape) {}

    @Property(tries = 400)
    void our_verdict_is_stripes(@ForAll("cases") Case c) throws Exception {
        long t = NOW.getEpochSecond() + c.offsetSeconds();
        String header = header(c, t);

        boolean ours = new StripeSignature(List.of(c.secret()), TOLERANCE)
                .verifies(header, c.body().getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(ours).as("%s: %s", c.shape(), header).isEqualTo(stripe(header, c.body(), c.secret()));
    }

    @Property(tries = 100)
    void during_a_rotation_either_secret_verifies_as_stripe_verifies_each(
            @ForAll("cases") Case c, @ForAll("secrets") String other) throws Exception {
        String header = header(c, NOW.getEpochSecond() + c.offsetSeconds());
        boolean ours = new StripeSignature(List.of(other, c.secret()), TOLERANCE)
                .verifies(header, c.body().getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(ours).isEqualTo(stripe(header, c.body(), other) || stripe(header, c.body(), c.secret()));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(
                        secrets(),
                        Arbitraries.strings()
                                .ofMinLength(0)
                                .ofMaxLength(300)
                                .map(s -> "{\"id\":\"evt_1\",\"x\":\"" + s.replace("\"", "") + "\"}"),
                        Arbitraries.longs().between(-299, 0),
                        Arbitraries.of(Shape.class))
                .as(Case::new);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .ofMinLength(8)
                .ofMaxLength(40)
                .map(s -> "whsec_" + s);
    }

    private static String header(Case c, long t) throws Exception {
        return switch (c.shape()) {
            case GOOD -> "t=" + t + ",v1=" + sign(c.secret(), t, c.body());
            case OTHER_SECRET -> "t=" + t + ",v1=" + sign(c.secret() + "x", t, c.body());
            case STALE -> {
                long stale = t - TOLERANCE.toSeconds() - 301;
                yield "t=" + stale + ",v1=" + sign(c.secret(), stale, c.body());
            }
            case FUTURE -> {
                long future = t + 3_600;
                yield "t=" + future + ",v1=" + sign(c.secret(), future, c.body());
            }
            case OTHER_BODY -> "t=" + t + ",v1=" + sign(c.secret(), t, c.body() + " ");
            case GOOD_AMONG_SEVERAL ->
                "t=" + t + ",v1=" + sign("whsec_old", t, c.body()) + ",v1=" + sign(c.secret(), t, c.body()) + ",v0="
                        + sign(c.secret(), t, c.body());
            case ONLY_V0 -> "t=" + t + ",v0=" + sign(c.secret(), t, c.body());
            case NO_TIMESTAMP -> "v1=" + sign(c.secret(), t, c.body());
            case TRUNCATED_SIGNATURE ->
                "t=" + t + ",v1=" + sign(c.secret(), t, c.body()).substring(0, 60);
        };
    }

    /** Signed as Stripe signs: HMAC-SHA256 of {@code t.body} with the endpoint secret, by Stripe's own utility. */
    private static String sign(String secret, long t, String body) throws Exception {
        return Webhook.Util.computeHmacSha256(secret, t + "." + body);
    }

    private static boolean stripe(String header, String body, String secret) {
        try {
            return Webhook.Signature.verifyHeader(
                    body, header, secret, TOLERANCE.toSeconds(), Clock.fixed(NOW, ZoneOffset.UTC));
        } catch (SignatureVerificationException e) {
            return false;
        }
    }
}
