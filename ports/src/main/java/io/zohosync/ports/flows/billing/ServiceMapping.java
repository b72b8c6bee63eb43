package io.zohosync.ports.flows.billing;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.subscription.Addon;
import io.zohosync.domain.subscription.Service;
import io.zohosync.domain.subscription.Subscription;
import io.zohosync.domain.subscription.SubscriptionChange.Timing;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON mapping of a platform service ({@code PUT /api/v1/services/{id}}): {@code customer_id, plan_code, quantity,
 * addons[{addon_code, quantity}], status (active|cancelled), starts_at, cancel_at (immediately|end_of_term, only when
 * cancelled), proration (immediate|at_renewal)}. Plan and addon names the configuration maps become their codes here.
 */
public final class ServiceMapping implements EntityMapping<Service> {

    static final int MAX_CODE = 100;
    static final int MAX_QUANTITY = 1_000_000;

    private final CatalogNames names;

    public ServiceMapping(CatalogNames names) {
        this.names = names;
    }

    @Override
    public EntityType type() {
        return EntityType.SUBSCRIPTION;
    }

    @Override
    public String collection() {
        return "services";
    }

    @Override
    public Service read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        List<FieldError> errors = new ArrayList<>();
        String customerId = fields.string("customer_id", 90);
        String plan = names.planCode(fields.string("plan_code", MAX_CODE));
        int quantity = quantity(fields, "quantity", "quantity", errors);
        List<Addon> addons = new ArrayList<>();
        List<WireFields> given = fields.objects("addons");
        for (int i = 0; i < given.size(); i++) {
            WireFields a = given.get(i);
            String code = names.addonCode(a.string("addon_code", MAX_CODE));
            int addonQuantity = quantity(a, "quantity", "addons[" + i + "].quantity", errors);
            Addon addon = a.nested(() -> new Addon(code, addonQuantity));
            if (addon != null) {
                addons.add(addon);
            }
        }
        String statusText = fields.string("status", 20);
        Service.Status status = choice(statusText, "status", List.of("active", "cancelled"), errors) == null
                ? null
                : Service.Status.valueOf(statusText.toUpperCase(Locale.ROOT));
        String cancelText =
                choice(fields.string("cancel_at", 20), "cancel_at", List.of("immediately", "end_of_term"), errors);
        Timing cancelAt =
                cancelText == null ? null : "immediately".equals(cancelText) ? Timing.IMMEDIATELY : Timing.END_OF_TERM;
        String prorationText =
                choice(fields.string("proration", 20), "proration", List.of("immediate", "at_renewal"), errors);
        Timing proration = prorationText == null
                ? null
                : "immediate".equals(prorationText) ? Timing.IMMEDIATELY : Timing.END_OF_TERM;
        LocalDate startsAt = date(fields.string("starts_at", 10), errors);
        return fields.build(() -> {
            // every broken field at once: the wire's, the subscription's and the service's own rules
            Subscription subscription =
                    attempt(() -> new Subscription(id, customerId, plan, quantity, addons, startsAt, null), errors);
            Subscription checked =
                    subscription != null ? subscription : new Subscription(id, "-", "-", 1, null, null, null);
            Service service = attempt(() -> new Service(checked, status, cancelAt, proration), errors);
            if (!errors.isEmpty()) {
                // one error per field: a value out of its choices is also "required" to the domain
                Map<String, FieldError> byField = new java.util.LinkedHashMap<>();
                errors.forEach(e -> byField.putIfAbsent(e.field(), e));
                throw new InvalidInput(List.copyOf(byField.values()));
            }
            return service;
        });
    }

    private static <T> T attempt(java.util.function.Supplier<T> build, List<FieldError> errors) {
        try {
            return build.get();
        } catch (InvalidInput e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    @Override
    public Map<String, Object> write(Service service) {
        Subscription s = service.subscription();
        return WireFields.compact(
                "id", s.platformId(),
                "customer_id", s.customerId(),
                "plan_code", s.planCode(),
                "quantity", s.quantity(),
                "addons",
                        s.addons().isEmpty()
                                ? null
                                : s.addons().stream()
                                        .map(a -> Map.<String, Object>of(
                                                "addon_code", a.addonCode(), "quantity", a.quantity()))
                                        .toList(),
                "status", service.status().name().toLowerCase(Locale.ROOT),
                "starts_at", s.startsAt() == null ? null : s.startsAt().toString(),
                "cancel_at",
                        service.cancelAt() == null
                                ? null
                                : service.cancelAt() == Timing.IMMEDIATELY ? "immediately" : "end_of_term",
                "proration",
                        service.proration() == null
                                ? null
                                : service.proration() == Timing.IMMEDIATELY ? "immediate" : "at_renewal");
    }

    @Override
    public String id(Service service) {
        return service.platformId();
    }

    private static int quantity(WireFields fields, String field, String path, List<FieldError> errors) {
        BigDecimal value = fields.decimal(field);
        if (value == null) {
            return 1;
        }
        if (value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.ONE) < 0
                || value.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) > 0) {
            errors.add(new FieldError(path, "must be a whole number from 1 to " + MAX_QUANTITY));
            return 1;
        }
        return value.intValueExact();
    }

    private static String choice(String value, String field, List<String> allowed, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (!allowed.contains(value)) {
            errors.add(new FieldError(field, "must be one of " + allowed));
            return null;
        }
        return value;
    }

    private static LocalDate date(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("starts_at", "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }
}
