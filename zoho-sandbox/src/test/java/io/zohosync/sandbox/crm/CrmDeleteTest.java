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
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CRM record deletion over real HTTP: {@code DELETE /crm/v8/{module}?ids=..} and {@code DELETE /crm/v8/{module}/{id}}
 * answer as Zoho's documents and examples do, a deleted record is gone from every read and from inspection, and
 * {@code GET /crm/v8/{module}/deleted} lists it.
 */
@ExtendWith(VertxExtension.class)
class CrmDeleteTest {
    private static final String UNKNOWN = "5725767000000000404";

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
    void deletingOneRecordAnswersItsIdAndTheRecordIsGoneFromEveryRead() {
        String ada = insert("/Contacts", contact("Lovelace", "ada@example.com").put("First_Name", "Ada"));
        String grace = insert("/Contacts", contact("Hopper", "grace@example.com"));

        HttpResponse<Buffer> response = send(client.crm(HttpMethod.DELETE, "/Contacts/" + ada, token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("data", new JsonArray().add(deleted(ada))));
        assertThat(get("/Contacts/" + ada).statusCode()).as("get").isEqualTo(204);
        assertThat(get("/Contacts/search?email=ada@example.com").statusCode())
                .as("search")
                .isEqualTo(204);
        assertThat(get("/Contacts?fields=Email").bodyAsJsonObject().getJsonArray("data"))
                .as("list")
                .extracting(r -> ((JsonObject) r).getString("id"))
                .containsExactly(grace);
        assertThat(client.sandbox.inspect().recordsFor("ada@example.com")).isEmpty();
        assertThat(client.sandbox.inspect().recordsFor("grace@example.com")).hasSize(1);
        assertThat(client.sandbox.inspect().calls("DELETE /crm/v8/{module}/{id}"))
                .isEqualTo(1);
    }

    @Test
    void deletingByIdsAnswersEachRecord200WhenAllAreDeleted() {
        String ada = insert("/Leads", contact("Lovelace", "ada@example.com"));
        String alan = insert("/Leads", contact("Turing", "alan@example.com"));

        HttpResponse<Buffer> response =
                send(client.crm(HttpMethod.DELETE, "/Leads?ids=" + ada + "," + alan + "&wf_trigger=false", token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("data", new JsonArray().add(deleted(ada)).add(deleted(alan))));
        assertThat(get("/Leads?fields=Email").statusCode())
                .as("the list is empty")
                .isEqualTo(204);
        assertThat(client.sandbox.inspect().recordsFor("alan@example.com")).isEmpty();
    }

    @Test
    void anUnknownIdAmongKnownOnesIsNotDeletedAnd207SaysSo() {
        String ada = insert("/Contacts", contact("Lovelace", "ada@example.com"));
        String grace = insert("/Contacts", contact("Hopper", "grace@example.com"));

        HttpResponse<Buffer> response = send(client.crm(
                HttpMethod.DELETE, "/Contacts?ids=" + ada + ",%20" + UNKNOWN + "," + grace + "," + ada, token));

        assertThat(response.statusCode()).isEqualTo(207);
        JsonObject notDeleted = new JsonObject()
                .put("code", "INVALID_DATA")
                .put("details", new JsonObject().put("id", UNKNOWN))
                .put("message", "record not deleted")
                .put("status", "error");
        assertThat(response.bodyAsJsonObject().getJsonArray("data"))
                .as("each id in the order given; an id given twice is gone the second time")
                .containsExactly(
                        deleted(ada),
                        notDeleted,
                        deleted(grace),
                        notDeleted.copy().put("details", new JsonObject().put("id", ada)));
        assertThat(get("/Contacts?fields=Email").statusCode()).isEqualTo(204);
    }

    @Test
    void noneDeletedIs400WithEachRecordsReasonAndTheRecordsStay() {
        String ada = insert("/Contacts", contact("Lovelace", "ada@example.com"));

        HttpResponse<Buffer> response = send(client.crm(HttpMethod.DELETE, "/Leads?ids=" + ada + "," + UNKNOWN, token));

        assertThat(response.statusCode()).as("a Contact's id is no Lead's").isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonArray("data"))
                .extracting(r -> ((JsonObject) r).getString("code"))
                .containsExactly("INVALID_DATA", "INVALID_DATA");
        assertThat(get("/Contacts/" + ada).statusCode()).isEqualTo(200);
        assertThat(client.sandbox.inspect().recordsFor("ada@example.com")).hasSize(1);
    }

    @Test
    void deletingOneUnknownRecordIsZohosWholeRequestError() {
        HttpResponse<Buffer> response = send(client.crm(HttpMethod.DELETE, "/Contacts/" + UNKNOWN, token));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("code", "INVALID_DATA")
                        .put("details", new JsonObject().put("resource_path_index", 1))
                        .put("message", "record not deleted")
                        .put("status", "error"));
    }

    @Test
    void idsAreRequiredAndAtMostAHundred() {
        String ada = insert("/Contacts", contact("Lovelace", "ada@example.com"));
        String many = IntStream.range(0, 100).mapToObj(i -> UNKNOWN).collect(Collectors.joining(","));

        HttpResponse<Buffer> missing = send(client.crm(HttpMethod.DELETE, "/Contacts", token));
        HttpResponse<Buffer> blank = send(client.crm(HttpMethod.DELETE, "/Contacts?ids=", token));
        HttpResponse<Buffer> tooMany = send(client.crm(HttpMethod.DELETE, "/Contacts?ids=" + ada + "," + many, token));
        HttpResponse<Buffer> hundred = send(client.crm(HttpMethod.DELETE, "/Contacts?ids=" + many, token));

        JsonObject required = new JsonObject()
                .put("code", "REQUIRED_PARAM_MISSING")
                .put("details", new JsonObject().put("param_name", "ids"))
                .put("message", "One of the expected parameter is missing")
                .put("status", "error");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.bodyAsJsonObject()).isEqualTo(required);
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.bodyAsJsonObject()).isEqualTo(required);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("code", "LIMIT_EXCEEDED")
                        .put("details", new JsonObject().put("limit", 100).put("param_name", "ids"))
                        .put("message", "limit exceeded")
                        .put("status", "error"));
        assertThat(get("/Contacts/" + ada).statusCode())
                .as("a refused call deletes nothing")
                .isEqualTo(200);
        assertThat(hundred.statusCode()).as("a hundred ids are taken").isEqualTo(400);
        assertThat(hundred.bodyAsJsonObject().getJsonArray("data")).hasSize(100);
    }

    @Test
    void anUnknownModuleIsInvalidModule() {
        HttpResponse<Buffer> many = send(client.crm(HttpMethod.DELETE, "/Potatoes?ids=" + UNKNOWN, token));
        HttpResponse<Buffer> one = send(client.crm(HttpMethod.DELETE, "/Potatoes/" + UNKNOWN, token));

        for (HttpResponse<Buffer> response : List.of(many, one)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_MODULE");
        }
    }

    @Test
    void theRecycleBinListsDeletedRecordsTheLastDeletedFirst() {
        String ada = insert("/Contacts", contact("Lovelace", "ada@example.com").put("First_Name", "Ada"));
        String grace = insert("/Contacts", contact("Hopper", "grace@example.com"));
        String alan = insert("/Leads", contact("Turing", "alan@example.com"));
        assertThat(get("/Contacts/deleted").statusCode())
                .as("nothing deleted yet")
                .isEqualTo(204);
        send(client.crm(HttpMethod.DELETE, "/Contacts/" + ada, token));
        send(client.crm(HttpMethod.DELETE, "/Contacts?ids=" + grace, token));
        send(client.crm(HttpMethod.DELETE, "/Leads/" + alan, token));

        HttpResponse<Buffer> response = get("/Contacts/deleted");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray data = response.bodyAsJsonObject().getJsonArray("data");
        assertThat(data)
                .extracting(r -> ((JsonObject) r).getString("id"))
                .as("Contacts only, the last deleted first")
                .containsExactly(grace, ada);
        JsonObject first = data.getJsonObject(1);
        assertThat(first.fieldNames())
                .containsExactlyInAnyOrder("deleted_by", "id", "display_name", "type", "created_by", "deleted_time");
        assertThat(first.getString("display_name")).isEqualTo("Ada Lovelace");
        assertThat(first.getString("type")).isEqualTo("recycle");
        assertThat(first.getJsonObject("deleted_by").fieldNames()).containsExactlyInAnyOrder("name", "id");
        assertThat(first.getJsonObject("created_by").getString("id")).isEqualTo(CrmRecords.USER.getString("id"));
        assertThat(first.getString("deleted_time"))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
        assertThat(response.bodyAsJsonObject().getJsonObject("info"))
                .isEqualTo(new JsonObject()
                        .put("per_page", 200)
                        .put("count", 2)
                        .put("page", 1)
                        .put("more_records", false));
        JsonObject secondPage =
                get("/Contacts/deleted?type=recycle&page=2&per_page=1").bodyAsJsonObject();
        assertThat(secondPage.getJsonArray("data").getJsonObject(0).getString("id"))
                .isEqualTo(ada);
        assertThat(secondPage.getJsonObject("info").getBoolean("more_records")).isFalse();
        assertThat(get("/Contacts/deleted?type=permanent").statusCode())
                .as("the sandbox never empties the recycle bin")
                .isEqualTo(204);
        assertThat(get("/Leads/deleted").bodyAsJsonObject().getJsonArray("data"))
                .extracting(r -> ((JsonObject) r).getString("id"))
                .containsExactly(alan);
    }

    @Test
    void theRecycleBinRefusesAnUnknownTypeOrPage() {
        HttpResponse<Buffer> type = get("/Contacts/deleted?type=everything");
        HttpResponse<Buffer> perPage = get("/Contacts/deleted?per_page=201");

        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.bodyAsJsonObject().getJsonArray("data").getJsonObject(0))
                .isEqualTo(new JsonObject()
                        .put("code", "PATTERN_NOT_MATCHED")
                        .put("details", new JsonObject().put("param_name", "type"))
                        .put("message", "Please check whether the input values are correct")
                        .put("status", "error"));
        assertThat(perPage.statusCode()).isEqualTo(400);
        assertThat(perPage.bodyAsJsonObject().getJsonObject("details").getString("param_name"))
                .isEqualTo("per_page");
    }

    @Test
    void strictModeTakesTheDocumentedParametersAndNothingElse() {
        client.sandbox.control().strict(true);
        String ada = insert("/Contacts", contact("Lovelace", "ada@example.com"));
        String grace = insert("/Contacts", contact("Hopper", "grace@example.com"));

        HttpResponse<Buffer> undocumented =
                send(client.crm(HttpMethod.DELETE, "/Contacts/" + ada + "?ids=" + grace, token));
        HttpResponse<Buffer> withBody = send(
                client.crm(HttpMethod.DELETE, "/Contacts?ids=" + ada, token),
                new JsonObject().put("ids", new JsonArray().add(ada)));
        HttpResponse<Buffer> one = send(client.crm(HttpMethod.DELETE, "/Contacts/" + ada + "?wf_trigger=true", token));
        HttpResponse<Buffer> many =
                send(client.crm(HttpMethod.DELETE, "/Contacts?ids=" + grace + "&wf_trigger=false", token));
        HttpResponse<Buffer> bin = get("/Contacts/deleted?type=all&page=1&per_page=10");

        assertThat(undocumented.statusCode())
                .as("Delete Record documents wf_trigger only: " + undocumented.bodyAsString())
                .isEqualTo(400);
        assertThat(undocumented.bodyAsJsonObject().getJsonObject("details").getString("reason"))
                .contains("ids");
        assertThat(withBody.statusCode()).as("a DELETE takes no body").isEqualTo(400);
        assertThat(one.statusCode()).as(one.bodyAsString()).isEqualTo(200);
        assertThat(many.statusCode()).as(many.bodyAsString()).isEqualTo(200);
        assertThat(bin.statusCode()).as(bin.bodyAsString()).isEqualTo(200);
        assertThat(bin.bodyAsJsonObject().getJsonArray("data")).hasSize(2);
    }

    private String insert(String path, JsonObject record) {
        HttpResponse<Buffer> response = send(
                client.crm(HttpMethod.POST, path, token), new JsonObject().put("data", new JsonArray().add(record)));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject()
                .getJsonArray("data")
                .getJsonObject(0)
                .getJsonObject("details")
                .getString("id");
    }

    private HttpResponse<Buffer> get(String path) {
        return send(client.crm(HttpMethod.GET, path, token));
    }

    private static JsonObject deleted(String id) {
        return new JsonObject()
                .put("code", "SUCCESS")
                .put("details", new JsonObject().put("id", id))
                .put("message", "record deleted")
                .put("status", "success");
    }

    private static JsonObject contact(String lastName, String email) {
        return new JsonObject().put("Last_Name", lastName).put("Email", email);
    }
}
