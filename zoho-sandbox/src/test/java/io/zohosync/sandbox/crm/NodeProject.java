package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.SandboxOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Test helper: a Node project under {@code src/test/node} copied to {@code target/} and installed there with
 * {@code npm ci} (skipped while the lock file is unchanged), then run with {@code node}. Where {@code node} or
 * {@code npm} is not on the PATH, or the npm registry cannot be reached, the test is skipped (JUnit assumptions), so
 * the build stays offline-safe. Shared by the Node acceptance tests (CRM's official SDK, the Books client).
 */
public final class NodeProject {
    private static final Pattern NETWORK_ERROR = Pattern.compile(
            "E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|HOSTUNREACH)|network|ERR_SOCKET_TIMEOUT");
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "script.js");

    private final Path dir;
    private final String node;

    private NodeProject(Path dir, String node) {
        this.dir = dir;
        this.node = node;
    }

    /** Copies {@code src/test/node/<name>} to {@code target/node/<name>} and installs its locked dependencies. */
    public static NodeProject install(String name) throws IOException, InterruptedException {
        String node = executable("node");
        String npm = executable("npm");
        Path basedir = Path.of(System.getProperty("basedir", "."));
        Path source = basedir.resolve("src/test/node").resolve(name);
        Path dir = basedir.resolve("target/node").resolve(name);
        Files.createDirectories(dir);
        Path installedLock = dir.resolve("node_modules/.installed-package-lock.json");
        boolean installed =
                Files.exists(installedLock) && Files.mismatch(installedLock, source.resolve("package-lock.json")) == -1;
        for (String file : FILES)
            Files.copy(source.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        if (!installed) {
            Result ci = run(
                    dir,
                    INSTALL_TIMEOUT,
                    Map.of(),
                    npm,
                    "ci",
                    "--prefer-offline",
                    "--no-audit",
                    "--no-fund",
                    "--fetch-retries=1");
            Assumptions.assumeFalse(
                    ci.timedOut(), "npm ci did not finish within " + INSTALL_TIMEOUT + " (registry unreachable?)");
            Assumptions.assumeFalse(
                    ci.exitCode() != 0 && NETWORK_ERROR.matcher(ci.stderr()).find(),
                    () -> "npm ci cannot reach the npm registry, skipping: " + tail(ci.stderr()));
            if (ci.exitCode() != 0) throw new IllegalStateException("npm ci failed: " + tail(ci.stderr()));
            Files.copy(dir.resolve("package-lock.json"), installedLock, StandardCopyOption.REPLACE_EXISTING);
        }
        return new NodeProject(dir, node);
    }

    public Path dir() {
        return dir;
    }

    /** Runs {@code node script.js args..} in the project, with {@code env} added to this process's environment. */
    public Result script(Duration timeout, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node, "script.js"));
        command.addAll(List.of(args));
        return run(dir, timeout, env, command.toArray(String[]::new));
    }

    private static Result run(Path dir, Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        File out = dir.resolve(".out.log").toFile();
        File err = dir.resolve(".err.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out)
                .redirectError(err);
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        return new Result(
                finished ? process.exitValue() : -1,
                !finished,
                Files.readString(out.toPath()),
                Files.readString(err.toPath()));
    }

    /** The first {@code name} (or {@code name.cmd}/{@code .exe} on Windows) on the PATH; skips the test where none is. */
    private static String executable(String name) {
        Optional<Path> found = Optional.empty();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(Pattern.quote(File.pathSeparator))) {
            for (String candidate : List.of(name, name + ".cmd", name + ".exe")) {
                Path file = Path.of(entry).resolve(candidate);
                if (found.isEmpty() && Files.isRegularFile(file) && Files.isExecutable(file)) found = Optional.of(file);
            }
        }
        Assumptions.assumeTrue(
                found.isPresent(), "'" + name + "' is not on the PATH: the Node acceptance test needs Node.js and npm");
        return found.get().toString();
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }

    /** The sandbox's demo OAuth client, as the scripts read it from their environment. */
    public static final Map<String, String> DEMO_CLIENT = Map.of(
            "ZOHO_CLIENT_ID", SandboxOptions.DEMO_CLIENT_ID,
            "ZOHO_CLIENT_SECRET", SandboxOptions.DEMO_CLIENT_SECRET,
            "ZOHO_REFRESH_TOKEN", SandboxOptions.DEMO_REFRESH_TOKEN);

    public record Result(int exitCode, boolean timedOut, String stdout, String stderr) {

        /** The script's report: a JSON object per line of its output that starts one, by its {@code op}. */
        public Map<String, JsonObject> byOperation() {
            Map<String, JsonObject> ops = new HashMap<>();
            stdout.lines()
                    .filter(line -> line.startsWith("{"))
                    .map(JsonObject::new)
                    .forEach(op -> ops.put(op.getString("op"), op));
            return ops;
        }
    }
}
