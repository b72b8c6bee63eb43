package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.subscription.Plan;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.CatalogEntry;
import io.zohosync.ports.out.zoho.ZohoBillingCatalog;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.util.Optional;

/** A platform plan published to Billing by its code (see {@link CatalogBillingHandler}). */
public final class PlanBillingHandler extends CatalogBillingHandler<Plan> {

    private final ZohoBillingCatalog catalog;
    private final PlanMapping mapping = new PlanMapping();

    public PlanBillingHandler(ZohoBillingCatalog catalog, BillingProducts products) {
        super(products);
        this.catalog = catalog;
    }

    @Override
    public EntityType type() {
        return EntityType.PLAN;
    }

    @Override
    public EntityMapping<Plan> mapping() {
        return mapping;
    }

    @Override
    String code(Plan plan) {
        return plan.code();
    }

    @Override
    Future<ZohoOutcome<Optional<CatalogEntry>>> find(String code) {
        return catalog.plan(code);
    }

    @Override
    Future<ZohoOutcome<CatalogEntry>> create(Plan plan, String productId) {
        return catalog.createPlan(plan, productId);
    }

    @Override
    Future<ZohoOutcome<CatalogEntry>> update(Plan plan, String productId) {
        return catalog.updatePlan(plan);
    }
}
