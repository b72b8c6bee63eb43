package io.zohosync.adapters.zoho;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Sits between the adapter and the sandbox and keeps every request as it went over the wire, for the contract check. */
public final class RecordingProxy {

    /** A request as sent: method, path, decoded query, headers (lower-case names) and body. */
    public record Sent(
            String method, String path, Map<String, String> query, Map<String, String> headers, String body) {}

    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final HttpClient client;

    private RecordingProxy(HttpServer server, HttpClient client) {
        this.server = server;
        this.client = client;
    }

    static RecordingProxy start(Vertx vertx, String target) {
        URI to = URI.create(target);
        HttpClient client = vertx.createHttpClient();
        HttpServer server = vertx.createHttpServer();
        RecordingProxy proxy = new RecordingProxy(server, client);
        server.requestHandler(request -> request.body().onSuccess(body -> proxy.forward(request, body, to)))
                .listen(0, "127.0.0.1")
                .await();
        return proxy;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void forward(HttpServerRequest in, Buffer body, URI to) {
        Map<String, String> headers = new TreeMap<>();
        in.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        Map<String, String> query = new TreeMap<>();
        in.params().forEach(p -> query.put(p.getKey(), p.getValue()));
        sent.add(new Sent(in.method().name(), in.path(), query, headers, body.length() == 0 ? null : body.toString()));
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(to.getHost())
                .setPort(to.getPort())
                .setURI(in.uri());
        in.headers().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("host")) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        client.request(options)
                .compose(out -> out.send(body))
                .compose(response -> response.body().map(b -> relay(in, response, b)))
                .onFailure(e -> in.connection().close());
    }

    private static Future<Void> relay(HttpServerRequest in, HttpClientResponse response, Buffer body) {
        in.response().setStatusCode(response.statusCode());
        response.headers().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
                in.response().putHeader(h.getKey(), h.getValue());
            }
        });
        return in.response().end(body);
    }

    void close() {
        server.close().await();
        client.close().await();
    }
}
