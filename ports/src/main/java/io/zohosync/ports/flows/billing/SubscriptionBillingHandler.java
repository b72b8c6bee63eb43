package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.subscription.Addon;
import io.zohosync.domain.subscription.Service;
import io.zohosync.domain.subscription.Subscription;
import io.zohosync.domain.subscription.SubscriptionChange;
import io.zohosync.domain.subscription.SubscriptionChange.Timing;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.ports.out.ZohoStates;
import io.zohosync.ports.out.zoho.BillingSubscription;
import io.zohosync.ports.out.zoho.CatalogEntry;
import io.zohosync.ports.out.zoho.ZohoBillingCatalog;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoSubscriptions;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform service as a Zoho Billing subscription (issue 10, item 3). Active: created for the customer's Billing
 * customer with its plan, addons, quantity and start, {@code reference_id} = the service id, collected offline (no card:
 * the first invoice waits for a payment method); found again by that reference after an unknown outcome. A later change
 * is compared with Billing's current state first, so a repeated run sends nothing twice: another plan, quantity or addons
 * is an upgrade or a downgrade by price ({@link SubscriptionChange#planChange}), now or at renewal; cancelled is a
 * cancellation now or at term end unless Billing already has it so; active again while {@code non_renewing} is a
 * reactivation. Every Billing answer is mirrored on the service's record ({@link ZohoStates}).
 */
public final class SubscriptionBillingHandler implements SyncHandler<Service> {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionBillingHandler.class);
    private static final List<String> ENDED = List.of("cancelled", "expired");

    private final ZohoSubscriptions subscriptions;
    private final ZohoBillingCatalog catalog;
    private final ZohoStates states;
    private final CatalogNames names;
    private final Timing proration;
    private final Clock clock;
    private final ServiceMapping mapping;

    public SubscriptionBillingHandler(
            ZohoSubscriptions subscriptions,
            ZohoBillingCatalog catalog,
            ZohoStates states,
            CatalogNames names,
            Timing proration,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.states = states;
        this.names = names;
        this.proration = proration;
        this.clock = clock;
        this.mapping = new ServiceMapping(names);
    }

    @Override
    public EntityType type() {
        return EntityType.SUBSCRIPTION;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BILLING;
    }

    @Override
    public EntityMapping<Service> mapping() {
        return mapping;
    }

    /** The customer; the plan and addons unless the configuration names them (then they are Billing's own). */
    @Override
    public List<EntityRef> prerequisites(Service service) {
        Subscription s = service.subscription();
        List<EntityRef> needed = new ArrayList<>();
        needed.add(new EntityRef(EntityType.CUSTOMER, s.customerId()));
        if (!names.configuredPlan(s.planCode())) {
            needed.add(new EntityRef(EntityType.PLAN, s.planCode()));
        }
        s.addons().stream()
                .map(Addon::addonCode)
                .filter(code -> !names.configuredAddon(code))
                .distinct()
                .forEach(code -> needed.add(new EntityRef(EntityType.ADDON, code)));
        return needed;
    }

    /** A read, a price per plan and addon, the change, and a reactivation should Billing need one. */
    @Override
    public int plannedUpdateCalls(Service service, boolean ours) {
        return ours ? 4 + service.subscription().addons().size() : 0;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Service service) {
        return Future.failedFuture(
                new IllegalStateException("a subscription is found under its customer's Billing id"));
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Service service, Links links) {
        return subscriptions
                .findByReference(customerId(service, links), service.platformId())
                .map(outcome -> outcome instanceof ZohoOutcome.Success<List<BillingSubscription>> ok
                        ? new ZohoOutcome.Success<>(ok.value().stream()
                                .map(BillingSubscription::subscriptionId)
                                .toList())
                        : ZohoOutcome.retype(outcome));
    }

    /** A service cancelled before Billing ever had it has nothing to create. */
    @Override
    public Future<ZohoOutcome<Match>> match(Service service, Links links) {
        if (service.status() == Service.Status.CANCELLED) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(new Match.Settled(
                    new SyncEvent.PermanentFailure(
                            "the service is cancelled and Billing never had its subscription: nothing to create"),
                    "cancelled_before_created")));
        }
        return Future.succeededFuture(new ZohoOutcome.Success<>(Match.CREATE));
    }

    @Override
    public Future<ZohoOutcome<String>> create(Service service, Links links) {
        return mirrored(service, subscriptions.create(service.subscription(), customerId(service, links)), null);
    }

    /** The subscription an unconfirmed create left: read, so its state is mirrored. */
    @Override
    public Future<ZohoOutcome<String>> completeFound(String zohoId, Service service, Links links) {
        return mirrored(service, subscriptions.get(zohoId), null);
    }

    @Override
    public Future<ZohoOutcome<String>> update(String zohoId, Service service, Links links) {
        return subscriptions.get(zohoId).compose(read -> {
            if (!(read instanceof ZohoOutcome.Success<BillingSubscription> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(read));
            }
            BillingSubscription current = ok.value();
            if (service.status() == Service.Status.CANCELLED) {
                return cancel(zohoId, service, current);
            }
            if (ENDED.contains(current.status())) {
                return mirrored(service, Future.succeededFuture(ok), null)
                        .map(ignored -> new ZohoOutcome.Validation<>(
                                "subscription_ended",
                                "Billing's subscription " + zohoId + " is " + current.status()
                                        + ": it cannot be changed or reactivated; a new service is needed"));
            }
            if ("non_renewing".equals(current.status())) {
                return subscriptions.reactivate(zohoId).compose(reactivated -> {
                    if (!(reactivated instanceof ZohoOutcome.Success<BillingSubscription> live)) {
                        return Future.succeededFuture(ZohoOutcome.retype(reactivated));
                    }
                    return move(zohoId, service, live.value());
                });
            }
            return move(zohoId, service, current);
        });
    }

    @Override
    public Future<ZohoOutcome<String>> read(String zohoId) {
        return subscriptions
                .get(zohoId)
                .map(outcome -> outcome instanceof ZohoOutcome.Success<BillingSubscription> ok
                        ? new ZohoOutcome.Success<>(ok.value().subscriptionId())
                        : ZohoOutcome.retype(outcome));
    }

    /** Cancels unless Billing has it so already: cancelled (or expired), or non_renewing when the term end was asked. */
    private Future<ZohoOutcome<String>> cancel(String zohoId, Service service, BillingSubscription current) {
        boolean done = ENDED.contains(current.status())
                || service.cancelAt() == Timing.END_OF_TERM && "non_renewing".equals(current.status());
        if (done) {
            return mirrored(service, Future.succeededFuture(new ZohoOutcome.Success<>(current)), null);
        }
        return mirrored(
                service,
                subscriptions.change(zohoId, new SubscriptionChange.Cancel(service.platformId(), service.cancelAt())),
                null);
    }

    /** Another plan, quantity or addons: an upgrade or a downgrade by price, now or at renewal; the same: nothing sent. */
    private Future<ZohoOutcome<String>> move(String zohoId, Service service, BillingSubscription current) {
        Subscription wanted = service.subscription();
        if (samePlan(current, wanted)) {
            return mirrored(service, Future.succeededFuture(new ZohoOutcome.Success<>(current)), null);
        }
        Timing timing = service.prorationOr(proration);
        return price(wanted).compose(priced -> {
            if (!(priced instanceof ZohoOutcome.Success<BigDecimal> newPrice)) {
                return Future.succeededFuture(ZohoOutcome.retype(priced));
            }
            Currency currency = Currency.getInstance(current.currency() == null ? "USD" : current.currency());
            BigDecimal before = current.amount() == null ? BigDecimal.ZERO : current.amount();
            SubscriptionChange change = SubscriptionChange.planChange(
                    wanted,
                    wanted.planCode(),
                    wanted.quantity(),
                    wanted.addons(),
                    new Money(before, currency),
                    new Money(newPrice.value(), currency),
                    timing);
            LOG.info(
                    "service {}: {} to {} x{} ({} → {}), {}",
                    service.platformId(),
                    change instanceof SubscriptionChange.Upgrade ? "upgrade" : "downgrade",
                    wanted.planCode(),
                    wanted.quantity(),
                    before,
                    newPrice.value(),
                    timing);
            return mirrored(
                    service,
                    subscriptions.change(zohoId, change),
                    timing == Timing.END_OF_TERM ? wanted.planCode() : null);
        });
    }

    private static boolean samePlan(BillingSubscription current, Subscription wanted) {
        return wanted.planCode().equals(current.planCode())
                && wanted.quantity() == current.quantity()
                && sorted(wanted.addons()).equals(sorted(current.addons()));
    }

    private static List<Addon> sorted(List<Addon> addons) {
        return addons.stream().sorted(Comparator.comparing(Addon::addonCode)).toList();
    }

    /** The recurring price of the wanted plan, quantity and addons, from Billing's catalog. */
    private Future<ZohoOutcome<BigDecimal>> price(Subscription wanted) {
        Future<ZohoOutcome<BigDecimal>> total = unitPrice(catalog.plan(wanted.planCode()), wanted.planCode())
                .map(outcome -> times(outcome, wanted.quantity()));
        for (Addon addon : wanted.addons()) {
            total = total.compose(sum -> !(sum instanceof ZohoOutcome.Success<BigDecimal> ok)
                    ? Future.succeededFuture(sum)
                    : unitPrice(catalog.addon(addon.addonCode()), addon.addonCode())
                            .map(outcome -> outcome instanceof ZohoOutcome.Success<BigDecimal> one
                                    ? new ZohoOutcome.Success<>(
                                            ok.value().add(one.value().multiply(BigDecimal.valueOf(addon.quantity()))))
                                    : outcome));
        }
        return total;
    }

    private static Future<ZohoOutcome<BigDecimal>> unitPrice(
            Future<ZohoOutcome<Optional<CatalogEntry>>> read, String code) {
        return read.map(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<Optional<CatalogEntry>> ok)) {
                return ZohoOutcome.retype(outcome);
            }
            return ok.value()
                    .filter(entry -> entry.price() != null)
                    .<ZohoOutcome<BigDecimal>>map(entry -> new ZohoOutcome.Success<>(entry.price()))
                    .orElseGet(() -> new ZohoOutcome.NotFound<>("Billing has no plan or addon " + code));
        });
    }

    private static ZohoOutcome<BigDecimal> times(ZohoOutcome<BigDecimal> outcome, int quantity) {
        return outcome instanceof ZohoOutcome.Success<BigDecimal> ok
                ? new ZohoOutcome.Success<>(ok.value().multiply(BigDecimal.valueOf(quantity)))
                : outcome;
    }

    private String customerId(Service service, Links links) {
        return links.zohoId(
                new EntityRef(EntityType.CUSTOMER, service.subscription().customerId()));
    }

    /** Billing's answer mirrored on the service's record (a failed mirror is logged: Billing's write stands); its id. */
    private Future<ZohoOutcome<String>> mirrored(
            Service service, Future<ZohoOutcome<BillingSubscription>> call, String scheduledPlan) {
        return call.compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<BillingSubscription> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(outcome));
            }
            BillingSubscription s = ok.value();
            SyncKey key = new SyncKey(EntityType.SUBSCRIPTION, service.platformId(), SyncTarget.BILLING);
            return states.mirror(key, state(s, scheduledPlan))
                    .recover(e -> {
                        LOG.warn(
                                "could not mirror Billing's state of service {}: {}",
                                service.platformId(),
                                e.toString());
                        return Future.succeededFuture(false);
                    })
                    .map(kept -> new ZohoOutcome.Success<>(s.subscriptionId()));
        });
    }

    private ZohoState state(BillingSubscription s, String scheduledPlan) {
        Map<String, Object> details = new LinkedHashMap<>();
        put(details, "zoho_subscription_id", s.subscriptionId());
        put(details, "plan_code", s.planCode());
        details.put("quantity", s.quantity());
        details.put(
                "addons",
                s.addons().stream()
                        .map(a -> Map.<String, Object>of("addon_code", a.addonCode(), "quantity", a.quantity()))
                        .toList());
        put(details, "current_term_starts_at", s.currentTermStartsAt());
        put(details, "current_term_ends_at", s.currentTermEndsAt());
        put(details, "next_billing_at", s.nextBillingAt());
        put(details, "amount", s.amount());
        put(details, "currency", s.currency());
        put(details, "scheduled_plan_code", scheduledPlan);
        return new ZohoState(
                s.status() == null ? "unknown" : s.status(),
                details,
                s.updatedAt() == null ? clock.instant() : s.updatedAt(),
                "sync");
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value instanceof java.time.LocalDate date ? date.toString() : value);
        }
    }
}
