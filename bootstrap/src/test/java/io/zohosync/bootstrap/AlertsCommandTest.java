package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zoho-sync alerts --dry-run}: the rules evaluated once over the service's database, printed, nothing sent. */
class AlertsCommandTest {

    private record Run(int exitCode, String out, String err) {}

    @Test
    void aQuietServiceHasNothingToSendAndExits0(@TempDir Path dataDir) {
        Run run = alerts(env(PostgresFixture.shared().newDatabase(), dataDir), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("zoho-sync alerts --dry-run: nothing to send; no channel is configured"
                        + " (ZSYNC_ALERT_SMTP_*, ZSYNC_ALERT_WEBHOOK_URL)");
    }

    @Test
    void failedSyncsAndASpentBudgetArePrintedWithWhereTheyWouldGoAndExit1(@TempDir Path dataDir) throws Exception {
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        sql(
                db,
                "insert into sync_records (entity_type, entity_id, target, status, created_at, updated_at)"
                        + " select 'customer', 'c-' || n, 'books', 'failed', now(), now() from generate_series(1, 2) n");
        sql(
                db,
                "insert into zoho_api_permits (permit_id, organization_id, meter, taken_at, holder_id, holding)"
                        + " select gen_random_uuid(), 'org', 'CRM', now() - interval '1 hour', 'h', false"
                        + " from generate_series(1, 4000) n");
        Map<String, String> env = env(db, dataDir);
        env.put("ZSYNC_ALERT_SMTP_HOST", "smtp.example.com");
        env.put("ZSYNC_ALERT_SMTP_USER", "ops");
        env.put("ZSYNC_ALERT_SMTP_PASSWORD", "smtp-s3cret");
        env.put("ZSYNC_ALERT_SMTP_FROM", "zoho-sync@shop.example");
        env.put("ZSYNC_ALERT_SMTP_TO", "ops@shop.example");
        env.put("ZSYNC_ALERT_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/hook-s3cret");

        Run run = alerts(env, "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .startsWith("zoho-sync alerts --dry-run: 2 alerts would be sent; email to ops@shop.example and"
                        + " webhook (slack) at hooks.slack.com\n\n"
                        + "Subject: [zoho-sync] 2 syncs failed and wait for an admin\n"
                        + "2 syncs failed and wait for an admin\nSince ")
                .contains("\n\nSubject: [zoho-sync] Zoho API budget of CRM nearly spent: 88 % of the day\n")
                .contains("Seen: 4000 of 4500 calls in the last 24 hours (alert at 80 %)")
                .doesNotContain("s3cret");
    }

    @Test
    void withoutDryRunOrWithBadConfigurationItRefusesClearly(@TempDir Path dataDir) {
        Map<String, String> env = env(PostgresFixture.shared().newDatabase(), dataDir);
        assertThat(alerts(env).exitCode()).isEqualTo(2); // picocli: the required --dry-run is missing

        env.put("ZSYNC_ALERT_WEBHOOK_URL", "not a url");
        Run run = alerts(env, "--dry-run");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("zoho-sync alerts: ZSYNC_ALERT_WEBHOOK_*: the URL is malformed");
    }

    private static Map<String, String> env(DatabaseSettings db, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("ZSYNC_DATABASE_URL", PostgresFixture.url(db));
        env.put("ZSYNC_DATA_DIR", dataDir.toString());
        return env;
    }

    private static Run alerts(Map<String, String> env, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                new CommandLine(new Main(env)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] args = new String[options.length + 1];
        args[0] = "alerts";
        System.arraycopy(options, 0, args, 1, options.length);
        int code = cli.execute(args);
        return new Run(code, out.toString().strip(), err.toString().strip());
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
