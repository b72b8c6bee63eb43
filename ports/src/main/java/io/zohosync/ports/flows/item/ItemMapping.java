package io.zohosync.ports.flows.item;

import io.zohosync.domain.catalog.Item;
import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.money.Money;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** The JSON mapping of a catalog item, identified by its sku: {@code name, rate, currency, description}. */
public final class ItemMapping implements EntityMapping<Item> {

    // Zoho Books' limits for an item (items.yml: name 100, description 2000); a currency is an ISO 4217 code
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_CURRENCY = 3;

    @Override
    public EntityType type() {
        return EntityType.ITEM;
    }

    @Override
    public String collection() {
        return "items";
    }

    @Override
    public Item read(String sku, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        String name = fields.string("name", MAX_NAME);
        BigDecimal rate = fields.decimal("rate");
        String currencyCode = fields.string("currency", MAX_CURRENCY);
        String description = fields.string("description", MAX_DESCRIPTION);
        Currency currency = fields.nested(() -> currency(currencyCode));
        return fields.build(() ->
                new Item(sku, name, rate == null || currency == null ? null : new Money(rate, currency), description));
    }

    @Override
    public Map<String, Object> write(Item item) {
        return WireFields.compact(
                "id",
                item.sku(),
                "name",
                item.name(),
                "rate",
                item.rate().amount(),
                "currency",
                item.rate().currency().getCurrencyCode(),
                "description",
                item.description());
    }

    @Override
    public String id(Item item) {
        return item.sku();
    }

    private static Currency currency(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInput(
                    List.of(new InvalidInput.FieldError("currency", "is required (ISO 4217, e.g. ZAR)")));
        }
        try {
            return Currency.getInstance(code.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(
                    List.of(new InvalidInput.FieldError("currency", "is not an ISO 4217 currency code")));
        }
    }
}
