package io.zohosync.ports.reconcile;

import io.zohosync.domain.catalog.Item;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.invoice.Order;
import io.zohosync.ports.flows.payment.PlatformPayment;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoItem;
import io.zohosync.ports.out.zoho.ZohoPayment;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields reconciliation compares, read from both sides under the same names: a contact's primary email, an
 * item's name, sku and rate, an invoice's total (and Zoho's status), a payment's amount — what the flows send.
 */
final class Fields {

    private Fields() {}

    /** The platform's side: the entity as its mapping reads it. */
    static Map<String, String> platform(Object entity) {
        Map<String, String> f = new HashMap<>();
        if (entity instanceof Customer c) {
            f.put("email", c.email());
        } else if (entity instanceof Item i) {
            f.put("name", i.name());
            f.put("sku", i.sku());
            f.put("rate", plain(i.rate().amount()));
        } else if (entity instanceof Order o) {
            f.put("total", plain(o.toInvoice().totals().total().amount()));
        } else if (entity instanceof PlatformPayment p) {
            f.put("amount", plain(p.payment().amount().amount()));
        }
        return f;
    }

    static Map<String, String> zoho(ZohoContact c) {
        Map<String, String> f = new HashMap<>();
        f.put("email", c.email());
        return f;
    }

    static Map<String, String> zoho(ZohoItem i) {
        Map<String, String> f = new HashMap<>();
        f.put("name", i.name());
        f.put("sku", i.sku());
        f.put("rate", plain(i.rate()));
        return f;
    }

    static Map<String, String> zoho(ZohoInvoice i) {
        Map<String, String> f = new HashMap<>();
        f.put("total", plain(i.total()));
        f.put("status", i.status());
        return f;
    }

    static Map<String, String> zoho(ZohoPayment p) {
        Map<String, String> f = new HashMap<>();
        f.put("amount", plain(p.amount()));
        return f;
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
