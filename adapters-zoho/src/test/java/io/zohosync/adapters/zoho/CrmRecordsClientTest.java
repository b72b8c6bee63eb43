package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Lead;
import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.CrmUpsertResult.Action;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CRM upserts against a fake CRM that answers as Zoho's v8 documents and Kaizen posts describe. */
@ExtendWith(VertxExtension.class)
class CrmRecordsClientTest {

    FakeZoho fake;
    private ZohoAdapters zoho;
    private final Map<String, String> idsByEmail = new HashMap<>();
    private boolean throttled;

    @BeforeEach
    void start(Vertx vertx) {
        fake = FakeZoho.start(vertx);
        fake.router.post("/crm/v8/:module/upsert").handler(this::upsert);
        zoho = ZohoAdapters.create(
                vertx,
                SandboxFixture.settings(fake.baseUrl())
                        .requestTimeout(Duration.ofSeconds(2))
                        .build(),
                ZohoAdapters.inMemoryTokenStore());
    }

    @AfterEach
    void stop() {
        zoho.close();
        fake.close();
    }

    /** Upsert on Email: update when known, insert otherwise, MANDATORY_NOT_FOUND without Last_Name; 200, 207 or 400. */
    private void upsert(RoutingContext rc) {
        if (throttled) {
            FakeZoho.json(
                    rc,
                    429,
                    new JsonObject()
                            .put("code", "TOO_MANY_REQUESTS")
                            .put("message", "Rate limit exceeded. Please retry after the specified time.")
                            .put("status", "error")
                            .put("details", new JsonObject().put("retry_after", 30)));
            return;
        }
        if (!("Zoho-oauthtoken " + FakeZoho.TOKEN).equals(rc.request().getHeader("Authorization"))) {
            FakeZoho.json(
                    rc,
                    401,
                    new JsonObject()
                            .put("code", "INVALID_TOKEN")
                            .put("message", "invalid oauth token")
                            .put("status", "error"));
            return;
        }
        JsonArray results = new JsonArray();
        int failed = 0;
        for (Object o : rc.body().asJsonObject().getJsonArray("data")) {
            JsonObject record = (JsonObject) o;
            if (record.getString("Last_Name") == null
                    || record.getString("Last_Name").isBlank()) {
                failed++;
                results.add(new JsonObject()
                        .put("code", "MANDATORY_NOT_FOUND")
                        .put("message", "required field not found")
                        .put("status", "error")
                        .put("details", new JsonObject().put("api_name", "Last_Name")));
                continue;
            }
            String email = record.getString("Email");
            boolean known = idsByEmail.containsKey(email);
            String id =
                    idsByEmail.computeIfAbsent(email, e -> String.valueOf(5725767000000524157L + idsByEmail.size()));
            results.add(new JsonObject()
                    .put("code", "SUCCESS")
                    .put("message", known ? "record updated" : "record added")
                    .put("status", "success")
                    .put("duplicate_field", known ? "Email" : null)
                    .put("action", known ? "update" : "insert")
                    .put("details", new JsonObject().put("id", id)));
        }
        int status = failed == 0 ? 200 : failed == results.size() ? 400 : 207;
        FakeZoho.json(rc, status, new JsonObject().put("data", results));
    }

    @Test
    void contactsAreUpsertedOnEmailWithoutAutomations() {
        CrmContact ada = new CrmContact("cust-1", "Ada", "Lovelace", "ada@example.com", "+27 21 555 0100");

        List<CrmUpsertResult> first = success(zoho.crm().upsertContacts(List.of(ada)));
        List<CrmUpsertResult> again = success(zoho.crm().upsertContacts(List.of(ada)));

        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.CREATED);
            assertThat(r.platformId()).isEqualTo("cust-1");
        });
        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.UPDATED);
            assertThat(r.recordId()).isEqualTo(first.get(0).recordId());
        });
        JsonObject sent = fake.requests("/crm/v8/Contacts/upsert").get(0).body();
        assertThat(sent.getJsonArray("duplicate_check_fields")).containsExactly("Email");
        assertThat(sent.getJsonArray("trigger")).isEmpty();
        assertThat(sent.getJsonArray("data").getJsonObject(0).getMap())
                .containsEntry("Last_Name", "Lovelace")
                .containsEntry("First_Name", "Ada")
                .containsEntry("Email", "ada@example.com");
    }

    @Test
    void twoHundredAndFiftyLeadsGoInThreeCallsOfAtMostAHundredWithOneResultEach() {
        List<Lead> leads = IntStream.range(0, 250)
                .mapToObj(i -> new Lead(
                        "lead-" + i,
                        "Lee",
                        "Number " + i,
                        "lead" + i + "@example.com",
                        null,
                        i % 2 == 0 ? "Acme" : null,
                        "Asked about pricing"))
                .toList();

        List<CrmUpsertResult> results = success(zoho.crm().upsertLeads(leads));

        assertThat(fake.requests("/crm/v8/Leads/upsert"))
                .extracting(r -> r.body().getJsonArray("data").size())
                .containsExactly(100, 100, 50);
        assertThat(results).hasSize(250).allMatch(CrmUpsertResult::succeeded);
        assertThat(results.get(249).platformId()).isEqualTo("lead-249");
        assertThat(fake.requests("/crm/v8/Leads/upsert")
                        .get(0)
                        .body()
                        .getJsonArray("data")
                        .getJsonObject(1)
                        .getString("Company"))
                .isEqualTo("-");
    }

    @Test
    void aMixedAnswerReportsEachRecordAndAllFailedIsStillPerRecord() {
        Lead nameless = new Lead("lead-x", null, null, null, null, "Acme", null);
        Lead named = new Lead("lead-y", "Yan", "Ng", "yan@example.com", null, "Acme", null);

        List<CrmUpsertResult> mixed = success(zoho.crm().upsertLeads(List.of(nameless, named)));
        List<CrmUpsertResult> allFailed = success(zoho.crm().upsertLeads(List.of(nameless)));

        assertThat(mixed).extracting(CrmUpsertResult::action).containsExactly(Action.FAILED, Action.CREATED);
        assertThat(mixed.get(0).code()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(mixed.get(0).message()).isEqualTo("required field not found (Last_Name)");
        assertThat(allFailed)
                .singleElement()
                .extracting(CrmUpsertResult::action)
                .isEqualTo(Action.FAILED);
    }

    @Test
    void tooManyRequestsIsAConcurrencyLimitWithZohosRetryAfter() {
        throttled = true;

        ZohoOutcome<List<CrmUpsertResult>> outcome = zoho.crm()
                .upsertContacts(List.of(new CrmContact("c", "A", "B", "a@b.c", null)))
                .await();

        assertThat(outcome).isInstanceOfSatisfying(ZohoOutcome.RateLimited.class, r -> {
            assertThat(r.scope()).isEqualTo(Scope.CONCURRENCY);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        });
    }
}
