package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.ZohoBillingCatalog;
import io.zohosync.ports.out.zoho.ZohoOutcome;

/**
 * The Billing product the platform's plans and addons are published under: {@code ZSYNC_BILLING_PRODUCT_ID} when set;
 * otherwise the product named {@value #NAME}, looked for by name and created when there is none — once: the id is
 * remembered for the life of the process, and Zoho itself remembers it across restarts (the next start finds it by
 * name, so a lost answer to the create costs at most one more product, never a failure).
 */
public final class BillingProducts {

    public static final String NAME = "zoho-sync";

    private final ZohoBillingCatalog catalog;
    private Future<ZohoOutcome<String>> productId;

    public BillingProducts(ZohoBillingCatalog catalog, String configuredId) {
        this.catalog = catalog;
        this.productId = configuredId == null || configuredId.isBlank()
                ? null
                : Future.succeededFuture(new ZohoOutcome.Success<>(configuredId));
    }

    /** The product's id; a failed look-up is forgotten, so the next asks again. */
    public synchronized Future<ZohoOutcome<String>> productId() {
        if (productId == null) {
            Future<ZohoOutcome<String>> lookup = catalog.productsNamed(NAME).compose(found -> {
                if (!(found instanceof ZohoOutcome.Success<java.util.List<String>> ok)) {
                    return Future.succeededFuture(ZohoOutcome.<String>retype(found));
                }
                return ok.value().isEmpty()
                        ? catalog.createProduct(NAME)
                        : Future.succeededFuture(
                                new ZohoOutcome.Success<>(ok.value().get(0)));
            });
            productId = lookup;
            lookup.onComplete(done -> {
                if (done.failed() || !(done.result() instanceof ZohoOutcome.Success<String>)) {
                    forget(lookup);
                }
            });
        }
        return productId;
    }

    private synchronized void forget(Future<ZohoOutcome<String>> failed) {
        if (productId == failed) {
            productId = null;
        }
    }
}
