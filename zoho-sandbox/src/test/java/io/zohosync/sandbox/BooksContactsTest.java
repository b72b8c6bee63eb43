package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.await;
import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BooksContactsTest {
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
    void createAnswers201WithTheContactItsPersonsAndTimestamps() {
        HttpResponse<Buffer> response = create("Ada Lovelace", "ada@example.com", "sync:ada-1");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getInteger("code")).isZero();
        assertThat(body.getString("message")).isEqualTo("The contact has been created");
        JsonObject contact = body.getJsonObject("contact");
        assertThat(contact.getString("contact_id")).matches("\\d{15}");
        assertThat(contact.getString("contact_name")).isEqualTo("Ada Lovelace");
        assertThat(contact.getString("status")).isEqualTo("active");
        assertThat(contact.getString("notes")).isEqualTo("sync:ada-1");
        assertThat(contact.getString("created_time")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{4}");
        JsonObject person = contact.getJsonArray("contact_persons").getJsonObject(0);
        assertThat(person.getString("email")).isEqualTo("ada@example.com");
        assertThat(person.getBoolean("is_primary_contact")).isTrue();
        assertThat(contact.getString("primary_contact_id")).isEqualTo(person.getString("contact_person_id"));
        assertThat(client.sandbox.inspect().recordsFor("ada@example.com"))
                .singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(contact.getString("contact_id")));
        assertThat(client.sandbox.inspect().recordsFor("ada-1")).hasSize(1);
    }

    @Test
    void getReturnsTheContactAndAnUnknownIdIs1002() {
        String id = create("Grace Hopper", "grace@example.com", "")
                .bodyAsJsonObject()
                .getJsonObject("contact")
                .getString("contact_id");

        HttpResponse<Buffer> found = send(client.books(HttpMethod.GET, "/contacts/" + id, token));
        HttpResponse<Buffer> missing = send(client.books(HttpMethod.GET, "/contacts/460000000000001", token));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.bodyAsJsonObject().getJsonObject("contact").getString("contact_name"))
                .isEqualTo("Grace Hopper");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("code", 1002).put("message", "Contact does not exist."));
    }

    @Test
    void updateMergesFieldsAndKeepsThePersonIds() {
        JsonObject contact =
                create("Alan Turing", "alan@example.com", "").bodyAsJsonObject().getJsonObject("contact");
        JsonObject person =
                contact.getJsonArray("contact_persons").getJsonObject(0).copy().put("email", "turing@example.com");

        HttpResponse<Buffer> response = send(
                client.books(HttpMethod.PUT, "/contacts/" + contact.getString("contact_id"), token),
                new JsonObject()
                        .put("contact_name", "Alan Turing")
                        .put("notes", "moved")
                        .put("contact_persons", new JsonArray().add(person)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("Contact has been updated successfully");
        JsonObject updated = response.bodyAsJsonObject().getJsonObject("contact");
        assertThat(updated.getString("notes")).isEqualTo("moved");
        assertThat(updated.getString("contact_name")).isEqualTo("Alan Turing");
        assertThat(updated.getJsonArray("contact_persons").getJsonObject(0).getString("contact_person_id"))
                .isEqualTo(person.getString("contact_person_id"));
        assertThat(client.sandbox.inspect().recordsFor("turing@example.com")).hasSize(1);
        assertThat(client.sandbox.inspect().recordsFor("alan@example.com")).isEmpty();
    }

    @Test
    void anUpdateWithoutTheNameIsRefusedAndOneWithoutPersonsKeepsThem() {
        JsonObject contact =
                create("Alan Turing", "alan@example.com", "").bodyAsJsonObject().getJsonObject("contact");
        String id = contact.getString("contact_id");
        String personId = contact.getString("primary_contact_id");

        HttpResponse<Buffer> nameless =
                send(client.books(HttpMethod.PUT, "/contacts/" + id, token), new JsonObject().put("website", "x.org"));
        HttpResponse<Buffer> kept = send(
                client.books(HttpMethod.PUT, "/contacts/" + id, token),
                new JsonObject().put("contact_name", "Alan Turing").put("website", "turing.org"));
        HttpResponse<Buffer> replaced = send(
                client.books(HttpMethod.PUT, "/contacts/" + id, token),
                new JsonObject()
                        .put("contact_name", "Alan Turing")
                        .put(
                                "contact_persons",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("first_name", "A")
                                                .put("email", "a@x.org"))));

        assertThat(nameless.statusCode()).isEqualTo(400);
        JsonObject keptContact = kept.bodyAsJsonObject().getJsonObject("contact");
        assertThat(keptContact.getString("website")).isEqualTo("turing.org");
        assertThat(keptContact.getString("primary_contact_id")).isEqualTo(personId);
        assertThat(keptContact.getJsonArray("contact_persons").getJsonObject(0).getString("email"))
                .isEqualTo("alan@example.com");
        // a person sent without its id is a new person; the one left out is removed
        JsonObject replacedContact = replaced.bodyAsJsonObject().getJsonObject("contact");
        assertThat(replacedContact.getJsonArray("contact_persons")).hasSize(1);
        assertThat(replacedContact.getString("primary_contact_id")).isNotEqualTo(personId);
        assertThat(replacedContact.getString("website")).isEqualTo("turing.org");
    }

    @Test
    void listFiltersByEmailNameAndSearchText() {
        create("Ada Lovelace", "ada@example.com", "order ref sync:77");
        create("Ada Byron", "byron@example.com", "");
        create("Charles Babbage", "charles@example.com", "");

        assertThat(names(list("email", "ADA@example.com"))).containsExactly("Ada Lovelace");
        assertThat(names(list("contact_name", "ada byron"))).containsExactly("Ada Byron");
        assertThat(names(list("contact_name_startswith", "Ada"))).containsExactly("Ada Byron", "Ada Lovelace");
        assertThat(names(list("search_text", "sync:77"))).containsExactly("Ada Lovelace");
        assertThat(names(list("search_text", "babb"))).containsExactly("Charles Babbage");
        assertThat(names(list("email", "nobody@example.com"))).isEmpty();
    }

    @Test
    void aFilterSentEmptyFiltersNothing() {
        create("Ada Lovelace", "ada@example.com", "");

        assertThat(names(list("contact_type", ""))).containsExactly("Ada Lovelace");
        assertThat(names(list("email", ""))).containsExactly("Ada Lovelace");
        assertThat(names(list("contact_name_startswith", ""))).containsExactly("Ada Lovelace");
        assertThat(names(list("contact_type", "vendor"))).isEmpty();
    }

    @Test
    void listRowsCarryThePrimaryPersonsEmailAndPagesWithPageContext() {
        for (int i = 0; i < 5; i++) create("Contact " + i, "c" + i + "@example.com", "");

        JsonObject first = send(client.books(HttpMethod.GET, "/contacts", token).addQueryParam("per_page", "2"))
                .bodyAsJsonObject();
        JsonObject last = send(client.books(HttpMethod.GET, "/contacts", token)
                        .addQueryParam("per_page", "2")
                        .addQueryParam("page", "3"))
                .bodyAsJsonObject();

        assertThat(first.getString("message")).isEqualTo("success");
        assertThat(first.getJsonArray("contacts").getJsonObject(0).getString("email"))
                .isEqualTo("c0@example.com");
        assertThat(first.getJsonObject("page_context").getBoolean("has_more_page"))
                .isTrue();
        assertThat(first.getJsonObject("page_context").getInteger("per_page")).isEqualTo(2);
        assertThat(names(last)).containsExactly("Contact 4");
        assertThat(last.getJsonObject("page_context").getBoolean("has_more_page"))
                .isFalse();
    }

    @Test
    void missingContactNameAndDuplicateNameAre400() {
        HttpResponse<Buffer> nameless =
                send(client.books(HttpMethod.POST, "/contacts", token), new JsonObject().put("notes", "x"));
        create("Ada Lovelace", "ada@example.com", "");
        HttpResponse<Buffer> duplicate = create("ada lovelace", "other@example.com", "");

        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(nameless.bodyAsJsonObject().getInteger("code")).isEqualTo(14);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.bodyAsJsonObject().getInteger("code")).isEqualTo(3062);
    }

    @Test
    void aNameIsFreedByARenameOrADeleteAndTakenAgainAsZohoComparesIt() {
        String ada = create("Ada Lovelace", "ada@example.com", "")
                .bodyAsJsonObject()
                .getJsonObject("contact")
                .getString("contact_id");
        String grace = create("Grace Hopper", "grace@example.com", "")
                .bodyAsJsonObject()
                .getJsonObject("contact")
                .getString("contact_id");

        HttpResponse<Buffer> renamedOntoOther = send(
                client.books(HttpMethod.PUT, "/contacts/" + grace, token),
                new JsonObject().put("contact_name", "ADA LOVELACE"));
        HttpResponse<Buffer> keepsOwnName = send(
                client.books(HttpMethod.PUT, "/contacts/" + ada, token),
                new JsonObject().put("contact_name", "ada lovelace"));
        HttpResponse<Buffer> renamed = send(
                client.books(HttpMethod.PUT, "/contacts/" + ada, token),
                new JsonObject().put("contact_name", "Augusta King"));
        HttpResponse<Buffer> oldNameAgain = create("Ada Lovelace", "ada2@example.com", "");
        HttpResponse<Buffer> newNameTaken = create("augusta KING", "king@example.com", "");
        send(client.books(HttpMethod.DELETE, "/contacts/" + grace, token));
        HttpResponse<Buffer> deletedNameAgain = create("grace hopper", "grace2@example.com", "");

        assertThat(renamedOntoOther.bodyAsJsonObject().getInteger("code")).isEqualTo(3062);
        assertThat(keepsOwnName.statusCode()).isEqualTo(200);
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(oldNameAgain.statusCode()).isEqualTo(201);
        assertThat(newNameTaken.bodyAsJsonObject().getInteger("code")).isEqualTo(3062);
        assertThat(deletedNameAgain.statusCode()).isEqualTo(201);
    }

    @Test
    void addedPersonBecomesPrimaryAndTheEmailFilterFollowsIt() {
        String contactId = create("Ada Lovelace", "ada@example.com", "")
                .bodyAsJsonObject()
                .getJsonObject("contact")
                .getString("contact_id");

        HttpResponse<Buffer> added = send(
                client.books(HttpMethod.POST, "/contacts/contactpersons", token),
                new JsonObject()
                        .put("contact_id", contactId)
                        .put("first_name", "Byron")
                        .put("email", "byron@example.com"));
        String personId = added.bodyAsJsonObject()
                .getJsonArray("contact_person")
                .getJsonObject(0)
                .getString("contact_person_id");
        send(client.books(HttpMethod.POST, "/contacts/contactpersons/" + personId + "/primary", token));

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.bodyAsJsonObject().getString("message")).isEqualTo("The contactperson has been Created");
        JsonObject contact = send(client.books(HttpMethod.GET, "/contacts/" + contactId, token))
                .bodyAsJsonObject()
                .getJsonObject("contact");
        assertThat(contact.getString("primary_contact_id")).isEqualTo(personId);
        assertThat(names(list("email", "byron@example.com"))).containsExactly("Ada Lovelace");
        assertThat(names(list("email", "ada@example.com"))).isEmpty();
        assertThat(send(client.books(HttpMethod.GET, "/contacts/" + contactId + "/contactpersons", token))
                        .bodyAsJsonObject()
                        .getJsonArray("contact_persons"))
                .hasSize(2);
    }

    @Test
    void requestsWithoutTokenOrOrganizationAreRefused() {
        HttpResponse<Buffer> noToken = await(client.web
                .get("/books/v3/contacts")
                .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                .send());
        HttpResponse<Buffer> noOrganization = await(client.web
                .get("/books/v3/contacts")
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .send());
        HttpResponse<Buffer> otherOrganization = await(client.web
                .get("/books/v3/contacts")
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .addQueryParam("organization_id", "999")
                .send());

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.bodyAsJsonObject().getInteger("code")).isEqualTo(57);
        assertThat(noOrganization.statusCode()).isEqualTo(400);
        assertThat(noOrganization.bodyAsJsonObject().getString("message"))
                .isEqualTo("Invalid value passed for organization_id");
        assertThat(otherOrganization.statusCode()).isEqualTo(400);
        assertThat(otherOrganization.bodyAsJsonObject().getInteger("code")).isEqualTo(6041);
        assertThat(client.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(3);
    }

    private HttpResponse<Buffer> create(String name, String email, String notes) {
        return send(
                client.books(HttpMethod.POST, "/contacts", token),
                new JsonObject()
                        .put("contact_name", name)
                        .put("notes", notes)
                        .put(
                                "contact_persons",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("first_name", name.split(" ")[0])
                                                .put("email", email))));
    }

    private JsonObject list(String param, String value) {
        HttpResponse<Buffer> response =
                send(client.books(HttpMethod.GET, "/contacts", token).addQueryParam(param, value));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private static java.util.List<String> names(JsonObject list) {
        return list.getJsonArray("contacts").stream()
                .map(c -> ((JsonObject) c).getString("contact_name"))
                .toList();
    }
}
