package io.zohosync.domain.subscription;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.Money;
import java.util.List;

/** Value: what to do to a Billing subscription — create it, move it to another plan, or cancel it. */
public sealed interface SubscriptionChange {

    /** When a change takes effect: now, or when the current term ends. */
    enum Timing {
        IMMEDIATELY,
        END_OF_TERM
    }

    String subscriptionId();

    record Create(Subscription subscription) implements SubscriptionChange {
        public Create {
            new Checks()
                    .rule(subscription != null, "subscription", "is required")
                    .throwIfAny();
        }

        @Override
        public String subscriptionId() {
            return subscription.platformId();
        }
    }

    /** A move to a dearer plan. */
    record Upgrade(String subscriptionId, String planCode, int quantity, List<Addon> addons, Timing timing)
            implements SubscriptionChange {
        public Upgrade {
            addons = checkedMove(subscriptionId, planCode, quantity, addons, timing);
        }
    }

    /** A move to a cheaper (or equally priced) plan. */
    record Downgrade(String subscriptionId, String planCode, int quantity, List<Addon> addons, Timing timing)
            implements SubscriptionChange {
        public Downgrade {
            addons = checkedMove(subscriptionId, planCode, quantity, addons, timing);
        }
    }

    record Cancel(String subscriptionId, Timing timing) implements SubscriptionChange {
        public Cancel {
            new Checks()
                    .required("subscription_id", subscriptionId)
                    .rule(timing != null, "timing", "is required")
                    .throwIfAny();
        }
    }

    /** Upgrade or downgrade, decided as Zoho decides it: by comparing the recurring prices. */
    static SubscriptionChange planChange(
            Subscription current,
            String planCode,
            int quantity,
            List<Addon> addons,
            Money currentPrice,
            Money newPrice,
            Timing timing) {
        if (newPrice.compareTo(currentPrice) > 0) {
            return new Upgrade(current.platformId(), planCode, quantity, addons, timing);
        }
        return new Downgrade(current.platformId(), planCode, quantity, addons, timing);
    }

    private static List<Addon> checkedMove(
            String subscriptionId, String planCode, int quantity, List<Addon> addons, Timing timing) {
        new Checks()
                .required("subscription_id", subscriptionId)
                .required("plan_code", planCode)
                .rule(quantity >= 1, "quantity", "must be at least 1")
                .rule(timing != null, "timing", "is required")
                .throwIfAny();
        return addons == null ? List.of() : List.copyOf(addons);
    }
}
