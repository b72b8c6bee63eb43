package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /metrics} behind its token when one is set; wrong credentials slowed down; a body too large refused unread. */
@ExtendWith(VertxExtension.class)
class SignInAndMetricsTest {

    private static final String METRICS_TOKEN = "metrics-token-for-tests";

    private HttpFixture fx;

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void withoutATokenMetricsAreOpen(Vertx vertx) {
        fx = HttpFixture.start(vertx);

        assertThat(fx.http.get("/metrics").send().await().bodyAsString()).contains("zsync_up 1");
    }

    @Test
    void withATokenMetricsAskForIt(Vertx vertx) {
        fx = HttpFixture.start(
                vertx, HttpFixture.settings(HttpFixture.BODY_LIMIT).withMetricsToken(METRICS_TOKEN));

        assertProblem(fx.http.get("/metrics").send().await(), 401, "unauthorized");
        assertProblem(
                fx.http
                        .get("/metrics")
                        .bearerTokenAuthentication(HttpFixture.API_KEY)
                        .send()
                        .await(),
                401,
                "unauthorized");
        HttpResponse<Buffer> allowed = fx.http
                .get("/metrics")
                .bearerTokenAuthentication(METRICS_TOKEN)
                .send()
                .await();
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.bodyAsString()).contains("zsync_up 1");
    }

    @Test
    void anAddressThatKeepsGuessingIsRefusedForTheRestOfTheWindowEvenWithTheRightCredential(Vertx vertx) {
        fx = HttpFixture.start(
                vertx, HttpFixture.settings(HttpFixture.BODY_LIMIT).withFailedSignIns(3, Duration.ofMinutes(1)));

        for (int i = 0; i < 3; i++) {
            String path = i % 2 == 0 ? "/api/v1/customers/c-1" : "/admin/api/sync/status";
            assertProblem(
                    fx.http
                            .get(path)
                            .bearerTokenAuthentication("guess-" + i)
                            .send()
                            .await(),
                    401,
                    "unauthorized");
        }

        HttpResponse<Buffer> refused = fx.api(io.vertx.core.http.HttpMethod.GET, "/customers/c-1")
                .send()
                .await();
        assertProblem(refused, 429, "too_many_failed_attempts");
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(fx.status.asked).isEmpty();
        assertThat(fx.http.get("/health/live").send().await().statusCode())
                .as("what asks for no credential is not refused")
                .isEqualTo(200);
    }

    @Test
    void aMissingCredentialIsNotCountedAsAGuess(Vertx vertx) {
        fx = HttpFixture.start(
                vertx, HttpFixture.settings(HttpFixture.BODY_LIMIT).withFailedSignIns(1, Duration.ofMinutes(1)));

        for (int i = 0; i < 3; i++) {
            assertProblem(fx.http.get("/admin/api/sync/status").send().await(), 401, "unauthorized");
        }
        assertThat(fx.admin(io.vertx.core.http.HttpMethod.GET, "/sync/status")
                        .send()
                        .await()
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeOneByteOfItIsSent(Vertx vertx) throws Exception {
        fx = HttpFixture.start(vertx);
        NetSocket socket = vertx.createNetClient()
                .connect(fx.server.actualPort(), "localhost")
                .await();
        CompletableFuture<String> answer = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        socket.handler(chunk -> {
            received.appendBuffer(chunk);
            if (received.toString().contains("\r\n\r\n")) {
                answer.complete(received.toString());
            }
        });

        socket.write("POST /api/v1/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + HttpFixture.API_KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n")
                .await();

        String response = answer.get(5, TimeUnit.SECONDS);
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(fx.entities.commands).isEmpty();
        socket.close();
    }
}
