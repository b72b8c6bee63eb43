package io.zohosync.adapters.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where the service's PostgreSQL is and how many connections the pool may hold. */
public record DatabaseSettings(String host, int port, String database, String user, String password, int poolSize) {

    public DatabaseSettings {
        if (host == null || host.isBlank() || database == null || database.isBlank() || user == null || user.isBlank()) {
            throw new IllegalArgumentException("database host, name and user are required");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive");
        }
        password = password == null ? "" : password;
    }

    /**
     * Parses {@code postgresql://user:pass@host:port/db} or {@code jdbc:postgresql://host:port/db?user=u&password=p}.
     */
    public static DatabaseSettings fromUrl(String url, int poolSize) {
        String raw = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri = URI.create(raw.replaceFirst("^postgres(ql)?://", "postgresql://"));
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("user")) {
                    user = decode(kv[1]);
                } else if (kv.length == 2 && kv[0].equals("password")) {
                    password = decode(kv[1]);
                }
            }
        }
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new DatabaseSettings(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db,
                user == null ? "postgres" : user, password, poolSize);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL without its password, safe to log. */
    public String describe() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", poolSize=" + poolSize + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
