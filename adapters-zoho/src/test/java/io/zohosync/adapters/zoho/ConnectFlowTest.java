package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Customers.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoConnectionState.Status;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConnectFlowTest {

    private static final String CALLBACK = "https://sync.example.com/admin/zoho/callback";
    private ZohoSandbox sandbox;
    private ZohoAdapters zoho;
    private WebClient browser;

    @BeforeEach
    void start(Vertx vertx) {
        sandbox = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await();
        ZohoSettings settings = ZohoSettings.builder(
                        DataCentre.US, SandboxOptions.DEMO_CLIENT_ID, SandboxOptions.DEMO_CLIENT_SECRET)
                .baseUrl(sandbox.baseUrl())
                .redirectUri(CALLBACK)
                .booksOrganizationId(SandboxOptions.DEMO_ORGANIZATION_ID)
                .requestTimeout(Duration.ofSeconds(2))
                .build();
        zoho = ZohoAdapters.create(vertx, settings, ZohoAdapters.inMemoryTokenStore());
        browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    }

    @AfterEach
    void stop() {
        zoho.close();
        browser.close();
        sandbox.close().await();
    }

    @Test
    void theAuthorizeUrlAsksForOfflineAccessConsentAndTheProductsScopes() {
        URI url = URI.create(zoho.authorization()
                .authorizeUrl("state-1", EnumSet.of(ZohoProduct.BOOKS, ZohoProduct.CRM, ZohoProduct.INVENTORY)));
        MultiMap query = query(url);

        assertThat(url.getPath()).isEqualTo("/oauth/v2/auth");
        assertThat(query.get("access_type")).isEqualTo("offline");
        assertThat(query.get("prompt")).isEqualTo("consent");
        assertThat(query.get("response_type")).isEqualTo("code");
        assertThat(query.get("state")).isEqualTo("state-1");
        assertThat(query.get("redirect_uri")).isEqualTo(CALLBACK);
        assertThat(query.get("scope").split(","))
                .contains("ZohoBooks.contacts.ALL", "ZohoBooks.invoices.ALL", "ZohoBooks.settings.ALL")
                // inquiries become leads, notes or tasks; stock moves as adjustments of Inventory's items
                .contains(
                        "ZohoCRM.modules.leads.ALL",
                        "ZohoCRM.modules.notes.ALL",
                        "ZohoCRM.modules.tasks.ALL",
                        "ZohoInventory.inventoryadjustments.ALL")
                .doesNotContain("ZohoSubscriptions.customers.ALL");
    }

    @Test
    void withoutATokenTheConnectionIsNotConnectedAndCallsAreRefused() {
        assertThat(zoho.connection().state().status()).isEqualTo(Status.NOT_CONNECTED);
        assertThat(zoho.connection().state().usable()).isFalse();
        assertThat(zoho.contacts().findByName("x").await()).isInstanceOf(ZohoOutcome.AuthFailure.class);
    }

    @Test
    void theCallbacksCodeIsExchangedAtItsAccountsServerAndTheConnectionWorks() {
        MultiMap callback = consent();

        ZohoOutcome<ZohoConnectionState> connected = zoho.authorization()
                .connect(callback.get("code"), callback.get("location"), callback.get("accounts-server"))
                .await();

        assertThat(connected)
                .isInstanceOfSatisfying(
                        ZohoOutcome.Success.class,
                        s -> assertThat(((ZohoConnectionState) s.value()).status())
                                .isEqualTo(Status.CONNECTED));
        assertThat(Customers.createContact(
                                zoho.contacts(), customer(UUID.randomUUID().toString()))
                        .await())
                .isInstanceOf(ZohoOutcome.Success.class);
        assertThat(sandbox.inspect().tokenRefreshes()).isZero();
    }

    @Test
    void aCodeUsedTwiceIsRefused() {
        MultiMap callback = consent();
        zoho.authorization()
                .connect(callback.get("code"), callback.get("location"), callback.get("accounts-server"))
                .await();

        ZohoOutcome<ZohoConnectionState> again = zoho.authorization()
                .connect(callback.get("code"), callback.get("location"), callback.get("accounts-server"))
                .await();

        assertThat(again)
                .isInstanceOfSatisfying(
                        ZohoOutcome.AuthFailure.class,
                        a -> assertThat(a.message()).contains("invalid_code"));
    }

    @Test
    void anAccountsServerThatIsNotZohosNeverSeesTheClientSecret() {
        int before = sandbox.inspect().calls("POST /oauth/v2/token");

        ZohoOutcome<ZohoConnectionState> outcome = zoho.authorization()
                .connect("1000.abc", "us", "https://accounts.evil.example")
                .await();

        assertThat(outcome).isInstanceOf(ZohoOutcome.Validation.class);
        assertThat(sandbox.inspect().calls("POST /oauth/v2/token")).isEqualTo(before);
    }

    /** Plays the admin's browser: opens the consent page; the sandbox consents and redirects to the callback. */
    private MultiMap consent() {
        String location = browser.getAbs(zoho.authorization().authorizeUrl("s", EnumSet.of(ZohoProduct.BOOKS)))
                .send()
                .await()
                .getHeader("Location");
        assertThat(location).startsWith(CALLBACK);
        return query(URI.create(location));
    }

    private static MultiMap query(URI uri) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.add(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }
}
