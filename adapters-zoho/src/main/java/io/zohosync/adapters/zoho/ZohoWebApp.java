package io.zohosync.adapters.zoho;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoWebLinks;
import java.util.Map;
import java.util.Optional;

/**
 * Adapter for {@link ZohoWebLinks}: Zoho's web apps at the data centre's domain (zoho.com, zoho.eu, … and
 * zohocloud.ca, as its accounts server) — Books, Billing and Inventory as {@code https://<app>.<domain>/app/<org>#/<page>/<id>},
 * CRM as {@code https://crm.<domain>/crm/tab/<Module>/<id>}. Only the records the flows write have a page here.
 */
final class ZohoWebApp implements ZohoWebLinks {

    private static final Map<SyncTarget, Map<EntityType, String>> PAGES = Map.of(
            SyncTarget.BOOKS,
            Map.of(
                    EntityType.CUSTOMER, "contacts",
                    EntityType.ITEM, "inventory/items",
                    EntityType.INVOICE, "invoices",
                    EntityType.PAYMENT, "paymentsreceived",
                    EntityType.ESTIMATE, "quotes",
                    EntityType.REFUND, "creditnotes"),
            SyncTarget.BILLING,
            Map.of(
                    EntityType.CUSTOMER, "customers",
                    EntityType.SUBSCRIPTION, "subscriptions",
                    EntityType.INVOICE, "invoices",
                    EntityType.PAYMENT, "payments"),
            SyncTarget.INVENTORY,
            Map.of(EntityType.ITEM, "inventory/items", EntityType.STOCK, "inventory/items"),
            SyncTarget.CRM,
            Map.of(EntityType.CUSTOMER, "Contacts", EntityType.LEAD, "Leads"));

    private final String domain;
    private final ZohoSettings settings;

    ZohoWebApp(ZohoSettings settings) {
        this.settings = settings;
        this.domain = settings.dataCentre() == DataCentre.CA
                ? "zohocloud.ca"
                : "zoho." + settings.dataCentre().location();
    }

    @Override
    public Optional<String> url(SyncKey key, String zohoId) {
        String page = PAGES.getOrDefault(key.target(), Map.of()).get(key.type());
        if (page == null || zohoId == null || !zohoId.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        if (key.target() == SyncTarget.CRM) {
            return Optional.of("https://crm." + domain + "/crm/tab/" + page + "/" + zohoId);
        }
        ZohoProduct product = ZohoProduct.valueOf(key.target().name());
        String organization = settings.organizationId(product);
        if (organization == null) {
            return Optional.empty();
        }
        String app = key.target().wire();
        return Optional.of("https://" + app + "." + domain + "/app/" + organization + "#/" + page + "/" + zohoId);
    }
}
