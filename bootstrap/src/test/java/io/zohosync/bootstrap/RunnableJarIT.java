package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.adapters.postgres.testing.PostgresFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as a user starts it ({@code java -jar}, configuration in the environment,
 * its own sandbox), drives a customer to synced, then stops on SIGTERM and says so.
 */
class RunnableJarIT {

    private static final Pattern UP = Pattern.compile("zoho-sync is up on port (\\d+)");

    @Test
    void the_jar_serves_a_customer_to_synced_and_stops_cleanly_on_sigterm(@TempDir Path dataDir) throws Exception {
        Path jar = Path.of(System.getProperty("zsync.jar"));
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true);
        builder.environment()
                .put(
                        "ZSYNC_DATABASE_URL",
                        PostgresFixture.url(PostgresFixture.shared().newDatabase()));
        builder.environment().put("ZSYNC_HTTP_HOST", "127.0.0.1");
        builder.environment().put("ZSYNC_POLL_INTERVAL_MS", "200");
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(process, output, port));
        reader.start();
        try {
            int httpPort = port.get(90, TimeUnit.SECONDS);
            assertThat(output).anyMatch(line -> line.contains("talking to the built-in Zoho SANDBOX"));
            String apiKey = Files.readAllLines(dataDir.resolve("demo-credentials.env")).stream()
                    .filter(l -> l.startsWith("export ZSYNC_API_KEY="))
                    .findFirst()
                    .orElseThrow()
                    .substring("export ZSYNC_API_KEY=".length());

            HttpClient http = HttpClient.newHttpClient();
            String id = "jar-" + UUID.randomUUID();
            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/customers"))
                            .header("Authorization", "Bearer " + apiKey)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id
                                    + "\",\"last_name\":\"Jar\",\"email\":\"" + id + "@example.com\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(awaitSynced(http, httpPort, apiKey, id)).contains("\"status\":\"synced\"");

            process.toHandle().destroy(); // SIGTERM, keeping the output stream open (Process.destroy closes it)
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within a minute of SIGTERM")
                    .isTrue();
            reader.join(5_000);
            assertThat(output).as(String.join("\n", output)).anyMatch(line -> line.contains("stopped cleanly"));
            assertThat(output).noneMatch(line -> line.contains(apiKey));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String awaitSynced(HttpClient http, int port, String apiKey, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String body = "";
        while (Instant.now().isBefore(deadline) && !body.contains("\"status\":\"synced\"")) {
            Thread.sleep(100);
            body = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/customers/" + id))
                                    .header("Authorization", "Bearer " + apiKey)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
        return body;
    }

    private static void read(Process process, List<String> output, CompletableFuture<Integer> port) {
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
            port.completeExceptionally(
                    new IllegalStateException("the jar exited before it was up:\n" + String.join("\n", output)));
        } catch (java.io.IOException e) {
            port.completeExceptionally(e);
        }
    }
}
