package io.zohosync.adapters.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIObject;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.zohosync.adapters.http.common.ApiContract;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An exchange with the service held to its OpenAPI 3.1 document ({@code /openapi.yaml}), read by vertx-openapi
 * ({@link ApiContract}) and its schemas validated by vertx-json-schema (JSON Schema 2020-12). An answer the document
 * does not describe (a status, a field, a content type, a header value) is a violation; so is a request the service
 * took (2xx) that the document would refuse. A request sent to be refused is not, but its refusal must be the
 * documented problem. A path or method the document does not name may only be answered with a 401, 404 or 405 problem.
 *
 * <p>Synchronous (the web client's interceptors cannot wait), so it uses the contract's model and schema repository
 * rather than vertx-openapi's future-returning validators, which check the same: the operation's parameters, the
 * request body by its media type, the answer by its status (or {@code default}), its headers and body.
 */
public final class DocumentedExchanges {

    private static final ApiContract API = load();

    private DocumentedExchanges() {}

    private static ApiContract load() {
        Vertx vertx = Vertx.vertx();
        try {
            return ApiContract.load(vertx, OpenApiRoute.document())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
        } finally {
            vertx.close();
        }
    }

    /** What in the exchange the document does not allow, one message each; empty when it is as documented. */
    public static List<String> violations(
            String method,
            String uri,
            Map<String, List<String>> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        Map<String, List<String>> query = query(q < 0 ? null : uri.substring(q + 1));
        Map<String, List<String>> sent = caseless(requestHeaders);
        Map<String, List<String>> answered = caseless(responseHeaders);
        Operation operation = API.contract().findOperation(path, HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
        if (operation == null) {
            return undocumented(status, first(answered, "content-type"), responseBody);
        }
        List<String> violations = new ArrayList<>();
        if (status >= 200 && status < 300) {
            request(operation, path, query, sent, requestBody, violations);
        }
        response(operation, status, answered, responseBody, violations);
        return violations;
    }

    private static void request(
            Operation operation,
            String path,
            Map<String, List<String>> query,
            Map<String, List<String>> headers,
            String body,
            List<String> violations) {
        for (Parameter parameter : operation.getParameters()) {
            String value = switch (parameter.getIn()) {
                case PATH -> ApiContract.pathParameter(path, operation, parameter.getName());
                case QUERY -> first(query, parameter.getName());
                case HEADER -> first(headers, parameter.getName().toLowerCase(Locale.ROOT));
                case COOKIE -> null;
            };
            String where = "request " + parameter.getIn().name().toLowerCase(Locale.ROOT) + " parameter "
                    + parameter.getName() + " ";
            if (value == null) {
                if (parameter.isRequired()) {
                    violations.add(where + "is missing");
                }
            } else {
                String reason = API.refuses(parameter, value);
                if (reason != null) {
                    violations.add(where + reason);
                }
            }
        }
        if (!credentialed(operation, headers)) {
            violations.add("request carries none of the credentials " + operation.getOperationId() + " takes");
        }
        RequestBody documented = operation.getRequestBody();
        if (documented == null || body == null || body.isEmpty()) {
            if (documented != null && documented.isRequired()) {
                violations.add("request body is missing");
            }
            return;
        }
        content("request body", documented, documented.getContent(), first(headers, "content-type"), body, violations);
    }

    private static void response(
            Operation operation, int status, Map<String, List<String>> headers, String body, List<String> violations) {
        Response documented = operation.getResponse(status);
        if (documented == null) {
            documented = operation.getDefaultResponse();
        }
        if (documented == null) {
            violations.add("status " + status + " is not documented for " + operation.getOperationId());
            return;
        }
        for (Parameter header : documented.getHeaders()) {
            String value = first(headers, header.getName().toLowerCase(Locale.ROOT));
            if (value == null && header.isRequired()) {
                violations.add("response header " + header.getName() + " is missing");
            } else if (value != null) {
                String reason = API.refuses(header, value);
                if (reason != null) {
                    violations.add("response header " + header.getName() + " " + reason);
                }
            }
        }
        if (body != null && !body.isEmpty()) {
            content(
                    "response body",
                    documented,
                    documented.getContent(),
                    first(headers, "content-type"),
                    body,
                    violations);
        }
    }

    /** Whether the request carries every credential of one of the operation's security requirements. */
    private static boolean credentialed(Operation operation, Map<String, List<String>> headers) {
        List<SecurityRequirement> requirements = operation.getSecurityRequirements();
        return requirements.isEmpty()
                || requirements.stream()
                        .anyMatch(requirement -> requirement.getNames().stream()
                                .allMatch(name -> carries(API.contract().securityScheme(name), headers)));
    }

    private static boolean carries(SecurityScheme scheme, Map<String, List<String>> headers) {
        if (scheme.getType().equals("http")) {
            String authorization = first(headers, "authorization");
            return authorization != null
                    && authorization
                            .toLowerCase(Locale.ROOT)
                            .startsWith(scheme.getScheme().toLowerCase(Locale.ROOT) + " ");
        }
        String name = scheme.getName().toLowerCase(Locale.ROOT);
        return switch (scheme.getIn()) {
            case "header" -> first(headers, name) != null;
            case "cookie" -> {
                String cookies = first(headers, "cookie");
                yield cookies != null && (" " + cookies.toLowerCase(Locale.ROOT)).matches(".*[ ;]" + name + "=.*");
            }
            default -> false;
        };
    }

    /** The body against the documented media type its content type names (a documented one, or a violation). */
    private static void content(
            String what,
            OpenAPIObject documented,
            Map<String, MediaType> readable,
            String contentType,
            String body,
            List<String> violations) {
        JsonArray named = documented.getOpenAPIModel().getJsonArray(ApiContract.MEDIA_TYPES);
        if (named == null) {
            return; // nothing documented of the body: the document says no more
        }
        String type =
                contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!named.contains(type)) {
            violations.add(
                    what + " is " + (type.isEmpty() ? "without a content type" : type) + ", documented: " + named);
            return;
        }
        String as = ApiContract.readableAs(type);
        MediaType media = as == null ? null : readable.get(as);
        if (media == null || media.getSchema() == null || !as.equals("application/json")) {
            return; // text: its schema is a string
        }
        Object json;
        try {
            json = Json.decodeValue(body);
        } catch (DecodeException e) {
            violations.add(what + " is not JSON: " + e.getMessage());
            return;
        }
        String reason = API.refuses(media.getSchema(), json);
        if (reason != null) {
            violations.add(what + ": " + reason);
        }
    }

    /** A path or method the document does not name must have been refused with a problem. */
    private static List<String> undocumented(int status, String contentType, String body) {
        if (!Set.of(401, 404, 405).contains(status) || !"application/problem+json".equals(contentType)) {
            return List.of("an undocumented operation was answered " + status + " " + contentType);
        }
        JsonObject problem = new JsonObject(body);
        if (problem.getInteger("status") != status || problem.getString("code") == null) {
            return List.of("an undocumented operation was answered with no problem body");
        }
        return List.of();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new TreeMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static Map<String, List<String>> caseless(Map<String, List<String>> headers) {
        Map<String, List<String>> all = new TreeMap<>();
        headers.forEach((name, values) -> all.put(name.toLowerCase(Locale.ROOT), values));
        return all;
    }

    private static String first(Map<String, List<String>> values, String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? null : all.get(0);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
