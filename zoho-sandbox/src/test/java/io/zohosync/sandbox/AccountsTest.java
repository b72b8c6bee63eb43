package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.await;
import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AccountsTest {
    /** The shape of Zoho's access and refresh tokens (Zoho's CRM Java SDK slices the last 32 characters). */
    private static final String ZOHO_TOKEN = "1000\\.[0-9a-f]{32}\\.[0-9a-f]{32}";

    private static final String REDIRECT = "http://localhost:8080/oauth/callback";
    private SandboxClient client;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void refreshGrantIssuesABearerTokenForTheSandboxApiDomain() {
        HttpResponse<Buffer> response = client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.fieldNames())
                .containsExactlyInAnyOrder("access_token", "api_domain", "token_type", "expires_in");
        assertThat(body.getString("access_token")).matches(ZOHO_TOKEN);
        assertThat(SandboxOptions.DEMO_REFRESH_TOKEN).matches(ZOHO_TOKEN);
        assertThat(body.getString("api_domain")).isEqualTo(client.sandbox.baseUrl());
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        assertThat(body.getInteger("expires_in")).isEqualTo(3600);
        assertThat(client.sandbox.inspect().tokenRefreshes()).isEqualTo(1);
    }

    @Test
    void refreshGrantAcceptsItsParametersInTheQueryString() {
        HttpResponse<Buffer> response = await(client.web
                .post("/oauth/v2/token")
                .addQueryParam("grant_type", "refresh_token")
                .addQueryParam("client_id", SandboxOptions.DEMO_CLIENT_ID)
                .addQueryParam("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                .addQueryParam("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN)
                .send());

        assertThat(response.bodyAsJsonObject().getString("access_token")).startsWith("1000.");
    }

    @Test
    void wrongSecretIsInvalidClientAndUnknownRefreshTokenIsInvalidCode() {
        HttpResponse<Buffer> wrongSecret = await(client.web
                .post("/oauth/v2/token")
                .sendForm(MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "refresh_token")
                        .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                        .add("client_secret", "nope")
                        .add("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN)));
        HttpResponse<Buffer> unknown = client.refresh("1000.unknown");

        assertThat(wrongSecret.statusCode()).isEqualTo(200);
        assertThat(wrongSecret.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "invalid_client"));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.bodyAsJsonObject()).isEqualTo(new JsonObject().put("error", "invalid_code"));
    }

    @Test
    void eleventhRefreshInTenMinutesIsDeniedUntilTheWindowEnds() {
        for (int i = 0; i < 10; i++) {
            assertThat(client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN)
                            .bodyAsJsonObject()
                            .containsKey("access_token"))
                    .isTrue();
        }
        JsonObject denied = client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN).bodyAsJsonObject();
        assertThat(denied)
                .isEqualTo(new JsonObject()
                        .put(
                                "error_description",
                                "You have made too many requests continuously. Please try again after some time.")
                        .put("error", "Access Denied")
                        .put("status", "failure"));

        client.sandbox.control().advanceClock(Duration.ofMinutes(9));
        assertThat(client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN)
                        .bodyAsJsonObject()
                        .getString("error"))
                .isEqualTo("Access Denied");

        client.sandbox.control().advanceClock(Duration.ofMinutes(1));
        assertThat(client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN)
                        .bodyAsJsonObject()
                        .containsKey("access_token"))
                .isTrue();
        assertThat(client.sandbox.inspect().tokenRefreshes()).isEqualTo(11);
        assertThat(client.sandbox.inspect().tokenRefreshesDenied()).isEqualTo(2);
    }

    @Test
    void accessTokenExpiresAfterAnHourOnTheSandboxClock() {
        String token = client.accessToken();
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(200);

        client.sandbox.control().advanceClock(Duration.ofMinutes(55));
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(200);

        client.sandbox.control().advanceClock(Duration.ofMinutes(5));
        HttpResponse<Buffer> expired = send(client.books(HttpMethod.GET, "/contacts", token));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("code", 57)
                        .put("message", "You are not authorized to perform this operation"));
    }

    @Test
    void eleventhActiveAccessTokenOfARefreshTokenInvalidatesTheOldest() {
        String first = client.accessToken();
        for (int i = 0; i < 9; i++) client.accessToken();
        assertThat(send(client.books(HttpMethod.GET, "/contacts", first)).statusCode())
                .isEqualTo(200);

        client.sandbox.control().resetLimits();
        String eleventh = client.accessToken();

        assertThat(send(client.books(HttpMethod.GET, "/contacts", first)).statusCode())
                .isEqualTo(401);
        assertThat(send(client.books(HttpMethod.GET, "/contacts", eleventh)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void consentRedirectsWithCodeLocationAccountsServerAndState() {
        Map<String, String> redirect = authorize("offline", "xyz 1");

        assertThat(redirect.get("location")).isEqualTo("us");
        assertThat(redirect.get("accounts-server")).isEqualTo(client.sandbox.baseUrl());
        assertThat(redirect.get("state")).isEqualTo("xyz 1");
        assertThat(redirect.get("code")).startsWith("1000.");
    }

    @Test
    void authorizationCodeGrantGivesARefreshTokenOnceAndTheCodeIsSingleUse() {
        String code = authorize("offline", "s").get("code");

        JsonObject tokens = exchange(code, REDIRECT);
        JsonObject reused = exchange(code, REDIRECT);

        assertThat(tokens.fieldNames())
                .containsExactlyInAnyOrder("access_token", "refresh_token", "api_domain", "token_type", "expires_in");
        assertThat(client.refresh(tokens.getString("refresh_token"))
                        .bodyAsJsonObject()
                        .containsKey("access_token"))
                .isTrue();
        assertThat(reused).isEqualTo(new JsonObject().put("error", "invalid_code"));
    }

    @Test
    void onlineAccessGivesNoRefreshTokenAndExpiredOrMismatchedCodesAreInvalid() {
        JsonObject online = exchange(authorize("online", "s").get("code"), REDIRECT);
        String late = authorize("offline", "s").get("code");
        String mismatched = authorize("offline", "s").get("code");
        client.sandbox.control().advanceClock(Duration.ofMinutes(3));

        assertThat(online.containsKey("refresh_token")).isFalse();
        assertThat(online.getString("access_token")).startsWith("1000.");
        assertThat(exchange(late, REDIRECT)).isEqualTo(new JsonObject().put("error", "invalid_code"));
        assertThat(exchange(mismatched, "http://elsewhere/cb"))
                .isEqualTo(new JsonObject().put("error", "invalid_code"));
    }

    @Test
    void twentyFirstRefreshTokenEvictsTheOldestWithItsAccessTokens() {
        String demoAccess = client.accessToken();
        for (int i = 0; i < 20; i++) {
            client.sandbox.control().resetLimits();
            exchange(authorize("offline", "s").get("code"), REDIRECT);
        }

        assertThat(client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN).bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("error", "invalid_code"));
        assertThat(send(client.books(HttpMethod.GET, "/contacts", demoAccess)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void revokingTheRefreshTokenKillsItAndItsAccessTokens() {
        String access = client.accessToken();

        HttpResponse<Buffer> revoked = await(client.web
                .post("/oauth/v2/token/revoke")
                .addQueryParam("token", SandboxOptions.DEMO_REFRESH_TOKEN)
                .send());

        assertThat(revoked.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "success"));
        assertThat(client.refresh(SandboxOptions.DEMO_REFRESH_TOKEN)
                        .bodyAsJsonObject()
                        .getString("error"))
                .isEqualTo("invalid_code");
        assertThat(send(client.books(HttpMethod.GET, "/contacts", access)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void eleventhGrantCodeInTenMinutesIsAccessDenied() {
        for (int i = 0; i < 10; i++) {
            assertThat(authorize("offline", "s")).containsKey("code");
        }
        assertThat(authorize("offline", "s"))
                .containsEntry("error", "access_denied")
                .doesNotContainKey("code");
    }

    private Map<String, String> authorize(String accessType, String state) {
        HttpResponse<Buffer> response = await(client.web
                .get("/oauth/v2/auth")
                .addQueryParam("scope", "ZohoBooks.fullaccess.all")
                .addQueryParam("client_id", SandboxOptions.DEMO_CLIENT_ID)
                .addQueryParam("response_type", "code")
                .addQueryParam("redirect_uri", REDIRECT)
                .addQueryParam("access_type", accessType)
                .addQueryParam("prompt", "consent")
                .addQueryParam("state", state)
                .send());
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.getHeader("Location"));
        assertThat(location.getPath()).isEqualTo("/oauth/callback");
        Map<String, String> query = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private JsonObject exchange(String code, String redirectUri) {
        return await(client.web
                        .post("/oauth/v2/token")
                        .sendForm(MultiMap.caseInsensitiveMultiMap()
                                .add("grant_type", "authorization_code")
                                .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                                .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                                .add("redirect_uri", redirectUri)
                                .add("code", code)))
                .bodyAsJsonObject();
    }
}
