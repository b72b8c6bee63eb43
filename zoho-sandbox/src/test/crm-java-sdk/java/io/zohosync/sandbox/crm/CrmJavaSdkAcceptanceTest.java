package io.zohosync.sandbox.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoho.api.authenticator.OAuthToken;
import com.zoho.api.authenticator.store.FileStore;
import com.zoho.api.logger.Logger;
import com.zoho.crm.api.HeaderMap;
import com.zoho.crm.api.Initializer;
import com.zoho.crm.api.ParameterMap;
import com.zoho.crm.api.SDKConfig;
import com.zoho.crm.api.dc.DataCenter;
import com.zoho.crm.api.exception.SDKException;
import com.zoho.crm.api.record.APIException;
import com.zoho.crm.api.record.ActionHandler;
import com.zoho.crm.api.record.ActionWrapper;
import com.zoho.crm.api.record.BodyWrapper;
import com.zoho.crm.api.record.DuplicateRecord;
import com.zoho.crm.api.record.Field;
import com.zoho.crm.api.record.Record;
import com.zoho.crm.api.record.RecordOperations;
import com.zoho.crm.api.record.ResponseHandler;
import com.zoho.crm.api.record.ResponseWrapper;
import com.zoho.crm.api.record.SuccessResponse;
import com.zoho.crm.api.util.APIResponse;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxInspection;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.core.SandboxRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: Zoho's official CRM Java SDK 8.0 ({@code com.zoho.crm:zohocrm-java-sdk-8-0:2.0.0}, built from Zoho's
 * source and installed in the local repository; compiled only by the {@code crm-java-sdk} profile), unmodified, runs
 * what a user would against the sandbox in strict mode: create, upsert on Email, update, search by email, get, list
 * with fields, and Zoho's documented errors — configured as the README tells users to.
 */
@ExtendWith(VertxExtension.class)
class CrmJavaSdkAcceptanceTest {
    private static final String EMAIL = "ada-java-sdk@example.com";

    private SandboxClient client;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults().withStrict(true));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    /** The sandbox as the SDK's environment: its API domain, and its accounts server's token URL. */
    static DataCenter.Environment sandbox(String baseUrl) {
        return new DataCenter.Environment() {
            @Override
            public String getUrl() {
                return baseUrl;
            }

            @Override
            public String getAccountsUrl() {
                return baseUrl + "/oauth/v2/token";
            }

            @Override
            public String getFileUploadUrl() {
                return baseUrl;
            }
        };
    }

    @Test
    void theOfficialJavaSdkRunsEveryRecordOperation(@TempDir Path work) throws Exception {
        new Initializer.Builder()
                .environment(sandbox(client.sandbox.baseUrl()))
                .token(new OAuthToken.Builder()
                        .clientID(SandboxOptions.DEMO_CLIENT_ID)
                        .clientSecret(SandboxOptions.DEMO_CLIENT_SECRET)
                        .refreshToken(SandboxOptions.DEMO_REFRESH_TOKEN)
                        .build())
                .store(new FileStore(work.resolve("sdk_tokens.txt").toString()))
                .SDKConfig(new SDKConfig.Builder()
                        .autoRefreshFields(false)
                        .pickListValidation(true)
                        .build())
                .resourcePath(work.toString())
                .logger(new Logger.Builder()
                        .level(Logger.Levels.INFO)
                        .filePath(work.resolve("sdk.log").toString())
                        .build())
                .initialize();
        RecordOperations contacts = new RecordOperations("Contacts");

        APIResponse<ActionHandler> created =
                contacts.createRecords(body(contact("Lovelace", "Ada", EMAIL, null)), new HeaderMap());
        // details are read as a map; Zoho sends the id in them as a string (its record ids pass 2^53)
        String written =
                (String) written(created, 201, "record added").getDetails().get("id");
        Long id = Long.valueOf(written);

        BodyWrapper upsert = body(contact("Lovelace", null, EMAIL, "+44 20 7946 0000"));
        upsert.setDuplicateCheckFields(new ArrayList<>(List.of("Email")));
        SuccessResponse upserted = written(contacts.upsertRecords(upsert, new HeaderMap()), 200, "record updated");
        assertThat(upserted.getDetails().get("id")).isEqualTo(written);
        assertThat(upserted.getAction().getValue()).isEqualTo("update");
        assertThat(upserted.getDuplicateField()).isEqualTo("Email");

        Record update = new Record();
        update.addFieldValue(Field.Contacts.FIRST_NAME, "Augusta Ada");
        assertThat(written(contacts.updateRecord(id, body(update), new HeaderMap()), 200, "record updated")
                        .getDetails()
                        .get("id"))
                .isEqualTo(written);

        ParameterMap search = new ParameterMap();
        search.add(RecordOperations.SearchRecordsParam.EMAIL, EMAIL);
        Record found = onlyRecord(contacts.searchRecords(search, new HeaderMap()));
        ParameterMap getFields = new ParameterMap();
        getFields.add(RecordOperations.GetRecordParam.FIELDS, "Last_Name,First_Name,Email,Phone");
        Record got = onlyRecord(contacts.getRecord(id, getFields, new HeaderMap()));
        for (Record record : List.of(found, got)) {
            assertThat(record.getId()).isEqualTo(id);
            assertThat(record.getKeyValue("Email")).isEqualTo(EMAIL);
            assertThat(record.getKeyValue("First_Name")).as("the update").isEqualTo("Augusta Ada");
            assertThat(record.getKeyValue("Phone")).as("the upsert").isEqualTo("+44 20 7946 0000");
        }

        ParameterMap listFields = new ParameterMap();
        listFields.add(RecordOperations.GetRecordsParam.FIELDS, "Last_Name,First_Name,Email,Phone");
        APIResponse<ResponseHandler> list = contacts.getRecords(listFields, new HeaderMap());
        Record listed = onlyRecord(list);
        assertThat(listed.getKeyValues().keySet())
                .as("only the fields asked for, and the id")
                .containsExactlyInAnyOrder("id", "Last_Name", "First_Name", "Email", "Phone");
        assertThat(((ResponseWrapper) list.getObject()).getInfo().getMoreRecords())
                .isFalse();

        APIException nameless = refused(
                contacts.createRecords(body(contact(null, "Ada", "nameless-" + EMAIL, null)), new HeaderMap()),
                "MANDATORY_NOT_FOUND",
                "Last_Name");
        assertThat(nameless.getMessage().getValue()).isEqualTo("required field not found");
        APIException duplicate = refused(
                contacts.createRecords(body(contact("Byron", "Ada", EMAIL, null)), new HeaderMap()),
                "DUPLICATE_DATA",
                "Email");
        assertThat(duplicate.getDetails().get("duplicate_record"))
                .as("the existing record, as the SDK reads it")
                .isInstanceOfSatisfying(DuplicateRecord.class, existing -> {
                    assertThat(existing.getId()).isEqualTo(id);
                    assertThat(existing.getModule().getAPIName()).isEqualTo("Contacts");
                });

        long unknown = id + 1;
        // Zoho answers an id it does not hold with 204 and no body. SDK 2.0.0 cannot read a bodiless answer (its
        // CommonAPIHandler hands HttpClient's null entity to a converter) and throws, as it does against Zoho.
        assertThatThrownBy(() -> contacts.getRecord(unknown, new ParameterMap(), new HeaderMap()))
                .isInstanceOf(SDKException.class)
                .hasStackTraceContaining("\"entity\" is null");
        refused(contacts.updateRecord(unknown, body(update), new HeaderMap()), "INVALID_DATA", "id");

        SandboxInspection inspect = client.sandbox.inspect();
        List<SandboxRecord> stored = inspect.recordsFor(EMAIL);
        assertThat(stored).as("the duplicate was refused").hasSize(1);
        assertThat(stored.get(0).product()).isEqualTo("crm");
        assertThat(stored.get(0).id()).isEqualTo(written);
        assertThat(stored.get(0).body().getString("Last_Name")).isEqualTo("Lovelace");
        assertThat(stored.get(0).body().getString("First_Name")).isEqualTo("Augusta Ada");
        assertThat(stored.get(0).body().getString("Phone")).isEqualTo("+44 20 7946 0000");
        assertThat(inspect.recordsFor("nameless-" + EMAIL))
                .as("the refused record")
                .isEmpty();
        assertThat(inspect.tokenRefreshes())
                .as("one refresh, then the stored token")
                .isEqualTo(1);
        assertThat(inspect.calls())
                .as("one refresh; the current user and org (findUser), the module's fields; then the record calls")
                .containsOnlyKeys(
                        "POST /oauth/v2/token",
                        "GET /crm/v8/users",
                        "GET /crm/v8/org",
                        "GET /crm/v8/settings/fields",
                        "POST /crm/v8/{module}",
                        "POST /crm/v8/{module}/upsert",
                        "PUT /crm/v8/{module}/{id}",
                        "GET /crm/v8/{module}/search",
                        "GET /crm/v8/{module}/{id}",
                        "GET /crm/v8/{module}");
    }

    private static Record contact(String lastName, String firstName, String email, String phone) {
        Record record = new Record();
        if (lastName != null) record.addFieldValue(Field.Contacts.LAST_NAME, lastName);
        if (firstName != null) record.addFieldValue(Field.Contacts.FIRST_NAME, firstName);
        if (email != null) record.addFieldValue(Field.Contacts.EMAIL, email);
        if (phone != null) record.addFieldValue(Field.Contacts.PHONE, phone);
        return record;
    }

    private static BodyWrapper body(Record record) {
        BodyWrapper body = new BodyWrapper();
        // the SDK checks a list's class by name: an ArrayList, not List.of's
        body.setData(new ArrayList<>(List.of(record)));
        return body;
    }

    /** The one answer of a write, as the SDK read it. */
    private static Object answer(APIResponse<ActionHandler> response, int http) {
        assertThat(response.getStatusCode())
                .as(String.valueOf(response.getResponseJSON()))
                .isEqualTo(http);
        assertThat(response.isExpected()).isTrue();
        assertThat(response.getObject()).isInstanceOf(ActionWrapper.class);
        List<?> data = ((ActionWrapper) response.getObject()).getData();
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    private static SuccessResponse written(APIResponse<ActionHandler> response, int http, String message) {
        Object answer = answer(response, http);
        assertThat(answer).as(String.valueOf(response.getResponseJSON())).isInstanceOf(SuccessResponse.class);
        SuccessResponse success = (SuccessResponse) answer;
        assertThat(success.getStatus().getValue()).isEqualTo("success");
        assertThat(success.getCode().getValue()).isEqualTo("SUCCESS");
        assertThat(success.getMessage().getValue()).isEqualTo(message);
        return success;
    }

    private static APIException refused(APIResponse<ActionHandler> response, String code, String apiName) {
        Object answer = answer(response, 400);
        assertThat(answer).as(String.valueOf(response.getResponseJSON())).isInstanceOf(APIException.class);
        APIException refusal = (APIException) answer;
        assertThat(refusal.getStatus().getValue()).isEqualTo("error");
        assertThat(refusal.getCode().getValue()).isEqualTo(code);
        Map<String, Object> details = refusal.getDetails();
        assertThat(details.get("api_name")).isEqualTo(apiName);
        return refusal;
    }

    private static Record onlyRecord(APIResponse<ResponseHandler> response) {
        assertThat(response.getStatusCode())
                .as(String.valueOf(response.getResponseJSON()))
                .isEqualTo(200);
        assertThat(response.getObject()).isInstanceOf(ResponseWrapper.class);
        List<Record> records = ((ResponseWrapper) response.getObject()).getData();
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
