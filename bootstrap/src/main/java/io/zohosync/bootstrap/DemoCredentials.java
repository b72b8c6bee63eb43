package io.zohosync.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API key, admin token and token-encryption key of a demo run (sandbox Zoho) when none are
 * configured: made once, kept in {@code <data dir>/demo-credentials.env} (owner-only), never logged.
 */
record DemoCredentials(String apiKey, String adminToken, String tokenKeys, Path file) {

    static DemoCredentials loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("demo-credentials.env").toAbsolutePath();
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                Optional<String> key = value(lines, "ZSYNC_API_KEY");
                Optional<String> admin = value(lines, "ZSYNC_ADMIN_TOKEN");
                Optional<String> tokenKeys = value(lines, "ZSYNC_TOKEN_KEYS");
                if (key.isPresent() && admin.isPresent() && tokenKeys.isPresent()) {
                    return new DemoCredentials(key.get(), admin.get(), tokenKeys.get(), file);
                }
            }
            Files.createDirectories(dataDir);
            DemoCredentials made = new DemoCredentials(
                    "zs_demo_" + HexFormat.of().formatHex(random(20)),
                    "zs_admin_" + HexFormat.of().formatHex(random(20)),
                    "demo:" + Base64.getEncoder().encodeToString(random(32)),
                    file);
            Files.writeString(
                    file,
                    "# demo credentials of the local zoho-sync (sandbox Zoho); `source` this file\n"
                            + "export ZSYNC_API_KEY=" + made.apiKey + "\nexport ZSYNC_ADMIN_TOKEN=" + made.adminToken
                            + "\nexport ZSYNC_TOKEN_KEYS=" + made.tokenKeys + "\n");
            restrict(file);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep demo credentials in " + file, e);
        }
    }

    /**
     * The demo run's signing secret for the platform's outbound webhooks ({@code ZSYNC_PLATFORM_WEBHOOK_SECRET}): kept
     * in the same file, added to it the first time one is needed.
     */
    static String platformWebhookSecret(Path dataDir) {
        Path file = loadOrCreate(dataDir).file();
        try {
            Optional<String> kept = value(Files.readAllLines(file), "ZSYNC_PLATFORM_WEBHOOK_SECRET");
            if (kept.isPresent()) {
                return kept.get();
            }
            String made = "whsec_" + Base64.getEncoder().encodeToString(random(32));
            Files.writeString(file, "export ZSYNC_PLATFORM_WEBHOOK_SECRET=" + made + "\n", StandardOpenOption.APPEND);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the demo webhook secret in " + file, e);
        }
    }

    private static Optional<String> value(List<String> lines, String name) {
        String prefix = "export " + name + "=";
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).trim())
                .findFirst();
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's own permissions apply
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "DemoCredentials[file=" + file + "]";
    }
}
