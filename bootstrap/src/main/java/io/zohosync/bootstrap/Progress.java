package io.zohosync.bootstrap;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A command's progress bar (me.tongfei:progressbar) on its error stream, so its output stays what it reports: done of
 * total, the rate per minute and an ETA the command gives (a backfill's comes from the API budget, not the rate).
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final PrintWriter err;
    private volatile Duration eta;

    Progress(String task, long total, PrintWriter err) {
        this.err = err;
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                // redrawn every second even while nothing finishes (Zoho down, records waiting out their backoff): a
                // bar drawn only on progress froze its elapsed time and looked hung
                .continuousUpdate()
                .showSpeed()
                .setSpeedUnit(ChronoUnit.MINUTES)
                .setUnit("", 1)
                .setEtaFunction(state -> Optional.ofNullable(eta))
                .setConsumer(new DelegatingProgressBarConsumer(
                        line -> {
                            err.print('\r' + line);
                            err.flush();
                        },
                        110))
                .build();
    }

    void stepTo(long done) {
        bar.stepTo(done);
    }

    /** What the ETA column shows: null for "?". */
    void eta(Duration remaining) {
        this.eta = remaining;
    }

    void message(String extra) {
        bar.setExtraMessage(extra);
    }

    @Override
    public void close() {
        bar.close();
        err.println();
        err.flush();
    }
}
