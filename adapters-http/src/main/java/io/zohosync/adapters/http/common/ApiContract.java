package io.zohosync.adapters.http.common;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The service's OpenAPI 3.1 document read as Vert.x's {@link OpenAPIContract}: what the router validates requests by
 * ({@link RequestCheck}) and the tests validate exchanges by. Read once a process, as it is a resource of the jar.
 *
 * <p>vertx-openapi 5.0.8 refuses a document naming a media type it has no reader for, and a relative server URL; the
 * contract is made of a copy of the document that names {@code application/problem+json} as {@code application/json}
 * (the same JSON, read the same way), leaves out the content of the answers it cannot read (HTML, JavaScript, CSS,
 * YAML: their content types are checked against {@link #raw()} instead) and the one server, {@code /}, the default.
 */
public final class ApiContract {

    /** The media types vertx-openapi 5.0.8 reads (besides vendor {@code +json} types, which this document has none of). */
    private static final Set<String> READABLE = Set.of("application/json", "text/plain");

    static final String PROBLEM_JSON = "application/problem+json";
    /** Beside each {@code content} of the contract: every media type the document names there. */
    public static final String MEDIA_TYPES = "x-zsync-media-types";

    /** The process's reader: the router, the start-up and the tests all read the document through it. */
    private static final Reader READER = new Reader(ApiContract::yaml);

    private final JsonObject raw;
    private final OpenAPIContract contract;
    /** A validator is made once a schema: making one resolves the schema again, the most of a check's time. */
    private final Map<JsonSchema, Validator> validators = new ConcurrentHashMap<>();

    private ApiContract(JsonObject raw, OpenAPIContract contract) {
        this.raw = raw;
        this.contract = contract;
    }

    /**
     * The contract of {@code document} (the YAML of {@code /openapi.yaml}); the same for every call in a process. A
     * call while the same Vert.x is still reading it gets that reading rather than a second one, so that a start-up
     * can begin it early, beside its other work, and the router built later waits for the same (issue 14, goal 5: it
     * is most of the time a cold process takes to answer its first request).
     */
    public static Future<ApiContract> load(Vertx vertx, byte[] document) {
        return READER.load(vertx, document);
    }

    /**
     * Starts parsing {@code document} on a thread of its own, before there is a Vert.x to ask: a process that knows
     * early it will serve requests (the service's {@code main}, before its command line is read) then finds the YAML
     * parsed, or nearly, when its router first asks for the contract. Also starts the JSON codec (Jackson's object
     * mapper), which the contract's reading and the first answer need. Once a process; later calls do nothing.
     */
    public static void parseAhead(byte[] document) {
        READER.parseAhead(document);
    }

    /**
     * Reads documents into contracts: keeps the contract read, shares a reading under way with every caller on the
     * same Vert.x (each answered on its own context), and uses a parsing started ahead when there is one of the same
     * document. A failed reading is not kept: the next call tries again.
     */
    static final class Reader {

        private final Function<byte[], JsonObject> parser;
        private final Map<Vertx, Future<ApiContract>> reading = new HashMap<>(); // guarded by itself
        /** The contract read, as the one future every later call gets (asked for by every request: no allocation). */
        private volatile Future<ApiContract> read;

        private volatile Ahead ahead; // set once, under reading's lock; dropped once a contract is read

        Reader(Function<byte[], JsonObject> parser) {
            this.parser = parser;
        }

        Future<ApiContract> load(Vertx vertx, byte[] document) {
            Future<ApiContract> known = read;
            if (known != null) {
                return known;
            }
            Context caller = vertx.getOrCreateContext();
            Promise<ApiContract> started = null;
            Future<ApiContract> underWay;
            synchronized (reading) {
                known = read;
                if (known != null) {
                    return known;
                }
                underWay = reading.get(vertx);
                if (underWay == null) {
                    started = Promise.promise();
                    underWay = started.future();
                    reading.put(vertx, underWay);
                }
            }
            if (started != null) { // the work outside the lock: other callers only wait for it
                Future<ApiContract> own = underWay;
                parsed(vertx, document)
                        .compose(raw -> OpenAPIContract.from(vertx, readable(raw))
                                .map(contract -> new ApiContract(raw, contract)))
                        .onComplete(done -> {
                            synchronized (reading) {
                                if (done.succeeded()) {
                                    read = Future.succeededFuture(done.result());
                                    ahead = null;
                                }
                                reading.remove(vertx, own);
                            }
                        })
                        .onComplete(started);
            }
            // the reading completes on whichever thread finished it: each caller hears on its own context
            Promise<ApiContract> answer = Promise.promise();
            underWay.onComplete(done -> caller.runOnContext(x -> answer.handle(done)));
            return answer.future();
        }

        void parseAhead(byte[] document) {
            synchronized (reading) {
                if (ahead != null || read != null) {
                    return;
                }
                CompletableFuture<JsonObject> parsing = new CompletableFuture<>();
                byte[] copy = document.clone();
                Thread thread = new Thread(
                        () -> {
                            try {
                                parsing.complete(parser.apply(copy));
                                Json.encode(new JsonObject().put("codec", true));
                            } catch (RuntimeException | Error e) {
                                parsing.completeExceptionally(e);
                            }
                        },
                        "zsync-openapi-ahead");
                thread.setDaemon(true);
                thread.start(); // should it throw, nothing waits for a parsing that never began
                ahead = new Ahead(copy, parsing);
            }
        }

        /**
         * The document as JSON: the parsing started ahead when there is one of this document (parsed again on a
         * worker should it have failed), else parsed now on a worker (80 KB of YAML is no work for an event loop).
         */
        private Future<JsonObject> parsed(Vertx vertx, byte[] document) {
            Ahead started = ahead;
            if (started != null && Arrays.equals(started.document(), document)) {
                return Future.fromCompletionStage(started.parsing(), vertx.getOrCreateContext())
                        .recover(failed -> vertx.executeBlocking(() -> parser.apply(document)));
            }
            return vertx.executeBlocking(() -> parser.apply(document));
        }

        private record Ahead(byte[] document, CompletableFuture<JsonObject> parsing) {}
    }

    /** The contract vertx-openapi validates with. */
    public OpenAPIContract contract() {
        return contract;
    }

    /** The document as written (every media type in it). */
    public JsonObject raw() {
        return raw;
    }

    /**
     * Why the parameter's schema refuses {@code value} (as sent, decoded), null when it does not. The text is read as
     * the schema's type reads it: a number or boolean when it is one, else the text (which a number's schema then
     * refuses); a string parameter stays the text as sent though it may read as JSON ({@code -5}), where
     * vertx-openapi's own transformer would make it a number.
     */
    public String refuses(Parameter parameter, String value) {
        return refuses(parameter.getSchema(), typed(parameter, value));
    }

    /** The path parameter {@code name} of {@code operation} in the raw {@code path} (decoded), null when it has none. */
    public static String pathParameter(String path, Operation operation, String name) {
        int index = List.of(operation.getAbsoluteOpenAPIPath().split("/")).indexOf("{" + name + "}");
        String[] segments = path.split("/");
        if (index < 0 || index >= segments.length) {
            return null;
        }
        // a path keeps '+' as it is; the guards refuse a broken percent-encoding before this is read
        return URLDecoder.decode(segments[index].replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Why {@code value} (JSON as vertx reads it) breaks {@code schema}, null when it does not. */
    public String refuses(JsonSchema schema, Object value) {
        OutputUnit result = validators
                .computeIfAbsent(schema, s -> contract.getSchemaRepository().validator(s))
                .validate(value);
        return Boolean.TRUE.equals(result.getValid()) ? null : reason(result);
    }

    private static String reason(OutputUnit result) {
        List<OutputUnit> errors = result.getErrors();
        if (errors == null || errors.isEmpty()) {
            return "is not what the document allows";
        }
        return errors.stream()
                .map(error -> error.getError() + at(error.getInstanceLocation()))
                .distinct()
                .collect(Collectors.joining("; "));
    }

    private static String at(String location) {
        return location == null || location.length() <= 1 ? "" : " at " + location;
    }

    private static Object typed(Parameter parameter, String value) {
        if (parameter.getSchemaType() == null) {
            return value;
        }
        return switch (parameter.getSchemaType()) {
            case INTEGER, NUMBER -> number(value);
            case BOOLEAN -> value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : value;
            default -> value;
        };
    }

    private static Object number(String value) {
        try {
            BigDecimal number = new BigDecimal(value);
            boolean whole = number.scale() <= 0 && number.precision() - number.scale() <= 18;
            return whole ? (Object) number.longValueExact() : number;
        } catch (NumberFormatException | ArithmeticException e) {
            return value;
        }
    }

    /** The media type key the contract knows a documented {@code mediaType} by; null for one it holds no content of. */
    public static String readableAs(String mediaType) {
        if (mediaType.equals(PROBLEM_JSON)) {
            return "application/json";
        }
        return READABLE.contains(mediaType) ? mediaType : null;
    }

    static JsonObject yaml(byte[] document) {
        Object parsed =
                new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(document, StandardCharsets.UTF_8));
        if (json(parsed) instanceof JsonObject object) {
            return object;
        }
        throw new IllegalArgumentException("the OpenAPI document is not a YAML mapping");
    }

    /**
     * The YAML tree as JSON, node by node (not through a JSON text: that costs a cold process its JSON codec's
     * start-up on the way to its first answer). A value JSON has no form for (a timestamp, binary) is refused.
     */
    private static Object json(Object yaml) {
        if (yaml instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject(new LinkedHashMap<>(map.size() * 2));
            map.forEach((key, value) -> object.put(String.valueOf(key), json(value)));
            return object;
        }
        if (yaml instanceof List<?> list) {
            JsonArray array = new JsonArray(new ArrayList<>(list.size()));
            list.forEach(value -> array.add(json(value)));
            return array;
        }
        if (yaml == null || yaml instanceof String || yaml instanceof Number || yaml instanceof Boolean) {
            return yaml;
        }
        throw new IllegalArgumentException("the OpenAPI document holds a value JSON has no form for: " + yaml);
    }

    private static JsonObject readable(JsonObject raw) {
        JsonObject copy = raw.copy();
        copy.remove("servers");
        rewriteContent(copy);
        return copy;
    }

    /** Every {@code content} map in the document, its media types as the contract is to know them. */
    private static void rewriteContent(Object node) {
        if (node instanceof JsonObject object) {
            for (String key : List.copyOf(object.fieldNames())) {
                Object value = object.getValue(key);
                if (key.equals("content") && value instanceof JsonObject content && isMediaTypeMap(content)) {
                    object.put(MEDIA_TYPES, new JsonArray(List.copyOf(content.fieldNames())));
                    JsonObject readable = readableContent(content);
                    if (readable.isEmpty()) {
                        object.remove("content");
                    } else {
                        object.put("content", readable);
                    }
                } else {
                    rewriteContent(value);
                }
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(ApiContract::rewriteContent);
        }
    }

    private static boolean isMediaTypeMap(JsonObject content) {
        return !content.isEmpty() && content.fieldNames().stream().allMatch(name -> name.contains("/"));
    }

    private static JsonObject readableContent(JsonObject content) {
        JsonObject readable = new JsonObject();
        for (Map.Entry<String, Object> media : content) {
            String as = readableAs(media.getKey());
            if (as != null) {
                readable.put(as, media.getValue());
            }
        }
        return readable;
    }
}
