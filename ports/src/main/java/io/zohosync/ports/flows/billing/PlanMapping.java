package io.zohosync.ports.flows.billing;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.subscription.Plan;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** The JSON mapping of a plan ({@code PUT /api/v1/plans/{code}}): {@code name, price, currency, interval, interval_unit, description}. */
public final class PlanMapping implements EntityMapping<Plan> {

    @Override
    public EntityType type() {
        return EntityType.PLAN;
    }

    @Override
    public String collection() {
        return "plans";
    }

    @Override
    public Plan read(String code, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        List<FieldError> errors = new ArrayList<>();
        String name = fields.string("name", 100);
        Money price = money(fields.decimal("price"), fields.string("currency", 3), errors);
        BigDecimal interval = fields.decimal("interval");
        int every = interval == null ? 1 : whole(interval, "interval", errors);
        String unit = fields.string("interval_unit", 10);
        String description = fields.string("description", 2_000);
        return fields.build(() -> {
            Plan plan = null;
            try {
                plan = new Plan(code, name, price, every, unit == null ? "months" : unit, description);
            } catch (InvalidInput e) {
                errors.addAll(e.errors());
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(List.copyOf(errors));
            }
            return plan;
        });
    }

    @Override
    public Map<String, Object> write(Plan plan) {
        return WireFields.compact(
                "id", plan.code(),
                "name", plan.name(),
                "price", plan.price().amount(),
                "currency", plan.price().currency().getCurrencyCode(),
                "interval", plan.interval(),
                "interval_unit", plan.intervalUnit(),
                "description", plan.description());
    }

    @Override
    public String id(Plan plan) {
        return plan.code();
    }

    /** A price with its currency: both, or a field error naming the missing or unknown one. */
    static Money money(BigDecimal amount, String currency, List<FieldError> errors) {
        if (currency == null) {
            errors.add(new FieldError("currency", "is required: an ISO 4217 code such as ZAR"));
            return null;
        }
        Currency known;
        try {
            known = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("currency", "is not an ISO 4217 currency code"));
            return null;
        }
        return amount == null ? null : new Money(amount, known);
    }

    static int whole(BigDecimal value, String field, List<FieldError> errors) {
        if (value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.ONE) < 0
                || value.compareTo(BigDecimal.valueOf(1000)) > 0) {
            errors.add(new FieldError(field, "must be a whole number from 1 to 1000"));
            return 1;
        }
        return value.intValueExact();
    }
}
