package io.zohosync.adapters.http;

import java.util.Set;

/**
 * How the HTTP surface guards itself: the platform's API keys, the admin token, and the largest
 * request body accepted.
 */
public record HttpSettings(Set<String> apiKeys, String adminToken, long bodyLimitBytes) {

    public static final long DEFAULT_BODY_LIMIT = 64 * 1024;

    public HttpSettings {
        apiKeys = Set.copyOf(apiKeys);
        if (apiKeys.isEmpty() || apiKeys.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("at least one non-blank API key is required");
        }
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("an admin token is required");
        }
        if (bodyLimitBytes < 1) {
            throw new IllegalArgumentException("bodyLimitBytes must be positive");
        }
    }

    @Override
    public String toString() {
        return "HttpSettings[apiKeys=" + apiKeys.size() + " configured, adminToken=***, bodyLimitBytes="
                + bodyLimitBytes + "]";
    }
}
