package io.zohosync.ports.flows.billing;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.subscription.AddonPlan;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON mapping of an addon ({@code PUT /api/v1/addons/{code}}): {@code name, price, currency, type, interval_unit}. */
public final class AddonMapping implements EntityMapping<AddonPlan> {

    @Override
    public EntityType type() {
        return EntityType.ADDON;
    }

    @Override
    public String collection() {
        return "addons";
    }

    @Override
    public AddonPlan read(String code, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        List<FieldError> errors = new ArrayList<>();
        String name = fields.string("name", 100);
        Money price = PlanMapping.money(fields.decimal("price"), fields.string("currency", 3), errors);
        String type = fields.string("type", 20);
        String unit = fields.string("interval_unit", 10);
        return fields.build(() -> {
            AddonPlan addon = null;
            try {
                addon = new AddonPlan(code, name, price, type == null ? "recurring" : type, unit);
            } catch (InvalidInput e) {
                errors.addAll(e.errors());
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(List.copyOf(errors));
            }
            return addon;
        });
    }

    @Override
    public Map<String, Object> write(AddonPlan addon) {
        return WireFields.compact(
                "id", addon.code(),
                "name", addon.name(),
                "price", addon.price().amount(),
                "currency", addon.price().currency().getCurrencyCode(),
                "type", addon.type(),
                "interval_unit", addon.intervalUnit());
    }

    @Override
    public String id(AddonPlan addon) {
        return addon.code();
    }
}
