package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Value: the Zoho ids a document refers to, resolved by the caller before it is written: the Zoho
 * customer (contact) id, the item id of each catalog sku, and the tax (or tax group) id of each rate.
 */
public record ZohoLinks(String customerId, Map<String, String> itemIdsBySku, Map<BigDecimal, String> taxIdsByPercent) {

    public ZohoLinks {
        itemIdsBySku = Map.copyOf(itemIdsBySku == null ? Map.of() : itemIdsBySku);
        taxIdsByPercent = Map.copyOf(taxIdsByPercent == null ? Map.of() : taxIdsByPercent);
    }

    public static ZohoLinks customer(String customerId) {
        return new ZohoLinks(customerId, Map.of(), Map.of());
    }

    public Optional<String> itemId(String sku) {
        return Optional.ofNullable(sku == null ? null : itemIdsBySku.get(sku));
    }

    /** The tax id for a line's rate; rates are compared by value (18 equals 18.00). */
    public Optional<String> taxId(BigDecimal percent) {
        return taxIdsByPercent.entrySet().stream()
                .filter(e -> e.getKey().compareTo(percent) == 0)
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
