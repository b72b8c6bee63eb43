package io.zohosync.sandbox.crm;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CRM Notes (on a parent record), Tasks (with Who_Id), CRM's field lengths, custom fields and searches by many emails. */
@ExtendWith(VertxExtension.class)
class CrmNotesAndTasksTest {
    private SandboxClient client;
    private String token;
    private String contactId;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        token = client.accessToken();
        contactId = post(
                        "/Contacts",
                        new JsonObject().put("Last_Name", "Lovelace").put("Email", "ada@example.com"))
                .bodyAsJsonObject()
                .getJsonArray("data")
                .getJsonObject(0)
                .getJsonObject("details")
                .getString("id");
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void aNoteOnAContactIsAddedAndReadBackWithItsParent() {
        HttpResponse<Buffer> added = post("/Notes", note(contactId, "Evening classes?"));

        assertThat(added.statusCode()).isEqualTo(201);
        JsonObject item = added.bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
        assertThat(item.getString("code")).isEqualTo("SUCCESS");
        String id = item.getJsonObject("details").getString("id");
        JsonObject read =
                get("/Notes/" + id).bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
        assertThat(read.getString("Note_Content")).isEqualTo("Evening classes?");
        assertThat(read.getJsonObject("Parent_Id").getString("id")).isEqualTo(contactId);
        assertThat(client.sandbox.inspect().calls("POST /crm/v8/{module}")).isEqualTo(2);
    }

    @Test
    void aNoteWithoutContentOrWithAnUnknownParentIsRefusedPerRecord() {
        HttpResponse<Buffer> response = post(
                "/Notes",
                note(contactId, "fine"),
                note(contactId, null),
                note("5725767000000000404", "orphan"),
                new JsonObject().put("Note_Content", "no parent"));

        assertThat(response.statusCode()).isEqualTo(207);
        JsonArray data = response.bodyAsJsonObject().getJsonArray("data");
        assertThat(data)
                .extracting(r -> ((JsonObject) r).getString("code"))
                .containsExactly("SUCCESS", "MANDATORY_NOT_FOUND", "INVALID_DATA", "MANDATORY_NOT_FOUND");
        assertThat(data.getJsonObject(2).getJsonObject("details").getString("api_name"))
                .isEqualTo("Parent_Id");
        assertThat(data.getJsonObject(3).getJsonObject("details").getString("api_name"))
                .isEqualTo("Parent_Id");
    }

    @Test
    void aTaskNeedsASubjectAndAWhoThatExists() {
        HttpResponse<Buffer> response = post(
                "/Tasks",
                new JsonObject().put("Subject", "Call back").put("Who_Id", new JsonObject().put("id", contactId)),
                new JsonObject().put("Who_Id", new JsonObject().put("id", contactId)),
                new JsonObject().put("Subject", "Who?").put("Who_Id", new JsonObject().put("id", "1")));

        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.bodyAsJsonObject().getJsonArray("data"))
                .extracting(r -> ((JsonObject) r).getString("code"))
                .containsExactly("SUCCESS", "MANDATORY_NOT_FOUND", "INVALID_DATA");
    }

    @Test
    void aTextLongerThanCrmKeepsIsRefusedWithItsMaximumLength() {
        HttpResponse<Buffer> response = post(
                "/Contacts",
                new JsonObject().put("Last_Name", "Hopper").put("Email", "grace@example.com"),
                new JsonObject()
                        .put("Last_Name", "Turing")
                        .put("Email", "alan@example.com")
                        .put("Phone", "0".repeat(31)));

        assertThat(response.statusCode()).isEqualTo(207);
        JsonObject refused = response.bodyAsJsonObject().getJsonArray("data").getJsonObject(1);
        assertThat(refused.getString("code")).isEqualTo("INVALID_DATA");
        assertThat(refused.getJsonObject("details").getInteger("maximum_length"))
                .isEqualTo(30);
        assertThat(refused.getJsonObject("details").getString("api_name")).isEqualTo("Phone");
    }

    @Test
    void anUpsertChecksACustomFieldAfterEmailAndKeepsIt() {
        JsonObject body = new JsonObject()
                .put(
                        "data",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("Last_Name", "Lovelace")
                                        .put("Email", "ada.new@example.com")
                                        .put("Platform_Id", "cust-1")))
                .put("duplicate_check_fields", new JsonArray().add("Email").add("Platform_Id"));
        HttpResponse<Buffer> first = SandboxClient.send(client.crm(HttpMethod.POST, "/Contacts/upsert", token), body);
        // the email changed on the platform: found by the platform id, and updated
        HttpResponse<Buffer> again = SandboxClient.send(
                client.crm(HttpMethod.POST, "/Contacts/upsert", token),
                body.copy()
                        .put(
                                "data",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("Last_Name", "Lovelace")
                                                .put("Email", "ada.newer@example.com")
                                                .put("Platform_Id", "cust-1"))));

        JsonObject created = first.bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
        JsonObject updated = again.bodyAsJsonObject().getJsonArray("data").getJsonObject(0);
        assertThat(created.getString("action")).isEqualTo("insert");
        assertThat(updated.getString("action")).isEqualTo("update");
        assertThat(updated.getString("duplicate_field")).isEqualTo("Platform_Id");
        assertThat(updated.getJsonObject("details").getString("id"))
                .isEqualTo(created.getJsonObject("details").getString("id"));
    }

    @Test
    void aSearchByTenEmailsJoinedByOrFindsEachContact() {
        post("/Contacts", new JsonObject().put("Last_Name", "Hopper").put("Email", "grace@example.com"));
        StringBuilder criteria = new StringBuilder("(");
        for (int i = 0; i < 8; i++) {
            criteria.append("(Email:equals:nobody").append(i).append("@example.com)or");
        }
        criteria.append("(Email:equals:ADA@example.com)or(Email:equals:grace@example.com))");
        HttpResponse<Buffer> found =
                get("/Contacts/search?criteria=" + URLEncoder.encode(criteria.toString(), StandardCharsets.UTF_8));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.bodyAsJsonObject().getJsonArray("data"))
                .extracting(r -> ((JsonObject) r).getString("Email"))
                .containsExactlyInAnyOrder("ada@example.com", "grace@example.com");

        HttpResponse<Buffer> eleven = get("/Contacts/search?criteria="
                + URLEncoder.encode(
                        "(" + criteria.substring(1, criteria.length() - 1) + "or(Email:equals:x@example.com))",
                        StandardCharsets.UTF_8));
        assertThat(eleven.statusCode()).as("CRM takes at most 10 conditions").isEqualTo(400);
    }

    private static JsonObject note(String parentId, String content) {
        JsonObject note = new JsonObject()
                .put("Note_Title", "Inquiry")
                .put(
                        "Parent_Id",
                        new JsonObject()
                                .put("module", new JsonObject().put("api_name", "Contacts"))
                                .put("id", parentId));
        return content == null ? note : note.put("Note_Content", content);
    }

    private HttpResponse<Buffer> post(String path, JsonObject... records) {
        return SandboxClient.send(
                client.crm(HttpMethod.POST, path, token),
                new JsonObject().put("data", new JsonArray(java.util.List.of((Object[]) records))));
    }

    private HttpResponse<Buffer> get(String path) {
        return SandboxClient.send(client.crm(HttpMethod.GET, path, token));
    }
}
