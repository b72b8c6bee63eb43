package io.zohosync.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.RunningSandbox;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.Fault;
import org.junit.jupiter.api.Test;

/** Issue 15: {@code ZohoSandbox.startBlocking} for code without Vert.x, used the way a user's test would, over real HTTP. */
class BlockingStartTest {

    @Test
    void aClientConfiguredFromTheAccessorsRefreshesCreatesAndReadsBackAContact() {
        int port;
        try (RunningSandbox zoho = ZohoSandbox.startBlocking(SandboxOptions.defaults())) {
            port = zoho.port();
            assertThat(zoho.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(zoho.tokenUrl()).isEqualTo(zoho.baseUrl() + "/oauth/v2/token");
            ZohoHttp client = new ZohoHttp(zoho.baseUrl(), zoho.organizationId());
            String token = client.accessToken(zoho.clientId(), zoho.clientSecret(), zoho.refreshToken());

            ZohoHttp.Answer created = client.createContact(token, "Ada Lovelace", "ada@example.com");
            assertThat(created.status()).isEqualTo(201);
            String id = created.json().getJsonObject("contact").getString("contact_id");
            ZohoHttp.Answer read = client.getContact(token, id);

            assertThat(read.status()).isEqualTo(200);
            JsonObject contact = read.json().getJsonObject("contact");
            assertThat(contact.getString("contact_name")).isEqualTo("Ada Lovelace");
            assertThat(contact.getJsonArray("contact_persons").getJsonObject(0).getString("email"))
                    .isEqualTo("ada@example.com");
            assertThat(zoho.inspect().recordsFor("ada@example.com")).hasSize(1);
            assertThat(zoho.inspect().tokenRefreshes()).isEqualTo(1);

            zoho.control().failNext(Fault.SERVER_ERROR, 1);
            assertThat(client.getContact(token, id).status()).isEqualTo(500);
        }
        assertThat(ZohoHttp.stopsListening(port))
                .as("closing stopped the sandbox")
                .isTrue();
    }

    @Test
    void theOptionsNameTheCredentialsAndOrganizationAClientIsGiven() {
        SandboxOptions options = SandboxOptions.defaults()
                .withCredentials(
                        "1000.MYCLIENT",
                        "my-secret",
                        "1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210")
                .withOrganizationId("777");
        try (RunningSandbox zoho = ZohoSandbox.startBlocking(options)) {
            assertThat(zoho.sandbox().options()).isEqualTo(options);
            assertThat(zoho.clientId()).isEqualTo("1000.MYCLIENT");
            assertThat(zoho.organizationId()).isEqualTo("777");
            ZohoHttp client = new ZohoHttp(zoho.baseUrl(), zoho.organizationId());
            assertThat(client.refresh(SandboxOptions.DEMO_CLIENT_ID, "sandbox-demo-secret", zoho.refreshToken())
                            .json()
                            .getString("error"))
                    .isEqualTo("invalid_client");

            String token = client.accessToken(zoho.clientId(), zoho.clientSecret(), zoho.refreshToken());

            assertThat(client.get(token, "/contacts").status()).isEqualTo(200);
            assertThat(new ZohoHttp(zoho.baseUrl(), SandboxOptions.DEMO_ORGANIZATION_ID)
                            .get(token, "/contacts")
                            .status())
                    .as("another organization")
                    .isEqualTo(400);
        }
    }

    @Test
    void aPortInUseFailsTheStart() {
        try (RunningSandbox first = ZohoSandbox.startBlocking(SandboxOptions.defaults())) {
            assertThatThrownBy(() ->
                            ZohoSandbox.startBlocking(SandboxOptions.defaults().withPort(first.port())))
                    .hasMessageContaining("Address already in use");
            ZohoHttp client = new ZohoHttp(first.baseUrl(), first.organizationId());
            assertThat(client.refresh(first.clientId(), first.clientSecret(), first.refreshToken())
                            .json()
                            .getString("access_token"))
                    .as("the sandbox on that port still answers")
                    .isNotNull();
        }
    }
}
