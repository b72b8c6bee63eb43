package io.zohosync.sandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Test helper for contract tests: sends calls, keeps each as it went over the wire, then validates requests and
 * responses against one of Zoho's OpenAPI documents, reporting only what {@link ZohoDocumentQuirks} does not explain.
 */
public final class ZohoContract {
    private static final String REMOTE =
            "https://raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/refs/heads/main/v8.0/";

    /** One call as it went over the wire. */
    public record Exchange(
            HttpMethod method,
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            String requestBody,
            int status,
            String responseBody) {
        public String name() {
            return method + " " + path.replaceAll("/\\d{6,}", "/{id}") + " " + query.keySet() + " -> " + status;
        }
    }

    private final Path folder;
    private final Function<String, String> documentFor;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final Map<String, OpenApiInteractionValidator> validators = new HashMap<>();

    /** Validates against the documents in {@code folder}; {@code documentFor} names the document for a call's path. */
    public ZohoContract(Path folder, Function<String, String> documentFor) {
        this.folder = folder;
        this.documentFor = documentFor;
    }

    /** {@code $ZOHO_OPENAPI_DIR/<product>} when the variable is set and the folder exists. */
    public static Optional<Path> documents(String product) {
        String dir = System.getenv("ZOHO_OPENAPI_DIR");
        return dir == null
                ? Optional.empty()
                : Optional.of(Path.of(dir, product)).filter(Files::isDirectory);
    }

    /** Sends {@code request} (with {@code body} when not null), keeps the exchange and answers the response. */
    public HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
        HttpResponse<Buffer> response = body == null ? SandboxClient.send(request) : SandboxClient.send(request, body);
        Map<String, String> query = new LinkedHashMap<>();
        request.queryParams().forEach(query::put);
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(headers::put);
        String path = request.uri().contains("?")
                ? request.uri().substring(0, request.uri().indexOf('?'))
                : request.uri();
        exchanges.add(new Exchange(
                request.method(),
                path,
                query,
                headers,
                body == null ? null : body.encode(),
                response.statusCode(),
                response.bodyAsString()));
        return response;
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** For each exchange with a problem, its name and body mapped to the messages no known quirk explains. */
    public Map<String, List<String>> problems() {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Exchange exchange : exchanges) {
            int status = ZohoDocumentQuirks.documentedStatus(exchange.path(), exchange.status());
            List<String> unexplained = ZohoDocumentQuirks.unexplained(
                    exchange.path(),
                    validator(exchange.path()).validate(request(exchange), response(exchange, status)));
            if (!unexplained.isEmpty()) problems.put(exchange.name() + " " + exchange.responseBody(), unexplained);
        }
        return problems;
    }

    private OpenApiInteractionValidator validator(String path) {
        return validators.computeIfAbsent(
                documentFor.apply(path),
                name -> OpenApiInteractionValidator.createForSpecificationUrl(withLocalReferences(folder.resolve(name))
                                .toUri()
                                .toString())
                        .build());
    }

    /**
     * Zoho's CRM documents point their {@code $ref}s at GitHub; this copies the document next to a copy of {@code common.json}
     * and replaces references to the users, tags and modules documents (not shipped) by plain objects; a document the
     * parser refuses as it stands is read from a copy {@link ZohoDocumentQuirks#loadable made loadable}.
     */
    private static Path withLocalReferences(Path document) {
        try {
            String text = Files.readString(document);
            if (!text.contains(REMOTE)) {
                String loadable = ZohoDocumentQuirks.loadable(text);
                if (loadable.equals(text)) return document;
                Path copy = Files.createTempFile("zoho-openapi-", ".yml");
                copy.toFile().deleteOnExit();
                return Files.writeString(copy, loadable);
            }
            Path copy = Files.createTempDirectory("zoho-openapi");
            for (Path file : List.of(document, document.resolveSibling("common.json"))) {
                String local = Files.readString(file)
                        .replaceAll(
                                "\\{\\s*\"\\$ref\"\\s*:\\s*\"" + REMOTE.replace(".", "\\.")
                                        + "(users|tags|modules)\\.json#[^\"]*\"\\s*}",
                                "{\"type\": \"object\"}")
                        .replace(REMOTE + "common.json", "common.json");
                Files.writeString(copy.resolve(file.getFileName()), local);
            }
            return copy.resolve(document.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Request request(Exchange exchange) {
        SimpleRequest.Builder builder =
                new SimpleRequest.Builder(exchange.method().name(), exchange.path());
        exchange.headers().forEach(builder::withHeader);
        exchange.query().forEach(builder::withQueryParam);
        if (exchange.requestBody() != null)
            builder.withContentType("application/json").withBody(exchange.requestBody());
        return builder.build();
    }

    private static SimpleResponse response(Exchange exchange, int status) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(status);
        if (exchange.responseBody() != null) {
            builder.withContentType("application/json")
                    .withBody(ZohoDocumentQuirks.normalised(exchange.path(), exchange.responseBody()));
        }
        return builder.build();
    }
}
