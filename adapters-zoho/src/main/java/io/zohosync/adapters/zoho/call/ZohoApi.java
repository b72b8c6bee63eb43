package io.zohosync.adapters.zoho.call;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zohosync.adapters.zoho.oauth.AccessToken;
import io.zohosync.adapters.zoho.oauth.OAuthTokens;
import io.zohosync.adapters.zoho.oauth.ZohoUnavailable;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of every Zoho API call (design.md §3): budget permit, circuit breaker, OAuth token, HTTP bounded by
 * the request timeout (idle and overall), classification. A 401 refreshes the token once; a second 401 means the connection needs a reconnect.
 */
public final class ZohoApi {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoApi.class);
    private static final String BILLING_ORG_HEADER = "X-com-zoho-subscriptions-organizationid";

    private final WebClient client;
    private final ApiSettings settings;
    private final OAuthTokens tokens;
    private final ReservedCalls budget;
    private final Breakers breakers;
    private final Clock clock;

    public ZohoApi(
            WebClient client,
            ApiSettings settings,
            OAuthTokens tokens,
            ReservedCalls budget,
            Breakers breakers,
            Clock clock) {
        this.client = client;
        this.settings = settings;
        this.tokens = tokens;
        this.budget = budget;
        this.breakers = breakers;
        this.clock = clock;
    }

    /** Calls Zoho and reads its answer into an outcome; {@code read} maps a successful body to the value. */
    public <T> Future<ZohoOutcome<T>> call(ZohoRequest request, Function<JsonObject, T> read) {
        ZohoProduct product = request.product();
        if (breakers.open(product)) {
            // no call made, nothing learnt: the work waits for the circuit to half-open, using no attempt
            return Future.succeededFuture(new ZohoOutcome.RateLimited<>(
                    ZohoOutcome.RateLimited.Scope.CIRCUIT_OPEN,
                    breakers.reset(),
                    "Zoho " + product + " circuit is open"));
        }
        // a token first: a call that cannot be authorized must not spend the minute's or the day's budget
        return tokens.accessToken()
                .compose(token -> withPermit(request, read))
                .recover(e -> Future.succeededFuture(
                        e instanceof ZohoUnavailable u
                                ? u.<T>outcome()
                                : new ZohoOutcome.Outage<>(
                                        "Zoho call failed: " + e.getClass().getSimpleName() + " " + e.getMessage())));
    }

    private <T> Future<ZohoOutcome<T>> withPermit(ZohoRequest request, Function<JsonObject, T> read) {
        ZohoProduct product = request.product();
        String org = settings.organizationId(product);
        Instant now = clock.instant();
        return budget.acquire(org, product, settings.limits(product), now).compose(permit -> {
            if (permit instanceof BudgetPermit.Denied denied) {
                return Future.succeededFuture(new ZohoOutcome.RateLimited<T>(
                        denied.scope(),
                        nonNegative(Duration.between(now, denied.retryAt())),
                        "API budget for " + product + " spent"));
            }
            BudgetPermit.Granted granted = (BudgetPermit.Granted) permit;
            return breakers.execute(product, () -> authorized(request, now, read))
                    .compose(outcome -> afterCall(org, product, outcome))
                    .eventually(() -> budget.release(granted).otherwise(e -> {
                        LOG.warn(
                                "Releasing a Zoho budget permit failed (retried on the next heartbeat): {}",
                                e.toString());
                        return null;
                    }));
        });
    }

    private <T> Future<ZohoOutcome<T>> authorized(ZohoRequest request, Instant calledAt, Function<JsonObject, T> read) {
        return tokens.accessToken()
                .compose(token -> send(token, request, calledAt, read).compose(outcome -> {
                    if (!(outcome instanceof ZohoOutcome.AuthFailure<T>)) {
                        return Future.succeededFuture(outcome);
                    }
                    return tokens.replace(token)
                            .compose(fresh -> send(fresh, request, calledAt, read))
                            .compose(this::reconnectIfRefused);
                }))
                .recover(e -> Future.succeededFuture(
                        e instanceof ZohoUnavailable u
                                ? u.<T>outcome()
                                : new ZohoOutcome.Outage<>(
                                        "Zoho call failed: " + e.getClass().getSimpleName() + " " + e.getMessage())));
    }

    private <T> Future<ZohoOutcome<T>> reconnectIfRefused(ZohoOutcome<T> outcome) {
        if (outcome instanceof ZohoOutcome.AuthFailure<T> auth) {
            LOG.error("Zoho refused a freshly refreshed token ({}); reconnect needed", auth.message());
            return tokens.markReconnectNeeded().map(outcome);
        }
        return Future.succeededFuture(outcome);
    }

    private <T> Future<ZohoOutcome<T>> send(
            AccessToken token, ZohoRequest request, Instant calledAt, Function<JsonObject, T> read) {
        HttpRequest<Buffer> http = client.requestAbs(
                        request.method(), token.apiDomain() + ZohoRequest.root(request.product()) + request.path())
                .idleTimeout(settings.requestTimeout().toMillis())
                .putHeader("Authorization", token.header());
        String org = settings.organizationId(request.product());
        switch (request.product()) {
            case BOOKS, INVENTORY -> http.addQueryParam("organization_id", org);
            case BILLING -> http.putHeader(BILLING_ORG_HEADER, org);
            case CRM -> {}
        }
        request.query().forEach(http::addQueryParam);
        Future<HttpResponse<Buffer>> sent = request.body() == null ? http.send() : http.sendJsonObject(request.body());
        return sent.timeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .map(response -> {
                    followZohosCount(org, request.product(), response, calledAt);
                    return ZohoResponses.classify(request.product(), response, read);
                })
                .otherwise(e -> new ZohoOutcome.Outage<>("Zoho " + request.product() + " did not answer: "
                        + e.getClass().getSimpleName() + " " + e.getMessage()));
    }

    /**
     * The budget follows Zoho's own count of the day when the answer tells it, so the calls other integrations make
     * on the organization are counted too. The answer is read without waiting for the count to be stored (issue 14,
     * goal 2: a round trip less between a job's call and its outcome): until it is, the budget goes by the count
     * before it and every call made since, so what it misses meanwhile is only what other integrations spent in that
     * moment. A count that cannot be stored leaves the budget's own count in charge.
     */
    private void followZohosCount(String org, ZohoProduct product, HttpResponse<Buffer> response, Instant calledAt) {
        ZohoResponses.dayCount(response, calledAt, clock.instant())
                .ifPresent(count -> budget.zohoCount(org, product, count)
                        .onFailure(e -> LOG.warn(
                                "Storing Zoho's count of the day failed (the budget's own count stays): {}",
                                e.toString())));
    }

    private <T> Future<ZohoOutcome<T>> afterCall(String org, ZohoProduct product, ZohoOutcome<T> outcome) {
        if (outcome instanceof ZohoOutcome.RateLimited<T> limited
                && limited.scope() != ZohoOutcome.RateLimited.Scope.TOKEN_REFRESH) {
            LOG.warn("Zoho {} limit reached for {} ({}): {}", limited.scope(), product, org, limited.message());
            return budget.block(org, product, limited.scope(), clock.instant().plus(limited.retryAfter()))
                    .transform(ignored -> Future.succeededFuture(outcome));
        }
        return Future.succeededFuture(outcome);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
