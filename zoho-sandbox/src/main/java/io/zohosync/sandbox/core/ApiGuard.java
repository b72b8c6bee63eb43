package io.zohosync.sandbox.core;

import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What stands in front of every product call, in Zoho's order: fault injection, strict-mode checks,
 * the OAuth token, the organization, then the per-minute, per-day and concurrency limits, then latency.
 */
public final class ApiGuard {
    private static final String TOKEN_PREFIX = "Zoho-oauthtoken ";
    private static final String BEARER_PREFIX = "Bearer ";

    private final SandboxContext context;
    private final ProductPolicy policy;

    ApiGuard(SandboxContext context, ProductPolicy policy) {
        this.context = context;
        this.policy = policy;
    }

    void handle(RoutingContext rc, Operation operation) {
        context.recorder().call(operation.endpoint());
        if (policy.rateLimitHeaders()) {
            rc.addHeadersEndHandler(v -> tellDay(rc));
        }
        if (injectFault(rc)) return;
        GuardReplies replies = policy.replies();
        String undocumented = context.settings().strict() ? undocumented(rc, operation) : null;
        if (undocumented != null) {
            replies.undocumented(rc, undocumented);
            return;
        }
        if (!authorized(rc)) {
            replies.unauthorized(rc);
            return;
        }
        if (operation.body() && !bodyIsJson(rc)) {
            replies.malformedBody(rc);
            return;
        }
        String organization = context.settings().organizationId();
        if (policy.organizationId() != null) {
            String given = policy.organizationId().apply(rc);
            if (given == null || given.isBlank()) {
                replies.organizationMissing(rc);
                return;
            }
            if (!given.equals(organization)) {
                replies.organizationUnknown(rc, given);
                return;
            }
        }
        admit(rc, policy.name() + "/" + organization);
    }

    private void admit(RoutingContext rc, String key) {
        SandboxSettings settings = context.settings();
        AtomicInteger running = context.inFlight(key);
        if (running.incrementAndGet() > settings.concurrency()) {
            running.decrementAndGet();
            refuse(rc, Limit.CONCURRENCY, settings.concurrency());
            return;
        }
        rc.addEndHandler(ended -> running.decrementAndGet());
        Instant now = context.clock().now();
        int perMinute = settings.perMinute(policy.name());
        if (!context.limiter().tryHit(key + "/minute", perMinute, Duration.ofMinutes(1), now)) {
            refuse(rc, Limit.PER_MINUTE, perMinute);
            return;
        }
        if (!context.limiter().tryHit(dayKey(key), settings.dailyLimit(), Duration.ofDays(1), now)) {
            refuse(rc, Limit.PER_DAY, settings.dailyLimit());
            return;
        }
        long latency = settings.latency().toMillis();
        if (latency > 0) {
            context.vertx().setTimer(latency, id -> rc.next());
        } else {
            rc.next();
        }
    }

    private static String dayKey(String productKey) {
        return productKey + "/day";
    }

    /**
     * Books' rate-limit headers (zoho-api.md, field notes): the day's limit, the calls the organization has left in
     * it — every caller's calls counted — and the seconds until it resets, as they stand when the answer goes out.
     */
    private void tellDay(RoutingContext rc) {
        int limit = context.settings().dailyLimit();
        Instant now = context.clock().now();
        FixedWindowLimiter.Usage day = context.limiter()
                .usage(dayKey(policy.name() + "/" + context.settings().organizationId()), Duration.ofDays(1), now);
        long reset = Math.max(0, (Duration.between(now, day.closes()).toMillis() + 999) / 1000);
        rc.response()
                .putHeader("X-Rate-Limit-Limit", String.valueOf(limit))
                .putHeader("X-Rate-Limit-Remaining", String.valueOf(Math.max(0, limit - day.hits())))
                .putHeader("X-Rate-Limit-Reset", String.valueOf(reset));
    }

    private void refuse(RoutingContext rc, Limit limit, int configured) {
        context.recorder().refused(limit);
        policy.replies().tooManyRequests(rc, limit, configured);
    }

    private boolean injectFault(RoutingContext rc) {
        Fault fault = context.settings().nextFault();
        if (fault == null) return false;
        switch (fault) {
            case SERVER_ERROR -> policy.replies().internalError(rc);
            case CONNECTION_RESET -> rc.request().connection().close();
            case TIMEOUT -> {
                /* never answer: the client's timeout has to fire */
            }
            case TOO_MANY_REQUESTS ->
                refuse(rc, Limit.CONCURRENCY, context.settings().concurrency());
        }
        return true;
    }

    private boolean authorized(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        if (header == null) return false;
        String token;
        if (header.startsWith(TOKEN_PREFIX)) {
            token = header.substring(TOKEN_PREFIX.length());
        } else if (header.startsWith(BEARER_PREFIX) && !context.settings().strict()) {
            token = header.substring(BEARER_PREFIX.length());
        } else {
            return false;
        }
        return context.tokens().check(token.trim(), context.clock().now()) == TokenRegistry.Check.VALID;
    }

    private static boolean bodyIsJson(RoutingContext rc) {
        if (rc.body().length() == 0) return true;
        try {
            return rc.body().asJsonObject() != null;
        } catch (DecodeException | ClassCastException e) {
            return false;
        }
    }

    private static String undocumented(RoutingContext rc, Operation operation) {
        for (String name : rc.queryParams().names()) {
            if (!name.equals("organization_id") && !operation.query().contains(name) && given(rc, name))
                return "query parameter " + name;
        }
        boolean hasBody = rc.request().getHeader("Content-Length") != null
                        && !"0".equals(rc.request().getHeader("Content-Length"))
                || rc.request().getHeader("Transfer-Encoding") != null;
        String type = rc.request().getHeader("Content-Type");
        if (!operation.form().isEmpty() && hasBody) return undocumentedForm(rc, operation, type);
        if (!operation.body() && hasBody) return "request body (this operation takes none)";
        if (operation.body() && hasBody && !jsonContentType(type)) return "Content-Type " + type;
        return null;
    }

    /**
     * Whether an undocumented query parameter carries a value: one sent empty ({@code status=}) asks for nothing, and
     * clients built on query-string builders send every option, set or not (zoho-ts sends {@code last_modified_time=}).
     */
    private static boolean given(RoutingContext rc, String name) {
        return rc.queryParams().getAll(name).stream().anyMatch(value -> !value.isEmpty());
    }

    private static String undocumentedForm(RoutingContext rc, Operation operation, String type) {
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals("application/x-www-form-urlencoded")) return "Content-Type " + type;
        for (String name : rc.request().formAttributes().names()) {
            if (!operation.form().contains(name)) return "form field " + name;
        }
        return null;
    }

    /**
     * The content types Zoho reads a JSON body under: JSON itself, {@code text/plain} (Zoho's Java SDK sends that)
     * and none at all (pyZohoAPI); the body must still be JSON. Strict mode refuses what Zoho refuses, not what its
     * documents leave unsaid.
     */
    private static boolean jsonContentType(String type) {
        if (type == null || type.isBlank()) return true;
        String media = type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return media.equals("application/json") || media.equals("text/plain");
    }
}
