package io.zohosync.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.common.ApiContract;
import io.zohosync.adapters.http.webhooks.StripeWebhookSettings;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.flows.item.ItemMapping;
import io.zohosync.ports.flows.order.OrderMapping;
import io.zohosync.ports.flows.payment.PaymentMapping;
import io.zohosync.ports.flows.quote.QuoteMapping;
import io.zohosync.ports.flows.refund.RefundMapping;
import io.zohosync.ports.in.RecordEntityUseCase;
import io.zohosync.ports.intake.EntityMapping;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document ({@code openapi/zoho-sync.yaml}) against the router: it parses, it names every route the
 * router serves and serves nothing it does not, it is served at {@code /openapi.yaml}, and the router's answers
 * (stub use cases behind it) are what it says.
 */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {

    private static final String DOCUMENT = new String(OpenApiRoute.document(), StandardCharsets.UTF_8);

    private HttpFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = HttpFixture.start(vertx);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theDocumentIsOpenApi31AndVertxReadsItAsAContract(Vertx vertx) {
        // OpenAPIContract.from validates the document against OpenAPI 3.1's schema before it resolves it
        ApiContract api = ApiContract.load(vertx, OpenApiRoute.document()).await();

        assertThat(api.raw().getString("openapi")).isEqualTo("3.1.0");
        assertThat(api.raw().getString("jsonSchemaDialect"))
                .isEqualTo("https://spec.openapis.org/oas/3.1/dialect/base");
        assertThat(api.contract().operations()).hasSize(documented().size());
        assertThat(DOCUMENT).doesNotContain("nullable", "example:");
    }

    @Test
    void everyRouteTheRouterServesIsDocumentedAndEveryDocumentedOperationIsServed(Vertx vertx) {
        Router router = HttpAdapters.router(
                vertx,
                HttpFixture.settings(HttpFixture.BODY_LIMIT),
                endpoints(new EveryCollection()),
                Optional.of(new StripeWebhookSettings(List.of("whsec_test"))),
                (type, outcome) -> {});

        Set<String> served = new TreeSet<>();
        walk(router, "", served);

        assertThat(served).as("operations the router serves").isEqualTo(documented());
        assertThat(served).contains("POST /api/v1/orders", "GET /admin/api/inbound-events/{}", "GET /openapi.yaml");
    }

    @Test
    void theDocumentIsServedWithoutACredentialAsYaml() {
        HttpResponse<Buffer> response = fx.http.get(OpenApiRoute.PATH).send().await();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/yaml");
        assertThat(response.bodyAsString()).isEqualTo(DOCUMENT);
        assertValid(fx.http.get(OpenApiRoute.PATH), null);
    }

    @Test
    void theRoutersAnswersAreWhatTheDocumentSays() {
        fx.status.held.add(
                StubSyncStatus.view(new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BOOKS), SyncStatus.SYNCED));
        String customer =
                new JsonObject().put("id", "c-1").put("first_name", "Ada").encode();

        assertValid(fx.api(HttpMethod.POST, "/customers"), customer);
        assertValid(fx.api(HttpMethod.PUT, "/customers/c-1"), customer);
        assertValid(fx.api(HttpMethod.POST, "/customers"), "{");
        assertValid(fx.api(HttpMethod.GET, "/customers/c-1"), null);
        assertValid(fx.api(HttpMethod.GET, "/customers/nobody"), null);
        assertValid(fx.http.get("/api/v1/customers/c-1"), null);
        assertValid(fx.admin(HttpMethod.GET, "/sync/status"), null);
        assertValid(fx.admin(HttpMethod.GET, "/sync/customer/c-1"), null);
        assertValid(fx.admin(HttpMethod.POST, "/sync/customer/c-1/books/retry"), null);
        assertValid(fx.admin(HttpMethod.GET, "/zoho/connection"), null);
        assertValid(fx.admin(HttpMethod.POST, "/zoho/connect"), null);
        assertValid(fx.admin(HttpMethod.GET, "/inbound-events"), null);
        assertValid(fx.admin(HttpMethod.GET, "/inbound-events/7"), null);
        assertValid(fx.admin(HttpMethod.POST, "/reconciliations"), "{\"entity\":[\"customer\"]}");
        assertValid(fx.admin(HttpMethod.POST, "/reconciliations"), "{\"entity\":[\"refund\"]}");
        assertValid(fx.admin(HttpMethod.GET, "/reconciliations"), null);
        assertValid(fx.admin(HttpMethod.GET, "/reconciliations/7"), null);
        assertValid(fx.admin(HttpMethod.GET, "/reconciliations/99"), null);
        assertValid(fx.admin(HttpMethod.POST, "/reconciliations/7/repair"), null);
        assertValid(fx.admin(HttpMethod.POST, "/reconciliations/8/repair"), null);
        fx.mappings.held.add(MappingRoutesTest.subscription());
        assertValid(fx.api(HttpMethod.GET, "/mappings?entity=subscription&id=s-1"), null);
        assertValid(fx.api(HttpMethod.GET, "/mappings?entity=nonsense&id=s-1"), null);
        assertValid(fx.api(HttpMethod.GET, "/mappings?entity=customer&id=nobody"), null);
        assertValid(fx.admin(HttpMethod.GET, "/mappings?zoho_id=2000000001"), null);
        assertValid(fx.admin(HttpMethod.GET, "/mappings?target=billing"), null);
        assertValid(fx.http.post("/webhooks/stripe"), "{}");
        assertValid(fx.http.post("/admin/session"), "{\"token\":\"not-it\"}");
        assertValid(fx.http.post("/admin/session"), "{\"token\":\"" + HttpFixture.ADMIN_TOKEN + "\"}");
        assertValid(fx.http.get("/admin/session"), null);
        assertValid(fx.http.get("/admin/"), null);
        assertValid(fx.http.get("/health/live"), null);
        assertValid(fx.http.get("/health/ready"), null);
        assertValid(fx.http.get("/metrics"), null);
    }

    /**
     * Sends the request ({@code body} as JSON when not null) and asserts no error in the response, and none in the
     * request either when the service took it (2xx).
     */
    private static void assertValid(HttpRequest<Buffer> request, String body) {
        HttpResponse<Buffer> response = body == null
                ? request.send().await()
                : request.putHeader("content-type", "application/json")
                        .sendBuffer(Buffer.buffer(body))
                        .await();
        List<String> errors = DocumentedExchanges.violations(
                request.method().name(),
                request.uri(),
                headers(request.headers()),
                body,
                response.statusCode(),
                headers(response.headers()),
                response.bodyAsString());
        assertThat(errors)
                .as("%s %s -> %d %s", request.method(), request.uri(), response.statusCode(), response.bodyAsString())
                .isEmpty();
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> all = new TreeMap<>();
        headers.names().forEach(name -> all.put(name, headers.getAll(name)));
        return all;
    }

    /** {@code METHOD /path} of every operation in the document, path parameters as {@code {}}. */
    private static Set<String> documented() {
        Set<String> operations = new TreeSet<>();
        JsonObject paths = new JsonObject(
                Json.encode(new Yaml().<Map<String, Object>>load(DOCUMENT).get("paths")));
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options")
                        .contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + shape(path));
                }
            }
        }
        return operations;
    }

    /** {@code METHOD /path} of every route with methods, through sub-routers, path parameters as {@code {}}. */
    private static void walk(Router router, String prefix, Set<String> operations) {
        for (Route route : router.getRoutes()) {
            if (route.getSubRouter() != null) {
                walk(route.getSubRouter(), prefix + stripTrailingSlash(route.getPath()), operations);
            } else if (route.getPath() != null
                    && route.methods() != null
                    && !route.methods().isEmpty()) {
                // a prefix route (the console's files, /admin/console/*) serves one file name under it
                String path = prefix + route.getPath() + (route.isExactPath() ? "" : "{}");
                route.methods().forEach(m -> operations.add(m.name() + " " + shape(path)));
            }
        }
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String shape(String path) {
        return path.replaceAll(":[^/]+", "{}").replaceAll("\\{[^}/]+}", "{}");
    }

    private HttpAdapters.Endpoints endpoints(RecordEntityUseCase entities) {
        return new HttpAdapters.Endpoints(
                entities,
                fx.status,
                fx.admin,
                fx.connect,
                fx.inbound,
                List.of(new Readiness("stub", () -> Future.succeededFuture(new JsonObject()))),
                () -> "",
                fx.console,
                fx.console,
                fx.reconcile,
                fx.outbox,
                fx.mappings,
                request -> Future.succeededFuture(
                        new io.zohosync.ports.in.PaymentMethodUseCase.Result.Refused(503, "zoho_unavailable", "stub")));
    }

    /** The intake's collections as the service wires them: one per flow's mapping. */
    private static final class EveryCollection implements RecordEntityUseCase {
        private static final List<EntityMapping<?>> MAPPINGS = List.of(
                new CustomerMapping(),
                new ItemMapping(),
                new OrderMapping(),
                new PaymentMapping(),
                new RefundMapping(),
                new QuoteMapping(),
                new io.zohosync.ports.flows.crm.InquiryMapping(),
                new io.zohosync.ports.flows.billing.ServiceMapping(io.zohosync.ports.flows.billing.CatalogNames.NONE),
                new io.zohosync.ports.flows.billing.PlanMapping(),
                new io.zohosync.ports.flows.billing.AddonMapping(),
                new io.zohosync.ports.flows.billing.ManualInvoiceMapping());

        @Override
        public Future<Result> record(Command command) {
            throw new UnsupportedOperationException("routes are only listed here");
        }

        @Override
        public Map<String, EntityType> collections() {
            return MAPPINGS.stream()
                    .collect(Collectors.toMap(
                            EntityMapping::collection, EntityMapping::type, (a, b) -> a, TreeMap::new));
        }
    }
}
