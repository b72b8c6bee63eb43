package io.zohosync.sandbox;

import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.core.Fault;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.inventory.InventoryApi;
import java.time.Duration;
import java.util.Set;

/** Switches tests flip while the sandbox runs: its clock, latency, faults, limits, strict mode and tokens. */
public final class SandboxControl {
    private final ZohoSandbox sandbox;

    SandboxControl(ZohoSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Puts the sandbox back as it was right after start: no records, no calls, 429s, refreshes or webhooks counted,
     * fresh limit and token-throttle windows, no pending faults, the start options' latency, error rate, limits,
     * strict mode and time scale, and the clock back at real time (ids start over). Kept: the port, every token
     * issued (the options' refresh token is valid again if it was revoked), the base currency and the webhook
     * targets; retries of webhooks sent before are dropped.
     */
    public SandboxControl reset() {
        sandbox.reset();
        return this;
    }

    /** Moves the sandbox clock forward: token expiry and every limit window see the jump. */
    public SandboxControl advanceClock(Duration duration) {
        context().clock().advance(duration);
        return this;
    }

    /** Sandbox seconds per real second from now on. */
    public SandboxControl timeScale(double scale) {
        context().clock().scale(scale);
        return this;
    }

    public SandboxControl latency(Duration latency) {
        context().settings().latency(latency);
        return this;
    }

    /** Fails this share of API calls with one of {@code faults} (all kinds when none is given); 0 turns it off. */
    public SandboxControl errorRate(double rate, Fault... faults) {
        context().settings().errorRate(rate, Set.of(faults));
        return this;
    }

    /** Answers the next {@code times} API calls with {@code fault}, whatever the error rate. */
    public SandboxControl failNext(Fault fault, int times) {
        context().settings().failNext(fault, times);
        return this;
    }

    /** Requests per minute per organization for one product ({@code "books"}, {@code "billing"}, ...). */
    public SandboxControl perMinuteLimit(String product, int limit) {
        context().settings().perMinute(product, limit);
        return this;
    }

    public SandboxControl dailyLimit(int limit) {
        context().settings().dailyLimit(limit);
        return this;
    }

    public SandboxControl concurrencyLimit(int limit) {
        context().settings().concurrency(limit);
        return this;
    }

    /** Forgets every limit and throttle window, as if a day had passed for them alone. */
    public SandboxControl resetLimits() {
        context().limiter().clear();
        return this;
    }

    /** The organization's base currency from now on (USD at first): contacts created after it are billed in it. */
    public SandboxControl baseCurrency(String code) {
        context().settings().baseCurrency(code);
        return this;
    }

    public SandboxControl strict(boolean strict) {
        context().settings().strict(strict);
        return this;
    }

    /** Expires every access token issued so far; their refresh tokens stay valid. */
    public SandboxControl expireAccessTokens() {
        context().tokens().expireAccessTokens(context().clock().now());
        return this;
    }

    /** Revokes a refresh token (with its access tokens) or one access token, as a user would in Zoho's console. */
    public boolean revoke(String token) {
        return context().tokens().revoke(token);
    }

    /** Where Billing ({@code "billing"}) or Inventory ({@code "inventory"}) POSTs its events, signed with {@code secret}, resets included; a null url stops them. */
    public SandboxControl webhook(String product, String url, String secret) {
        sandbox.webhook(product, url, secret);
        return this;
    }

    /** Changes an Inventory item's stock as a user would in Zoho's web UI (no API call); the stock webhook fires. Answers the adjustment. */
    public JsonObject adjustStockInUi(String itemId, double quantity, String reason) {
        return InventoryApi.adjustInUi(context(), itemId, quantity, reason);
    }

    /** What happens in Zoho Billing without an API call: card charges and declines, refunds, cards, voids, expiry. */
    public io.zohosync.sandbox.billing.BillingUi billing() {
        return context()
                .existing(io.zohosync.sandbox.billing.BillingUi.class)
                .orElseThrow(() -> new IllegalStateException("this sandbox serves no Billing"));
    }

    private SandboxContext context() {
        return sandbox.context();
    }
}
