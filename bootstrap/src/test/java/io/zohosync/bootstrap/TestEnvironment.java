package io.zohosync.bootstrap;

import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Test fixture: the environment of a service instance configured as for real Zoho (seed variable
 * names, configured secrets) but pointed at a sandbox: on loopback, any free port, quick polling.
 */
public final class TestEnvironment {

    public static final String API_KEY = "test-api-key-0123456789abcdef0123456789";
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef012345";

    private TestEnvironment() {}

    /** {@code apiUrl} is the sandbox's base URL, or a proxy in front of it. */
    public static Map<String, String> connectedTo(
            String accountsUrl, String apiUrl, DatabaseSettings db, Path dataDir) {
        Map<String, String> env = connectedTo(accountsUrl, apiUrl, dataDir);
        env.put("ZSYNC_DATABASE_URL", PostgresFixture.url(db));
        return env;
    }

    /** As {@link #connectedTo(String, String, DatabaseSettings, Path)}, on the embedded PostgreSQL kept in {@code dataDir}. */
    public static Map<String, String> connectedTo(String accountsUrl, String apiUrl, Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("ZSYNC_HTTP_HOST", "127.0.0.1");
        env.put("ZSYNC_HTTP_PORT", "0");
        env.put("ZSYNC_DATA_DIR", dataDir.toString());
        env.put("ZSYNC_API_KEYS", "other-key-0123456789abcdef0123456789ab," + API_KEY);
        env.put("ZSYNC_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("ZSYNC_TOKEN_KEYS", "test:" + Base64.getEncoder().encodeToString(new byte[32]));
        env.put("ZSYNC_POLL_INTERVAL_MS", "100");
        env.put("ZOHO_CLIENT_ID", SandboxOptions.DEMO_CLIENT_ID);
        env.put("ZOHO_CLIENT_SECRET", SandboxOptions.DEMO_CLIENT_SECRET);
        env.put("ZOHO_REFRESH_TOKEN", SandboxOptions.DEMO_REFRESH_TOKEN);
        env.put("ZOHO_ORGANIZATION_ID", SandboxOptions.DEMO_ORGANIZATION_ID);
        env.put("ZSYNC_ZOHO_ACCOUNTS_URL", accountsUrl);
        env.put("ZSYNC_ZOHO_API_URL", apiUrl);
        return env;
    }
}
