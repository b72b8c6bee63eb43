package io.zohosync.domain.entity;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of platform entity the service syncs. Each knows its queue priority (design.md §7: fresh
 * money first, backfill last) and the kinds that must be in Zoho before it (design.md §7: a payment needs
 * its customer and invoice, a refund its payment, an invoice or estimate its customer and items (and an invoice the
 * accepted quote's estimate it comes from), a subscription its customer,
 * plan and addons). The graph of prerequisites is checked to be free of cycles when the type loads.
 */
public enum EntityType {
    CUSTOMER(300),
    ITEM(300),
    PLAN(300),
    ADDON(300),
    ESTIMATE(350, CUSTOMER, ITEM), // before INVOICE, which depends on it
    INVOICE(200, CUSTOMER, ITEM, ESTIMATE),
    MANUAL_INVOICE(200, CUSTOMER), // a hand-raised invoice to Billing (orders are INVOICE, to Books)
    PAYMENT(100, CUSTOMER, INVOICE, MANUAL_INVOICE),
    REFUND(100, PAYMENT),
    SUBSCRIPTION(250, CUSTOMER, PLAN, ADDON),
    LEAD(350),
    STOCK(400, ITEM);

    /** {@link #wire()}, made once: it is asked for on every request and statement (issue 14). */
    private final String wire = name().toLowerCase(Locale.ROOT);

    private final int priority;
    private final Set<EntityType> prerequisites;

    EntityType(int priority, EntityType... prerequisites) {
        this.priority = priority;
        this.prerequisites = Set.of(prerequisites);
    }

    static {
        for (EntityType type : values()) {
            if (type.dependsOn(type)) {
                throw new IllegalStateException("entity types depend on each other in a cycle through " + type);
            }
        }
    }

    /** Queue order: a lower number runs first. */
    public int priority() {
        return priority;
    }

    /** The kinds that must be in Zoho before one of this kind is written. */
    public Set<EntityType> prerequisites() {
        return prerequisites;
    }

    /** Whether {@code other} must be in Zoho, directly or through another prerequisite, before this kind. */
    public boolean dependsOn(EntityType other) {
        Deque<EntityType> todo = new ArrayDeque<>(prerequisites);
        Set<EntityType> seen = EnumSet.noneOf(EntityType.class);
        while (!todo.isEmpty()) {
            EntityType next = todo.pop();
            if (next == other) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(next.prerequisites);
            }
        }
        return false;
    }

    /** The name stored in Postgres and used in paths and JSON: {@code customer}, {@code item}... */
    public String wire() {
        return wire;
    }

    /** The type of a wire name; {@link IllegalArgumentException} naming the known ones when there is none. */
    public static EntityType fromWire(String value) {
        for (EntityType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown entity type '" + value + "'");
    }
}
