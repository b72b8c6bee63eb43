package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.Blocking.await;
import static io.zohosync.bootstrap.Blocking.quietly;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.domain.alert.Notice;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoho-sync alerts --dry-run}: evaluates the alert rules once over the service's database, configured by the same
 * environment as the service, and prints the messages a service starting now would send, and where to; sends
 * nothing. Exit 0 nothing to send, 1 alerts would be sent, 2 cannot tell.
 */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = "Evaluates the alert rules once, configured by the same environment as the service, and prints"
                + " what would be sent. Exit 0 nothing to send, 1 alerts would be sent, 2 cannot tell.")
final class AlertsCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--dry-run",
            required = true,
            description = "print the messages instead of sending them (the service itself sends them)")
    private boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config config;
        DatabaseSettings db;
        try {
            config = Config.fromEnvironment(main.environment());
            db = HealthCommand.database(config);
        } catch (Config.ConfigException | IllegalArgumentException | IllegalStateException e) {
            err.println("zoho-sync alerts: " + e.getMessage());
            err.flush();
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        PostgresAdapters pg = PostgresAdapters.connect(vertx, db);
        Alerting alerting = Alerting.create(vertx, config, pg, Clock.systemUTC());
        try {
            List<Notice> notices = await(alerting.service().preview());
            out.println(report(config, notices));
            out.flush();
            return notices.isEmpty() ? 0 : 1;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("zoho-sync alerts: " + db.describe() + " could not be read: " + cause.getMessage());
            err.flush();
            return 2;
        } finally {
            // each awaited from this thread: closing Vert.x from one of its own threads would wait for itself
            quietly(alerting.stop());
            quietly(pg.close());
            quietly(vertx.close());
        }
    }

    private static String report(Config config, List<Notice> notices) {
        List<String> channels = new ArrayList<>();
        config.alerts().smtp().ifPresent(s -> channels.add("email to " + String.join(", ", s.to())));
        config.alerts()
                .webhook()
                .ifPresent(w -> channels.add("webhook (" + w.format().name().toLowerCase(Locale.ROOT) + ") at "
                        + w.url().getHost()));
        String where = channels.isEmpty()
                ? "no channel is configured (ZSYNC_ALERT_SMTP_*, ZSYNC_ALERT_WEBHOOK_URL)"
                : String.join(" and ", channels);
        StringBuilder s = new StringBuilder("zoho-sync alerts --dry-run: ");
        if (notices.isEmpty()) {
            s.append("nothing to send; ").append(where);
            return s.toString();
        }
        s.append(notices.size())
                .append(notices.size() == 1 ? " alert" : " alerts")
                .append(" would be sent; ")
                .append(where);
        for (Notice notice : notices) {
            s.append("\n\nSubject: ")
                    .append(notice.subject())
                    .append('\n')
                    .append(notice.text().strip());
        }
        return s.toString();
    }
}
