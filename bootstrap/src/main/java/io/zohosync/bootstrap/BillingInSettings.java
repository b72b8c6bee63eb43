package io.zohosync.bootstrap;

import io.zohosync.adapters.http.webhooks.ZohoWebhookSignature;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Billing → platform (issue 10, items 7–9): {@code ZSYNC_ZOHO_BILLING_WEBHOOK_SECRET} (the secret ticked in Billing's
 * webhook; unset: {@code POST /webhooks/zoho-billing} answers 404), {@code ZSYNC_ZOHO_BILLING_SIGNATURE_ENCODING}
 * ({@code hex}, {@code base64} or {@code either}, default {@code either}: Zoho does not document the signature's
 * encoding), {@code ZSYNC_BILLING_EVENTS_POLL_EVERY} (how often Billing's events API is read as the safety net: a number
 * and {@code s}, {@code m} or {@code h}; {@code off}: never; default {@code 5m}).
 */
record BillingInSettings(
        Optional<String> webhookSecret, ZohoWebhookSignature.Encoding encoding, Optional<Duration> pollEvery) {

    static final Duration DEFAULT_POLL = Duration.ofMinutes(5);

    static BillingInSettings from(Map<String, String> env) {
        return new BillingInSettings(text(env, "ZSYNC_ZOHO_BILLING_WEBHOOK_SECRET"), encoding(env), poll(env));
    }

    private static ZohoWebhookSignature.Encoding encoding(Map<String, String> env) {
        String raw = text(env, "ZSYNC_ZOHO_BILLING_SIGNATURE_ENCODING").orElse("either");
        try {
            return ZohoWebhookSignature.Encoding.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException(
                    "ZSYNC_ZOHO_BILLING_SIGNATURE_ENCODING must be hex, base64 or either, not '" + raw + "'");
        }
    }

    private static Optional<Duration> poll(Map<String, String> env) {
        Optional<String> raw = text(env, "ZSYNC_BILLING_EVENTS_POLL_EVERY").map(v -> v.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return Optional.of(DEFAULT_POLL);
        }
        if (raw.get().equals("off")) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("([0-9]{1,6})([smh])").matcher(raw.get());
        if (m.matches() && Long.parseLong(m.group(1)) > 0) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    });
        }
        throw new Config.ConfigException(
                "ZSYNC_BILLING_EVENTS_POLL_EVERY must be off or a duration such as 30s, 5m or 1h, not '" + raw.get()
                        + "'");
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        return "BillingInSettings[webhookSecret="
                + webhookSecret.map(s -> "***").orElse("none") + ", encoding=" + encoding + ", pollEvery="
                + pollEvery.map(Duration::toString).orElse("off") + "]";
    }
}
