package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.invoice.ManualInvoice;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.ZohoStates;
import io.zohosync.ports.out.zoho.BillingInvoice;
import io.zohosync.ports.out.zoho.ZohoBillingInvoices;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.time.Clock;
import java.util.List;

/**
 * A manual invoice (installation, pro-rata, equipment, adjustment) as a Zoho Billing invoice of its customer, with its
 * line items (or one line named for its kind), whose reference number is the platform id: its marker, so an invoice an
 * unconfirmed create left is found again among the customer's invoices rather than raised twice. Billing's answer
 * (status, total, balance, number) is mirrored on the record. A changed invoice is not rewritten: Billing's invoice is
 * read and mirrored, and a changed total fails with what to do (void it in Billing and send a new invoice).
 */
public final class ManualInvoiceBillingHandler implements SyncHandler<PlatformInvoice> {

    private final ZohoBillingInvoices invoices;
    private final BillingMirror mirror;
    private final ManualInvoiceMapping mapping = new ManualInvoiceMapping();

    public ManualInvoiceBillingHandler(ZohoBillingInvoices invoices, ZohoStates states, Clock clock) {
        this.invoices = invoices;
        this.mirror = new BillingMirror(states, clock);
    }

    @Override
    public EntityType type() {
        return EntityType.MANUAL_INVOICE;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BILLING;
    }

    @Override
    public EntityMapping<PlatformInvoice> mapping() {
        return mapping;
    }

    @Override
    public List<EntityRef> prerequisites(PlatformInvoice platform) {
        return List.of(customer(platform));
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(PlatformInvoice platform) {
        throw new UnsupportedOperationException("a manual invoice is searched among its customer's invoices");
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(PlatformInvoice platform, Links links) {
        return invoices.findByReference(links.zohoId(customer(platform)), platform.id())
                .map(found -> found instanceof ZohoOutcome.Success<List<BillingInvoice>> ok
                        ? new ZohoOutcome.Success<>(ok.value().stream()
                                .map(BillingInvoice::invoiceId)
                                .toList())
                        : ZohoOutcome.retype(found));
    }

    @Override
    public Future<ZohoOutcome<String>> completeFound(String zohoId, PlatformInvoice platform, Links links) {
        return invoices.get(zohoId).compose(found -> mirror.invoice(platform.id(), currency(platform), found));
    }

    @Override
    public Future<ZohoOutcome<String>> create(PlatformInvoice platform, Links links) {
        ManualInvoice invoice = platform.invoice();
        return invoices.create(invoice, links.zohoId(customer(platform)))
                .compose(created -> mirror.invoice(platform.id(), currency(platform), created));
    }

    @Override
    public int plannedUpdateCalls(PlatformInvoice platform, boolean ours) {
        return 1;
    }

    @Override
    public Future<ZohoOutcome<String>> update(String zohoId, PlatformInvoice platform, Links links) {
        return invoices.get(zohoId).compose(read -> {
            if (read instanceof ZohoOutcome.Success<BillingInvoice> ok
                    && ok.value().total() != null
                    && ok.value().total().compareTo(platform.invoice().total().amount()) != 0) {
                return Future.succeededFuture(new ZohoOutcome.Validation<>(
                        "invoice_changed",
                        "invoice " + platform.id() + " now totals "
                                + platform.invoice().total()
                                + " but its Billing invoice " + ok.value().invoiceNumber() + " totals "
                                + ok.value().total().toPlainString()
                                + "; the service does not rewrite an issued invoice: void it in Billing and"
                                + " send the correction as a new adjustment invoice"));
            }
            return mirror.invoice(platform.id(), currency(platform), read);
        });
    }

    @Override
    public Future<ZohoOutcome<String>> updateOwnedFields(String zohoId, PlatformInvoice platform, Links links) {
        return update(zohoId, platform, links);
    }

    @Override
    public Future<ZohoOutcome<String>> read(String zohoId) {
        return invoices.get(zohoId)
                .map(outcome -> outcome instanceof ZohoOutcome.Success<BillingInvoice> ok
                        ? new ZohoOutcome.Success<>(ok.value().invoiceId())
                        : ZohoOutcome.retype(outcome));
    }

    private static EntityRef customer(PlatformInvoice platform) {
        return new EntityRef(EntityType.CUSTOMER, platform.invoice().customerId());
    }

    private static String currency(PlatformInvoice platform) {
        return platform.invoice().total().currency().getCurrencyCode();
    }
}
