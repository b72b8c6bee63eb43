package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoDayCount;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.core.Limit;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15: another integration spends part of the organization's day directly in Zoho. The service's own budget
 * allows 900 calls a day, Zoho 40; Books tells its count in every answer, the budget follows it, and the service
 * stops before Zoho refuses — no 429 code 45 — then goes on once Zoho's day has reset.
 */
@ExtendWith(VertxExtension.class)
class ZohosOwnCountTest {

    private static final int ZOHO_PER_DAY = 40;
    private static final int SPENT_ELSEWHERE = 25;
    private static final ZohoApiLimits LIMITS = ZohoApiLimits.defaults(ZohoProduct.BOOKS);
    private SandboxFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(
                vertx,
                o -> o.withBooksPerMinute(10_000).withDailyLimit(ZOHO_PER_DAY),
                s -> s,
                ZohoAdapters.inMemoryBudget());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void callsAnotherIntegrationMakesAreCountedAndTheServiceStopsBeforeZohoRefuses(Vertx vertx) {
        assertThat(fx.zoho.contacts().findByName("first").await()).isInstanceOf(ZohoOutcome.Success.class);
        spendElsewhere(vertx, SPENT_ELSEWHERE);

        int made = 0;
        ZohoOutcome<?> outcome;
        while ((outcome = fx.zoho.contacts().findByName("again").await()) instanceof ZohoOutcome.Success<?>) {
            made++;
        }

        assertThat(outcome).isInstanceOfSatisfying(ZohoOutcome.RateLimited.class, limited -> {
            assertThat(limited.scope()).isEqualTo(Scope.DAY);
            assertThat(limited.retryAfter()).isBetween(Duration.ofHours(23), Duration.ofDays(1));
        });
        assertThat(fx.sandbox.inspect().tooManyRequests(Limit.PER_DAY)).isZero();
        // it stops with as many calls left as could still be in flight unseen: never beyond Zoho's count
        int left = LIMITS.concurrency() - 1;
        assertThat(made).isEqualTo(ZOHO_PER_DAY - 1 - SPENT_ELSEWHERE - left);
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(ZOHO_PER_DAY - left);

        fx.advance(((ZohoOutcome.RateLimited<?>) outcome).retryAfter());
        assertThat(fx.zoho.contacts().findByName("next day").await()).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(fx.sandbox.inspect().tooManyRequests()).isZero();
    }

    @Test
    void anAnswerIsReadWithoutWaitingForZohosCountToBeStored(Vertx vertx) throws Exception {
        ZohoBudget memory = ZohoAdapters.inMemoryBudget();
        List<ZohoDayCount> told = new CopyOnWriteArrayList<>();
        Promise<Void> stored = Promise.promise();
        // a budget whose store of Zoho's count has not ended yet
        ZohoBudget slowToStore = (ZohoBudget) Proxy.newProxyInstance(
                ZohoBudget.class.getClassLoader(), new Class<?>[] {ZohoBudget.class}, (proxy, method, args) -> {
                    if (method.getName().equals("zohoCount")) {
                        told.add((ZohoDayCount) args[2]);
                        return stored.future();
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SandboxFixture slow = SandboxFixture.start(
                vertx, o -> o.withBooksPerMinute(10_000).withDailyLimit(ZOHO_PER_DAY), s -> s, slowToStore);
        try {
            assertThat(slow.zoho.contacts().findByName("first").await(10, TimeUnit.SECONDS))
                    .isInstanceOf(ZohoOutcome.Success.class);
            assertThat(told).as("the count was told to the budget").hasSize(1);
            assertThat(told.get(0).remaining()).isEqualTo(ZOHO_PER_DAY - 1);
            assertThat(stored.future().isComplete())
                    .as("the answer was read before it was stored")
                    .isFalse();
        } finally {
            stored.complete();
            slow.close();
        }
    }

    /** Another integration of the organization, with a token of its own, straight at Zoho. */
    private void spendElsewhere(Vertx vertx, int calls) {
        WebClient other = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
        try {
            String token = other.postAbs(fx.sandbox.baseUrl() + "/oauth/v2/token")
                    .sendForm(MultiMap.caseInsensitiveMultiMap()
                            .add("grant_type", "refresh_token")
                            .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                            .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                            .add("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN))
                    .await()
                    .bodyAsJsonObject()
                    .getString("access_token");
            for (int i = 0; i < calls; i++) {
                int status = other.getAbs(fx.sandbox.baseUrl() + "/books/v3/contacts")
                        .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                        .putHeader("Authorization", "Zoho-oauthtoken " + token)
                        .send()
                        .await()
                        .statusCode();
                assertThat(status).isEqualTo(200);
            }
        } finally {
            other.close();
        }
    }
}
