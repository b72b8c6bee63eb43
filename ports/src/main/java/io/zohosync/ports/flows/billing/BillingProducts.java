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

    /** The product's id; a look-up in flight is shared, a failed one is forgotten so the next asks again. */
    public synchronized Future<ZohoOutcome<String>> productId() {
        if (productId != null) {
            return productId;
        }
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Future<ZohoOutcome<String>> lookup = catalog.productsNamed(NAME)
                .compose(found -> {
                    if (!(found instanceof ZohoOutcome.Success<java.util.List<String>> ok)) {
                        return Future.succeededFuture(ZohoOutcome.<String>retype(found));
                    }
                    return ok.value().isEmpty()
                            ? catalog.createProduct(NAME)
                            : Future.succeededFuture(
                                    new ZohoOutcome.Success<>(ok.value().get(0)));
                })
                .map(outcome -> {
                    finished.set(true);
                    settle(outcome instanceof ZohoOutcome.Success<String> ? outcome : null);
                    return outcome;
                })
                .recover(e -> {
                    finished.set(true);
                    settle(null);
                    return Future.failedFuture(e);
                });
        if (!finished.get()) {
            productId = lookup; // shared while in flight; settle() keeps it on success, drops it on failure
        }
        return lookup;
    }

    private synchronized void settle(ZohoOutcome<String> success) {
        productId = success == null ? null : Future.succeededFuture(success);
    }
}
