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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 15: what CRM's SDKs read before their first record call, record lists, and CRM's shape for unknown URLs. */
@ExtendWith(VertxExtension.class)
class CrmMetadataAndListTest {
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
    void modulesAndFieldsTellWhatTheRecordsCarry() {
        insert("Contacts", new JsonObject().put("Last_Name", "Lovelace").put("Lead_Source", "Web"));

        JsonArray modules = get("/settings/modules").bodyAsJsonObject().getJsonArray("modules");
        assertThat(modules)
                .extracting(m -> ((JsonObject) m).getString("api_name"))
                .containsExactly("Contacts", "Leads", "Notes", "Tasks");

        HttpResponse<Buffer> fields = get("/settings/fields?module=Contacts");
        assertThat(fields.statusCode()).isEqualTo(200);
        List<JsonObject> all = objects(fields.bodyAsJsonObject().getJsonArray("fields"));
        assertThat(all)
                .extracting(f -> f.getString("api_name"))
                .contains("Last_Name", "Email", "Owner", "Created_Time", "Lead_Source");
        assertThat(all)
                .filteredOn(f -> f.getBoolean("system_mandatory"))
                .extracting(f -> f.getString("api_name"))
                .containsExactly("Last_Name");
        assertThat(all)
                .filteredOn(f -> f.getString("api_name").equals("Lead_Source"))
                .singleElement()
                .satisfies(f -> assertThat(f.getBoolean("custom_field")).isTrue());
        assertThat(objects(
                        get("/settings/fields?module=Leads").bodyAsJsonObject().getJsonArray("fields")))
                .extracting(f -> f.getString("api_name"))
                .doesNotContain("Lead_Source");

        assertError(get("/settings/fields?module=Deals"), 400, "INVALID_MODULE");
        assertError(get("/settings/fields"), 400, "REQUIRED_PARAM_MISSING");
    }

    @Test
    void theCurrentUserOwnsTheRecordsAndTheOrgIsTheSandboxes() {
        String owner = insert("Contacts", new JsonObject().put("Last_Name", "Hopper"))
                .getJsonObject("details")
                .getJsonObject("Created_By")
                .getString("id");

        JsonObject user = get("/users?type=CurrentUser")
                .bodyAsJsonObject()
                .getJsonArray("users")
                .getJsonObject(0);
        assertThat(user.getString("id")).isEqualTo(owner);
        assertThat(user.getString("status")).isEqualTo("active");
        JsonObject org = get("/org").bodyAsJsonObject().getJsonArray("org").getJsonObject(0);
        assertThat(org.getString("zgid")).isEqualTo(SandboxOptions.DEMO_ORGANIZATION_ID);
        assertThat(org.getString("primary_zuid")).isEqualTo(owner);
        assertError(get("/users?type=Everyone"), 400, "INVALID_DATA");
    }

    @Test
    void unknownCrmUrlsAnswerInCrmsShapeNeverBooks() {
        for (HttpResponse<Buffer> response : List.of(
                get("/Contacts/1/Notes/2/Attachments"),
                send(client.crm(HttpMethod.DELETE, "/Contacts/1/Notes/2", token)),
                get("/settings/layouts/x/y"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.bodyAsJsonObject())
                    .isEqualTo(new JsonObject()
                            .put("code", "INVALID_URL_PATTERN")
                            .put("details", new JsonObject())
                            .put("message", "Please check if the URL trying to access is a correct one")
                            .put("status", "error"));
        }
    }

    @Test
    void listingPagesThroughTheRecordsWithTheFieldsAskedFor() {
        IntStream.range(0, 5)
                .forEach(i -> insert(
                        "Leads",
                        new JsonObject().put("Last_Name", "Lead " + i).put("Email", "l" + i + "@example.com")));

        HttpResponse<Buffer> first = get("/Leads?fields=Last_Name&per_page=2&sort_by=id&sort_order=asc");
        assertThat(first.statusCode()).isEqualTo(200);
        JsonObject body = first.bodyAsJsonObject();
        assertThat(objects(body.getJsonArray("data")))
                .allSatisfy(r -> assertThat(r.fieldNames()).containsExactlyInAnyOrder("id", "Last_Name"))
                .extracting(r -> r.getString("Last_Name"))
                .containsExactly("Lead 0", "Lead 1");
        JsonObject info = body.getJsonObject("info");
        assertThat(info.getBoolean("more_records")).isTrue();
        assertThat(info.getInteger("count")).isEqualTo(2);

        List<String> names = new ArrayList<>();
        String pageToken = info.getString("next_page_token");
        while (pageToken != null) {
            JsonObject next = get("/Leads?fields=Last_Name,Email&per_page=2&page_token=" + pageToken)
                    .bodyAsJsonObject();
            objects(next.getJsonArray("data")).forEach(r -> names.add(r.getString("Last_Name")));
            pageToken = next.getJsonObject("info").getString("next_page_token");
        }
        assertThat(names).containsExactly("Lead 2", "Lead 3", "Lead 4");
        assertThat(get("/Leads?fields=Last_Name&page=4&per_page=2").statusCode())
                .isEqualTo(204);

        assertError(get("/Leads"), 400, "REQUIRED_PARAM_MISSING");
        assertError(get("/Leads?fields=Last_Name&page=11&per_page=200"), 400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED");
        assertError(get("/Leads?fields=Last_Name&page_token=garbage"), 400, "INVALID_DATA");
        assertError(get("/Deals?fields=Last_Name"), 400, "INVALID_MODULE");
    }

    private HttpResponse<Buffer> get(String path) {
        return send(client.crm(HttpMethod.GET, path, token));
    }

    private JsonObject insert(String module, JsonObject record) {
        return send(
                        client.crm(HttpMethod.POST, "/" + module, token),
                        new JsonObject().put("data", new JsonArray().add(record)))
                .bodyAsJsonObject()
                .getJsonArray("data")
                .getJsonObject(0);
    }

    private static void assertError(HttpResponse<Buffer> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("error");
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.stream().map(o -> (JsonObject) o).toList();
    }
}
