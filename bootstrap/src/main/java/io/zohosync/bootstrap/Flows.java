package io.zohosync.bootstrap;

import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.payment.PaymentModeMapping;
import io.zohosync.ports.flows.billing.AddonBillingHandler;
import io.zohosync.ports.flows.billing.BillingProducts;
import io.zohosync.ports.flows.billing.CustomerBillingHandler;
import io.zohosync.ports.flows.billing.ManualInvoiceBillingHandler;
import io.zohosync.ports.flows.billing.PaymentBillingHandler;
import io.zohosync.ports.flows.billing.PlanBillingHandler;
import io.zohosync.ports.flows.billing.SubscriptionBillingHandler;
import io.zohosync.ports.flows.crm.CustomerCrmHandler;
import io.zohosync.ports.flows.crm.InquiryCrmHandler;
import io.zohosync.ports.flows.customer.CustomerBooksHandler;
import io.zohosync.ports.flows.customer.KnownContacts;
import io.zohosync.ports.flows.item.ItemHandler;
import io.zohosync.ports.flows.order.BooksTaxIds;
import io.zohosync.ports.flows.order.OrderBooksHandler;
import io.zohosync.ports.flows.payment.PaymentBooksHandler;
import io.zohosync.ports.flows.quote.QuoteBooksHandler;
import io.zohosync.ports.flows.refund.RefundBooksHandler;
import io.zohosync.ports.flows.sales.ContactCurrencies;
import io.zohosync.ports.flows.stock.StockInventoryHandler;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.StockLevels;
import io.zohosync.ports.out.ZohoStates;
import io.zohosync.ports.out.zoho.ContactIndex;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every flow the service runs, one line each: a handler (which names its JSON mapping) for an entity type towards a target. */
final class Flows {

    private final List<SyncHandler<?>> handlers;
    /**
     * Flows a type takes only when ZSYNC_TARGETS names them (customers to CRM, items to Inventory: a deployment chooses
     * them).
     */
    private final List<SyncHandler<?>> optIn;

    Flows(
            ZohoAdapters zoho,
            EntityStore entities,
            ZohoStates states,
            Config config,
            StockLevels stock,
            ContactIndex contactIndex) {
        MatchPolicy matching = new MatchPolicy(config.linkNewByEmail(), config.matchReturningByName());
        // issue 14: the organization's Books contacts, known without a search per customer
        KnownContacts contacts = new KnownContacts(
                zoho.contacts(),
                contactIndex,
                new KnownContacts.Settings(config.contactIndexRefresh()),
                Clock.systemUTC());
        // one cache of Books tax ids for every sales document: a new rate is created once, a refused id forgotten by
        // all
        BooksTaxIds taxes = new BooksTaxIds(zoho.taxes());
        // and one of the currencies customers' contacts are billed in, read once per customer
        ContactCurrencies currencies = new ContactCurrencies(zoho.contacts(), contactIndex);
        BillingProducts products = new BillingProducts(
                zoho.billingCatalog(), config.billing().productId().orElse(null));
        CustomerCrmHandler crmContacts =
                new CustomerCrmHandler(zoho.crm(), config.crm().fields());
        ItemHandler inventoryItems = new ItemHandler(SyncTarget.INVENTORY, zoho.inventoryItems());
        CustomerBillingHandler billingCustomers = new CustomerBillingHandler(zoho.billingCustomers(), matching);
        PaymentBillingHandler billingPayments = new PaymentBillingHandler(
                zoho.billingInvoices(), PaymentModeMapping.DEFAULT, states, Clock.systemUTC());
        this.optIn = List.of(crmContacts, inventoryItems, billingCustomers, billingPayments);
        this.handlers = List.of(
                new CustomerBooksHandler(zoho.contacts(), matching, contacts),
                new ItemHandler(SyncTarget.BOOKS, zoho.items()),
                new OrderBooksHandler(zoho.invoices(), zoho.estimates(), taxes, currencies, entities),
                new QuoteBooksHandler(zoho.estimates(), taxes, currencies),
                new PaymentBooksHandler(zoho.customerPayments(), PaymentModeMapping.DEFAULT, entities),
                new RefundBooksHandler(zoho.refunds()),
                crmContacts,
                new InquiryCrmHandler(
                        zoho.crm(),
                        entities,
                        config.crm().fields(),
                        config.crm().fromContact()),
                // items in Inventory (opt-in; else only as a stock record's prerequisite) and stock pushed as
                // adjustments
                inventoryItems,
                new StockInventoryHandler(zoho.stock(), stock, Clock.systemUTC()),
                // issue 10 (billing-sub): customers, plans, addons and services to Billing
                billingCustomers,
                new PlanBillingHandler(zoho.billingCatalog(), products),
                new AddonBillingHandler(zoho.billingCatalog(), products),
                new SubscriptionBillingHandler(
                        zoho.subscriptions(),
                        zoho.billingCatalog(),
                        states,
                        config.billing().names(),
                        config.billing().proration(),
                        Clock.systemUTC()),
                // issue 10: manual invoices to Billing (their own type: orders are INVOICE, to Books); payments to
                // Billing only where ZSYNC_TARGETS routes them there (payment=billing or books+billing)
                new ManualInvoiceBillingHandler(zoho.billingInvoices(), states, Clock.systemUTC()),
                billingPayments);
    }

    List<SyncHandler<?>> handlers() {
        return handlers;
    }

    /** One mapping per entity type the platform sends as a collection, as its handlers name it. */
    List<EntityMapping<?>> mappings() {
        Map<EntityType, EntityMapping<?>> mappings = new LinkedHashMap<>();
        handlers.stream()
                .filter(h -> h.mapping().collection() != null)
                .forEach(h -> mappings.putIfAbsent(h.type(), h.mapping()));
        return List.copyOf(mappings.values());
    }

    /** The configured targets per type ({@code ZSYNC_TARGETS}), or the first handler's target; each must have a handler. */
    Routing routing(Map<EntityType, List<SyncTarget>> configured) {
        Map<EntityType, List<SyncTarget>> targets = new EnumMap<>(EntityType.class);
        Map<EntityType, List<SyncTarget>> all = new EnumMap<>(EntityType.class);
        handlers.forEach(h -> {
            all.computeIfAbsent(h.type(), t -> new ArrayList<>()).add(h.target());
            if (!optIn.contains(h)) {
                targets.computeIfAbsent(h.type(), t -> new ArrayList<>()).add(h.target());
            }
        });
        configured.forEach((type, wanted) -> {
            List<SyncTarget> served = all.getOrDefault(type, List.of());
            wanted.stream().filter(t -> !served.contains(t)).findFirst().ifPresent(t -> {
                throw new Config.ConfigException(
                        "ZSYNC_TARGETS: no flow syncs " + type.wire() + " to " + t.wire() + " (flows for " + type.wire()
                                + ": " + served.stream().map(SyncTarget::wire).toList() + ")");
            });
            targets.put(type, wanted);
        });
        return new Routing(targets);
    }
}
