package io.zohosync.domain.subscription;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.subscription.SubscriptionChange.Timing;

/**
 * Domain entity: a platform service — the subscription it asks Billing for, whether it is active or cancelled, when
 * a cancellation takes effect ({@code cancelAt}, only with {@link Status#CANCELLED}; end of term unless asked) and
 * when a plan change takes effect ({@code proration}; null: as configured).
 */
public record Service(Subscription subscription, Status status, Timing cancelAt, Timing proration) {

    public enum Status {
        ACTIVE,
        CANCELLED
    }

    public Service {
        new Checks()
                .rule(subscription != null, "subscription", "is required")
                .rule(status != null, "status", "is required: active or cancelled")
                .rule(cancelAt == null || status == Status.CANCELLED, "cancel_at", "is only for status cancelled")
                .throwIfAny();
        if (status == Status.CANCELLED && cancelAt == null) {
            cancelAt = Timing.END_OF_TERM;
        }
    }

    public String platformId() {
        return subscription.platformId();
    }

    /** When a plan change takes effect: the service's own choice, else {@code configured}. */
    public Timing prorationOr(Timing configured) {
        return proration == null ? configured : proration;
    }
}
