package io.zohosync.bootstrap;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own secrets: API keys, the admin token, the token-encryption keys. Configured; or, for a
 * sandbox run only, generated once and kept in the data folder. {@code toString} shows none of them.
 */
record Secrets(Set<String> apiKeys, String adminToken, String tokenKeys) {

    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);

    static Secrets of(Config config) {
        if (!config.apiKeys().isEmpty()
                && config.adminToken().isPresent()
                && config.tokenKeys().isPresent()) {
            return new Secrets(
                    config.apiKeys(),
                    config.adminToken().get(),
                    config.tokenKeys().get());
        }
        if (config.zoho().isPresent()) {
            throw new Config.ConfigException("set ZSYNC_API_KEYS, ZSYNC_ADMIN_TOKEN and ZSYNC_TOKEN_KEYS: a service "
                    + "connected to Zoho never runs with generated secrets");
        }
        DemoCredentials demo = DemoCredentials.loadOrCreate(config.dataDir());
        LOG.warn("secrets not configured: using demo ones kept in {} (source that file to use them)", demo.file());
        return new Secrets(
                config.apiKeys().isEmpty() ? Set.of(demo.apiKey()) : config.apiKeys(),
                config.adminToken().orElse(demo.adminToken()),
                config.tokenKeys().orElse(demo.tokenKeys()));
    }

    @Override
    public String toString() {
        return "Secrets[***]";
    }
}
