package io.zohosync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.sandbox.core.Fault;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SandboxMainTest {
    @Test
    void withoutArgumentsTheCommandLineGivesTheDefaultsOnPort8089() {
        SandboxMain main = new SandboxMain();
        new CommandLine(main).parseArgs();

        assertThat(main.options()).isEqualTo(SandboxOptions.defaults().withPort(8089));
    }

    @Test
    void everyOptionReachesSandboxOptions() {
        SandboxMain main = new SandboxMain();
        new CommandLine(main)
                .parseArgs(
                        "--port",
                        "0",
                        "--client-id",
                        "c",
                        "--client-secret",
                        "s",
                        "--refresh-token",
                        "r",
                        "--organization-id",
                        "42",
                        "--data-centre",
                        "EU",
                        "--latency-ms",
                        "25",
                        "--error-rate",
                        "0.5",
                        "--faults",
                        "TIMEOUT,CONNECTION_RESET",
                        "--time-scale",
                        "60",
                        "--books-per-minute",
                        "7",
                        "--daily-limit",
                        "70",
                        "--concurrency",
                        "3",
                        "--strict");

        SandboxOptions options = main.options();

        assertThat(options)
                .isEqualTo(new SandboxOptions(
                        0,
                        "c",
                        "s",
                        "r",
                        "42",
                        DataCentre.EU,
                        Duration.ofMillis(25),
                        0.5,
                        Set.of(Fault.TIMEOUT, Fault.CONNECTION_RESET),
                        60,
                        7,
                        70,
                        3,
                        true));
    }
}
