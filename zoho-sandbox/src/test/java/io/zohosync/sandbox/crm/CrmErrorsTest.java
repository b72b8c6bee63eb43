package io.zohosync.sandbox.crm;

import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.core.Fault;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error the sandbox gives a CRM request is in CRM's shape {@code {"code":"…","details":{…},"message":"…",
 * "status":"error"}} — whole-request errors as the body, per-record errors inside {@code data[]} — never Books'
 * {@code {"code":5,"message":…}}, and a refused write stores nothing.
 */
@ExtendWith(VertxExtension.class)
class CrmErrorsTest {
    private static final String MARKER = "err-marker@example.com";

    private SandboxClient client;
    private String token;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        token = client.accessToken();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    /** One way to get a CRM error: the call (given the client and a valid token), the status and code expected. */
    record Case(
            String name,
            BiFunction<SandboxClient, String, HttpResponse<Buffer>> call,
            int status,
            String code,
            boolean perRecord) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                        new Case(
                                "unknown URL",
                                (c, t) -> send(c.crm(HttpMethod.GET, "/Contacts/1/notes/2/x", t)),
                                404,
                                "INVALID_URL_PATTERN",
                                false),
                        new Case(
                                "a CRM version the sandbox does not serve",
                                (c, t) -> send(c.web.get("/crm/v2/Contacts").putHeader("Authorization", auth(t))),
                                404,
                                "INVALID_URL_PATTERN",
                                false),
                        new Case(
                                "invalid module",
                                (c, t) -> write(c, t, HttpMethod.POST, "/Potatoes", contact("X", MARKER)),
                                400,
                                "INVALID_MODULE",
                                false),
                        new Case(
                                "unknown id in the path",
                                (c, t) -> write(
                                        c, t, HttpMethod.PUT, "/Contacts/5725767000000000404", contact("X", MARKER)),
                                400,
                                "INVALID_DATA",
                                true),
                        new Case(
                                "id that is not one (a JSON object)",
                                (c, t) -> write(
                                        c,
                                        t,
                                        HttpMethod.PUT,
                                        "/Contacts",
                                        contact("X", MARKER).put("id", new JsonObject())),
                                400,
                                "INVALID_DATA",
                                true),
                        new Case(
                                "unknown id given as a JSON number",
                                (c, t) -> write(
                                        c,
                                        t,
                                        HttpMethod.PUT,
                                        "/Contacts",
                                        contact("X", MARKER).put("id", 5725767000000000404L)),
                                400,
                                "INVALID_DATA",
                                true),
                        new Case(
                                "invalid data (an email that is not one)",
                                (c, t) -> write(c, t, HttpMethod.POST, "/Contacts", contact("X", "not-an-email")),
                                400,
                                "INVALID_DATA",
                                true),
                        new Case(
                                "a record that is not an object",
                                (c, t) -> send(
                                        c.crm(HttpMethod.POST, "/Contacts", t),
                                        new JsonObject().put("data", new JsonArray().add("x"))),
                                400,
                                "INVALID_DATA",
                                true),
                        new Case(
                                "mandatory field missing",
                                (c, t) -> write(
                                        c, t, HttpMethod.POST, "/Contacts", new JsonObject().put("Email", MARKER)),
                                400,
                                "MANDATORY_NOT_FOUND",
                                true),
                        new Case(
                                "no data at all",
                                (c, t) -> send(c.crm(HttpMethod.POST, "/Contacts", t), new JsonObject()),
                                400,
                                "MANDATORY_NOT_FOUND",
                                false),
                        new Case(
                                "duplicate",
                                (c, t) -> {
                                    write(c, t, HttpMethod.POST, "/Contacts", contact("First", "dup@example.com"));
                                    return write(
                                            c, t, HttpMethod.POST, "/Contacts", contact("Second", "DUP@example.com"));
                                },
                                400,
                                "DUPLICATE_DATA",
                                true),
                        new Case(
                                "duplicate_check_fields that is not an array",
                                (c, t) -> send(
                                        c.crm(HttpMethod.POST, "/Contacts/upsert", t),
                                        new JsonObject()
                                                .put("data", new JsonArray().add(contact("X", MARKER)))
                                                .put("duplicate_check_fields", "Email")),
                                400,
                                "INVALID_DATA",
                                false),
                        new Case(
                                "more than a hundred records",
                                (c, t) -> write(
                                        c,
                                        t,
                                        HttpMethod.POST,
                                        "/Contacts",
                                        IntStream.range(0, 101)
                                                .mapToObj(i -> contact("N" + i, i + MARKER))
                                                .toArray(JsonObject[]::new)),
                                400,
                                "LIMIT_EXCEEDED",
                                false),
                        new Case(
                                "a body over the size limit",
                                (c, t) ->
                                        write(c, t, HttpMethod.POST, "/Contacts", contact("X".repeat(1 << 20), MARKER)),
                                413,
                                "LIMIT_EXCEEDED",
                                false),
                        new Case(
                                "a body that is not JSON",
                                (c, t) -> SandboxClient.await(c.crm(HttpMethod.POST, "/Contacts", t)
                                        .putHeader("Content-Type", "application/json")
                                        .sendBuffer(Buffer.buffer("{\"data\": ["))),
                                400,
                                "INVALID_DATA",
                                false),
                        new Case(
                                "search without criteria",
                                (c, t) -> send(c.crm(HttpMethod.GET, "/Contacts/search", t)),
                                400,
                                "REQUIRED_PARAM_MISSING",
                                false),
                        new Case(
                                "search with criteria that do not parse",
                                (c, t) -> send(c.crm(HttpMethod.GET, "/Contacts/search?criteria=Email", t)),
                                400,
                                "INVALID_QUERY",
                                false),
                        new Case(
                                "list without fields",
                                (c, t) -> send(c.crm(HttpMethod.GET, "/Contacts", t)),
                                400,
                                "REQUIRED_PARAM_MISSING",
                                false),
                        new Case(
                                "a method CRM does not serve on a collection",
                                (c, t) -> send(c.crm(HttpMethod.PATCH, "/Contacts", t)),
                                405,
                                "INVALID_REQUEST_METHOD",
                                false),
                        new Case(
                                "a method CRM does not serve on a record",
                                (c, t) -> write(
                                        c, t, HttpMethod.POST, "/Contacts/5725767000000000404", contact("X", MARKER)),
                                405,
                                "INVALID_REQUEST_METHOD",
                                false),
                        new Case(
                                "delete without ids",
                                (c, t) -> send(c.crm(HttpMethod.DELETE, "/Contacts", t)),
                                400,
                                "REQUIRED_PARAM_MISSING",
                                false),
                        new Case(
                                "delete of more than a hundred ids",
                                (c, t) -> send(c.crm(
                                        HttpMethod.DELETE,
                                        "/Contacts?ids=" + String.join(",", Collections.nCopies(101, "1")),
                                        t)),
                                400,
                                "LIMIT_EXCEEDED",
                                false),
                        new Case(
                                "delete of an unknown id among ids",
                                (c, t) -> send(c.crm(HttpMethod.DELETE, "/Contacts?ids=5725767000000000404", t)),
                                400,
                                "INVALID_DATA",
                                true),
                        new Case(
                                "delete of an unknown record",
                                (c, t) -> send(c.crm(HttpMethod.DELETE, "/Contacts/5725767000000000404", t)),
                                400,
                                "INVALID_DATA",
                                false),
                        new Case(
                                "an unknown type of deleted records",
                                (c, t) -> send(c.crm(HttpMethod.GET, "/Contacts/deleted?type=x", t)),
                                400,
                                "PATTERN_NOT_MATCHED",
                                true),
                        new Case(
                                "no Authorization header",
                                (c, t) -> send(c.web.get("/crm/v8/Contacts?fields=Email")),
                                401,
                                "AUTHENTICATION_FAILURE",
                                false),
                        new Case(
                                "an Authorization header of another scheme",
                                (c, t) -> send(c.web.get("/crm/v8/Contacts?fields=Email")
                                        .putHeader("Authorization", "Basic " + t)),
                                401,
                                "AUTHENTICATION_FAILURE",
                                false),
                        new Case(
                                "the Zoho-oauthtoken scheme without a token",
                                (c, t) -> send(c.web.get("/crm/v8/Contacts?fields=Email")
                                        .putHeader("Authorization", "Zoho-oauthtoken ")),
                                401,
                                "AUTHENTICATION_FAILURE",
                                false),
                        new Case(
                                "a token Zoho never issued",
                                (c, t) -> send(c.crm(
                                        HttpMethod.GET,
                                        "/Contacts?fields=Email",
                                        "1000.00000000000000000000000000000000.00000000000000000000000000000000")),
                                401,
                                "INVALID_TOKEN",
                                false),
                        new Case(
                                "an expired token",
                                (c, t) -> {
                                    c.sandbox.control().expireAccessTokens();
                                    return send(c.crm(HttpMethod.GET, "/Contacts?fields=Email", t));
                                },
                                401,
                                "INVALID_TOKEN",
                                false),
                        new Case(
                                "a revoked token",
                                (c, t) -> {
                                    c.sandbox.control().revoke(t);
                                    return send(c.crm(HttpMethod.GET, "/Contacts?fields=Email", t));
                                },
                                401,
                                "INVALID_TOKEN",
                                false),
                        new Case(
                                "per-minute limit",
                                (c, t) -> {
                                    c.sandbox.control().perMinuteLimit("crm", 1);
                                    send(c.crm(HttpMethod.GET, "/Contacts?fields=Email", t));
                                    return send(c.crm(HttpMethod.GET, "/Contacts?fields=Email", t));
                                },
                                429,
                                "TOO_MANY_REQUESTS",
                                false),
                        new Case(
                                "daily limit",
                                (c, t) -> {
                                    c.sandbox.control().dailyLimit(1);
                                    send(c.crm(HttpMethod.GET, "/Contacts?fields=Email", t));
                                    return send(c.crm(HttpMethod.GET, "/Contacts?fields=Email", t));
                                },
                                429,
                                "TOO_MANY_REQUESTS",
                                false),
                        new Case(
                                "internal error",
                                (c, t) -> {
                                    c.sandbox.control().failNext(Fault.SERVER_ERROR, 1);
                                    return write(c, t, HttpMethod.POST, "/Contacts", contact("X", MARKER));
                                },
                                500,
                                "INTERNAL_ERROR",
                                false),
                        new Case(
                                "strict mode: a query parameter CRM does not document",
                                (c, t) -> {
                                    c.sandbox.control().strict(true);
                                    return send(c.crm(HttpMethod.GET, "/Contacts/1?colour=blue", t));
                                },
                                400,
                                "INVALID_DATA",
                                false))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void everyCrmErrorIsInCrmsShapeAndStoresNothing(Case error) {
        HttpResponse<Buffer> response = error.call().apply(client, token);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(error.status());
        assertThat(response.getHeader("content-type")).startsWith("application/json");
        JsonObject body = response.bodyAsJsonObject();
        JsonObject shown;
        if (error.perRecord()) {
            assertThat(body.fieldNames()).containsExactly("data");
            shown = body.getJsonArray("data").getJsonObject(0);
        } else {
            shown = body;
        }
        assertThat(shown.fieldNames()).containsExactlyInAnyOrder("code", "details", "message", "status");
        assertThat(shown.getString("code")).isEqualTo(error.code());
        assertThat(shown.getValue("details")).isInstanceOf(JsonObject.class);
        assertThat(shown.getString("message")).isNotBlank();
        assertThat(shown.getString("status")).isEqualTo("error");
        assertThat(client.sandbox.inspect().recordsFor(MARKER)).isEmpty();
    }

    @Test
    void aWrongMethodIsRefusedWithCrmsMessageAndTheMethodsTheUrlTakes() {
        HttpResponse<Buffer> response = send(client.crm(HttpMethod.PATCH, "/Contacts/5725767000000000404", token));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("DELETE, GET, PUT");
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("code", "INVALID_REQUEST_METHOD")
                        .put("details", new JsonObject())
                        .put("message", "The http request method type is not a valid one")
                        .put("status", "error"));
    }

    @Test
    void anUnknownUrlIsStillInvalidUrlPatternWhateverTheMethod() {
        HttpResponse<Buffer> response = send(client.crm(HttpMethod.PATCH, "/Contacts/1/notes/2/x", token));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_URL_PATTERN");
        assertThat(response.getHeader("Allow")).isNull();
    }

    @Test
    void authFailuresSayWhatWasWrongInCrmsWords() {
        HttpResponse<Buffer> noHeader = send(client.web.get("/crm/v8/Contacts?fields=Email"));
        client.sandbox.control().revoke(token);
        HttpResponse<Buffer> revoked = send(client.crm(HttpMethod.GET, "/Contacts?fields=Email", token));

        assertThat(noHeader.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("code", "AUTHENTICATION_FAILURE")
                        .put("details", new JsonObject())
                        .put("message", "Authentication failed")
                        .put("status", "error"));
        assertThat(revoked.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("code", "INVALID_TOKEN")
                        .put("details", new JsonObject())
                        .put("message", "invalid oauth token")
                        .put("status", "error"));
    }

    @Test
    void strictModeTakesNoBearerTokenForZohosScheme() {
        client.sandbox.control().strict(true);

        HttpResponse<Buffer> response =
                send(client.web.get("/crm/v8/Contacts?fields=Email").putHeader("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("AUTHENTICATION_FAILURE");
    }

    private static HttpResponse<Buffer> write(
            SandboxClient client, String token, HttpMethod method, String path, JsonObject... records) {
        return send(client.crm(method, path, token), new JsonObject().put("data", new JsonArray(List.of((Object[])
                        records))));
    }

    private static JsonObject contact(String lastName, String email) {
        return new JsonObject().put("Last_Name", lastName).put("Email", email);
    }

    private static String auth(String token) {
        return "Zoho-oauthtoken " + token;
    }
}
