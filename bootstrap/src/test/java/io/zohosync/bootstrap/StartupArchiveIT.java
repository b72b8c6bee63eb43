package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The start-up class archive {@code ./mvnw package} records beside the jar ({@code bootstrap/target/zoho-sync.jsa},
 * issue 14 goal 5) is one the packaged jar maps: {@code -Xshare:on} makes the JVM refuse to start otherwise. Both as
 * README runs it (from the repository, {@code -jar bootstrap/target/zoho-sync.jar}) and by absolute path (the jar ITs,
 * the benchmark).
 */
class StartupArchiveIT {

    private static final Path JAR = Path.of(System.getProperty("zsync.jar")).toAbsolutePath();
    private static final Path ARCHIVE = JAR.resolveSibling("zoho-sync.jsa");

    @Test
    void the_jar_run_by_its_absolute_path_maps_the_service_classes_from_the_archive() throws Exception {
        String output = run(JAR.getParent(), JAR.toString(), ARCHIVE.toString());

        assertThat(output).contains("io.zohosync.bootstrap.Main source: shared objects file (top)");
    }

    @Test
    void the_jar_run_as_readme_does_from_the_repository_maps_them_too() throws Exception {
        Path repository = JAR.getParent().getParent().getParent();

        String output = run(repository, "bootstrap/target/zoho-sync.jar", "bootstrap/target/zoho-sync.jsa");

        assertThat(output).contains("io.zohosync.bootstrap.Main source: shared objects file (top)");
    }

    private static String run(Path directory, String jar, String archive) throws IOException, InterruptedException {
        assumeTrue(
                Files.isRegularFile(ARCHIVE),
                "no start-up archive at " + ARCHIVE + ": the build's training start was skipped (-Dexec.skip) or this"
                        + " JVM could not write one (the package step's output says which)");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xshare:on",
                        "-XX:SharedArchiveFile=" + archive,
                        "-Xlog:class+load=info",
                        "-jar",
                        jar,
                        "--version")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
