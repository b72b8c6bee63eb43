package io.zohosync.ports.reconcile;

import io.zohosync.domain.entity.EntityType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The platform's side of a Billing comparison, read from the record's stored wire form (the fixed shapes of issue 10):
 * a customer's {@code email}; a service's {@code plan_code}, {@code quantity} (1 when not given) and {@code status}
 * ({@code active} or {@code cancelled}); a payment's {@code amount}. A field the payload lacks is not compared.
 */
final class BillingFields {

    private BillingFields() {}

    static Map<String, String> platform(EntityType type, Map<String, Object> payload) {
        Map<String, String> f = new HashMap<>();
        if (payload == null) {
            return f;
        }
        switch (type) {
            case CUSTOMER -> put(f, "email", payload.get("email"));
            case SUBSCRIPTION -> {
                put(f, "plan_code", payload.get("plan_code"));
                Object quantity = payload.get("quantity");
                put(f, "quantity", quantity == null ? 1 : quantity);
                put(f, "status", payload.get("status"));
            }
            case PAYMENT -> put(f, "amount", payload.get("amount"));
            default -> {}
        }
        return f;
    }

    private static void put(Map<String, String> f, String name, Object value) {
        if (value instanceof Number n) {
            f.put(name, new BigDecimal(n.toString()).toPlainString());
        } else if (value instanceof String s && !s.isBlank()) {
            f.put(name, s);
        }
    }
}
