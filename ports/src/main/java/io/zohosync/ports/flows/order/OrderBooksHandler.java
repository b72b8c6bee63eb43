package io.zohosync.ports.flows.order;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.invoice.Invoice;
import io.zohosync.domain.invoice.Order;
import io.zohosync.ports.flows.sales.ContactCurrencies;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoInvoices;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An order or enrollment as a Zoho Books invoice numbered with the platform id ({@code invoice_number}, auto-numbering
 * off; the reference number carries the id too). Its marker is that number: an invoice holding it and our reference
 * is the one an earlier, unconfirmed create left. It waits for its customer and its items; its lines point at the
 * Books items, its taxed lines at the Books taxes {@link BooksTaxIds} finds once. Its currency must be the one its
 * customer's contact is billed in ({@link ContactCurrencies}), checked before the create. A changed order updates its invoice
 * while Books lets it change (draft, sent, overdue); a paid, partly paid or void invoice is refused with a reason.
 */
public final class OrderBooksHandler implements SyncHandler<Order> {

    /** Statuses in which an invoice no longer takes changed lines: money was applied, or it was voided. */
    static final Set<String> CLOSED = Set.of("paid", "partially_paid", "void");

    private final ZohoInvoices invoices;
    private final BooksTaxIds taxes;
    private final ContactCurrencies currencies;
    private final OrderMapping mapping = new OrderMapping();

    public OrderBooksHandler(ZohoInvoices invoices, BooksTaxIds taxes, ContactCurrencies currencies) {
        this.invoices = invoices;
        this.taxes = taxes;
        this.currencies = currencies;
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

    /** The customer, then each catalog item the lines name, once. */
    @Override
    public List<EntityRef> prerequisites(Order order) {
        List<EntityRef> needed = new ArrayList<>();
        needed.add(new EntityRef(EntityType.CUSTOMER, order.customerId()));
        order.toInvoice().itemSkus().forEach(sku -> needed.add(new EntityRef(EntityType.ITEM, sku)));
        return needed;
    }

    /** The create, the read of the customer's contact and the list of taxes when they are not known yet. */
    @Override
    public int plannedCreateCalls(Order order) {
        return 1
                + (currencies.known(order.customerId()) ? 0 : 1)
                + (taxes.known(order.taxScheme(), order.lines()) ? 0 : 1);
    }

    /** An order in another currency than its customer's contact is billed in is refused before the create. */
    @Override
    public Future<ZohoOutcome<Match>> match(Order order, Links links) {
        return currencies.check(order.customerId(), "order", order.platformId(), order.currency(), links);
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
                        ? invoices.create(invoice, ok.value())
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
