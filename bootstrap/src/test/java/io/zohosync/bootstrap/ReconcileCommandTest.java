package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code reconcile} command's "cannot tell" answers (its runs against Zoho: {@link ReconcileEndToEndTest}). */
class ReconcileCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run reconcile(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "reconcile";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = new CommandLine(new Main(env))
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(all);
        return new Run(code, out.toString().strip(), err.toString().strip());
    }

    @Test
    void aDatabaseThatDoesNotAnswerCannotTell() {
        Run run = reconcile(Map.of("ZSYNC_DATABASE_URL", "postgresql://postgres:hunter2@127.0.0.1:1/none"));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("zoho-sync reconcile: postgresql://postgres@127.0.0.1:1/none does not answer")
                .doesNotContain("hunter2")
                .doesNotContain("\n");
    }

    @Test
    void anUnknownEntityTypeOrABadScheduleCannotTell() {
        Run unknown = reconcile(
                Map.of("ZSYNC_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none"), "--entity", "customer,nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err())
                .startsWith("zoho-sync reconcile: --entity: unknown entity type 'nope' (known: customer,");

        Run schedule = reconcile(Map.of("ZSYNC_RECONCILE_EVERY", "sometimes"));
        assertThat(schedule.code()).isEqualTo(2);
        assertThat(schedule.err()).contains("ZSYNC_RECONCILE_EVERY must be off or a duration");
    }
}
