package io.zohosync.domain.subscription;

import io.zohosync.domain.common.Checks;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Domain entity: an activated service; a Billing subscription found again by {@code reference_id} = platform id. */
public record Subscription(
        String platformId,
        String customerId,
        String planCode,
        int quantity,
        List<Addon> addons,
        LocalDate startsAt,
        LocalDate nextBillingAt) {

    public Subscription {
        new Checks()
                .required("id", platformId)
                .maxLength("id", platformId, 100)
                .required("customer_id", customerId)
                .required("plan_code", planCode)
                .rule(quantity >= 1, "quantity", "must be at least 1")
                .rule(
                        startsAt == null || nextBillingAt == null || !nextBillingAt.isBefore(startsAt),
                        "next_billing_at",
                        "must not be before the start")
                .throwIfAny();
        addons = addons == null ? List.of() : List.copyOf(addons);
    }

    public String referenceId() {
        return platformId;
    }

    public Optional<LocalDate> start() {
        return Optional.ofNullable(startsAt);
    }
}
