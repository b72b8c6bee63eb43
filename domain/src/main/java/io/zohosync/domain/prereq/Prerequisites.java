package io.zohosync.domain.prereq;

import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.invoice.Invoice;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.quote.Quote;
import io.zohosync.domain.subscription.Addon;
import io.zohosync.domain.subscription.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Domain rule: what must be in Zoho before an entity can be written (design.md §7) — a payment needs
 * its customer and invoice, an invoice or estimate its customer and items, a subscription its
 * customer, plan and addons.
 */
public final class Prerequisites {

    private Prerequisites() {}

    public static List<EntityRef> of(Payment payment) {
        List<EntityRef> needed = new ArrayList<>(List.of(new EntityRef(EntityType.CUSTOMER, payment.customerId())));
        payment.appliedTo().ifPresent(id -> needed.add(new EntityRef(EntityType.INVOICE, id)));
        return List.copyOf(needed);
    }

    public static List<EntityRef> of(Invoice invoice) {
        return customerAndItems(invoice.customerId(), invoice.itemSkus());
    }

    public static List<EntityRef> of(Quote quote) {
        return customerAndItems(quote.customerId(), quote.itemSkus());
    }

    public static List<EntityRef> of(Subscription subscription) {
        List<EntityRef> needed = new ArrayList<>();
        needed.add(new EntityRef(EntityType.CUSTOMER, subscription.customerId()));
        needed.add(new EntityRef(EntityType.PLAN, subscription.planCode()));
        subscription.addons().stream()
                .map(Addon::addonCode)
                .distinct()
                .forEach(code -> needed.add(new EntityRef(EntityType.ADDON, code)));
        return List.copyOf(needed);
    }

    /** The prerequisites not yet in Zoho, in the order given; empty means the job can run. */
    public static List<EntityRef> missing(List<EntityRef> needed, Predicate<EntityRef> inZoho) {
        return needed.stream().filter(inZoho.negate()).toList();
    }

    private static List<EntityRef> customerAndItems(String customerId, List<String> skus) {
        List<EntityRef> needed = new ArrayList<>();
        needed.add(new EntityRef(EntityType.CUSTOMER, customerId));
        skus.forEach(sku -> needed.add(new EntityRef(EntityType.ITEM, sku)));
        return List.copyOf(needed);
    }
}
