package io.zohosync.adapters.http.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * How {@code POST /webhooks/stripe} checks and reads events: the endpoint secrets accepted (more than one while a
 * secret is rolled), how old a signature may be, and the metadata keys naming the platform customer and order.
 */
public record StripeWebhookSettings(List<String> secrets, Duration tolerance, String customerKey, String orderKey) {

    /** Stripe's libraries' default tolerance. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    public static final String DEFAULT_CUSTOMER_KEY = "customer_id";
    public static final String DEFAULT_ORDER_KEY = "order_id";

    public StripeWebhookSettings {
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty() || secrets.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("at least one non-blank Stripe webhook secret is required");
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the signature tolerance must be positive");
        }
        if (customerKey == null || customerKey.isBlank() || orderKey == null || orderKey.isBlank()) {
            throw new IllegalArgumentException("the metadata keys must not be blank");
        }
    }

    /** These secrets, the default tolerance and the default metadata keys. */
    public StripeWebhookSettings(List<String> secrets) {
        this(secrets, DEFAULT_TOLERANCE, DEFAULT_CUSTOMER_KEY, DEFAULT_ORDER_KEY);
    }

    @Override
    public String toString() {
        return "StripeWebhookSettings[secrets=" + secrets.size() + " configured, tolerance=" + tolerance
                + ", customerKey=" + customerKey + ", orderKey=" + orderKey + "]";
    }
}
