package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.await;
import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
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
    void anUndocumentedQueryParameterSentEmptyIsLetThrough() {
        HttpResponse<Buffer> empty = send(client.books(HttpMethod.GET, "/contacts", token)
                .addQueryParam("status", "")
                .addQueryParam("last_modified_time", ""));
        HttpResponse<Buffer> given =
                send(client.books(HttpMethod.GET, "/contacts", token).addQueryParam("status", "active"));

        assertThat(empty.statusCode()).as(empty.bodyAsString()).isEqualTo(200);
        assertThat(given.statusCode()).isEqualTo(400);
        assertThat(given.bodyAsJsonObject().getString("message")).contains("query parameter status");
    }

    @Test
    void aFormOperationTakesItsFieldsFormEncodedOnly() {
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

        HttpResponse<Buffer> json = send(
                client.books(HttpMethod.POST, "/invoices/status/sent", token),
                new JsonObject().put("invoice_ids", invoiceId));
        HttpResponse<Buffer> unknownField = await(client.books(HttpMethod.POST, "/invoices/status/sent", token)
                .sendForm(MultiMap.caseInsensitiveMultiMap()
                        .add("invoice_ids", invoiceId)
                        .add("send_email", "true")));
        HttpResponse<Buffer> form = await(client.books(HttpMethod.POST, "/invoices/status/sent", token)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .sendBuffer(Buffer.buffer("invoice_ids=" + invoiceId)));

        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.bodyAsJsonObject().getString("message")).contains("Content-Type application/json");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.bodyAsJsonObject().getString("message")).contains("form field send_email");
        assertThat(form.statusCode()).as(form.bodyAsString()).isEqualTo(200);
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

    @Test
    void jsonBodiesAreTakenUnderTheContentTypesZohosClientsSendAndOthersRefused() {
        JsonObject contact = new JsonObject().put("contact_name", "Typed");

        HttpResponse<Buffer> javaSdk = withType("text/plain; charset=UTF-8", contact.put("contact_name", "Java SDK"));
        HttpResponse<Buffer> pyZohoApi = withType(null, contact.put("contact_name", "pyZohoAPI"));
        HttpResponse<Buffer> json = withType("application/json; charset=UTF-8", contact.put("contact_name", "JSON"));
        HttpResponse<Buffer> xml = withType("application/xml", contact.put("contact_name", "XML"));
        HttpResponse<Buffer> notJson = await(client.books(HttpMethod.POST, "/contacts", token)
                .putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("contact_name=plain")));

        assertThat(List.of(javaSdk.statusCode(), pyZohoApi.statusCode(), json.statusCode()))
                .containsOnly(201);
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(xml.bodyAsJsonObject().getString("message")).contains("Content-Type application/xml");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.bodyAsJsonObject().getInteger("code")).isEqualTo(14);
    }

    /** A JSON body sent with {@code type} as its Content-Type, or with none when null. */
    private HttpResponse<Buffer> withType(String type, JsonObject body) {
        var request = client.books(HttpMethod.POST, "/contacts", token);
        if (type != null) request.putHeader("Content-Type", type);
        return await(request.sendBuffer(body.toBuffer()));
    }

    private HttpResponse<Buffer> bearer() {
        return await(client.web
                .get("/books/v3/contacts")
                .putHeader("Authorization", "Bearer " + token)
                .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                .send());
    }
}
