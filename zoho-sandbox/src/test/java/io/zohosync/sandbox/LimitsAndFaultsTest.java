package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.await;
import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.core.Fault;
import io.zohosync.sandbox.core.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LimitsAndFaultsTest {
    private SandboxClient client;
    private String token;

    private void start(Vertx vertx, SandboxOptions options) {
        client = SandboxClient.start(vertx, options);
        token = client.accessToken();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void hundredAndFirstCallInAMinuteIs429Code44UntilTheMinuteEnds(Vertx vertx) {
        start(vertx, SandboxOptions.defaults());
        for (int i = 0; i < 100; i++) assertThat(status(listContacts())).isEqualTo(200);

        HttpResponse<Buffer> refused = listContacts();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(44);
        assertThat(refused.bodyAsJsonObject().getString("message"))
                .startsWith("For security reasons your organization has been blocked");

        client.sandbox.control().advanceClock(Duration.ofSeconds(30));
        assertThat(status(listContacts())).isEqualTo(429);
        client.sandbox.control().advanceClock(Duration.ofSeconds(30));
        assertThat(status(listContacts())).isEqualTo(200);
        assertThat(client.sandbox.inspect().tooManyRequests(Limit.PER_MINUTE)).isEqualTo(2);
    }

    @Test
    void thousandAndFirstCallInADayIs429Code45UntilTheDayEnds(Vertx vertx) {
        start(vertx, SandboxOptions.defaults().withBooksPerMinute(5000));
        for (int i = 0; i < 1000; i++) assertThat(status(listContacts())).isEqualTo(200);

        HttpResponse<Buffer> refused = listContacts();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.bodyAsJsonObject())
                .isEqualTo(
                        new JsonObject()
                                .put("code", 45)
                                .put(
                                        "message",
                                        "The API call for this organization has exceeded the maximum call rate limit of 1000."));

        client.sandbox.control().advanceClock(Duration.ofHours(23));
        token = client.accessToken();
        assertThat(status(listContacts())).isEqualTo(429);
        client.sandbox.control().advanceClock(Duration.ofHours(1));
        token = client.accessToken();
        assertThat(status(listContacts())).isEqualTo(200);
        assertThat(client.sandbox.inspect().tooManyRequests(Limit.PER_DAY)).isEqualTo(2);
    }

    @Test
    void booksAnswersTellTheDaysLimitWhatEveryCallerLeftOfItAndWhenItResets(Vertx vertx) {
        start(vertx, SandboxOptions.defaults().withDailyLimit(5).withTimeScale(1e-9));

        HttpResponse<Buffer> first = listContacts();
        assertThat(rateLimitHeaders(first))
                .containsExactly("5", "4", String.valueOf(Duration.ofDays(1).toSeconds()));
        client.sandbox.control().advanceClock(Duration.ofHours(10));
        token = client.accessToken();
        String otherIntegration = client.accessToken();
        send(client.books(HttpMethod.GET, "/contacts", otherIntegration));
        send(client.books(HttpMethod.GET, "/items", otherIntegration));
        assertThat(rateLimitHeaders(send(client.books(HttpMethod.GET, "/organizations", token))))
                .containsExactly("5", "1", String.valueOf(Duration.ofHours(14).toSeconds()));
        listContacts();

        HttpResponse<Buffer> refused = listContacts();
        assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(45);
        assertThat(rateLimitHeaders(refused))
                .containsExactly("5", "0", String.valueOf(Duration.ofHours(14).toSeconds()));
        HttpResponse<Buffer> unauthorized = send(client.books(HttpMethod.GET, "/contacts", "not-a-token"));
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(rateLimitHeaders(unauthorized))
                .containsExactly("5", "0", String.valueOf(Duration.ofHours(14).toSeconds()));
    }

    @Test
    void billingAndCrmAnswersCarryNoRateLimitHeaders(Vertx vertx) {
        start(vertx, SandboxOptions.defaults());
        HttpResponse<Buffer> billing = send(client.billing(HttpMethod.GET, "/plans", token));
        HttpResponse<Buffer> crm = send(client.crm(HttpMethod.GET, "/Contacts/search?email=a@example.com", token));

        assertThat(billing.statusCode()).isEqualTo(200);
        assertThat(billing.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("x-rate-limit"));
        assertThat(crm.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("x-rate-limit"));
    }

    private static List<String> rateLimitHeaders(HttpResponse<Buffer> response) {
        return List.of(
                String.valueOf(response.getHeader("X-Rate-Limit-Limit")),
                String.valueOf(response.getHeader("X-Rate-Limit-Remaining")),
                String.valueOf(response.getHeader("X-Rate-Limit-Reset")));
    }

    @Test
    void eleventhConcurrentCallIs429Code1070AndSlotsFreeWhenCallsEnd(Vertx vertx) {
        start(vertx, SandboxOptions.defaults().withLatency(Duration.ofMillis(800)));
        List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
        for (int i = 0; i < 11; i++)
            calls.add(client.books(HttpMethod.GET, "/contacts", token).send());
        await(Future.join(calls));

        Map<Integer, Long> byStatus = calls.stream()
                .map(f -> f.result().statusCode())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, 10L, 429, 1L));
        HttpResponse<Buffer> refused = calls.stream()
                .map(Future::result)
                .filter(r -> r.statusCode() == 429)
                .findFirst()
                .orElseThrow();
        assertThat(refused.bodyAsJsonObject())
                .isEqualTo(
                        new JsonObject()
                                .put("code", 1070)
                                .put(
                                        "message",
                                        "You have reached the maximum number of in process requests allowed. Kindly try again after some time."));
        assertThat(status(listContacts())).isEqualTo(200);
        assertThat(client.sandbox.inspect().tooManyRequests(Limit.CONCURRENCY)).isEqualTo(1);
    }

    @Test
    void timeScaleLetsAZohoMinutePassInTwoRealSeconds(Vertx vertx) throws InterruptedException {
        start(vertx, SandboxOptions.defaults().withTimeScale(30).withBooksPerMinute(3));
        for (int i = 0; i < 3; i++) assertThat(status(listContacts())).isEqualTo(200);
        assertThat(status(listContacts())).isEqualTo(429);

        Thread.sleep(2100);

        assertThat(status(listContacts())).isEqualTo(200);
    }

    @Test
    void forcedFaultsAnswer500ResetOrNothing(Vertx vertx) {
        start(vertx, SandboxOptions.defaults());
        client.sandbox
                .control()
                .failNext(Fault.SERVER_ERROR, 1)
                .failNext(Fault.CONNECTION_RESET, 1)
                .failNext(Fault.TIMEOUT, 1);

        HttpResponse<Buffer> error = listContacts();
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("code", 1000).put("message", "Internal error"));
        assertThatThrownBy(this::listContacts).hasMessageContaining("closed");
        assertThatThrownBy(() -> await(client.books(HttpMethod.GET, "/contacts", token)
                        .timeout(300)
                        .send()))
                .hasMessageContaining("timeout");
        assertThat(status(listContacts())).isEqualTo(200);
    }

    @Test
    void errorRateOneFailsEveryCallAndZeroNone(Vertx vertx) {
        start(vertx, SandboxOptions.defaults().withErrorRate(1.0, Fault.SERVER_ERROR));
        for (int i = 0; i < 5; i++) assertThat(status(listContacts())).isEqualTo(500);

        client.sandbox.control().errorRate(0);

        for (int i = 0; i < 5; i++) assertThat(status(listContacts())).isEqualTo(200);
        assertThat(client.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(10);
    }

    @Test
    void latencyDelaysEveryApiAnswer(Vertx vertx) {
        start(vertx, SandboxOptions.defaults().withLatency(Duration.ofMillis(150)));
        long started = System.nanoTime();

        assertThat(status(listContacts())).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    private HttpResponse<Buffer> listContacts() {
        return send(client.books(HttpMethod.GET, "/contacts", token));
    }

    private static int status(HttpResponse<Buffer> response) {
        return response.statusCode();
    }
}
