package io.zohosync.adapters.zoho.oauth;

import static io.zohosync.adapters.zoho.Customers.customer;
import static io.zohosync.adapters.zoho.Outcomes.concurrently;
import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.zoho.Customers;
import io.zohosync.adapters.zoho.LogCapture;
import io.zohosync.adapters.zoho.SandboxFixture;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoConnectionState.Circuit;
import io.zohosync.ports.out.zoho.ZohoConnectionState.Status;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoTokens;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connection's access token against the sandbox's Accounts: one refresh at a time, Zoho's throttle, refusals and revocations. */
@ExtendWith(VertxExtension.class)
class OAuthTokensTest {

    private SandboxFixture fx;
    private final LogCapture logs = new LogCapture();

    private void start(Vertx vertx) {
        fx = SandboxFixture.start(
                vertx,
                o -> o.withConcurrency(200),
                s -> s.limits(ZohoProduct.BOOKS, new ZohoApiLimits(1000, 10_000, 200)),
                ZohoAdapters.inMemoryBudget());
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
        assertThat(logs.lines()).noneMatch(line -> line.contains("1000.") && !line.contains("1000.SANDBOX"));
        logs.close();
    }

    @Test
    void tenConcurrentCallersHoldingAnExpiredTokenCauseExactlyOneRefresh(Vertx vertx) {
        start(vertx);
        ZohoContact contact = success(Customers.createContact(
                fx.zoho.contacts(), customer(UUID.randomUUID().toString())));
        fx.advance(Duration.ofMinutes(61));

        List<ZohoOutcome<ZohoContact>> outcomes =
                concurrently(10, () -> fx.zoho.contacts().get(contact.contactId()));

        assertThat(outcomes).allMatch(o -> o instanceof ZohoOutcome.Success);
        assertThat(fx.sandbox.inspect().tokenRefreshes()).isEqualTo(2);
    }

    @Test
    void tenConcurrentCallersRefusedWithHttp401CauseExactlyOneRefresh(Vertx vertx) {
        start(vertx);
        ZohoContact contact = success(Customers.createContact(
                fx.zoho.contacts(), customer(UUID.randomUUID().toString())));
        fx.sandbox.control().expireAccessTokens();

        List<ZohoOutcome<ZohoContact>> outcomes =
                concurrently(10, () -> fx.zoho.contacts().get(contact.contactId()));

        assertThat(outcomes).allMatch(o -> o instanceof ZohoOutcome.Success);
        assertThat(fx.sandbox.inspect().tokenRefreshes()).isEqualTo(2);
    }

    @Test
    void twoInstancesSharingATokenStoreRefreshOnceBetweenThem(Vertx vertx) {
        start(vertx);
        ZohoAdapters other = ZohoAdapters.create(
                vertx,
                SandboxFixture.settings(fx.proxy.baseUrl())
                        .limits(ZohoProduct.BOOKS, new ZohoApiLimits(1000, 10_000, 200))
                        .build(),
                fx.tokenStore,
                ZohoAdapters.inMemoryBudget(),
                fx.clock);
        try {
            success(fx.zoho.contacts().findByName("nobody"));
            success(other.contacts().findByName("nobody"));
            assertThat(fx.sandbox.inspect().tokenRefreshes()).isEqualTo(1);
            fx.advance(Duration.ofMinutes(61));

            List<ZohoOutcome<List<ZohoContact>>> outcomes =
                    new ArrayList<>(concurrently(10, () -> fx.zoho.contacts().findByName("nobody")));
            outcomes.addAll(concurrently(10, () -> other.contacts().findByName("nobody")));

            assertThat(outcomes).allMatch(o -> o instanceof ZohoOutcome.Success);
            assertThat(fx.sandbox.inspect().tokenRefreshes()).isEqualTo(2);
        } finally {
            other.close();
        }
    }

    @Test
    void aRestartedInstanceReportsTheStoredStateBeforeItsFirstCall(Vertx vertx) {
        start(vertx);
        fx.sandbox.control().revoke(SandboxOptions.DEMO_REFRESH_TOKEN);
        fx.zoho.contacts().findByName("nobody").await();
        ZohoAdapters restarted = ZohoAdapters.create(
                vertx,
                SandboxFixture.settings(fx.proxy.baseUrl()).build(),
                fx.tokenStore,
                ZohoAdapters.inMemoryBudget(),
                fx.clock);
        try {
            assertThat(restarted.connection().state().status()).isEqualTo(Status.CONNECTED);
            assertThat(restarted.loadConnection().await().status()).isEqualTo(Status.RECONNECT_NEEDED);
        } finally {
            restarted.close();
        }
    }

    @Test
    void aRestartAgainstAnotherConfiguredAccountsUrlRefreshesThereNotAtTheServerStoredWithTheTokens(Vertx vertx) {
        start(vertx);
        success(fx.zoho.contacts().findByName("nobody")); // the tokens are stored, naming this sandbox's accounts
        ZohoSandbox moved = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await(); // the built-in one, restarted
        ZohoAdapters restarted = ZohoAdapters.create(
                vertx,
                SandboxFixture.settings(moved.baseUrl()).build(),
                fx.tokenStore,
                ZohoAdapters.inMemoryBudget(),
                fx.clock);
        try {
            fx.advance(Duration.ofMinutes(61));

            success(restarted.contacts().findByName("nobody"));

            assertThat(moved.inspect().tokenRefreshes()).isEqualTo(1);
            assertThat(fx.sandbox.inspect().tokenRefreshes()).isEqualTo(1);
        } finally {
            restarted.close();
            moved.close().await();
        }
    }

    @Test
    void aHundredCallsNeedingTokensNeverReachZohosThrottle(Vertx vertx) {
        start(vertx);
        List<ZohoOutcome<List<ZohoContact>>> outcomes = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            fx.sandbox.control().expireAccessTokens();
            outcomes.addAll(concurrently(10, () -> fx.zoho.contacts().findByName("nobody")));
        }

        assertThat(fx.sandbox.inspect().tokenRefreshes()).isEqualTo(OAuthTokens.MAX_REFRESHES_PER_WINDOW);
        assertThat(fx.sandbox.inspect().tokenRefreshesDenied()).isZero();
        assertThat(outcomes).filteredOn(o -> o instanceof ZohoOutcome.Success).hasSize(90);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof ZohoOutcome.RateLimited<?> r && r.scope() == Scope.TOKEN_REFRESH)
                .hasSize(10);
        assertThat(fx.zoho.connection().state().status()).isEqualTo(Status.COOLING_DOWN);

        fx.advance(Duration.ofMinutes(10));
        assertThat(fx.zoho.contacts().findByName("nobody").await()).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(fx.zoho.connection().state().status()).isEqualTo(Status.CONNECTED);
    }

    @Test
    void zohosAccessDeniedAnswerIsAThrottleThatCoolsDownWithoutAskingAgain(Vertx vertx) {
        start(vertx);
        exhaustRefreshThrottle(vertx);
        int tokenCalls = fx.sandbox.inspect().calls("POST /oauth/v2/token");

        ZohoOutcome<List<ZohoContact>> first =
                fx.zoho.contacts().findByName("nobody").await();
        ZohoOutcome<List<ZohoContact>> second =
                fx.zoho.contacts().findByName("nobody").await();

        assertThat(first).isInstanceOfSatisfying(ZohoOutcome.RateLimited.class, r -> {
            assertThat(r.scope()).isEqualTo(Scope.TOKEN_REFRESH);
            assertThat(r.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
        });
        assertThat(second).isInstanceOf(ZohoOutcome.RateLimited.class);
        assertThat(fx.sandbox.inspect().calls("POST /oauth/v2/token")).isEqualTo(tokenCalls + 1);
        assertThat(fx.zoho.connection().state().status()).isEqualTo(Status.COOLING_DOWN);

        fx.advance(Duration.ofMinutes(10));
        assertThat(fx.zoho.contacts().findByName("nobody").await()).isInstanceOf(ZohoOutcome.Success.class);
    }

    @Test
    void aTokenZohoRefusedIsNeverSentAgainNotDuringTheRefreshCoolDownNorAfterIt(Vertx vertx) {
        start(vertx);
        success(fx.zoho.contacts().findByName("nobody"));
        String refused = fx.proxy.sent.get(fx.proxy.sent.size() - 1).headers().get("authorization");
        exhaustRefreshThrottle(vertx);
        fx.sandbox.control().revoke(refused.substring("Zoho-oauthtoken ".length()));

        ZohoOutcome<List<ZohoContact>> refusedCall =
                fx.zoho.contacts().findByName("nobody").await();
        ZohoOutcome<List<ZohoContact>> coolingDown =
                fx.zoho.contacts().findByName("nobody").await();
        Optional<ZohoTokens> stored = fx.tokenStore.load("default").await();
        fx.advance(Duration.ofMinutes(10));
        ZohoOutcome<List<ZohoContact>> afterCoolDown =
                fx.zoho.contacts().findByName("nobody").await();

        assertThat(refusedCall)
                .isInstanceOfSatisfying(
                        ZohoOutcome.RateLimited.class,
                        r -> assertThat(r.scope()).isEqualTo(Scope.TOKEN_REFRESH));
        assertThat(coolingDown)
                .isInstanceOfSatisfying(
                        ZohoOutcome.RateLimited.class,
                        r -> assertThat(r.scope()).isEqualTo(Scope.TOKEN_REFRESH));
        assertThat(afterCoolDown).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(fx.proxy.sent)
                .filteredOn(s -> refused.equals(s.headers().get("authorization")))
                .as("calls carrying the refused token: the one that succeeded and the one Zoho refused")
                .hasSize(2);
        assertThat(stored)
                .hasValueSatisfying(t -> assertThat(t.accessToken())
                        .as("the refused token, as stored for other instances")
                        .isNotEqualTo(refused.substring("Zoho-oauthtoken ".length())));
    }

    @Test
    void aRevokedRefreshTokenMeansReconnectNeeded(Vertx vertx) {
        start(vertx);
        fx.sandbox.control().revoke(SandboxOptions.DEMO_REFRESH_TOKEN);

        ZohoOutcome<List<ZohoContact>> outcome =
                fx.zoho.contacts().findByName("nobody").await();
        int tokenCalls = fx.sandbox.inspect().calls("POST /oauth/v2/token");
        ZohoOutcome<List<ZohoContact>> again =
                fx.zoho.contacts().findByName("nobody").await();

        assertThat(outcome).isInstanceOf(ZohoOutcome.AuthFailure.class);
        assertThat(again).isInstanceOf(ZohoOutcome.AuthFailure.class);
        assertThat(fx.sandbox.inspect().calls("POST /oauth/v2/token")).isEqualTo(tokenCalls);
        assertThat(fx.zoho.connection().state().status()).isEqualTo(Status.RECONNECT_NEEDED);
        assertThat(fx.zoho.connection().state().usable()).isFalse();
    }

    @Test
    void aFailedRefreshPausesBeforeTheNextTrySoAnAccountsOutageCannotUseUpTheWindow(Vertx vertx) {
        AtomicInteger tokenCalls = new AtomicInteger();
        HttpServer accounts = vertx.createHttpServer()
                .requestHandler(rq -> {
                    tokenCalls.incrementAndGet();
                    rq.response().setStatusCode(500).end();
                })
                .listen(0, "127.0.0.1")
                .await();
        ZohoAdapters broken = ZohoAdapters.create(
                vertx,
                SandboxFixture.settings("http://127.0.0.1:" + accounts.actualPort())
                        .build(),
                ZohoAdapters.inMemoryTokenStore(),
                ZohoAdapters.inMemoryBudget(),
                Clock.systemUTC());
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(broken.contacts().findByName("nobody").await()).isNotInstanceOf(ZohoOutcome.Success.class);
            }
            assertThat(tokenCalls.get()).isEqualTo(1);
            assertThat(broken.connection().state().coolDownUntil()).isNotNull();
        } finally {
            broken.close();
            accounts.close().await();
        }
    }

    @Test
    void callsThatCannotBeAuthorizedSpendNoBudget(Vertx vertx) {
        fx = SandboxFixture.start(
                vertx,
                o -> o,
                s -> s.limits(ZohoProduct.BOOKS, new ZohoApiLimits(100, 2, 5)),
                ZohoAdapters.inMemoryBudget());
        fx.sandbox.control().revoke(SandboxOptions.DEMO_REFRESH_TOKEN);

        for (int i = 0; i < 5; i++) {
            assertThat(fx.zoho.contacts().findByName("nobody").await())
                    .as("call %d", i)
                    .isInstanceOf(ZohoOutcome.AuthFailure.class);
        }
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isZero();
    }

    @Test
    void aRefreshTokenRevokedWhileAnAccessTokenIsHeldIsFoundOutAtTheNext401(Vertx vertx) {
        start(vertx);
        success(fx.zoho.contacts().findByName("nobody"));
        fx.sandbox.control().revoke(SandboxOptions.DEMO_REFRESH_TOKEN);

        assertThat(fx.zoho.contacts().findByName("nobody").await()).isInstanceOf(ZohoOutcome.AuthFailure.class);
        assertThat(fx.zoho.connection().state().status()).isEqualTo(Status.RECONNECT_NEEDED);
    }

    @Test
    void aTokenStoreThatCannotBeReadIsAnAuthFailureThatNeitherOpensTheBreakerNorCallsZoho(Vertx vertx) {
        start(vertx);
        ZohoAdapters unreadable = ZohoAdapters.create(
                vertx,
                SandboxFixture.settings(fx.proxy.baseUrl())
                        .breaker(2, Duration.ofMinutes(1))
                        .build(),
                new UnreadableTokenStore(),
                ZohoAdapters.inMemoryBudget(),
                fx.clock);
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(unreadable.contacts().findByName("nobody").await())
                        .isInstanceOfSatisfying(
                                ZohoOutcome.AuthFailure.class,
                                a -> assertThat(a.message()).contains("token store", UnreadableTokenStore.CAUSE));
            }
            assertThat(unreadable.connection().state().circuits()).containsEntry(ZohoProduct.BOOKS, Circuit.CLOSED);
            assertThat(fx.proxy.sent).isEmpty();
        } finally {
            unreadable.close();
        }
    }

    /** Tokens nobody can read: the Postgres store's answer after {@code ZSYNC_TOKEN_KEYS} lost the key they were encrypted with. */
    private static final class UnreadableTokenStore implements TokenStore {
        static final String CAUSE = "Zoho tokens are encrypted with key 'x', which is not configured";

        @Override
        public Future<Optional<ZohoTokens>> load(String connectionId) {
            return Future.failedFuture(new IllegalStateException(CAUSE));
        }

        @Override
        public Future<ZohoTokens> update(
                String connectionId, Function<Optional<ZohoTokens>, Future<ZohoTokens>> change) {
            return Future.failedFuture(new IllegalStateException(CAUSE));
        }
    }

    private void exhaustRefreshThrottle(Vertx vertx) {
        WebClient client = WebClient.create(vertx);
        for (int i = 0; i < 10; i++) {
            client.postAbs(fx.sandbox.baseUrl() + "/oauth/v2/token")
                    .sendForm(MultiMap.caseInsensitiveMultiMap()
                            .add("grant_type", "refresh_token")
                            .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                            .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                            .add("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN))
                    .await();
        }
        client.close();
    }
}
