package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.in.ConnectZohoUseCase.ConnectOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admin API for the Zoho connection, and the consent callback Zoho's redirect lands on. */
@ExtendWith(VertxExtension.class)
class ZohoConnectionRoutesTest {

    private static final String CALLBACK =
            "/admin/zoho/callback?code=c0de&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu&state=s1";

    private HttpFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = HttpFixture.start(vertx);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theConnectionShowsItsStatusAndEachProductsCircuit() {
        HttpResponse<Buffer> response =
                fx.admin(HttpMethod.GET, "/zoho/connection").send().await();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("status", "connected")
                        .put("detail", "ok")
                        .putNull("cool_down_until")
                        .put(
                                "circuits",
                                new JsonObject()
                                        .put(lower(ZohoProduct.BOOKS), "closed")
                                        .put(lower(ZohoProduct.CRM), "half_open")));
    }

    @Test
    void connectingGivesTheConsentUrl() {
        JsonObject body =
                fx.admin(HttpMethod.POST, "/zoho/connect").send().await().bodyAsJsonObject();

        assertThat(body.getString("consent_url")).isEqualTo("https://accounts.zoho.example/oauth/v2/auth?state=s");
        assertThat(body.getString("next")).isNotBlank();
    }

    @Test
    void theCallbackNeedsNoAdminTokenAndFinishesWithWhatZohoSent() {
        HttpResponse<Buffer> response = fx.http.get(CALLBACK).send().await();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("connected");
        assertThat(fx.connect.finished).containsExactly(Arrays.asList("c0de", "eu", "https://accounts.zoho.eu", "s1"));
    }

    @Test
    void aCallbackWeDidNotStartIsAnInvalidState() {
        fx.connect.outcome = Future.succeededFuture(new ConnectOutcome.InvalidState("the state was used before"));

        JsonObject problem = assertProblem(fx.http.get(CALLBACK).send().await(), 400, "invalid_state");

        assertThat(problem.getString("detail")).isEqualTo("the state was used before");
    }

    @Test
    void aCodeZohoRefusesKeepsZohosReasonAndCode() {
        fx.connect.outcome = Future.succeededFuture(new ConnectOutcome.Refused("invalid_code", "the code expired"));

        assertProblem(fx.http.get(CALLBACK).send().await(), 400, "invalid_code");
    }

    @Test
    void consentTheAdminDeniedIsAProblemAndFinishesNothing() {
        JsonObject problem = assertProblem(
                fx.http.get("/admin/zoho/callback?error=access_denied").send().await(), 400, "consent_denied");

        assertThat(problem.getString("detail")).contains("access_denied");
        assertThat(fx.connect.finished).isEmpty();
    }

    @Test
    void aCallbackThatFailsIsAnInternalErrorThatTellsNothing() {
        fx.connect.outcome = Future.failedFuture(new IllegalStateException("client_secret=shh"));

        HttpResponse<Buffer> response = fx.http.get(CALLBACK).send().await();

        assertProblem(response, 500, "internal_error");
        assertThat(response.bodyAsString()).doesNotContain("shh");
    }

    @Test
    void theConnectionRoutesWantTheAdminToken() {
        assertProblem(fx.http.get("/admin/api/zoho/connection").send().await(), 401, "unauthorized");
        assertProblem(
                fx.http
                        .post("/admin/api/zoho/connect")
                        .bearerTokenAuthentication(HttpFixture.API_KEY)
                        .send()
                        .await(),
                401,
                "unauthorized");
    }

    private static String lower(ZohoProduct product) {
        return product.name().toLowerCase(Locale.ROOT);
    }
}
