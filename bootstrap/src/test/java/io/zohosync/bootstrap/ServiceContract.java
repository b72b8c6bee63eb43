package io.zohosync.bootstrap;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.zohosync.adapters.http.DocumentedExchanges;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The service's OpenAPI document ({@code /openapi.yaml}) held to every exchange the end-to-end tests have with the
 * service, by {@link DocumentedExchanges} (vertx-openapi's reading of the OpenAPI 3.1 document): an answer the document
 * does not describe — a status, a field, a content type — is a violation; so is a request the service took (2xx) that
 * the document says it would refuse. A request sent to be refused is not, but its refusal must be the documented
 * problem. A path the document does not name may only be answered with a problem.
 */
public final class ServiceContract {

    private ServiceContract() {}

    /** One exchange as it went over the wire. */
    public record Exchange(
            String method,
            String uri,
            Map<String, List<String>> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody) {

        @Override
        public String toString() {
            return method + " " + uri + " -> " + status + " " + responseBody;
        }
    }

    /** What in the exchange the document does not allow, one message each; empty when it is as documented. */
    public static List<String> violations(Exchange exchange) {
        return DocumentedExchanges.violations(
                exchange.method(),
                exchange.uri(),
                exchange.requestHeaders(),
                exchange.requestBody(),
                exchange.status(),
                exchange.responseHeaders(),
                exchange.responseBody());
    }

    /**
     * {@code client} with every exchange checked: a violation fails the request's future with an
     * {@link AssertionError} naming the exchange and the validator's messages.
     */
    public static WebClient validated(WebClient client) {
        ((WebClientInternal) client).addInterceptor(ServiceContract::intercept);
        return client;
    }

    /** The request as sent, kept in the context until its response is dispatched. */
    private record Sent(String method, String uri, Map<String, List<String>> headers, String body) {}

    private static final String SENT = "zsync.contract.sent";
    private static final String BODY = "zsync.contract.body";

    private static void intercept(HttpContext<?> ctx) {
        if (ctx.phase() == ClientPhase.PREPARE_REQUEST) {
            ctx.set(BODY, text(ctx.body()));
        } else if (ctx.phase() == ClientPhase.SEND_REQUEST) {
            ctx.set(
                    SENT,
                    new Sent(
                            ctx.clientRequest().getMethod().name(),
                            ctx.clientRequest().getURI(),
                            headers(ctx.clientRequest().headers()),
                            ctx.get(BODY)));
        } else if (ctx.phase() == ClientPhase.DISPATCH_RESPONSE) {
            Sent sent = ctx.get(SENT);
            HttpResponse<?> response = ctx.response();
            Exchange exchange = new Exchange(
                    sent.method(),
                    sent.uri(),
                    sent.headers(),
                    sent.body(),
                    response.statusCode(),
                    headers(response.headers()),
                    text(response.body()));
            List<String> violations = violations(exchange);
            if (!violations.isEmpty()) {
                ctx.fail(new AssertionError(
                        "not as /openapi.yaml says: " + exchange + "\n  " + String.join("\n  ", violations)));
                return;
            }
        }
        ctx.next();
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.names().forEach(name -> all.put(name, headers.getAll(name)));
        return all;
    }

    private static String text(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof Buffer buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        if (body instanceof String s) {
            return s;
        }
        return Json.encode(body);
    }
}
