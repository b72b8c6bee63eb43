package io.zohosync.bootstrap.reliability;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A proxy between the service and the sandbox's API that decides when Zoho writes (POST, PUT, DELETE) go through:
 * reads always pass; writes pass only while the gate is open, and {@link #openFor(int)} lets exactly {@code n} more
 * through, then closes behind the n-th and reports once the n-th one's answer has been relayed to the service. Writes
 * arriving while it is closed are held, never forwarded, until {@link #dropHeld()} or {@link #open()}: so the service
 * can be killed after a given write was answered and before the next one reaches Zoho.
 */
final class WriteGate implements AutoCloseable {

    private record Held(HttpServerRequest request, Buffer body) {}

    private final HttpServer server;
    private final HttpClient client;
    private final int sandboxPort;
    private final List<Held> held = new ArrayList<>();
    private int writesLeft = 0; // < 0: open without limit
    private CompletableFuture<String> answered = new CompletableFuture<>();

    private WriteGate(Vertx vertx, int sandboxPort) {
        this.client = vertx.createHttpClient();
        this.sandboxPort = sandboxPort;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
    }

    /** A closed gate in front of the sandbox on {@code sandboxPort}. */
    static WriteGate start(Vertx vertx, int sandboxPort) throws Exception {
        WriteGate gate = new WriteGate(vertx, sandboxPort);
        gate.server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return gate;
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Lets {@code n} more writes through; the future completes with the n-th one's endpoint once its answer was relayed. */
    synchronized CompletableFuture<String> openFor(int n) {
        writesLeft = n;
        answered = new CompletableFuture<>();
        release();
        return answered;
    }

    /** Holds every write from now on. */
    synchronized void shut() {
        writesLeft = 0;
    }

    /** Lets every write through from now on. */
    synchronized void open() {
        writesLeft = -1;
        release();
    }

    /** Forgets the writes held for a service that is dead now: they never reach Zoho. */
    synchronized void dropHeld() {
        held.clear();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            boolean write = request.method() != HttpMethod.GET;
            synchronized (this) {
                if (write && writesLeft == 0) {
                    held.add(new Held(request, body));
                    return;
                }
            }
            forward(request, body, write);
        });
    }

    private synchronized void release() {
        List<Held> waiting = new ArrayList<>(held);
        held.clear();
        for (Held h : waiting) {
            if (writesLeft == 0) {
                held.add(h);
            } else {
                forward(h.request(), h.body(), true);
            }
        }
    }

    private void forward(HttpServerRequest request, Buffer body, boolean write) {
        boolean last;
        CompletableFuture<String> report;
        synchronized (this) {
            last = write && writesLeft == 1;
            if (write && writesLeft > 0) {
                writesLeft--;
            }
            report = answered;
        }
        String endpoint = request.method() + " " + request.path();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost("127.0.0.1")
                .setPort(sandboxPort)
                .setURI(request.uri())
                .setHeaders(request.headers());
        client.request(options)
                .compose(out -> out.send(body))
                .compose(answer -> answer.body()
                        .compose(answerBody -> relay(request, answer.statusCode(), answer.headers(), answerBody)))
                .onFailure(e -> unanswered(request))
                .onComplete(done -> {
                    if (last) {
                        report.complete(endpoint);
                    }
                });
    }

    /**
     * A forward that failed (the sandbox unreachable, its answer cut) is answered 502, as a proxy would, rather than
     * left to the service's 30 s Zoho timeout; an answer already begun is cut off. A dead service's request is moot.
     */
    private static void unanswered(HttpServerRequest request) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        if (request.response().headWritten()) {
            request.connection().close();
        } else {
            request.response().setStatusCode(502).end();
        }
    }

    private static Future<Void> relay(HttpServerRequest request, int status, MultiMap headers, Buffer body) {
        request.response().setStatusCode(status);
        headers.forEach(h -> request.response().putHeader(h.getKey(), h.getValue()));
        return request.response().end(body);
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        client.close().await(10, TimeUnit.SECONDS);
    }
}
