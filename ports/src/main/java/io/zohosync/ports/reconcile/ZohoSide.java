package io.zohosync.ports.reconcile;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoCustomerPayments;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoItem;
import io.zohosync.ports.out.zoho.ZohoListings;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoPayment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * What Books holds of one entity type, read for reconciliation through {@link PacedCalls}: every object by id (a page
 * of 200 a call), and which objects carry which platform id's marker — a contact's notes (read one by one, only for
 * contacts mentioning a marker that no record links), an item's sku, an invoice's number or reference, a payment's
 * reference (searched for each settled payment without a link: list rows carry none).
 */
final class ZohoSide {

    /** Objects by Zoho id (their compared fields), and Zoho ids by the platform id whose marker they carry. */
    record View(Map<String, Map<String, String>> byId, Map<String, List<String>> marked) {
        /** An item's sku is matched ignoring case (as the item flow finds it); other markers exactly. */
        List<String> markedFor(EntityType type, String platformId) {
            return marked.getOrDefault(key(type, platformId), List.of());
        }
    }

    /** A read that failed: the reconciliation cannot tell. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private static final String MARKER = ZohoContacts.marker("");

    private final ZohoListings listings;
    private final ZohoContacts contacts;
    private final ZohoCustomerPayments payments;
    private final PacedCalls calls;

    ZohoSide(ZohoListings listings, ZohoContacts contacts, ZohoCustomerPayments payments, PacedCalls calls) {
        this.listings = listings;
        this.contacts = contacts;
        this.payments = payments;
        this.calls = calls;
    }

    /**
     * Reads {@code type}'s objects; {@code linked}: the Zoho ids records link (contacts among them need no marker read);
     * {@code unlinkedSettled}: platform ids of settled records without a link, whose markers are looked for.
     */
    Future<View> read(EntityType type, Set<String> linked, List<String> unlinkedSettled) {
        Map<String, Map<String, String>> byId = new HashMap<>();
        Map<String, List<String>> marked = new HashMap<>();
        Consumer<ZohoItem> item = i -> {
            byId.put(i.itemId(), Fields.zoho(i));
            mark(marked, i.sku() == null ? null : key(EntityType.ITEM, i.sku()), i.itemId());
        };
        Consumer<ZohoInvoice> invoice = i -> {
            byId.put(i.invoiceId(), Fields.zoho(i));
            mark(marked, i.invoiceNumber(), i.invoiceId());
            if (i.referenceNumber() != null && !i.referenceNumber().equalsIgnoreCase(i.invoiceNumber())) {
                mark(marked, i.referenceNumber(), i.invoiceId());
            }
        };
        View view = new View(byId, marked);
        return switch (type) {
            case CUSTOMER ->
                pages(listings::contacts, (ZohoContact c) -> byId.put(c.contactId(), Fields.zoho(c)))
                        .compose(x ->
                                unlinkedSettled.isEmpty() ? Future.succeededFuture() : markedContacts(linked, marked))
                        .map(view);
            case ITEM -> pages(listings::items, item).map(view);
            case INVOICE -> pages(listings::invoices, invoice).map(view);
            case PAYMENT ->
                pages(listings::payments, (ZohoPayment p) -> byId.put(p.paymentId(), Fields.zoho(p)))
                        .compose(x -> paymentsByReference(unlinkedSettled, 0, marked))
                        .map(view);
            default -> Future.succeededFuture(view);
        };
    }

    private <T> Future<Void> pages(IntFunction<Future<ZohoOutcome<ZohoListings.Page<T>>>> page, Consumer<T> each) {
        return page(page, each, 1);
    }

    private <T> Future<Void> page(
            IntFunction<Future<ZohoOutcome<ZohoListings.Page<T>>>> page, Consumer<T> each, int n) {
        return calls.call(() -> page.apply(n)).compose(outcome -> {
            ZohoListings.Page<T> rows = success(outcome);
            rows.rows().forEach(each);
            return rows.more() ? page(page, each, n + 1) : Future.succeededFuture();
        });
    }

    /** Contacts mentioning a marker that no record links, each read for the markers its notes carry. */
    private Future<Void> markedContacts(Set<String> linked, Map<String, List<String>> marked) {
        List<String> hits = new ArrayList<>();
        return pages(n -> listings.contactsMentioning(MARKER, n), (ZohoContact c) -> {
                    if (!linked.contains(c.contactId())) {
                        hits.add(c.contactId());
                    }
                })
                .compose(x -> readMarkers(hits, 0, marked));
    }

    private Future<Void> readMarkers(List<String> ids, int next, Map<String, List<String>> marked) {
        if (next == ids.size()) {
            return Future.succeededFuture();
        }
        return calls.call(() -> contacts.get(ids.get(next))).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.NotFound<ZohoContact>)) { // deleted since it was listed: no marker
                ZohoContact contact = success(outcome);
                if (contact.notes() != null) {
                    contact.notes()
                            .lines()
                            .map(String::strip)
                            .filter(line -> line.startsWith(MARKER) && line.length() > MARKER.length())
                            .forEach(line -> mark(marked, line.substring(MARKER.length()), contact.contactId()));
                }
            }
            return readMarkers(ids, next + 1, marked);
        });
    }

    private Future<Void> paymentsByReference(List<String> ids, int next, Map<String, List<String>> marked) {
        if (next == ids.size()) {
            return Future.succeededFuture();
        }
        String id = ids.get(next);
        return calls.call(() -> payments.findByReference(id)).compose(outcome -> {
            success(outcome).forEach(p -> mark(marked, id, p.paymentId()));
            return paymentsByReference(ids, next + 1, marked);
        });
    }

    private static void mark(Map<String, List<String>> marked, String platformId, String zohoId) {
        if (platformId != null && !platformId.isBlank()) {
            List<String> ids = marked.computeIfAbsent(platformId, k -> new ArrayList<>());
            if (!ids.contains(zohoId)) {
                ids.add(zohoId);
            }
        }
    }

    private static String key(EntityType type, String platformId) {
        return type == EntityType.ITEM ? platformId.toLowerCase(Locale.ROOT) : platformId;
    }

    private static <T> T success(ZohoOutcome<T> outcome) {
        if (outcome instanceof ZohoOutcome.Success<T> ok) {
            return ok.value();
        }
        throw new Unreadable(PacedCalls.failure(outcome).orElse("Zoho could not be read"));
    }
}
