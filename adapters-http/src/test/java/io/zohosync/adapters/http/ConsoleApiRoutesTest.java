package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.AdminSyncUseCase.Action;
import io.zohosync.ports.in.AdminSyncUseCase.Command;
import io.zohosync.ports.in.ConsoleQuery.ContactSearch;
import io.zohosync.ports.in.CustomerPage;
import io.zohosync.ports.in.CustomerQuery;
import io.zohosync.ports.in.CustomerRow;
import io.zohosync.ports.in.Operations;
import io.zohosync.ports.in.RecordHistory;
import io.zohosync.ports.in.RecordWait;
import io.zohosync.ports.in.SourceEvent;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.zoho.BudgetAccount.Meter;
import io.zohosync.ports.out.zoho.ZohoContact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Admin API for the console's screens — operations, a record's history, customers, the Zoho contact search — and
 * the actor every admin action is recorded under.
 */
@ExtendWith(VertxExtension.class)
class ConsoleApiRoutesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");
    private static final SyncKey CUSTOMER = new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BOOKS);

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
    void operationsSayTheDaysOutcomesTheLagAndTheBudget() {
        fx.console.operations = new Operations(
                NOW,
                19,
                1,
                3,
                NOW.minusSeconds(750),
                List.of(new Operations.MeterUse(Meter.BILLING, 40, 2, 1000, 100)));

        JsonObject body = get("/sync/operations");

        assertThat(body.getLong("synced_last_day")).isEqualTo(19);
        assertThat(body.getLong("failed_last_day")).isEqualTo(1);
        assertThat(body.getDouble("success_rate")).isEqualTo(0.95);
        assertThat(body.getLong("due")).isEqualTo(3);
        assertThat(body.getString("oldest_due_since")).isEqualTo("2026-11-30T03:47:30Z");
        assertThat(body.getLong("oldest_due_seconds")).isEqualTo(750);
        assertThat(body.getJsonArray("budget").getJsonObject(0).getMap())
                .isEqualTo(Map.of(
                        "meter", "billing", "last_day", 40, "last_minute", 2, "per_day", 1000, "per_minute", 100));
    }

    @Test
    void withNothingDoneTheRateAndTheLagAreNull() {
        JsonObject body = get("/sync/operations");

        assertThat(body.containsKey("success_rate")).isTrue();
        assertThat(body.getValue("success_rate")).isNull();
        assertThat(body.getValue("oldest_due_seconds")).isNull();
    }

    @Test
    void aRecordsHistoryHasItsDataLinksSourcesWaitsAndAdminActions() {
        SyncKey invoice = new SyncKey(EntityType.INVOICE, "inv-1", SyncTarget.BOOKS);
        fx.console.history = new RecordHistory(
                Map.of("email", "ada@example.com"),
                Map.of("books", "https://books.zoho.eu/app/1#/contacts/46"),
                List.of(new SourceEvent("stripe", "evt_1", NOW, 7L, "payment_intent.succeeded", "resolved", "matched")),
                List.of(),
                List.of(new RecordWait(invoice, SyncStatus.WAITING, CUSTOMER, SyncStatus.FAILED, NOW)),
                List.of(new AdminActionEntry(
                        "Ada", "link", CUSTOMER.entity(), SyncTarget.BOOKS, NOW, "linked to Zoho 46")));

        JsonObject body = get("/sync/customer/c-1/history");

        assertThat(fx.console.questions).containsExactly(new EntityRef(EntityType.CUSTOMER, "c-1"));
        assertThat(body.getJsonObject("platform_data").getString("email")).isEqualTo("ada@example.com");
        assertThat(body.getJsonObject("zoho_links").getString("books"))
                .isEqualTo("https://books.zoho.eu/app/1#/contacts/46");
        assertThat(body.getJsonArray("sources").getJsonObject(0).getLong("held_id"))
                .isEqualTo(7L);
        assertThat(body.getJsonArray("dependants")
                        .getJsonObject(0)
                        .getJsonObject("waiting")
                        .getString("entity_id"))
                .isEqualTo("inv-1");
        assertThat(body.getJsonArray("dependants")
                        .getJsonObject(0)
                        .getJsonObject("needs")
                        .getString("status"))
                .isEqualTo("failed");
        assertThat(body.getJsonArray("admin_actions").getJsonObject(0).getMap())
                .containsEntry("actor", "Ada")
                .containsEntry("action", "link")
                .containsEntry("target", "books");
    }

    @Test
    void customersAreAskedForWithTheFiltersAndAnsweredWithTheirRecords() {
        SyncRecordView failed = new SyncRecordView(CUSTOMER, SyncStatus.FAILED, null, 3, "no match", null, null, NOW);
        fx.console.customers =
                new CustomerPage(List.of(new CustomerRow("c-1", "Ada L", "ada@example.com", List.of(failed))), "c-1");

        JsonObject body = get("/customers?status=failed&q=%20ada%20&after=c-0&limit=1");

        assertThat(fx.console.questions).containsExactly(new CustomerQuery(SyncStatus.FAILED, "ada", "c-0", 1));
        assertThat(body.getString("next_after")).isEqualTo("c-1");
        JsonObject row = body.getJsonArray("customers").getJsonObject(0);
        assertThat(row.getString("name")).isEqualTo("Ada L");
        assertThat(row.getJsonArray("records").getJsonObject(0).getString("status"))
                .isEqualTo("failed");
    }

    @Test
    void theContactSearchSaysWhatItSearchedByAndWhatItFound() {
        fx.console.contacts =
                new ContactSearch.Found(List.of(new ZohoContact("46", "Ada L", "ada@example.com", null, "ZAR")));

        JsonObject byEmail = get("/zoho/contacts?q=ada@example.com");

        assertThat(byEmail.getString("by")).isEqualTo("email");
        assertThat(byEmail.getJsonArray("contacts").getJsonObject(0).getString("contact_id"))
                .isEqualTo("46");
        assertThat(get("/zoho/contacts?q=Ada%20L").getString("by")).isEqualTo("name");
        assertThat(fx.console.questions).containsExactly("ada@example.com", "Ada L");
    }

    @Test
    void aContactSearchZohoCannotAnswerIs503() {
        fx.console.contacts = new ContactSearch.Unavailable("Zoho Books could not be searched now");

        assertProblem(fx.admin(HttpMethod.GET, "/zoho/contacts?q=x").send().await(), 503, "zoho_unavailable");
    }

    @Test
    void aBearerCallActsAsItsHeadersActorOrAsTheAdminApi() {
        fx.admin(HttpMethod.POST, "/sync/customer/c-1/books/retry")
                .putHeader("X-Admin-Actor", " ops-script ")
                .send()
                .await();
        fx.admin(HttpMethod.POST, "/sync/customer/c-1/books/reset").send().await();

        assertThat(fx.admin.commands)
                .containsExactly(
                        new Command(CUSTOMER, Action.RETRY, null, "ops-script"),
                        new Command(CUSTOMER, Action.RESET, null, "admin-api"));
    }

    @Test
    void aConsoleSessionActsAsTheNameItSignedInUnder() {
        HttpResponse<Buffer> signedIn = fx.http
                .post("/admin/session")
                .sendJsonObject(
                        new JsonObject().put("token", HttpFixture.ADMIN_TOKEN).put("name", " Ada Operator "))
                .await();
        assertThat(signedIn.bodyAsJsonObject().getString("name")).isEqualTo("Ada Operator");
        String cookie = signedIn.getHeader("set-cookie").split(";", 2)[0];

        fx.http
                .post("/admin/api/sync/customer/c-1/books/retry")
                .putHeader("Cookie", cookie)
                .putHeader("X-CSRF-Token", signedIn.bodyAsJsonObject().getString("csrf_token"))
                .putHeader("X-Admin-Actor", "someone else")
                .send()
                .await();

        assertThat(fx.admin.commands).containsExactly(new Command(CUSTOMER, Action.RETRY, null, "Ada Operator"));
    }

    @Test
    void aSignInNameMustBeShortText() {
        JsonObject problem = assertProblem(
                fx.http
                        .post("/admin/session")
                        .sendJsonObject(new JsonObject()
                                .put("token", HttpFixture.ADMIN_TOKEN)
                                .put("name", "a".repeat(81)))
                        .await(),
                422,
                "validation_failed");

        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("name");
        assertProblem(
                fx.http
                        .post("/admin/session")
                        .sendJsonObject(new JsonObject()
                                .put("token", HttpFixture.ADMIN_TOKEN)
                                .put("name", 5))
                        .await(),
                422,
                "validation_failed");
    }

    private JsonObject get(String path) {
        HttpResponse<Buffer> response = fx.admin(HttpMethod.GET, path).send().await();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }
}
