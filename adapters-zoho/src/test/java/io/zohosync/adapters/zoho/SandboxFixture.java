package io.zohosync.adapters.zoho;

import io.vertx.core.Vertx;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * An in-process sandbox and an adapter wired to it with the demo credentials; one per test. The adapter talks to the
 * sandbox through a {@link RecordingProxy}, so a contract test can check every request it sent.
 */
public final class SandboxFixture implements AutoCloseable {

    public final ZohoSandbox sandbox;
    public final RecordingProxy proxy;
    public final MirrorClock clock;
    public final TokenStore tokenStore;
    public final ZohoAdapters zoho;

    private SandboxFixture(
            ZohoSandbox sandbox, RecordingProxy proxy, MirrorClock clock, TokenStore tokenStore, ZohoAdapters zoho) {
        this.sandbox = sandbox;
        this.proxy = proxy;
        this.clock = clock;
        this.tokenStore = tokenStore;
        this.zoho = zoho;
    }

    public static SandboxFixture start(Vertx vertx) {
        return start(vertx, UnaryOperator.identity(), UnaryOperator.identity(), ZohoAdapters.inMemoryBudget());
    }

    public static SandboxFixture start(
            Vertx vertx,
            UnaryOperator<SandboxOptions> options,
            UnaryOperator<ZohoSettings.Builder> settings,
            ZohoBudget budget) {
        SandboxOptions o = options.apply(SandboxOptions.defaults());
        ZohoSandbox sandbox = ZohoSandbox.start(vertx, o).await();
        RecordingProxy proxy = RecordingProxy.start(vertx, sandbox.baseUrl());
        MirrorClock clock = new MirrorClock(o.timeScale());
        ZohoSettings s = settings.apply(settings(proxy.baseUrl())).build();
        TokenStore store = ZohoAdapters.inMemoryTokenStore();
        return new SandboxFixture(sandbox, proxy, clock, store, ZohoAdapters.create(vertx, s, store, budget, clock));
    }

    public static ZohoSettings.Builder settings(String baseUrl) {
        return ZohoSettings.builder(DataCentre.US, SandboxOptions.DEMO_CLIENT_ID, SandboxOptions.DEMO_CLIENT_SECRET)
                .baseUrl(baseUrl)
                .refreshToken(SandboxOptions.DEMO_REFRESH_TOKEN)
                .booksOrganizationId(SandboxOptions.DEMO_ORGANIZATION_ID)
                .billingOrganizationId(SandboxOptions.DEMO_ORGANIZATION_ID)
                .inventoryOrganizationId(SandboxOptions.DEMO_ORGANIZATION_ID)
                .requestTimeout(Duration.ofSeconds(5));
    }

    /** Moves the sandbox's clock and the adapter's together. */
    public void advance(Duration d) {
        sandbox.control().advanceClock(d);
        clock.advance(d);
    }

    @Override
    public void close() {
        zoho.close();
        proxy.close();
        sandbox.close().await();
    }
}
