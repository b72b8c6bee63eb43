package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.subscription.AddonPlan;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.CatalogEntry;
import io.zohosync.ports.out.zoho.ZohoBillingCatalog;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.util.Optional;

/** A platform addon published to Billing by its code (see {@link CatalogBillingHandler}). */
public final class AddonBillingHandler extends CatalogBillingHandler<AddonPlan> {

    private final ZohoBillingCatalog catalog;
    private final AddonMapping mapping = new AddonMapping();

    public AddonBillingHandler(ZohoBillingCatalog catalog, BillingProducts products) {
        super(products);
        this.catalog = catalog;
    }

    @Override
    public EntityType type() {
        return EntityType.ADDON;
    }

    @Override
    public EntityMapping<AddonPlan> mapping() {
        return mapping;
    }

    @Override
    String code(AddonPlan plan) {
        return plan.code();
    }

    @Override
    Future<ZohoOutcome<Optional<CatalogEntry>>> find(String code) {
        return catalog.addon(code);
    }

    @Override
    Future<ZohoOutcome<CatalogEntry>> create(AddonPlan plan, String productId) {
        return catalog.createAddon(plan, productId);
    }

    @Override
    Future<ZohoOutcome<CatalogEntry>> update(AddonPlan plan, String productId) {
        return catalog.updateAddon(plan, productId);
    }
}
