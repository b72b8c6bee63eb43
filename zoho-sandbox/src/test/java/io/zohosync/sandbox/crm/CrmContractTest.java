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
import io.zohosync.sandbox.ZohoContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contract test: drives the CRM record operations the sandbox serves (all-good, mixed and all-failed writes and deletes
 * included, and the list of deleted records) and validates each against Zoho's {@code $ZOHO_OPENAPI_DIR/crm/record.json} (skipped when the variable is unset).
 */
@ExtendWith(VertxExtension.class)
class CrmContractTest {
    private SandboxClient client;
    private ZohoContract contract;
    private String token;

    @Test
    void everyCrmRequestAndResponseMatchesZohosDocument(Vertx vertx) {
        Path folder = ZohoContract.documents("crm").orElse(null);
        Assumptions.assumeTrue(
                folder != null,
                "ZOHO_OPENAPI_DIR is not set to a folder with Zoho's crm/record.json: CRM contract tests skipped");
        contract = new ZohoContract(folder, path -> "record.json");
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        try {
            token = client.accessToken();
            runCrmFlow();
        } finally {
            client.close();
        }
        assertThat(contract.exchanges())
                .extracting(ZohoContract.Exchange::status)
                .contains(200, 201, 204, 207, 400);
        assertThat(contract.problems()).isEmpty();
    }

    private void runCrmFlow() {
        JsonArray inserted = write(
                        HttpMethod.POST,
                        "/Contacts",
                        201,
                        contact("Lovelace", "ada@example.com"),
                        contact("Hopper", "grace@example.com"))
                .getJsonArray("data");
        String id = inserted.getJsonObject(0).getJsonObject("details").getString("id");
        String other = inserted.getJsonObject(1).getJsonObject("details").getString("id");
        write(
                HttpMethod.POST,
                "/Leads",
                207,
                contact("Turing", "alan@example.com").put("Company", "Bletchley"),
                new JsonObject().put("Company", "Acme"));
        write(HttpMethod.POST, "/Contacts", 400, contact("Again", "ada@example.com"));
        write(
                HttpMethod.POST,
                "/Contacts/upsert",
                200,
                contact("King", "ada@example.com"),
                contact("Lamarr", "hedy@example.com"));
        write(
                HttpMethod.POST,
                "/Contacts/upsert",
                207,
                contact("Noether", "emmy@example.com"),
                new JsonObject().put("Email", "bad"));
        write(HttpMethod.PUT, "/Contacts/" + id, 200, new JsonObject().put("Title", "Countess"));
        write(
                HttpMethod.PUT,
                "/Contacts",
                207,
                new JsonObject().put("id", id).put("Phone", "555"),
                new JsonObject().put("id", "1"));
        read("/Contacts/" + id, 200);
        runIssue11Shapes(id);
        read("/Contacts/search?email=ada@example.com", 200);
        read("/Contacts/search?criteria=(Last_Name:starts_with:Ho)", 200);
        read("/Contacts/search?word=lamarr&page=1&per_page=10", 200);
        read("/Contacts/search?email=nobody@example.com", 204);
        read("/Contacts?fields=Last_Name,Email&per_page=2&sort_by=Modified_Time&sort_order=asc", 200);
        read("/Leads?fields=Last_Name", 200);
        delete("/Contacts?ids=" + other + ",5725767000000000404", 207);
        delete("/Contacts/" + id + "?wf_trigger=true", 200);
        delete("/Contacts?ids=" + id + "&wf_trigger=false", 400);
        delete("/Contacts/" + id, 400);
        read("/Contacts/deleted?type=all&page=1&per_page=10", 200);
    }

    /** The shapes zoho-sync's CRM flows send (issue 11): the contacts' upsert, notes, tasks, searches by many emails. */
    private void runIssue11Shapes(String contactId) {
        send(
                HttpMethod.POST,
                "/Contacts/upsert",
                200,
                new JsonObject()
                        .put(
                                "data",
                                new JsonArray()
                                        .add(contact("Shannon", "claude@example.com")
                                                .put("First_Name", "Claude")
                                                .put("Phone", "+27 21 555 0100")
                                                .put("Account_Name", new JsonObject().put("name", "Bell Labs"))
                                                .put("Mailing_Street", "600 Mountain Ave, Floor 2")
                                                .put("Mailing_City", "Murray Hill")
                                                .put("Mailing_State", "NJ")
                                                .put("Mailing_Zip", "07974")
                                                .put("Mailing_Country", "US")
                                                .put("Lead_Source", "Web Site")
                                                .put("Platform_Id", "cust-1")))
                        .put(
                                "duplicate_check_fields",
                                new JsonArray().add("Email").add("Platform_Id"))
                        .put("trigger", new JsonArray()));
        send(
                HttpMethod.POST,
                "/Leads/upsert",
                200,
                new JsonObject()
                        .put(
                                "data",
                                new JsonArray()
                                        .add(contact("Liskov", "barbara@example.com")
                                                .put("Company", "MIT")
                                                .put("Description", "A question about courses")
                                                .put("Lead_Source", "contact form")))
                        .put("duplicate_check_fields", new JsonArray().add("Email"))
                        .put("trigger", new JsonArray()));
        JsonObject parent = new JsonObject()
                .put("module", new JsonObject().put("api_name", "Contacts"))
                .put("id", contactId);
        String note = send(
                        HttpMethod.POST,
                        "/Notes",
                        201,
                        new JsonObject()
                                .put(
                                        "data",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("Note_Title", "Inquiry (inq-1)")
                                                        .put("Note_Content", "Do you run evening classes?")
                                                        .put("Parent_Id", parent)))
                                .put("trigger", new JsonArray()))
                .getJsonArray("data")
                .getJsonObject(0)
                .getJsonObject("details")
                .getString("id");
        read("/Notes/" + note, 200);
        send(
                HttpMethod.POST,
                "/Notes",
                400,
                new JsonObject()
                        .put(
                                "data",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("Note_Content", "orphan")
                                                .put("Parent_Id", parent.copy().put("id", "1")))));
        send(
                HttpMethod.POST,
                "/Tasks",
                201,
                new JsonObject()
                        .put(
                                "data",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("Subject", "Inquiry (inq-2)")
                                                .put("Description", "Call back")
                                                .put("Who_Id", new JsonObject().put("id", contactId))
                                                .put("Status", "Not Started")))
                        .put("trigger", new JsonArray()));
        read(
                "/Contacts/search?criteria="
                        + java.net.URLEncoder.encode(
                                "((Email:equals:ada@example.com)or(Email:equals:claude@example.com))",
                                java.nio.charset.StandardCharsets.UTF_8)
                        + "&per_page=200",
                200);
    }

    private JsonObject send(HttpMethod method, String path, int status, JsonObject body) {
        HttpResponse<Buffer> response = contract.send(client.crm(method, path, token), body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isEqualTo(status);
        return response.bodyAsJsonObject();
    }

    private void delete(String path, int status) {
        HttpResponse<Buffer> response = contract.send(client.crm(HttpMethod.DELETE, path, token), null);
        assertThat(response.statusCode())
                .as("DELETE " + path + ": " + response.bodyAsString())
                .isEqualTo(status);
    }

    private JsonObject write(HttpMethod method, String path, int status, JsonObject... records) {
        HttpResponse<Buffer> response = contract.send(
                client.crm(method, path, token),
                new JsonObject().put("data", new JsonArray(java.util.List.of((Object[]) records))));
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isEqualTo(status);
        return response.bodyAsJsonObject();
    }

    private void read(String path, int status) {
        HttpResponse<Buffer> response = contract.send(client.crm(HttpMethod.GET, path, token), null);
        assertThat(response.statusCode())
                .as("GET " + path + ": " + response.bodyAsString())
                .isEqualTo(status);
    }

    private static JsonObject contact(String lastName, String email) {
        return new JsonObject().put("Last_Name", lastName).put("Email", email);
    }
}
