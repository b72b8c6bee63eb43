package io.zohosync.adapters.zoho.call;

import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.util.Map;

/**
 * What the call path needs of the adapter's configuration (the public shape is {@code ZohoSettings}): the request
 * timeout, and per product the organization id Zoho expects and the API limits it allows.
 */
public record ApiSettings(
        Duration requestTimeout, Map<ZohoProduct, String> organizationIds, Map<ZohoProduct, ZohoApiLimits> limits) {

    public ApiSettings {
        organizationIds = Map.copyOf(organizationIds);
        limits = Map.copyOf(limits);
    }

    /** The organization id Zoho expects for {@code product}; null when none is configured. */
    String organizationId(ZohoProduct product) {
        return organizationIds.get(product);
    }

    ZohoApiLimits limits(ZohoProduct product) {
        return limits.get(product);
    }
}
