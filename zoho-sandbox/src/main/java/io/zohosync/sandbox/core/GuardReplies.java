package io.zohosync.sandbox.core;

import io.vertx.ext.web.RoutingContext;

/** How a product words the refusals {@link ApiGuard} sends; Books, Billing and Inventory share {@link ZohoReplies#BOOKS_STYLE}. */
public interface GuardReplies {
    void unauthorized(RoutingContext rc);

    void organizationMissing(RoutingContext rc);

    void organizationUnknown(RoutingContext rc, String organizationId);

    void tooManyRequests(RoutingContext rc, Limit limit, int configuredLimit);

    void internalError(RoutingContext rc);

    /** Strict mode: the request is not one Zoho's documents allow. */
    void undocumented(RoutingContext rc, String reason);

    /** The body is not valid JSON. */
    void malformedBody(RoutingContext rc);
}
