package io.zohosync.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15: the extension registered in a static field with any {@link SandboxOptions}, on the user's Vert.x, not
 * reset between tests, so the tests of a scenario build on one another.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisteredExtensionTest {
    private static final Vertx VERTX = Vertx.vertx();

    @RegisterExtension
    static final ZohoSandboxExtension ZOHO = ZohoSandboxExtension.withOptions(SandboxOptions.defaults()
                    .withCredentials(
                            "1000.SCENARIOCLIENT",
                            "scenario-secret",
                            "1000.00000000000000000000000000000001.00000000000000000000000000000002")
                    .withLatency(Duration.ofMillis(20)))
            .onVertx(VERTX)
            .resetBetweenTests(false);

    private static String token;
    private static String contactId;

    @AfterAll
    static void closeVertx() {
        VERTX.close().await();
    }

    @Test
    @Order(1)
    void aContactIsCreated() {
        ZohoSandbox sandbox = ZOHO.sandbox();
        ZohoHttp client = new ZohoHttp(sandbox.baseUrl(), sandbox.organizationId());
        token = client.accessToken("1000.SCENARIOCLIENT", "scenario-secret", sandbox.refreshToken());

        ZohoHttp.Answer created = client.createContact(token, "Grace Hopper", "grace@example.com");

        assertThat(created.status()).isEqualTo(201);
        contactId = created.json().getJsonObject("contact").getString("contact_id");
    }

    @Test
    @Order(2)
    void theNextTestReadsItBackFromTheSameSandbox(ZohoSandbox sandbox) {
        assertThat(sandbox).isSameAs(ZOHO.sandbox());
        ZohoHttp client = new ZohoHttp(sandbox.baseUrl(), sandbox.organizationId());
        long started = System.nanoTime();

        ZohoHttp.Answer read = client.getContact(token, contactId);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().getJsonObject("contact").getString("contact_name"))
                .isEqualTo("Grace Hopper");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        assertThat(sandbox.inspect().calls("POST /books/v3/contacts")).isEqualTo(1);
    }
}
