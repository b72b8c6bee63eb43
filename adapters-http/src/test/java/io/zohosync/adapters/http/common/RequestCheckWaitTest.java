package io.zohosync.adapters.http.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.OpenApiRoute;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A process's first requests, which arrive before the contract is read (issue 14, goal 5): each waits, unanswered,
 * for the reading; a failed reading answers that request 500 and the next one asks again, so a transient failure is
 * not kept for the life of the process.
 */
@ExtendWith(VertxExtension.class)
class RequestCheckWaitTest {

    @Test
    void aRequestWaitsForTheReadingAndAFailedOneIsAskedForAgain(Vertx vertx) {
        ApiContract contract = ApiContract.load(vertx, OpenApiRoute.document()).await();
        Deque<Future<ApiContract>> readings = new ArrayDeque<>();
        Promise<ApiContract> pending = Promise.promise();
        readings.add(pending.future());
        readings.add(Future.failedFuture("the disk hiccuped"));
        readings.add(Future.succeededFuture(contract));
        AtomicInteger asked = new AtomicInteger();

        Router router = Router.router(vertx);
        router.route().handler(RequestCheck.openOperations(() -> {
            asked.incrementAndGet();
            return readings.size() > 1 ? readings.poll() : readings.peek();
        }));
        router.get("/health/live").handler(ctx -> ctx.response().end("live"));
        HttpServer server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .await();
        HttpClient client = vertx.createHttpClient();
        try {
            Future<HttpClientResponse> first = client.request(
                            HttpMethod.GET, server.actualPort(), "127.0.0.1", "/health/live")
                    .compose(request -> request.send());
            // the first request waits: nothing answers it until the reading completes
            vertx.timer(300).await();
            assertThat(first.isComplete()).isFalse();
            pending.complete(contract);
            assertThat(first.await().statusCode()).isEqualTo(200);

            HttpClientResponse failed = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/health/live")
                    .compose(request -> request.send())
                    .await();
            HttpClientResponse again = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/health/live")
                    .compose(request -> request.send())
                    .await();

            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(again.statusCode()).as("the reading asked for again").isEqualTo(200);
            assertThat(asked).hasValue(3);
        } finally {
            client.close().await();
            server.close().await();
        }
    }
}
