package io.zohosync.sandbox.core;

import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * How one product is guarded: its name (the key for limits and the per-minute setting), where the
 * organization id travels ({@code null} when the token alone names the organization) and its refusals.
 */
public record ProductPolicy(String name, Function<RoutingContext, String> organizationId, GuardReplies replies) {

    /** Books and Inventory: {@code organization_id} query parameter. */
    public static Function<RoutingContext, String> queryOrganization() {
        return rc -> rc.request().getParam("organization_id");
    }

    /** Billing: {@code X-com-zoho-subscriptions-organizationid} header. */
    public static Function<RoutingContext, String> headerOrganization(String header) {
        return rc -> rc.request().getHeader(header);
    }
}
