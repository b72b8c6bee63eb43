package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A command's bar is redrawn while nothing finishes, so a backfill waiting on Zoho does not look hung. */
class ProgressTest {

    @Test
    void the_bar_is_redrawn_every_second_even_when_nothing_finishes() throws Exception {
        StringWriter err = new StringWriter();
        try (Progress progress = new Progress("backfill", 2, new PrintWriter(err))) {
            progress.message(" 2 calls to go, 2 retrying after Zoho failed");
            Thread.sleep(3_500);
        }

        String drawn = err.toString();
        assertThat(drawn.chars().filter(c -> c == '\r').count())
                .as("drawn once a second with no step: %s", drawn)
                .isGreaterThanOrEqualTo(3);
        assertThat(drawn).contains("0/2", "2 retrying after Zoho failed");
    }
}
