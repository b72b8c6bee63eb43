package io.zohosync.bootstrap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.zohosync.adapters.http.OpenApiRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service's OpenAPI document ({@code /openapi.yaml}) held to every exchange the end-to-end tests have with the
 * service: an answer the document does not describe — a status, a field, a content type — is a violation; so is a
 * request the service took (2xx) that the document says it would refuse. A request sent to be refused is not, but its
 * refusal must be the documented problem. A path the document does not name may only be answered with a problem.
 */
public final class ServiceContract {

    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(
                            new String(OpenApiRoute.document(), StandardCharsets.UTF_8))
                    .build();
    /** What the validator says of a path, or a method on it, the document does not name. */
    private static final Set<String> UNDOCUMENTED =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

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
        int query = exchange.uri().indexOf('?');
        String path = query < 0 ? exchange.uri() : exchange.uri().substring(0, query);
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), path);
        exchange.requestHeaders().forEach(request::withHeader);
        if (query >= 0) {
            for (String pair : exchange.uri().substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.withQueryParam(
                        decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        if (exchange.requestBody() != null) {
            request.withBody(exchange.requestBody());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            response.withBody(exchange.responseBody());
        }
        List<ValidationReport.Message> errors =
                VALIDATOR.validate(request.build(), response.build()).getMessages().stream()
                        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                        .toList();
        if (errors.stream().anyMatch(m -> UNDOCUMENTED.contains(m.getKey()))) {
            return undocumentedPath(exchange);
        }
        boolean taken = exchange.status() >= 200 && exchange.status() < 300;
        return errors.stream()
                .filter(m -> taken || !m.getKey().startsWith("validation.request"))
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }

    /** A path or method the document does not name must have been refused with a problem. */
    private static List<String> undocumentedPath(Exchange exchange) {
        List<String> violations = new ArrayList<>();
        String type = exchange.responseHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                .flatMap(h -> h.getValue().stream())
                .findFirst()
                .orElse("");
        if (!Set.of(401, 404, 405).contains(exchange.status()) || !type.equals("application/problem+json")) {
            violations.add("an undocumented operation was answered " + exchange.status() + " " + type);
        } else {
            JsonObject problem = new JsonObject(exchange.responseBody());
            if (problem.getInteger("status") != exchange.status() || problem.getString("code") == null) {
                violations.add("an undocumented operation was answered with no problem body");
            }
        }
        return violations;
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

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
