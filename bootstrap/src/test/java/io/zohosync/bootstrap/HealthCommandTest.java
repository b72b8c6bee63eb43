package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zoho-sync health} as a monitor runs it: the jar's command line over the service's environment, exit codes. */
class HealthCommandTest {

    private record Run(int exitCode, String out) {}

    @Test
    void a_quiet_queue_in_demo_mode_is_healthy_and_exits_0(@TempDir Path dataDir) {
        DatabaseSettings db = PostgresFixture.shared().newDatabase();

        Run run = health(env(db, dataDir), "--format", "json");

        assertThat(run.exitCode()).as(run.out()).isZero();
        JsonObject report = new JsonObject(run.out());
        assertThat(report.getString("status")).isEqualTo("healthy");
        assertThat(report.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("name")))
                .containsExactly("database", "activity", "zoho");
        assertThat(report.getJsonArray("checks").getJsonObject(2).getString("detail"))
                .contains("built-in sandbox");
    }

    @Test
    void work_due_for_longer_than_the_threshold_with_nothing_synced_is_unhealthy_and_exits_1(@TempDir Path dataDir)
            throws Exception {
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        sql(
                db,
                "insert into sync_records (entity_type, entity_id, target, status, next_run_at, created_at, updated_at)"
                        + " values ('customer', 'c-1', 'books', 'pending', now() - interval '7 hours',"
                        + " now() - interval '8 hours', now() - interval '8 hours')");

        Run run = health(env(db, dataDir));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .startsWith("zoho-sync health: unhealthy")
                .containsPattern(
                        "activity +unhealthy +work waits and nothing reached Zoho in 6 h: 1 due, the oldest for 7 h")
                .contains("nothing synced yet");
        assertThat(health(env(db, dataDir), "--stale-hours", "8").exitCode())
                .as("under a longer threshold")
                .isZero();
    }

    @Test
    void a_zoho_organization_without_a_refresh_token_is_unhealthy(@TempDir Path dataDir) {
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env = env(db, dataDir);
        env.put("ZSYNC_ZOHO_CLIENT_ID", "1000.CLIENT");
        env.put("ZSYNC_ZOHO_CLIENT_SECRET", "secret");
        env.put("ZSYNC_ZOHO_ORGANIZATION_ID", "10234695");

        Run run = health(env);

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).containsPattern("zoho +unhealthy +no Zoho refresh token: connect the organization");
        assertThat(run.out()).doesNotContain("secret");
    }

    @Test
    void a_database_that_does_not_answer_is_unhealthy_and_the_rest_cannot_be_told(@TempDir Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("ZSYNC_DATABASE_URL", "postgresql://postgres:hunter2@127.0.0.1:1/nowhere");
        env.put("ZSYNC_DATA_DIR", dataDir.toString());

        Run run = health(env);

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern("database +unhealthy +postgresql://postgres@127.0.0.1:1/nowhere does not answer")
                .containsPattern("activity +unknown")
                .doesNotContain("hunter2");
    }

    @Test
    void the_embedded_database_of_a_service_that_is_not_running_is_unhealthy(@TempDir Path dataDir) {
        Run run = health(Map.of("ZSYNC_DATA_DIR", dataDir.toString()));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("the embedded PostgreSQL in", "is not running: is the service up?");
    }

    @Test
    void every_command_tells_the_version() {
        StringWriter out = new StringWriter();
        int code =
                new CommandLine(new Main(Map.of())).setOut(new PrintWriter(out)).execute("health", "-V");

        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo("zoho-sync 0.1.0");
    }

    @Test
    void the_data_dir_may_follow_the_commands_name_as_well_as_precede_it(@TempDir Path dataDir) {
        Run after = health(Map.of(), "--data-dir", dataDir.toString());
        StringWriter out = new StringWriter();
        int before = new CommandLine(new Main(Map.of()))
                .setOut(new PrintWriter(out))
                .execute("--data-dir", dataDir.toString(), "health");

        assertThat(after.exitCode()).as(after.out()).isEqualTo(1).isEqualTo(before);
        assertThat(after.out()).contains("the embedded PostgreSQL in " + dataDir.resolve("postgres"));
        assertThat(out.toString().strip()).isEqualTo(after.out());
    }

    @Test
    void a_configuration_it_cannot_read_cannot_tell_and_exits_2(@TempDir Path dataDir) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("ZSYNC_DATA_DIR", dataDir.toString()));
        env.put("ZSYNC_ZOHO_CLIENT_ID", "1000.CLIENT"); // partly configured

        Run run = health(env);

        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).containsPattern("configuration +unknown +Zoho is partly configured");
        assertThat(Files.list(dataDir)).as("nothing written").isEmpty();
    }

    @Test
    void synced_records_are_read_back_from_zoho_and_one_zoho_no_longer_holds_is_unhealthy(@TempDir Path dataDir)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await();
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env = TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), db, dataDir);
        ZohoSyncApp app = ZohoSyncApp.start(vertx, env).await();
        try {
            WebClient http = WebClient.create(vertx);
            for (String id : new String[] {"h-1", "h-2"}) {
                HttpResponse<Buffer> put = http.put(app.httpPort(), "127.0.0.1", "/api/v1/customers/" + id)
                        .bearerTokenAuthentication(TestEnvironment.API_KEY)
                        .sendJsonObject(new JsonObject()
                                .put("first_name", "Ada")
                                .put("last_name", "Health " + id)
                                .put("email", id + "@example.com"))
                        .await();
                assertThat(put.statusCode()).isBetween(200, 202);
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (count(db, "select count(*) from sync_records where status = 'synced'") < 2) {
                assertThat(Instant.now()).as("both synced").isBefore(deadline);
                Thread.sleep(100);
            }
            int callsBefore = zoho.inspect().calls("GET /books/v3/contacts/{contact_id}");

            Run healthy = health(env, "--sample", "5");

            assertThat(healthy.exitCode()).as(healthy.out()).isZero();
            assertThat(healthy.out())
                    .containsPattern("integrity +healthy +2 sampled synced records read back from Zoho");
            assertThat(zoho.inspect().calls("GET /books/v3/contacts/{contact_id}") - callsBefore)
                    .as("one read each")
                    .isEqualTo(2);

            // as if someone deleted h-2's contact in Zoho
            sql(db, "update sync_records set zoho_id = '460000000099999' where entity_id = 'h-2'");
            Run unhealthy = health(env);

            assertThat(unhealthy.exitCode()).as(unhealthy.out()).isEqualTo(1);
            assertThat(unhealthy.out())
                    .containsPattern("integrity +unhealthy +1 of 2 sampled synced records are not in Zoho: customer h-2"
                            + " \\(books 460000000099999\\)");
            assertThat(health(env, "--sample", "0").out()).as("not asked").doesNotContain("integrity");
        } finally {
            app.stop().await();
            zoho.close().await();
            vertx.close().await();
        }
    }

    private static long count(DatabaseSettings db, String query) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
                        db.user(),
                        db.password());
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, String> env(DatabaseSettings db, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("ZSYNC_DATABASE_URL", PostgresFixture.url(db));
        env.put("ZSYNC_DATA_DIR", dataDir.toString());
        return env;
    }

    private static Run health(Map<String, String> env, String... options) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main(env)).setOut(new PrintWriter(out));
        String[] args = new String[options.length + 1];
        args[0] = "health";
        System.arraycopy(options, 0, args, 1, options.length);
        int code = cli.execute(args);
        return new Run(code, out.toString().strip());
    }

    private static void sql(DatabaseSettings db, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
                        db.user(),
                        db.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
