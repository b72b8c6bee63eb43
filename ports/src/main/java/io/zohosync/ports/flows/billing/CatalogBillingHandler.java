package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.out.zoho.CatalogEntry;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.List;
import java.util.Optional;

/**
 * A plan or addon the platform publishes to Billing by its code, which is also its Zoho id: found by code (the code is
 * the marker: a lost create is found by it), created under the {@link BillingProducts product} when absent, and
 * updated when changed. One that Billing had already is linked and brought to the platform's version at once: the
 * platform owns every field it publishes, so updates go to it whoever created it. Repeating any of these is harmless.
 */
abstract class CatalogBillingHandler<E> implements SyncHandler<E> {

    private final BillingProducts products;

    CatalogBillingHandler(BillingProducts products) {
        this.products = products;
    }

    abstract String code(E entity);

    abstract Future<ZohoOutcome<Optional<CatalogEntry>>> find(String code);

    abstract Future<ZohoOutcome<CatalogEntry>> create(E entity, String productId);

    abstract Future<ZohoOutcome<CatalogEntry>> update(E entity, String productId);

    @Override
    public SyncTarget target() {
        return SyncTarget.BILLING;
    }

    /** The look-up by code and the create (the product's id is usually known). */
    @Override
    public int plannedCreateCalls(E entity) {
        return 2;
    }

    @Override
    public int plannedUpdateCalls(E entity, boolean ours) {
        return 1;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(E entity) {
        return find(code(entity))
                .map(outcome -> outcome instanceof ZohoOutcome.Success<Optional<CatalogEntry>> ok
                        ? new ZohoOutcome.Success<>(
                                ok.value().map(e -> List.of(e.code())).orElse(List.of()))
                        : ZohoOutcome.retype(outcome));
    }

    @Override
    public Future<ZohoOutcome<Match>> match(E entity, Links links) {
        return find(code(entity)).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<Optional<CatalogEntry>> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(outcome));
            }
            if (ok.value().isEmpty()) {
                return Future.succeededFuture(new ZohoOutcome.Success<>(Match.CREATE));
            }
            String code = ok.value().get().code();
            return updated(entity)
                    .map(updated -> updated instanceof ZohoOutcome.Success<String>
                            ? new ZohoOutcome.Success<>(new Match.Settled(
                                    new SyncEvent.Linked(
                                            code, "Billing had " + code + " already: linked and brought up to date"),
                                    "linked_by_code"))
                            : ZohoOutcome.retype(updated));
        });
    }

    @Override
    public Future<ZohoOutcome<String>> create(E entity, Links links) {
        return withProduct(productId -> create(entity, productId));
    }

    @Override
    public Future<ZohoOutcome<String>> update(String zohoId, E entity, Links links) {
        return updated(entity);
    }

    @Override
    public Future<ZohoOutcome<String>> updateOwnedFields(String zohoId, E entity, Links links) {
        return updated(entity);
    }

    @Override
    public Future<ZohoOutcome<String>> read(String zohoId) {
        return find(zohoId).map(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<Optional<CatalogEntry>> ok)) {
                return ZohoOutcome.retype(outcome);
            }
            return ok.value()
                    .<ZohoOutcome<String>>map(e -> new ZohoOutcome.Success<>(e.code()))
                    .orElseGet(() -> new ZohoOutcome.NotFound<>("Billing has no " + zohoId));
        });
    }

    private Future<ZohoOutcome<String>> updated(E entity) {
        return withProduct(productId -> update(entity, productId));
    }

    private Future<ZohoOutcome<String>> withProduct(
            java.util.function.Function<String, Future<ZohoOutcome<CatalogEntry>>> call) {
        return products.productId().compose(product -> {
            if (!(product instanceof ZohoOutcome.Success<String> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(product));
            }
            return call.apply(ok.value())
                    .map(outcome -> outcome instanceof ZohoOutcome.Success<CatalogEntry> done
                            ? new ZohoOutcome.Success<>(done.value().code())
                            : ZohoOutcome.retype(outcome));
        });
    }
}
