package io.zohosync.ports.flows.order;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoTax;
import io.zohosync.ports.out.zoho.ZohoTaxes;
import io.zohosync.ports.sync.handler.Links;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Books tax each taxed line points at, found once and kept for the life of the process: a plain tax
 * (VAT 15 %) by its name and rate, India's inter-state IGST by its type and rate, created when Books has none;
 * an intra-state GST rate needs the organization's CGST + SGST tax group, which an admin sets up in Books
 * (the service does not create groups), so its absence is a reason an admin can act on.
 */
public final class BooksTaxIds {

    /** What a line at one rate needs in Books; {@code key} names it in the cache. */
    record Wanted(String key, String name, BigDecimal percent, String specificType, boolean group) {

        boolean matches(ZohoTax tax) {
            if (tax.percent() == null || tax.percent().compareTo(percent) != 0) {
                return false;
            }
            boolean isGroup = "tax_group".equals(tax.type());
            if (group) {
                return isGroup;
            }
            if (isGroup) {
                return false;
            }
            return specificType != null
                    ? specificType.equalsIgnoreCase(tax.specificType())
                    : tax.name() != null
                            && (tax.name().equalsIgnoreCase(name) || tax.name().equalsIgnoreCase(label()));
        }

        /** The name a created tax carries: "VAT 15%", "IGST 18%". */
        String label() {
            return name + " " + percent.toPlainString() + "%";
        }
    }

    private final ZohoTaxes taxes;
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    /** Look-ups run one after another, so two orders needing the same new tax at once create it once. */
    private Future<?> lookups = Future.succeededFuture();

    public BooksTaxIds(ZohoTaxes taxes) {
        this.taxes = taxes;
    }

    /** Whether every tax these lines need is known already (no Zoho call will be made for them). */
    public boolean known(TaxScheme scheme, List<LineItem> lines) {
        return wanted(scheme, lines).stream().allMatch(w -> ids.containsKey(w.key()));
    }

    /** The Books tax id for each taxed rate of the lines: listed once when one is not known, created if Books lacks it. */
    public synchronized Future<ZohoOutcome<Map<BigDecimal, String>>> idsFor(TaxScheme scheme, List<LineItem> lines) {
        List<Wanted> wanted = wanted(scheme, lines);
        if (wanted.stream().allMatch(w -> ids.containsKey(w.key()))) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(byPercent(wanted)));
        }
        Future<ZohoOutcome<Map<BigDecimal, String>>> next = lookups.transform(before -> lookUp(wanted));
        lookups = next;
        return next;
    }

    /** Forgets every tax id: Books refused one (deleted or changed there), so the next write looks them up again. */
    public void forget() {
        ids.clear();
    }

    /** The Zoho ids a sales document points at: its customer's, its items' (from the pipeline) and its taxes'. */
    public Future<ZohoOutcome<ZohoLinks>> links(
            String customerId, List<String> skus, TaxScheme scheme, List<LineItem> lines, Links links) {
        String customer = links.zohoId(new EntityRef(EntityType.CUSTOMER, customerId));
        Map<String, String> items = new LinkedHashMap<>();
        skus.forEach(sku -> items.put(sku, links.zohoId(new EntityRef(EntityType.ITEM, sku))));
        return idsFor(scheme, lines)
                .map(found -> found instanceof ZohoOutcome.Success<Map<BigDecimal, String>> ok
                        ? new ZohoOutcome.Success<>(new ZohoLinks(customer, items, ok.value()))
                        : ZohoOutcome.retype(found));
    }

    /** Books refused a tax id it gave out (deleted there since): the cached ids are dropped, the next attempt lists them again. */
    public <T> ZohoOutcome<T> forgetIfRefused(ZohoOutcome<T> outcome) {
        if (outcome instanceof ZohoOutcome.Validation<T> refused
                && String.valueOf(refused.message()).contains("tax_id")) {
            forget();
        }
        return outcome;
    }

    private Future<ZohoOutcome<Map<BigDecimal, String>>> lookUp(List<Wanted> wanted) {
        if (wanted.stream().allMatch(w -> ids.containsKey(w.key()))) {
            return Future.succeededFuture(
                    new ZohoOutcome.Success<>(byPercent(wanted))); // an earlier look-up found them
        }
        return taxes.list().compose(listed -> {
            if (!(listed instanceof ZohoOutcome.Success<List<ZohoTax>> ok)) {
                return Future.succeededFuture(ZohoOutcome.retype(listed));
            }
            List<Wanted> missing = new ArrayList<>();
            for (Wanted w : wanted) {
                Optional<ZohoTax> found = ok.value().stream().filter(w::matches).findFirst();
                found.ifPresentOrElse(t -> ids.put(w.key(), t.taxId()), () -> missing.add(w));
            }
            return createAll(missing)
                    .map(created -> created instanceof ZohoOutcome.Success<Void>
                            ? new ZohoOutcome.Success<>(byPercent(wanted))
                            : ZohoOutcome.retype(created));
        });
    }

    private Future<ZohoOutcome<Void>> createAll(List<Wanted> missing) {
        Future<ZohoOutcome<Void>> done = Future.succeededFuture(new ZohoOutcome.Success<>(null));
        for (Wanted w : missing) {
            done = done.compose(so -> {
                if (!(so instanceof ZohoOutcome.Success<Void>)) {
                    return Future.succeededFuture(so);
                }
                if (w.group()) {
                    return Future.succeededFuture(
                            new ZohoOutcome.Validation<>(
                                    "tax_group",
                                    "Books has no tax group at " + w.percent().toPlainString()
                                            + "% for intra-state GST (CGST + SGST); create it in Books under Settings → Taxes"));
                }
                return taxes.create(w.label(), w.percent(), w.specificType()).map(created -> {
                    if (created instanceof ZohoOutcome.Success<ZohoTax> tax) {
                        ids.put(w.key(), tax.value().taxId());
                        return new ZohoOutcome.Success<>(null);
                    }
                    return ZohoOutcome.retype(created);
                });
            });
        }
        return done;
    }

    private Map<BigDecimal, String> byPercent(List<Wanted> wanted) {
        Map<BigDecimal, String> map = new LinkedHashMap<>();
        wanted.forEach(w -> map.put(w.percent(), ids.get(w.key())));
        return map;
    }

    /** The distinct taxes the lines need under the scheme; none for untaxed lines or schemes. */
    static List<Wanted> wanted(TaxScheme scheme, List<LineItem> lines) {
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        for (LineItem line : lines) {
            BigDecimal percent = line.taxPercent().stripTrailingZeros();
            if (percent.signum() == 0 || scheme instanceof TaxScheme.Untaxed) {
                continue;
            }
            Wanted w = wanted(scheme, percent);
            wanted.putIfAbsent(w.key(), w);
        }
        return List.copyOf(wanted.values());
    }

    private static Wanted wanted(TaxScheme scheme, BigDecimal percent) {
        String rate = percent.toPlainString();
        if (scheme instanceof TaxScheme.Gst gst) {
            return gst.supply().intraState()
                    ? new Wanted("gst-group:" + rate, "GST", percent, null, true)
                    : new Wanted("igst:" + rate, "IGST", percent, "igst", false);
        }
        String name = ((TaxScheme.Single) scheme).name();
        return new Wanted("tax:" + name.toLowerCase(Locale.ROOT) + ":" + rate, name, percent, null, false);
    }
}
