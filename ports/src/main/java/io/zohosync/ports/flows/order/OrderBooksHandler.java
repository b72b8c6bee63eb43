package io.zohosync.ports.flows.order;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.invoice.Invoice;
import io.zohosync.domain.invoice.Order;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.flows.sales.ContactCurrencies;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.zoho.ZohoEstimate;
import io.zohosync.ports.out.zoho.ZohoEstimates;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoInvoices;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An order or enrollment as a Zoho Books invoice numbered with the platform id ({@code invoice_number}, auto-numbering
 * off; the reference number carries the id too). Its marker is that number: an invoice holding it and our reference
 * is the one an earlier, unconfirmed create left. It waits for its customer and its items; its lines point at the
 * Books items, its taxed lines at the Books taxes {@link BooksTaxIds} finds once. Its currency must be the one its
 * customer's contact is billed in ({@link ContactCurrencies}), checked before the create. An order from an accepted
 * quote ({@code quote_id}) waits for the quote's estimate and is invoiced from it, once (Books'
 * {@code invoiced_estimate_id}; the estimate becomes invoiced). A changed order updates its invoice
 * while Books lets it change (draft, sent, overdue); a paid, partly paid or void invoice is refused with a reason.
 */
public final class OrderBooksHandler implements SyncHandler<Order> {

    /** Statuses in which an invoice no longer takes changed lines: money was applied, or it was voided. */
    static final Set<String> CLOSED = Set.of("paid", "partially_paid", "void");

    private final ZohoInvoices invoices;
    private final ZohoEstimates estimates;
    private final BooksTaxIds taxes;
    private final ContactCurrencies currencies;
    private final EntityStore stored;
    private final OrderMapping mapping = new OrderMapping();

    /** {@code stored}: where an order's quote is read (its platform status and currency). */
    public OrderBooksHandler(
            ZohoInvoices invoices,
            ZohoEstimates estimates,
            BooksTaxIds taxes,
            ContactCurrencies currencies,
            EntityStore stored) {
        this.invoices = invoices;
        this.estimates = estimates;
        this.taxes = taxes;
        this.currencies = currencies;
        this.stored = stored;
    }

    @Override
    public EntityType type() {
        return EntityType.INVOICE;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BOOKS;
    }

    @Override
    public EntityMapping<Order> mapping() {
        return mapping;
    }

    /** The customer, then each catalog item the lines name, once, and the quote's estimate when it names one. */
    @Override
    public List<EntityRef> prerequisites(Order order) {
        List<EntityRef> needed = new ArrayList<>();
        needed.add(new EntityRef(EntityType.CUSTOMER, order.customerId()));
        order.toInvoice().itemSkus().forEach(sku -> needed.add(new EntityRef(EntityType.ITEM, sku)));
        order.quote().ifPresent(quote -> needed.add(quoteRef(quote)));
        return needed;
    }

    /**
     * The create, the read of the quote's estimate when it names one, and the read of the customer's contact and the
     * list of taxes when they are not known yet.
     */
    @Override
    public int plannedCreateCalls(Order order) {
        return 1
                + (order.quote().isPresent() ? 1 : 0)
                + (currencies.known(order.customerId()) ? 0 : 1)
                + (taxes.known(order.taxScheme(), order.lines()) ? 0 : 1);
    }

    /**
     * Refused before the create: an order in another currency than its customer's contact is billed in; one naming
     * a quote the platform has not accepted, or in another currency than that quote; one whose quote's estimate is
     * invoiced in Books already (another order's invoice).
     */
    @Override
    public Future<ZohoOutcome<Match>> match(Order order, Links links) {
        return currencies
                .check(order.customerId(), "order", order.platformId(), order.currency(), links)
                .compose(checked -> order.quote().isEmpty()
                                || !(checked instanceof ZohoOutcome.Success<Match> ok)
                                || ok.value() instanceof Match.Settled
                        ? Future.succeededFuture(checked)
                        : fromQuote(order, order.quote().get(), links));
    }

    /** Whether the quote the order comes from may become its invoice: accepted, in its currency, not invoiced yet. */
    private Future<ZohoOutcome<Match>> fromQuote(Order order, String quoteId, Links links) {
        return stored.find(quoteRef(quoteId)).compose(found -> {
            Map<String, Object> quote = found.map(StoredEntity::payload).orElse(Map.of());
            Object status = quote.getOrDefault("status", "draft");
            if (found.isPresent() && !"accepted".equals(status)) {
                return refused(
                        "quote " + quoteId + " is " + status
                                + ", not accepted; only an accepted quote becomes an order:"
                                + " accept it, or send order " + order.platformId() + " without quote_id, and retry",
                        "quote_not_accepted");
            }
            Object currency = quote.getOrDefault("currency", order.currency().getCurrencyCode());
            if (!order.currency().getCurrencyCode().equals(currency)) {
                return refused(
                        "order " + order.platformId() + " is in "
                                + order.currency().getCurrencyCode() + " but quote " + quoteId + " it comes from is in "
                                + currency + ": send the order in " + currency,
                        "quote_currency_mismatch");
            }
            return estimates.get(links.zohoId(quoteRef(quoteId))).compose(read -> {
                if (!(read instanceof ZohoOutcome.Success<ZohoEstimate> estimate)) {
                    return Future.succeededFuture(ZohoOutcome.retype(read));
                }
                if ("invoiced".equals(estimate.value().status())) {
                    return refused(
                            "quote " + quoteId + " is invoiced in Books already (estimate "
                                    + estimate.value().estimateNumber() + "), by another order's invoice; order "
                                    + order.platformId() + " does not invoice it again: send it without quote_id if it"
                                    + " is another sale, or void the other invoice in Books and retry",
                            "quote_invoiced");
                }
                return Future.succeededFuture(new ZohoOutcome.Success<>(Match.CREATE));
            });
        });
    }

    private static Future<ZohoOutcome<Match>> refused(String reason, String logEvent) {
        return Future.succeededFuture(
                new ZohoOutcome.Success<>(new Match.Settled(new SyncEvent.PermanentFailure(reason), logEvent)));
    }

    private static EntityRef quoteRef(String quoteId) {
        return new EntityRef(EntityType.ESTIMATE, quoteId);
    }

    /** The read of the invoice's status, its update, and the list of taxes when one is not known yet. */
    @Override
    public int plannedUpdateCalls(Order order, boolean ours) {
        return ours ? 2 + (taxes.known(order.taxScheme(), order.lines()) ? 0 : 1) : 0;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Order order) {
        return invoices.findByNumber(order.platformId()).map(found -> {
            if (!(found instanceof ZohoOutcome.Success<List<ZohoInvoice>> ok)) {
                return ZohoOutcome.retype(found);
            }
            return new ZohoOutcome.Success<>(ok.value().stream()
                    .filter(i -> order.platformId().equalsIgnoreCase(i.invoiceNumber())
                            && order.platformId().equals(i.referenceNumber()))
                    .map(ZohoInvoice::invoiceId)
                    .toList());
        });
    }

    @Override
    public Future<ZohoOutcome<String>> create(Order order, Links links) {
        Invoice invoice = order.toInvoice();
        return zohoLinks(order, links)
                .compose(resolved -> resolved instanceof ZohoOutcome.Success<ZohoLinks> ok
                        ? order.quote()
                                .map(quote ->
                                        invoices.createFromEstimate(invoice, ok.value(), links.zohoId(quoteRef(quote))))
                                .orElseGet(() -> invoices.create(invoice, ok.value()))
                                .map(taxes::forgetIfRefused)
                                .map(OrderBooksHandler::id)
                        : Future.succeededFuture(ZohoOutcome.retype(resolved)));
    }

    @Override
    public Future<ZohoOutcome<String>> update(String invoiceId, Order order, Links links) {
        return invoices.get(invoiceId).compose(current -> {
            if (!(current instanceof ZohoOutcome.Success<ZohoInvoice> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(current));
            }
            String status = ok.value().status();
            if (CLOSED.contains(status)) {
                return Future.succeededFuture(new ZohoOutcome.Validation<>(
                        "invoice_" + status,
                        "invoice " + ok.value().invoiceNumber() + " is " + status.replace('_', ' ')
                                + " in Books and cannot take the changed order; "
                                + (status.equals("void")
                                        ? "raise a new order or restore the invoice to draft in Books"
                                        : "issue a credit note for the difference")));
            }
            return zohoLinks(order, links)
                    .compose(resolved -> resolved instanceof ZohoOutcome.Success<ZohoLinks> links2
                            ? invoices.update(invoiceId, order.toInvoice(), links2.value())
                                    .map(taxes::forgetIfRefused)
                                    .map(OrderBooksHandler::id)
                            : Future.succeededFuture(ZohoOutcome.retype(resolved)));
        });
    }

    @Override
    public Future<ZohoOutcome<String>> read(String invoiceId) {
        return invoices.get(invoiceId).map(OrderBooksHandler::id);
    }

    private Future<ZohoOutcome<ZohoLinks>> zohoLinks(Order order, Links links) {
        return taxes.links(order.customerId(), order.toInvoice().itemSkus(), order.taxScheme(), order.lines(), links);
    }

    private static ZohoOutcome<String> id(ZohoOutcome<ZohoInvoice> outcome) {
        return outcome instanceof ZohoOutcome.Success<ZohoInvoice> ok
                ? new ZohoOutcome.Success<>(ok.value().invoiceId())
                : ZohoOutcome.retype(outcome);
    }
}
