package io.zohosync.ports.flows.quote;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.quote.Quote;
import io.zohosync.ports.flows.order.BooksTaxIds;
import io.zohosync.ports.flows.sales.ContactCurrencies;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ZohoEstimate;
import io.zohosync.ports.out.zoho.ZohoEstimates;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A B2B quote as a Zoho Books estimate numbered with the platform id ({@code estimate_number}, auto-numbering off;
 * the reference number carries the id too), with the lines and taxes an order would get, in its customer's contact's
 * currency ({@link ContactCurrencies}). It waits for its customer
 * and items. Its status follows through Books' status actions (draft → sent → accepted or declined; a draft quote
 * accepted at once is marked sent first). A changed quote updates its estimate while Books lets it change (draft,
 * sent, expired); an accepted, declined or invoiced estimate takes a status change but refuses changed lines with
 * a reason.
 */
public final class QuoteBooksHandler implements SyncHandler<PlatformQuote> {

    /** Statuses in which an estimate still takes changed lines. */
    static final Set<String> EDITABLE = Set.of("draft", "sent", "expired");

    private final ZohoEstimates estimates;
    private final BooksTaxIds taxes;
    private final ContactCurrencies currencies;
    private final QuoteMapping mapping = new QuoteMapping();

    public QuoteBooksHandler(ZohoEstimates estimates, BooksTaxIds taxes, ContactCurrencies currencies) {
        this.estimates = estimates;
        this.taxes = taxes;
        this.currencies = currencies;
    }

    @Override
    public EntityType type() {
        return EntityType.ESTIMATE;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BOOKS;
    }

    @Override
    public EntityMapping<PlatformQuote> mapping() {
        return mapping;
    }

    /** The customer, then each catalog item the lines name, once. */
    @Override
    public List<EntityRef> prerequisites(PlatformQuote quote) {
        List<EntityRef> needed = new ArrayList<>();
        needed.add(new EntityRef(EntityType.CUSTOMER, quote.quote().customerId()));
        quote.quote().itemSkus().forEach(sku -> needed.add(new EntityRef(EntityType.ITEM, sku)));
        return needed;
    }

    /** The create, the status actions from draft, and the read of the contact and list of taxes when not known yet. */
    @Override
    public int plannedCreateCalls(PlatformQuote quote) {
        return 1
                + moves("draft", quote.status()).size()
                + (currencies.known(quote.quote().customerId()) ? 0 : 1)
                + taxLookups(quote.quote());
    }

    /** A quote in another currency than its customer's contact is billed in is refused before the create. */
    @Override
    public Future<ZohoOutcome<Match>> match(PlatformQuote platformQuote, Links links) {
        Quote quote = platformQuote.quote();
        return currencies.check(quote.customerId(), "quote", quote.platformId(), quote.currency(), links);
    }

    /** The read of the estimate, its update, at most the status actions from draft, and a tax list when needed. */
    @Override
    public int plannedUpdateCalls(PlatformQuote quote, boolean ours) {
        return ours ? 2 + moves("draft", quote.status()).size() + taxLookups(quote.quote()) : 0;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(PlatformQuote platformQuote) {
        String id = platformQuote.quote().platformId();
        return estimates.findByNumber(id).map(found -> {
            if (!(found instanceof ZohoOutcome.Success<List<ZohoEstimate>> ok)) {
                return ZohoOutcome.retype(found);
            }
            return new ZohoOutcome.Success<>(ok.value().stream()
                    .filter(e -> id.equalsIgnoreCase(e.estimateNumber()) && id.equals(e.referenceNumber()))
                    .map(ZohoEstimate::estimateId)
                    .toList());
        });
    }

    @Override
    public Future<ZohoOutcome<String>> create(PlatformQuote quote, Links links) {
        return zohoLinks(quote.quote(), links).compose(resolved -> {
            if (!(resolved instanceof ZohoOutcome.Success<ZohoLinks> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(resolved));
            }
            return estimates
                    .create(quote.quote(), ok.value())
                    .map(taxes::forgetIfRefused)
                    .compose(created -> {
                        if (!(created instanceof ZohoOutcome.Success<ZohoEstimate> estimate)) {
                            return Future.succeededFuture(ZohoOutcome.retype(created));
                        }
                        return follow(
                                estimate.value().estimateId(), estimate.value().status(), quote.status());
                    });
        });
    }

    /**
     * An estimate found by its number after a lost create answer may still lack the status actions the create would
     * have made after it: read where it stands and take the quote there (the read and the actions fit the create's
     * reservation, in which the marker search replaced the create).
     */
    @Override
    public Future<ZohoOutcome<String>> completeFound(String estimateId, PlatformQuote quote, Links links) {
        return estimates
                .get(estimateId)
                .compose(current -> current instanceof ZohoOutcome.Success<ZohoEstimate> ok
                        ? follow(estimateId, ok.value().status(), quote.status())
                        : Future.succeededFuture(ZohoOutcome.retype(current)));
    }

    @Override
    public Future<ZohoOutcome<String>> update(String estimateId, PlatformQuote quote, Links links) {
        return estimates.get(estimateId).compose(current -> {
            if (!(current instanceof ZohoOutcome.Success<ZohoEstimate> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(current));
            }
            ZohoEstimate estimate = ok.value();
            if (!EDITABLE.contains(estimate.status())) {
                if (estimate.total() != null
                        && estimate.total()
                                        .compareTo(
                                                quote.quote().totals().total().amount())
                                == 0) {
                    return follow(estimateId, estimate.status(), quote.status()); // only the status changed
                }
                return Future.succeededFuture(new ZohoOutcome.Validation<>(
                        "estimate_" + estimate.status(),
                        "estimate " + estimate.estimateNumber() + " is " + estimate.status()
                                + " in Books and cannot take the changed quote; raise a new quote"
                                + ("invoiced".equals(estimate.status()) ? " or change its invoice" : "")));
            }
            return zohoLinks(quote.quote(), links).compose(resolved -> {
                if (!(resolved instanceof ZohoOutcome.Success<ZohoLinks> linked)) {
                    return Future.succeededFuture(ZohoOutcome.retype(resolved));
                }
                return estimates
                        .update(estimateId, quote.quote(), linked.value())
                        .map(taxes::forgetIfRefused)
                        .compose(updated -> updated instanceof ZohoOutcome.Success<ZohoEstimate>
                                ? follow(estimateId, estimate.status(), quote.status())
                                : Future.succeededFuture(ZohoOutcome.retype(updated)));
            });
        });
    }

    @Override
    public Future<ZohoOutcome<String>> read(String estimateId) {
        return estimates
                .get(estimateId)
                .map(found -> found instanceof ZohoOutcome.Success<ZohoEstimate> ok
                        ? new ZohoOutcome.Success<>(ok.value().estimateId())
                        : ZohoOutcome.retype(found));
    }

    /**
     * The status actions that take an estimate from {@code current} to the quote's {@code wanted} status, as Books
     * allows them: sent only from draft; accepted or declined from sent or expired (a draft is sent first) or from
     * the other answer. A status Books cannot go back to (draft) or an invoiced estimate takes none.
     */
    static List<String> moves(String current, String wanted) {
        if (current == null || current.equals(wanted) || "invoiced".equals(current)) {
            return List.of();
        }
        return switch (wanted) {
            case "sent" -> current.equals("draft") ? List.of("sent") : List.of();
            case "accepted", "declined" -> current.equals("draft") ? List.of("sent", wanted) : List.of(wanted);
            default -> List.of();
        };
    }

    private Future<ZohoOutcome<String>> follow(String estimateId, String current, String wanted) {
        Future<ZohoOutcome<Void>> done = Future.succeededFuture(new ZohoOutcome.Success<>(null));
        for (String status : moves(current, wanted)) {
            done = done.compose(so -> so instanceof ZohoOutcome.Success<Void>
                    ? estimates.mark(estimateId, status)
                    : Future.succeededFuture(so));
        }
        return done.map(so -> so instanceof ZohoOutcome.Success<Void>
                ? new ZohoOutcome.Success<>(estimateId)
                : ZohoOutcome.retype(so));
    }

    private int taxLookups(Quote quote) {
        return taxes.known(quote.taxScheme(), quote.lines()) ? 0 : 1;
    }

    private Future<ZohoOutcome<ZohoLinks>> zohoLinks(Quote quote, Links links) {
        return taxes.links(quote.customerId(), quote.itemSkus(), quote.taxScheme(), quote.lines(), links);
    }
}
