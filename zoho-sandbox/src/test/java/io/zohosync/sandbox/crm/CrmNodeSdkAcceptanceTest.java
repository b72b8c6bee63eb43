package io.zohosync.sandbox.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxInspection;
import io.zohosync.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15: Zoho's official CRM Node SDK 8.0 ({@code @zohocrm/nodejs-sdk-8.0}, installed from the npm registry by
 * {@code npm ci}), unmodified, runs what a user would against the sandbox in strict mode: create, upsert on Email,
 * update, search by email, get, list with fields, Zoho's documented errors, then the clean-up users' tests do: delete
 * the record, which is gone and in the recycle bin. Skipped where Node.js or the registry is not available.
 */
@ExtendWith(VertxExtension.class)
class CrmNodeSdkAcceptanceTest {
    private static final String EMAIL = "ada-node-sdk@example.com";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(45);

    private SandboxClient client;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults().withStrict(true));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void theOfficialNodeSdkRunsEveryRecordOperation() throws Exception {
        NodeProject project = NodeProject.install("crm-sdk");
        Path work = fresh(project.dir().resolve("run"));

        NodeProject.Result run = project.script(
                SCRIPT_TIMEOUT, NodeProject.DEMO_CLIENT, client.sandbox.baseUrl(), work.toString(), "ada-node-sdk");

        String output =
                "stdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr() + "\nSDK log: " + work.resolve("sdk.log");
        assertThat(run.timedOut()).as(output).isFalse();
        assertThat(run.exitCode()).as(output).isZero();
        Map<String, JsonObject> ops = run.byOperation();
        assertThat(ops.keySet())
                .as(output)
                .containsExactlyInAnyOrder(
                        "create",
                        "upsert",
                        "update",
                        "search",
                        "get",
                        "list",
                        "create_without_last_name",
                        "create_duplicate_email",
                        "get_unknown_id",
                        "update_unknown_id",
                        "delete",
                        "get_after_delete",
                        "deleted");

        String id = written(ops.get("create"), 201, "record added").getString("id");
        assertThat(written(ops.get("upsert"), 200, "record updated").getString("id"))
                .isEqualTo(id);
        assertThat(answer(ops.get("upsert")).getString("action")).isEqualTo("update");
        assertThat(answer(ops.get("upsert")).getString("duplicate_field")).isEqualTo("Email");
        assertThat(written(ops.get("update"), 200, "record updated").getString("id"))
                .isEqualTo(id);

        for (String read : List.of("search", "get")) {
            JsonObject record = onlyRecord(ops.get(read));
            assertThat(record.getString("id")).isEqualTo(id);
            assertThat(record.getString("Email")).isEqualTo(EMAIL);
            assertThat(record.getString("First_Name")).as("the update").isEqualTo("Augusta Ada");
            assertThat(record.getString("Phone")).as("the upsert").isEqualTo("+44 20 7946 0000");
        }
        JsonObject listed = onlyRecord(ops.get("list"));
        assertThat(listed.fieldNames())
                .as("only the fields asked for, and the id")
                .containsExactlyInAnyOrder("id", "Last_Name", "First_Name", "Email", "Phone");
        assertThat(ops.get("list").getJsonObject("info").getBoolean("more_records"))
                .isFalse();

        failed(ops.get("create_without_last_name"), "MANDATORY_NOT_FOUND", "Last_Name");
        assertThat(failed(ops.get("create_duplicate_email"), "DUPLICATE_DATA", "Email")
                        .getString("duplicate_record"))
                .as("the SDK's duplicate record, by its id")
                .isEqualTo(id);
        assertThat(ops.get("get_unknown_id").getInteger("http")).isEqualTo(204);
        failed(ops.get("update_unknown_id"), "INVALID_DATA", "id");

        assertThat(written(ops.get("delete"), 200, "record deleted").getString("id"))
                .isEqualTo(id);
        assertThat(ops.get("get_after_delete").getInteger("http")).as("gone").isEqualTo(204);
        assertThat(ops.get("deleted").getInteger("http"))
                .as(ops.get("deleted").encode())
                .isEqualTo(200);
        assertThat(ops.get("deleted").getJsonArray("deleted"))
                .as("the recycle bin, as the SDK reads it")
                .containsExactly(new JsonObject()
                        .put("id", id)
                        .put("type", "recycle")
                        .put("display_name", "Augusta Ada Lovelace"));

        SandboxInspection inspect = client.sandbox.inspect();
        assertThat(inspect.recordsFor(EMAIL)).as("deleted at the end").isEmpty();
        assertThat(inspect.calls("DELETE /crm/v8/{module}/{id}")).isEqualTo(1);
        assertThat(inspect.recordsFor("nameless-" + EMAIL))
                .as("the refused record")
                .isEmpty();
        assertThat(inspect.tokenRefreshes())
                .as("one refresh, then the stored token")
                .isEqualTo(1);
        assertThat(inspect.calls("GET /crm/v8/settings/fields"))
                .as("the SDK reads the module's fields before its first record write")
                .isPositive();
    }

    private static JsonObject answer(JsonObject op) {
        JsonArray data = op.getJsonArray("data");
        assertThat(data).as(op.encode()).hasSize(1);
        return data.getJsonObject(0);
    }

    /** A successful write's details. */
    private static JsonObject written(JsonObject op, int http, String message) {
        assertThat(op.getInteger("http")).as(op.encode()).isEqualTo(http);
        JsonObject answer = answer(op);
        assertThat(answer.getString("status")).as(op.encode()).isEqualTo("success");
        assertThat(answer.getString("code")).isEqualTo("SUCCESS");
        assertThat(answer.getString("message")).isEqualTo(message);
        return answer.getJsonObject("details");
    }

    /** A refused write's details. */
    private static JsonObject failed(JsonObject op, String code, String apiName) {
        assertThat(op.getInteger("http")).as(op.encode()).isEqualTo(400);
        JsonObject answer = answer(op);
        assertThat(answer.getString("status")).isEqualTo("error");
        assertThat(answer.getString("code")).isEqualTo(code);
        assertThat(answer.getJsonObject("details").getString("api_name")).isEqualTo(apiName);
        return answer.getJsonObject("details");
    }

    private static JsonObject onlyRecord(JsonObject op) {
        assertThat(op.getInteger("http")).as(op.encode()).isEqualTo(200);
        JsonArray records = op.getJsonArray("records");
        assertThat(records).as(op.encode()).hasSize(1);
        return records.getJsonObject(0);
    }

    /** An empty directory for the SDK's token store, field cache and log (kept after the run for reading). */
    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(file);
            }
        }
        return Files.createDirectories(dir);
    }
}
