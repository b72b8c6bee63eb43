package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.in.AdminSyncUseCase.Action;
import io.zohosync.ports.in.AdminSyncUseCase.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's session over real HTTP: signing in with the admin token gives a cookie (never the token) that lets
 * the page use the admin API, every change only with the session's CSRF token, until sign-out; the bearer token
 * keeps working as before.
 */
@ExtendWith(VertxExtension.class)
class ConsoleSessionTest {

    private static final String RETRY = "/admin/api/sync/customer/c-1/books/retry";

    private HttpFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieForTheConsoleOnlyWithoutTheToken(Vertx vertx) {
        fx = HttpFixture.start(vertx);

        HttpResponse<Buffer> signedIn = signIn(HttpFixture.ADMIN_TOKEN);

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.getHeader("cache-control")).isEqualTo("no-store");
        JsonObject body = signedIn.bodyAsJsonObject();
        assertThat(body.getString("csrf_token")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(Instant.parse(body.getString("expires_at")))
                .isBetween(
                        Instant.now().plus(Duration.ofHours(8)).minusSeconds(60),
                        Instant.now().plus(Duration.ofHours(8)));
        String cookie = setCookie(signedIn);
        assertThat(cookie)
                .startsWith("zsync_console=")
                .contains("; Path=/admin", "; SameSite=Strict", "; Max-Age=28800")
                .containsIgnoringCase("; HttpOnly")
                .doesNotContain("Secure", HttpFixture.ADMIN_TOKEN, body.getString("csrf_token"));
        assertThat(signedIn.bodyAsString()).doesNotContain(HttpFixture.ADMIN_TOKEN);
    }

    @Test
    void behindATlsProxyTheCookieIsSecure(Vertx vertx) {
        fx = HttpFixture.start(vertx);

        HttpResponse<Buffer> signedIn = fx.http
                .post("/admin/session")
                .putHeader("X-Forwarded-Proto", "https")
                .sendJsonObject(new JsonObject().put("token", HttpFixture.ADMIN_TOKEN))
                .await();

        assertThat(setCookie(signedIn))
                .contains("; Secure", "; SameSite=Strict")
                .containsIgnoringCase("; HttpOnly");
    }

    @Test
    void withoutACookieOrTokenTheAdminApiAnswers401(Vertx vertx) {
        fx = HttpFixture.start(vertx);

        assertProblem(fx.http.get("/admin/api/sync/status").send().await(), 401, "unauthorized");
        assertProblem(fx.http.get("/admin/session").send().await(), 401, "session_ended");
    }

    @Test
    void theSessionReadsFreelyButChangesOnlyWithItsCsrfToken(Vertx vertx) {
        fx = HttpFixture.start(vertx);
        HttpResponse<Buffer> signedIn = signIn(HttpFixture.ADMIN_TOKEN);
        String cookie = cookiePair(signedIn);
        String csrf = signedIn.bodyAsJsonObject().getString("csrf_token");

        assertThat(withCookie(HttpMethod.GET, "/admin/api/sync/status", cookie)
                        .send()
                        .await()
                        .statusCode())
                .isEqualTo(200);
        JsonObject again = withCookie(HttpMethod.GET, "/admin/session", cookie)
                .send()
                .await()
                .bodyAsJsonObject();
        assertThat(again.getString("csrf_token")).isEqualTo(csrf);

        assertProblem(withCookie(HttpMethod.POST, RETRY, cookie).send().await(), 403, "csrf_token_invalid");
        assertProblem(
                withCookie(HttpMethod.POST, RETRY, cookie)
                        .putHeader("X-CSRF-Token", csrf + "x")
                        .send()
                        .await(),
                403,
                "csrf_token_invalid");
        assertThat(fx.admin.commands).isEmpty();

        HttpResponse<Buffer> retried = withCookie(HttpMethod.POST, RETRY, cookie)
                .putHeader("X-CSRF-Token", csrf)
                .send()
                .await();
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(fx.admin.commands)
                .singleElement()
                .satisfies(c -> assertThat(c.action()).isEqualTo(Action.RETRY));
    }

    @Test
    void aRefusedActionReachesThePageAsTheStateMachinesReason(Vertx vertx) {
        fx = HttpFixture.start(vertx);
        fx.admin.answer(new Result.Refused("a synced record cannot be retried; reset it instead"));
        HttpResponse<Buffer> signedIn = signIn(HttpFixture.ADMIN_TOKEN);

        JsonObject problem = assertProblem(
                withCookie(HttpMethod.POST, RETRY, cookiePair(signedIn))
                        .putHeader("X-CSRF-Token", signedIn.bodyAsJsonObject().getString("csrf_token"))
                        .send()
                        .await(),
                409,
                "transition_not_allowed");
        assertThat(problem.getString("detail")).isEqualTo("a synced record cannot be retried; reset it instead");
    }

    @Test
    void signingOutNeedsTheCsrfTokenAndEndsTheSession(Vertx vertx) {
        fx = HttpFixture.start(vertx);
        HttpResponse<Buffer> signedIn = signIn(HttpFixture.ADMIN_TOKEN);
        String cookie = cookiePair(signedIn);
        String csrf = signedIn.bodyAsJsonObject().getString("csrf_token");

        assertProblem(
                withCookie(HttpMethod.DELETE, "/admin/session", cookie).send().await(), 403, "csrf_token_invalid");

        HttpResponse<Buffer> out = withCookie(HttpMethod.DELETE, "/admin/session", cookie)
                .putHeader("X-CSRF-Token", csrf)
                .send()
                .await();
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(setCookie(out)).startsWith("zsync_console=;").contains("Max-Age=0", "Path=/admin");

        HttpResponse<Buffer> after = withCookie(HttpMethod.GET, "/admin/api/sync/status", cookie)
                .send()
                .await();
        assertProblem(after, 401, "session_ended");
        assertThat(setCookie(after)).contains("Max-Age=0");
        assertProblem(
                withCookie(HttpMethod.POST, RETRY, cookie)
                        .putHeader("X-CSRF-Token", csrf)
                        .send()
                        .await(),
                401,
                "session_ended");
        assertThat(fx.admin.commands).isEmpty();
    }

    @Test
    void aWrongTokenIsACleanRefusalCountedWithEveryOtherWrongCredential(Vertx vertx) {
        fx = HttpFixture.start(
                vertx, HttpFixture.settings(HttpFixture.BODY_LIMIT).withFailedSignIns(2, Duration.ofMinutes(1)));

        JsonObject wrong = assertProblem(signIn("not-the-token"), 401, "unauthorized");
        assertThat(wrong.getString("detail")).isEqualTo("that is not the admin token");
        assertThat(signIn("not-the-token").cookies()).isEmpty();

        HttpResponse<Buffer> refused = signIn(HttpFixture.ADMIN_TOKEN);
        assertProblem(refused, 429, "too_many_failed_attempts");
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertProblem(fx.admin(HttpMethod.GET, "/sync/status").send().await(), 429, "too_many_failed_attempts");
    }

    @Test
    void aSignInThatIsNotAJsonTokenIsRefusedByName(Vertx vertx) {
        fx = HttpFixture.start(vertx);

        assertProblem(
                fx.http
                        .post("/admin/session")
                        .sendBuffer(Buffer.buffer("token=x"))
                        .await(),
                415,
                "unsupported_media_type");
        JsonObject missing = assertProblem(
                fx.http.post("/admin/session").sendJsonObject(new JsonObject()).await(), 422, "validation_failed");
        assertThat(missing.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("token");
        assertProblem(
                fx.http
                        .post("/admin/session")
                        .putHeader("content-type", "application/json")
                        .sendBuffer(Buffer.buffer("{\"token\":"))
                        .await(),
                400,
                "malformed_json");
    }

    @Test
    void theBearerTokenStillWorksAndNeedsNoCsrfToken(Vertx vertx) {
        fx = HttpFixture.start(vertx);

        assertThat(fx.admin(HttpMethod.POST, "/sync/customer/c-1/books/retry")
                        .send()
                        .await()
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void thePageAndItsFilesAreServedWithAStrictContentPolicy(Vertx vertx) {
        fx = HttpFixture.start(vertx);

        HttpResponse<Buffer> redirect =
                fx.http.get("/admin").followRedirects(false).send().await();
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.getHeader("Location")).isEqualTo("/admin/");
        assertThat(fx.http
                        .get("/admin?refresh=5")
                        .followRedirects(false)
                        .send()
                        .await()
                        .getHeader("Location"))
                .as("the page's settings survive the redirect")
                .isEqualTo("/admin/?refresh=5");

        HttpResponse<Buffer> page = fx.http.get("/admin/").send().await();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("content-type")).startsWith("text/html");
        assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.bodyAsString()).contains("<label for=\"token\">Admin token</label>", "console.js");

        for (String file : List.of("console.js", "console.css")) {
            HttpResponse<Buffer> served =
                    fx.http.get("/admin/console/" + file).send().await();
            assertThat(served.statusCode()).as(file).isEqualTo(200);
            assertThat(served.getHeader("content-type")).as(file).containsAnyOf("javascript", "text/css");
        }
        assertProblem(fx.http.get("/admin/console/nothing.js").send().await(), 404, "not_found");
        assertProblem(fx.http.get("/admin/console/../../logback.xml").send().await(), 404, "not_found");
    }

    private HttpResponse<Buffer> signIn(String token) {
        return fx.http
                .post("/admin/session")
                .sendJsonObject(new JsonObject().put("token", token))
                .await();
    }

    private HttpRequest<Buffer> withCookie(HttpMethod method, String path, String cookie) {
        return fx.http.request(method, path).putHeader("Cookie", cookie);
    }

    private static String setCookie(HttpResponse<Buffer> response) {
        assertThat(response.cookies()).hasSize(1);
        return response.cookies().get(0);
    }

    /** What a browser sends back: the name and value of the cookie the response set. */
    private static String cookiePair(HttpResponse<Buffer> response) {
        return setCookie(response).split(";", 2)[0];
    }
}
