package io.zohosync.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.sandbox.SandboxControl;
import io.zohosync.sandbox.SandboxInspection;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.Fault;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15: {@code @ZohoSandboxTest} as a user writes it: one sandbox for the class with the annotation's options,
 * injected into the constructor and the methods, reset before every test, driven with the JDK's HTTP client.
 */
@ZohoSandboxTest(strict = true, organizationId = "777", booksPerMinute = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeclarativeExtensionTest {
    private static ZohoSandbox first;
    private static String token;

    private final ZohoSandbox sandbox;
    private final ZohoHttp client;

    DeclarativeExtensionTest(ZohoSandbox sandbox) {
        this.sandbox = sandbox;
        this.client = new ZohoHttp(sandbox.baseUrl(), sandbox.organizationId());
    }

    @Test
    @Order(1)
    void aContactIsCreatedAndReadBackUnderTheAnnotationsOptions(SandboxInspection inspect) {
        first = sandbox;
        token = client.accessToken(sandbox.clientId(), sandbox.clientSecret(), sandbox.refreshToken());

        ZohoHttp.Answer created = client.createContact(token, "Ada Lovelace", "ada@example.com");
        String id = created.json().getJsonObject("contact").getString("contact_id");

        assertThat(created.status()).isEqualTo(201);
        assertThat(client.getContact(token, id).json().getJsonObject("contact").getString("contact_name"))
                .isEqualTo("Ada Lovelace");
        assertThat(inspect.recordsFor("ada@example.com")).hasSize(1);
        assertThat(sandbox.organizationId()).isEqualTo("777");
        assertThat(client.get(token, "/contacts?emails=x").status())
                .as("strict: an undocumented parameter")
                .isEqualTo(400);
        assertThat(client.get(token, "/contacts").status())
                .as("the third Books call of the minute (the refused one did not count)")
                .isEqualTo(429);
    }

    @Test
    @Order(2)
    void theNextTestFindsTheSandboxResetOnTheSamePortWithTheTokenStillValid(
            SandboxControl control, SandboxInspection inspect) {
        assertThat(sandbox).isSameAs(first);
        assertThat(inspect.calls()).isEmpty();
        assertThat(inspect.recordsFor("ada@example.com")).isEmpty();

        ZohoHttp.Answer contacts = client.get(token, "/contacts");

        assertThat(contacts.status())
                .as("a fresh minute, and the token of the first test")
                .isEqualTo(200);
        assertThat(contacts.json().getJsonArray("contacts")).isEmpty();
        assertThat(new ZohoHttp(sandbox.baseUrl(), SandboxOptions.DEMO_ORGANIZATION_ID)
                        .get(token, "/contacts")
                        .status())
                .as("organization 10234695 is not this sandbox's")
                .isEqualTo(400);
        control.failNext(Fault.SERVER_ERROR, 1);
        assertThat(client.get(token, "/contacts").status()).isEqualTo(500);
    }

    @Nested
    class WithinANestedClass {
        @Test
        void theEnclosingClassesSandboxIsShared(ZohoSandbox nested) {
            assertThat(nested).isSameAs(sandbox);
            assertThat(nested.inspect().calls())
                    .as("reset before this test too")
                    .isEmpty();
        }
    }
}
