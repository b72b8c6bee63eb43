package io.zohosync.adapters.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.common.Problems;
import io.zohosync.adapters.http.common.SignInThrottle;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.ports.in.SyncLogPage;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.in.SyncRecordPage;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.in.SyncStatusQuery;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A console session ends at its fixed lifetime after sign-in, however much it is used; the store stays bounded. */
@ExtendWith(VertxExtension.class)
class ConsoleSessionExpiryTest {

    private static final String TOKEN = "admin-token-for-expiry-tests";
    private static final Duration LIFETIME = Duration.ofHours(8);

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private HttpServer server;
    private WebClient http;

    @BeforeEach
    void start(Vertx vertx) {
        Router root = Router.router(vertx);
        Problems.install(root);
        new AdminApi(new EmptyStatus(), null, null, null, null, null, null, null, null, Clock.systemUTC())
                .mount(
                        vertx,
                        root,
                        TOKEN,
                        4096,
                        new SignInThrottle(10, Duration.ofMinutes(1), now::get),
                        RoutingContext::next,
                        new ConsoleSessions(LIFETIME, now::get, new SecureRandom()));
        server = vertx.createHttpServer().requestHandler(root).listen(0).await();
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close().await();
    }

    @Test
    void aSessionEndsEightHoursAfterSignInAndItsCookieIsCleared() {
        HttpResponse<Buffer> signedIn = http.post("/admin/session")
                .sendJsonObject(new JsonObject().put("token", TOKEN))
                .await();
        String cookie = signedIn.cookies().get(0).split(";", 2)[0];

        now.addAndGet(LIFETIME.toMillis() - 1);
        assertThat(status(cookie).statusCode()).isEqualTo(200);

        now.addAndGet(1);
        HttpResponse<Buffer> ended = status(cookie);
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.bodyAsJsonObject().getString("code")).isEqualTo("session_ended");
        assertThat(ended.cookies()).singleElement().asString().contains("Max-Age=0");
        assertThat(status(cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void theStoreKeepsAtMostItsLimitDroppingTheOldest() {
        ConsoleSessions sessions = new ConsoleSessions(LIFETIME, now::get, new SecureRandom());
        String first = sessions.open("caller", null).id();
        String second = sessions.open("caller", null).id();
        for (int i = 2; i < ConsoleSessions.MAX_SESSIONS; i++) {
            sessions.open("caller", null);
        }
        assertThat(sessions.find(first)).isPresent();

        sessions.open("caller", null);

        assertThat(sessions.find(first)).isEmpty();
        assertThat(sessions.find(second)).isPresent();
    }

    @Test
    void sessionIdsAndCsrfTokensAreDistinctAndUnguessablyLong() {
        ConsoleSessions sessions = new ConsoleSessions(LIFETIME, now::get, new SecureRandom());
        ConsoleSessions.Session a = sessions.open("caller", null);
        ConsoleSessions.Session b = sessions.open("caller", null);

        assertThat(List.of(a.id(), a.csrfToken(), b.id(), b.csrfToken()))
                .doesNotHaveDuplicates()
                .allSatisfy(token -> assertThat(token).matches("[A-Za-z0-9_-]{43}"));
    }

    private HttpResponse<Buffer> status(String cookie) {
        return http.get("/admin/api/sync/status")
                .putHeader("Cookie", cookie)
                .send()
                .await();
    }

    /** No records: these tests are about who gets in, not what they see. */
    private static final class EmptyStatus implements SyncStatusQuery {
        @Override
        public Future<SyncOverview> overview(int recentLimit) {
            return Future.succeededFuture(new SyncOverview(true, Map.of(), List.of()));
        }

        @Override
        public Future<Optional<SyncRecordView>> record(SyncKey key) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<List<SyncRecordView>> records(EntityRef entity) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<SyncLogPage> log(SyncLogQuery query) {
            return Future.succeededFuture(new SyncLogPage(List.of(), null));
        }

        @Override
        public Future<SyncRecordPage> list(SyncRecordQuery query) {
            return Future.succeededFuture(new SyncRecordPage(List.of(), null));
        }
    }
}
