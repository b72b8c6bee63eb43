package io.zohosync.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API key and admin token of a demo run (sandbox Zoho) when none are configured: made once,
 * kept in {@code <data dir>/demo-credentials.env} (owner-only), never logged.
 */
record DemoCredentials(String apiKey, String adminToken, Path file) {

    static DemoCredentials loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("demo-credentials.env").toAbsolutePath();
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                Optional<String> key = value(lines, "ZSYNC_API_KEY");
                Optional<String> admin = value(lines, "ZSYNC_ADMIN_TOKEN");
                if (key.isPresent() && admin.isPresent()) {
                    return new DemoCredentials(key.get(), admin.get(), file);
                }
            }
            Files.createDirectories(dataDir);
            DemoCredentials made = new DemoCredentials("zs_demo_" + random(), "zs_admin_" + random(), file);
            Files.writeString(file, "# demo credentials of the local zoho-sync (sandbox Zoho); `source` this file\n"
                    + "export ZSYNC_API_KEY=" + made.apiKey + "\nexport ZSYNC_ADMIN_TOKEN=" + made.adminToken + "\n");
            restrict(file);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep demo credentials in " + file, e);
        }
    }

    private static Optional<String> value(List<String> lines, String name) {
        String prefix = "export " + name + "=";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim()).findFirst();
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's own permissions apply
        }
    }

    private static String random() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "DemoCredentials[file=" + file + "]";
    }
}
