package io.zohosync.ports.reconcile;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.out.zoho.BillingListings;
import io.zohosync.ports.out.zoho.BillingListings.Row;
import io.zohosync.ports.out.zoho.ZohoListings.Page;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What Zoho Billing holds of one entity type, read for reconciliation through {@link PacedCalls}: every object by id
 * (a page of 200 a call) with its status and compared fields, and which subscriptions carry which platform id as their
 * reference. A subscription's plan and quantity are not in its list row: the linked ones still billing are read one
 * by one.
 */
final class BillingSide {

    /** Subscription statuses whose plan is read (one call each): those in which a plan change still applies. */
    private static final Set<String> PLAN_READ = Set.of("live", "trial", "unpaid", "future", "non_renewing", "dunning");

    private final BillingListings listings;
    private final PacedCalls calls;

    BillingSide(BillingListings listings, PacedCalls calls) {
        this.listings = listings;
        this.calls = calls;
    }

    /** {@code linked}: the Zoho ids records link (only their subscriptions' plans are read). */
    Future<ZohoSide.View> read(EntityType type, Set<String> linked) {
        Map<String, Map<String, String>> byId = new HashMap<>();
        Map<String, List<String>> marked = new HashMap<>();
        ZohoSide.View view = new ZohoSide.View(byId, marked);
        IntFunction<Future<ZohoOutcome<Page<Row>>>> pages = switch (type) {
            case CUSTOMER -> listings::customers;
            case SUBSCRIPTION -> listings::subscriptions;
            case INVOICE, MANUAL_INVOICE -> listings::invoices;
            case PAYMENT -> listings::payments;
            default -> null;
        };
        if (pages == null) {
            return Future.succeededFuture(view);
        }
        return page(pages, 1, row -> {
                    byId.put(row.id(), fields(type, row));
                    if (type == EntityType.SUBSCRIPTION && row.reference() != null) {
                        marked.computeIfAbsent(row.reference(), k -> new ArrayList<>())
                                .add(row.id());
                    }
                })
                .compose(x -> type == EntityType.SUBSCRIPTION
                        ? plans(
                                byId.entrySet().stream()
                                        .filter(e -> linked.contains(e.getKey())
                                                && PLAN_READ.contains(
                                                        e.getValue().get("status")))
                                        .map(Map.Entry::getKey)
                                        .sorted()
                                        .toList(),
                                0,
                                byId)
                        : Future.succeededFuture())
                .map(view);
    }

    private Future<Void> page(
            IntFunction<Future<ZohoOutcome<Page<Row>>>> pages, int n, java.util.function.Consumer<Row> each) {
        return calls.call(() -> pages.apply(n)).compose(outcome -> {
            Page<Row> rows = success(outcome);
            rows.rows().forEach(each);
            return rows.more() ? page(pages, n + 1, each) : Future.succeededFuture();
        });
    }

    private Future<Void> plans(List<String> ids, int next, Map<String, Map<String, String>> byId) {
        if (next == ids.size()) {
            return Future.succeededFuture();
        }
        String id = ids.get(next);
        return calls.call(() -> listings.subscription(id)).compose(outcome -> {
            if (outcome instanceof ZohoOutcome.NotFound<Row>) {
                byId.remove(id); // deleted since it was listed
            } else {
                Row row = success(outcome);
                byId.put(id, fields(EntityType.SUBSCRIPTION, row));
            }
            return plans(ids, next + 1, byId);
        });
    }

    /**
     * The row's fields and status in the mirror's words: Billing says {@code success} of a recorded payment and
     * {@code failure} of a declined one, the mirror {@code recorded} and {@code failed} (as the flows and Billing's
     * events keep them).
     */
    private static Map<String, String> fields(EntityType type, Row row) {
        Map<String, String> f = new HashMap<>(row.fields());
        String status = row.status();
        if (type == EntityType.PAYMENT && status != null) {
            status = switch (status) {
                case "success" -> "recorded";
                case "failure", "declined" -> "failed";
                default -> status;
            };
        }
        f.put("status", status);
        return f;
    }

    private static <T> T success(ZohoOutcome<T> outcome) {
        if (outcome instanceof ZohoOutcome.Success<T> ok) {
            return ok.value();
        }
        throw new ZohoSide.Unreadable(PacedCalls.failure(outcome).orElse("Zoho Billing could not be read"));
    }
}
