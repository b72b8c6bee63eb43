package io.zohosync.bootstrap.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar as a separate process ({@code java -jar}), started with an environment and killed with SIGKILL, or
 * stopped with SIGTERM.
 */
final class JarProcess implements AutoCloseable {

    private static final Pattern UP = Pattern.compile("zoho-sync is up on port (\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private JarProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "jar-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code bootstrap/target/zoho-sync.jar} (the {@code zsync.jar} property) with {@code environment} added. A
     * database the test's own environment names ({@code ZSYNC_DATABASE_URL}, {@code DATABASE_URL}) is not passed on:
     * the jar uses the one {@code environment} gives it, or without one its embedded PostgreSQL.
     */
    static JarProcess start(Map<String, String> environment) throws IOException {
        Path jar = Path.of(System.getProperty("zsync.jar", "target/zoho-sync.jar"));
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true);
        builder.environment().remove("ZSYNC_DATABASE_URL");
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(environment);
        return new JarProcess(builder.start());
    }

    /** The HTTP port once the jar says it is up; fails after {@code seconds} with its output. */
    int awaitUp(int seconds) throws InterruptedException {
        try {
            return port.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the jar was not up within " + seconds + " s:\n" + tail(), e);
        }
    }

    /** SIGKILL: no shutdown hook, no hand-back, connections and transactions cut where they are. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the jar (pid " + process.pid() + ") did not die of SIGKILL within 30 s");
        }
    }

    /** SIGTERM, as a service manager stops the jar: its exit status, once it has exited (within {@code seconds}). */
    int terminate(int seconds) throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy would also close the output being read
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the jar did not stop within " + seconds + " s of SIGTERM:\n" + tail());
        }
        return process.exitValue();
    }

    /**
     * Stops the jar if it still runs, as {@link #terminate} does (an embedded database stops with it), or by SIGKILL if
     * it does not stop: a test that failed midway leaves no process behind.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    List<String> output() {
        return List.copyOf(output);
    }

    String tail() {
        List<String> lines = output();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher up = UP.matcher(line);
                if (up.find()) {
                    port.complete(Integer.parseInt(up.group(1)));
                }
            }
        } catch (IOException e) {
            // the process died (as it is meant to): its output simply ends
        }
        port.completeExceptionally(new IllegalStateException("the jar exited before it was up"));
    }
}
