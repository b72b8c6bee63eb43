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
import java.math.BigInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CrmRecordsTest {
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

    @Test
    void insertingOnlyGoodRecordsAnswers201WithEachRecordsId() {
        HttpResponse<Buffer> response = write(
                HttpMethod.POST,
                "/Contacts",
                contact("Lovelace", "ada@example.com"),
                contact("Hopper", "grace@example.com"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonArray data = response.bodyAsJsonObject().getJsonArray("data");
        assertThat(data).hasSize(2);
        JsonObject first = data.getJsonObject(0);
        assertThat(first.getString("code")).isEqualTo("SUCCESS");
        assertThat(first.getString("status")).isEqualTo("success");
        assertThat(first.getString("message")).isEqualTo("record added");
        assertThat(first.getJsonObject("details").getString("id"))
                .as(
                        "19 digits like Zoho's, beyond JavaScript's 2^53: clients must keep ids as strings (the Node SDK: BigInt)")
                .matches("\\d{19}")
                .satisfies(id -> assertThat(new BigInteger(id)).isGreaterThan(BigInteger.TWO.pow(53)));
        assertThat(first.getJsonObject("details").getString("Created_Time"))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
        assertThat(client.sandbox.inspect().recordsFor("ada@example.com"))
                .singleElement()
                .satisfies(r -> assertThat(r.entity()).isEqualTo("Contacts"));
    }

    @Test
    void aMixedInsertAnswers207WithTheReasonOfEachFailedRecord() {
        write(HttpMethod.POST, "/Contacts", contact("Lovelace", "ada@example.com"));

        HttpResponse<Buffer> response = write(
                HttpMethod.POST,
                "/Contacts",
                contact("Turing", "alan@example.com"),
                new JsonObject().put("Email", "nolast@example.com"),
                contact("Bad", "not-an-email"),
                contact("Again", "ADA@example.com"));

        assertThat(response.statusCode()).isEqualTo(207);
        JsonArray data = response.bodyAsJsonObject().getJsonArray("data");
        assertThat(data)
                .extracting(r -> ((JsonObject) r).getString("code"))
                .containsExactly("SUCCESS", "MANDATORY_NOT_FOUND", "INVALID_DATA", "DUPLICATE_DATA");
        assertThat(data.getJsonObject(1).getJsonObject("details"))
                .isEqualTo(new JsonObject().put("api_name", "Last_Name").put("json_path", "$.data[1].Last_Name"));
        assertThat(data.getJsonObject(1).getString("message")).isEqualTo("required field not found");
        assertThat(data.getJsonObject(2).getJsonObject("details").getString("api_name"))
                .isEqualTo("Email");
        JsonObject duplicate = data.getJsonObject(3);
        assertThat(duplicate.getString("message")).isEqualTo("duplicate data");
        assertThat(duplicate
                        .getJsonObject("details")
                        .getJsonObject("duplicate_record")
                        .getString("id"))
                .isNotBlank();
    }

    @Test
    void anInsertWithNoGoodRecordAnswers400AndLeadsNeedALastNameToo() {
        HttpResponse<Buffer> response = write(
                HttpMethod.POST,
                "/Leads",
                new JsonObject().put("Company", "Acme").put("Email", "lead@example.com"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject()
                        .getJsonArray("data")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(client.sandbox.inspect().recordsFor("lead@example.com")).isEmpty();
    }

    @Test
    void moreThanAHundredRecordsOrNoneOrAnUnknownModuleAreRefusedWhole() {
        JsonObject[] many = IntStream.range(0, 101)
                .mapToObj(i -> contact("N" + i, "n" + i + "@example.com"))
                .toArray(JsonObject[]::new);

        HttpResponse<Buffer> tooMany = write(HttpMethod.POST, "/Contacts", many);
        HttpResponse<Buffer> none = write(HttpMethod.POST, "/Contacts");
        HttpResponse<Buffer> unknownModule = write(HttpMethod.POST, "/Potatoes", contact("X", "x@example.com"));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("code", "LIMIT_EXCEEDED")
                        .put("details", new JsonObject().put("limit", 100))
                        .put("message", "Record count exceeded")
                        .put("status", "error"));
        assertThat(none.bodyAsJsonObject().getString("code")).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(unknownModule.statusCode()).isEqualTo(400);
        assertThat(unknownModule.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_MODULE");
        assertThat(write(
                                HttpMethod.POST,
                                "/Contacts",
                                IntStream.range(0, 100)
                                        .mapToObj(i -> contact("M" + i, "m" + i + "@example.com"))
                                        .toArray(JsonObject[]::new))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void upsertUpdatesByEmailByDefaultAndInsertsOtherwise() {
        String id = insertedId(contact("Lovelace", "ada@example.com"));

        HttpResponse<Buffer> response = write(
                HttpMethod.POST,
                "/Contacts/upsert",
                contact("King", "ADA@example.com").put("Phone", "555"),
                contact("Hopper", "grace@example.com"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray data = response.bodyAsJsonObject().getJsonArray("data");
        assertThat(data.getJsonObject(0).getString("action")).isEqualTo("update");
        assertThat(data.getJsonObject(0).getString("duplicate_field")).isEqualTo("Email");
        assertThat(data.getJsonObject(0).getString("message")).isEqualTo("record updated");
        assertThat(data.getJsonObject(0).getJsonObject("details").getString("id"))
                .isEqualTo(id);
        assertThat(data.getJsonObject(1).getString("action")).isEqualTo("insert");
        assertThat(data.getJsonObject(1).containsKey("duplicate_field")).isTrue();
        assertThat(data.getJsonObject(1).getValue("duplicate_field")).isNull();
        JsonObject stored = send(client.crm(HttpMethod.GET, "/Contacts/" + id, token))
                .bodyAsJsonObject()
                .getJsonArray("data")
                .getJsonObject(0);
        assertThat(stored.getString("Last_Name")).isEqualTo("King");
        assertThat(stored.getString("Phone")).isEqualTo("555");
    }

    @Test
    void upsertHonoursDuplicateCheckFieldsAndAnswers207Or400() {
        insertedId(contact("Lovelace", "ada@example.com").put("Phone", "111"));
        JsonObject body = new JsonObject()
                .put("duplicate_check_fields", new JsonArray().add("Phone"))
                .put(
                        "data",
                        new JsonArray()
                                .add(new JsonObject().put("Phone", "111").put("Email", "new@example.com"))
                                .add(new JsonObject().put("Phone", "222")));

        HttpResponse<Buffer> mixed = send(client.crm(HttpMethod.POST, "/Contacts/upsert", token), body);
        HttpResponse<Buffer> failed =
                write(HttpMethod.POST, "/Contacts/upsert", new JsonObject().put("Email", "nobody@example.com"));

        assertThat(mixed.statusCode()).isEqualTo(207);
        JsonArray data = mixed.bodyAsJsonObject().getJsonArray("data");
        assertThat(data.getJsonObject(0).getString("duplicate_field")).isEqualTo("Phone");
        assertThat(data.getJsonObject(1).getString("code")).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(client.sandbox.inspect().recordsFor("new@example.com")).hasSize(1);
    }

    @Test
    void updatesNeedKnownIdsAndKeepEmailsUnique() {
        String ada = insertedId(contact("Lovelace", "ada@example.com"));
        insertedId(contact("Hopper", "grace@example.com"));

        HttpResponse<Buffer> one = write(HttpMethod.PUT, "/Contacts/" + ada, new JsonObject().put("First_Name", "Ada"));
        HttpResponse<Buffer> many = write(
                HttpMethod.PUT,
                "/Contacts",
                new JsonObject().put("id", ada).put("Title", "Countess"),
                new JsonObject().put("id", "1").put("Title", "Nobody"),
                new JsonObject().put("Title", "No id"),
                new JsonObject().put("id", ada).put("Email", "grace@example.com"));

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.bodyAsJsonObject().getJsonArray("data").getJsonObject(0).getString("message"))
                .isEqualTo("record updated");
        assertThat(many.statusCode()).isEqualTo(207);
        assertThat(many.bodyAsJsonObject().getJsonArray("data"))
                .extracting(r -> ((JsonObject) r).getString("code"))
                .containsExactly("SUCCESS", "INVALID_DATA", "MANDATORY_NOT_FOUND", "DUPLICATE_DATA");
        JsonObject stored = send(client.crm(HttpMethod.GET, "/Contacts/" + ada, token))
                .bodyAsJsonObject()
                .getJsonArray("data")
                .getJsonObject(0);
        assertThat(stored.getString("First_Name")).isEqualTo("Ada");
        assertThat(stored.getString("Title")).isEqualTo("Countess");
        assertThat(write(HttpMethod.PUT, "/Contacts/1", new JsonObject().put("Title", "x"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void searchFindsByEmailCriteriaOrWordAndAnswers204WhenNothingMatches() {
        write(
                HttpMethod.POST,
                "/Contacts",
                contact("Lovelace", "ada@example.com"),
                contact("Lamarr", "hedy@example.com"),
                contact("Hopper", "grace@example.com"));

        HttpResponse<Buffer> byEmail = search("email=ADA@example.com");
        HttpResponse<Buffer> byCriteria = search("criteria=(Email:equals:hedy@example.com)");
        HttpResponse<Buffer> byStart = search("criteria=((Last_Name:starts_with:La)and(Email:starts_with:hedy))");
        HttpResponse<Buffer> byEither = search("criteria=((Last_Name:equals:Hopper)or(Last_Name:equals:Lovelace))");
        HttpResponse<Buffer> byWord = search("word=hopp");
        HttpResponse<Buffer> nothing = search("email=nobody@example.com");

        assertThat(byEmail.statusCode()).isEqualTo(200);
        JsonObject body = byEmail.bodyAsJsonObject();
        assertThat(body.getJsonArray("data"))
                .singleElement()
                .satisfies(
                        r -> assertThat(((JsonObject) r).getString("Last_Name")).isEqualTo("Lovelace"));
        assertThat(body.getJsonObject("info").getInteger("count")).isEqualTo(1);
        assertThat(body.getJsonObject("info").getBoolean("more_records")).isFalse();
        assertThat(byCriteria.bodyAsJsonObject().getJsonArray("data")).hasSize(1);
        assertThat(byStart.bodyAsJsonObject().getJsonArray("data")).hasSize(1);
        assertThat(byEither.bodyAsJsonObject().getJsonArray("data")).hasSize(2);
        assertThat(byWord.bodyAsJsonObject().getJsonArray("data")).hasSize(1);
        assertThat(nothing.statusCode()).isEqualTo(204);
        assertThat(nothing.body()).isNull();
    }

    @Test
    void searchRefusesMissingOrMalformedCriteriaAndGetAnswers204ForAnUnknownId() {
        HttpResponse<Buffer> noParameter = send(client.crm(HttpMethod.GET, "/Contacts/search", token));
        HttpResponse<Buffer> malformed = search("criteria=Email=ada@example.com");

        assertThat(noParameter.statusCode()).isEqualTo(400);
        assertThat(noParameter.bodyAsJsonObject().getString("code")).isEqualTo("REQUIRED_PARAM_MISSING");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_QUERY");
        assertThat(send(client.crm(HttpMethod.GET, "/Contacts/5725767000000000001", token))
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void theRateLimitAndABadTokenAnswerInCrmsErrorShape() {
        client.sandbox.control().perMinuteLimit("crm", 2);
        search("email=a@example.com");
        search("email=a@example.com");

        HttpResponse<Buffer> limited = search("email=a@example.com");
        HttpResponse<Buffer> badToken =
                send(client.crm(HttpMethod.GET, "/Contacts/search?email=a@example.com", "1000.bad"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.bodyAsJsonObject().getString("code")).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(limited.bodyAsJsonObject().getString("status")).isEqualTo("error");
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(badToken.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_TOKEN");
        assertThat(client.sandbox.inspect().calls("GET /crm/v8/{module}/search"))
                .isEqualTo(4);
    }

    private HttpResponse<Buffer> write(HttpMethod method, String path, JsonObject... records) {
        return send(
                client.crm(method, path, token),
                new JsonObject().put("data", new JsonArray(java.util.List.of((Object[]) records))));
    }

    private HttpResponse<Buffer> search(String query) {
        return send(client.crm(HttpMethod.GET, "/Contacts/search?" + query, token));
    }

    private String insertedId(JsonObject record) {
        return write(HttpMethod.POST, "/Contacts", record)
                .bodyAsJsonObject()
                .getJsonArray("data")
                .getJsonObject(0)
                .getJsonObject("details")
                .getString("id");
    }

    private static JsonObject contact(String lastName, String email) {
        return new JsonObject().put("Last_Name", lastName).put("Email", email);
    }
}
