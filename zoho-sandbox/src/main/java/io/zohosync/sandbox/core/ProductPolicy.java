package io.zohosync.sandbox.core;

import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * How one product is guarded: its name (the key for limits and the per-minute setting), where the
 * organization id travels ({@code null} when the token alone names the organization), its refusals, and whether
 * its answers tell the day's count in {@code X-Rate-Limit-*} headers (Books does).
 */
public record ProductPolicy(
        String name, Function<RoutingContext, String> organizationId, GuardReplies replies, boolean rateLimitHeaders) {

    public ProductPolicy(String name, Function<RoutingContext, String> organizationId, GuardReplies replies) {
        this(name, organizationId, replies, false);
    }

    /** This policy, with the day's count told on every answer. */
    public ProductPolicy withRateLimitHeaders() {
        return new ProductPolicy(name, organizationId, replies, true);
    }

    /** Books and Inventory: {@code organization_id} query parameter. */
    public static Function<RoutingContext, String> queryOrganization() {
        return rc -> rc.request().getParam("organization_id");
    }

    /** Billing: {@code X-com-zoho-subscriptions-organizationid} header. */
    public static Function<RoutingContext, String> headerOrganization(String header) {
        return rc -> rc.request().getHeader(header);
    }
}
