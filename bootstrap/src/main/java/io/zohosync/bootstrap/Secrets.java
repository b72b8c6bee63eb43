package io.zohosync.bootstrap;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own secrets: API keys, the admin token, the token-encryption keys. Configured; or, for a
 * sandbox run only, generated once and kept in the data folder. {@code toString} shows none of them.
 */
record Secrets(Set<String> apiKeys, String adminToken, String tokenKeys) {

    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);

    /** The shortest API key or admin token a service connected to Zoho accepts: guessing one must be hopeless. */
    static final int MIN_LENGTH = 32;

    static Secrets of(Config config) {
        if (!config.apiKeys().isEmpty()
                && config.adminToken().isPresent()
                && config.tokenKeys().isPresent()) {
            if (config.zoho().isPresent()) {
                requireLong("ZSYNC_ADMIN_TOKEN", List.of(config.adminToken().get()));
                requireLong("ZSYNC_API_KEYS", List.copyOf(config.apiKeys()));
            }
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

    private static void requireLong(String variable, List<String> secrets) {
        if (secrets.stream().anyMatch(secret -> secret.length() < MIN_LENGTH)) {
            throw new Config.ConfigException(variable + ": with Zoho connected every key must be at least " + MIN_LENGTH
                    + " random characters (e.g. openssl rand -hex 24)");
        }
    }

    @Override
    public String toString() {
        return "Secrets[***]";
    }
}
