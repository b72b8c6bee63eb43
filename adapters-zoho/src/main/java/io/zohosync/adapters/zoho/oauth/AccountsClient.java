package io.zohosync.adapters.zoho.oauth;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * WebClient adapter for Zoho Accounts' token endpoint. Zoho departs from RFC 6749 here (errors and the
 * throttle come back with HTTP 200, {@code api_domain} rides along), so both grants are sent by hand.
 */
public final class AccountsClient {

    /** What the token endpoint answered; tokens never appear in {@code toString}. */
    sealed interface Answer {
        record Issued(String accessToken, String refreshToken, String apiDomain, Duration expiresIn) implements Answer {
            @Override
            public String toString() {
                return "Issued[apiDomain=" + apiDomain + ", expiresIn=" + expiresIn + "]";
            }
        }

        /** Zoho's "Access Denied" body: too many token requests in its ten-minute window. */
        record Throttled(String description) implements Answer {}

        /** The grant is no good (invalid_code, invalid_client, ...): only a reconnect helps. */
        record Rejected(String error) implements Answer {}

        /** No answer we can use (5xx, timeout, connection reset, unreadable body). */
        record Failed(String message) implements Answer {}
    }

    private final WebClient client;
    private final String clientId;
    private final String clientSecret;
    private final long timeoutMillis;

    public AccountsClient(WebClient client, OAuthSettings settings) {
        this.client = client;
        this.clientId = settings.clientId();
        this.clientSecret = settings.clientSecret();
        this.timeoutMillis = settings.requestTimeout().toMillis();
    }

    Future<Answer> refresh(String accountsServer, String refreshToken) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "refresh_token")
                .add("client_id", clientId)
                .add("client_secret", clientSecret)
                .add("refresh_token", refreshToken);
        return post(accountsServer, form);
    }

    Future<Answer> exchange(String accountsServer, String code, String redirectUri) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("client_id", clientId)
                .add("client_secret", clientSecret)
                .add("code", code);
        if (redirectUri != null) {
            form.add("redirect_uri", redirectUri);
        }
        return post(accountsServer, form);
    }

    private Future<Answer> post(String accountsServer, MultiMap form) {
        return client.postAbs(accountsServer + "/oauth/v2/token")
                .idleTimeout(timeoutMillis)
                .sendForm(form)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .map(AccountsClient::read)
                .otherwise(e -> new Answer.Failed(
                        "Zoho Accounts unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage()));
    }

    static Answer read(HttpResponse<Buffer> response) {
        JsonObject body;
        try {
            Buffer raw = response.body();
            body = raw == null || raw.length() == 0 ? new JsonObject() : raw.toJsonObject();
        } catch (DecodeException e) {
            return new Answer.Failed(
                    "Zoho Accounts answered HTTP " + response.statusCode() + " with a body that is not JSON");
        }
        String error = body.getString("error");
        if (body.getString("access_token") != null && error == null) {
            // older answers carry expires_in_sec, and then expires_in is in milliseconds (zoho-api.md §1.3)
            long seconds = body.containsKey("expires_in_sec")
                    ? body.getLong("expires_in_sec")
                    : body.getLong("expires_in", 3600L);
            return new Answer.Issued(
                    body.getString("access_token"),
                    body.getString("refresh_token"),
                    body.getString("api_domain"),
                    Duration.ofSeconds(seconds));
        }
        if ("Access Denied".equalsIgnoreCase(error) || response.statusCode() == 429) {
            return new Answer.Throttled(body.getString("error_description", "too many token requests"));
        }
        if (response.statusCode() >= 500 || error == null) {
            return new Answer.Failed(
                    "Zoho Accounts answered HTTP " + response.statusCode() + (error == null ? "" : " " + error));
        }
        return new Answer.Rejected(error);
    }
}
