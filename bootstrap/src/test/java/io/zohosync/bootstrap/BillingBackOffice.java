package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.net.URI;
import java.util.List;

/** The sandbox's Billing API as a person in Zoho's back office reads it (and the tests look behind the service). */
final class BillingBackOffice {

    private final WebClient web;
    private String token;

    BillingBackOffice(Vertx vertx, ZohoSandbox zoho) throws Exception {
        URI base = URI.create(zoho.baseUrl());
        this.web = WebClient.create(
                vertx,
                new io.vertx.ext.web.client.WebClientOptions()
                        .setDefaultHost(base.getHost())
                        .setDefaultPort(base.getPort()));
        this.token = token();
    }

    /** A fresh access token (the sandbox's clock may have run past the last one's hour). */
    private String token() throws Exception {
        return await(web.post("/oauth/v2/token")
                        .sendForm(MultiMap.caseInsensitiveMultiMap()
                                .add("grant_type", "refresh_token")
                                .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                                .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                                .add("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN)))
                .bodyAsJsonObject()
                .getString("access_token");
    }

    JsonObject get(String path) throws Exception {
        return call(HttpMethod.GET, path, null);
    }

    JsonObject call(HttpMethod method, String path, JsonObject body) throws Exception {
        HttpResponse<Buffer> response = send(method, path, body);
        if (response.statusCode() == 401) {
            token = token();
            response = send(method, path, body);
        }
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isBetween(200, 201);
        return response.bodyAsJsonObject();
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) throws Exception {
        var request = web.request(method, "/billing/v1" + path)
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .putHeader("X-com-zoho-subscriptions-organizationid", SandboxOptions.DEMO_ORGANIZATION_ID);
        return await(body == null ? request.send() : request.sendJsonObject(body));
    }

    /** The types of the events Billing raised about subscription {@code subscriptionId}, oldest first. */
    List<String> eventsOf(String subscriptionId) throws Exception {
        List<String> types = new java.util.ArrayList<>();
        for (Object row : get("/events").getJsonArray("events")) {
            JsonObject event =
                    get("/events/" + ((JsonObject) row).getString("event_id")).getJsonObject("event");
            if (event.getString("payload", "").contains("\"subscription_id\":\"" + subscriptionId + "\"")) {
                types.add(0, event.getString("event_type"));
            }
        }
        return types;
    }
}
