package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.await;
import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class StrictModeTest {
    private SandboxClient client;
    private String token;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults().withStrict(true));
        token = client.accessToken();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void undocumentedQueryParameterIsRefused() {
        HttpResponse<Buffer> refused =
                send(client.books(HttpMethod.GET, "/contacts", token).addQueryParam("emails", "a@b.c"));
        HttpResponse<Buffer> documented =
                send(client.books(HttpMethod.GET, "/contacts", token).addQueryParam("email_contains", "a@b"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("query parameter emails");
        assertThat(documented.statusCode()).isEqualTo(200);
    }

    @Test
    void bodyOnAnOperationThatTakesNoneIsRefused() {
        String contactId = send(
                        client.books(HttpMethod.POST, "/contacts", token), new JsonObject().put("contact_name", "A"))
                .bodyAsJsonObject()
                .getJsonObject("contact")
                .getString("contact_id");
        String invoiceId = send(
                        client.books(HttpMethod.POST, "/invoices", token),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put(
                                        "line_items",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("name", "Setup")
                                                        .put("rate", 5))))
                .bodyAsJsonObject()
                .getJsonObject("invoice")
                .getString("invoice_id");

        HttpResponse<Buffer> refused =
                send(client.books(HttpMethod.POST, "/invoices/" + invoiceId + "/status/sent", token), new JsonObject());
        HttpResponse<Buffer> accepted =
                send(client.books(HttpMethod.POST, "/invoices/" + invoiceId + "/status/sent", token));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("request body");
        assertThat(accepted.statusCode()).isEqualTo(200);
    }

    @Test
    void bearerTokensAreRefusedOnlyInStrictMode() {
        HttpResponse<Buffer> strict = bearer();
        client.sandbox.control().strict(false);
        HttpResponse<Buffer> lenient = bearer();

        assertThat(strict.statusCode()).isEqualTo(401);
        assertThat(lenient.statusCode()).isEqualTo(200);
    }

    private HttpResponse<Buffer> bearer() {
        return await(client.web
                .get("/books/v3/contacts")
                .putHeader("Authorization", "Bearer " + token)
                .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                .send());
    }
}
