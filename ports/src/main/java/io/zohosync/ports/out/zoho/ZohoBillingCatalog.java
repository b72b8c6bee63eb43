package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.subscription.AddonPlan;
import io.zohosync.domain.subscription.Plan;
import java.util.List;
import java.util.Optional;

/** Outbound port: Billing's plans and addons, each found by its code, and the products they belong to. */
public interface ZohoBillingCatalog {

    Future<ZohoOutcome<Optional<CatalogEntry>>> plan(String code);

    Future<ZohoOutcome<Optional<CatalogEntry>>> addon(String code);

    Future<ZohoOutcome<CatalogEntry>> createPlan(Plan plan, String productId);

    Future<ZohoOutcome<CatalogEntry>> updatePlan(Plan plan);

    Future<ZohoOutcome<CatalogEntry>> createAddon(AddonPlan addon, String productId);

    Future<ZohoOutcome<CatalogEntry>> updateAddon(AddonPlan addon, String productId);

    /** The ids of the products named {@code name} exactly. */
    Future<ZohoOutcome<List<String>>> productsNamed(String name);

    /** Creates a product; its id. */
    Future<ZohoOutcome<String>> createProduct(String name);
}
