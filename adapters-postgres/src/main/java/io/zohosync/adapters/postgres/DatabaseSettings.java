package io.zohosync.adapters.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the service's PostgreSQL is, how to reach it ({@code sslMode}: libpq's names, {@code disable}
 * to {@code verify-full}) and how many connections the pool may hold.
 */
public record DatabaseSettings(
        String host, int port, String database, String user, String password, int poolSize, String sslMode) {

    private static final java.util.Set<String> SSL_MODES =
            java.util.Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public DatabaseSettings(String host, int port, String database, String user, String password, int poolSize) {
        this(host, port, database, user, password, poolSize, "disable");
    }

    public DatabaseSettings {
        if (host == null
                || host.isBlank()
                || database == null
                || database.isBlank()
                || user == null
                || user.isBlank()) {
            throw new IllegalArgumentException("database host, name and user are required");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive");
        }
        password = password == null ? "" : password;
        sslMode = sslMode == null ? "disable" : sslMode;
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("sslmode must be one of " + SSL_MODES + ", not '" + sslMode + "'");
        }
    }

    /** The same database, with a pool of {@code poolSize} connections. */
    public DatabaseSettings withPoolSize(int poolSize) {
        return new DatabaseSettings(host, port, database, user, password, poolSize, sslMode);
    }

    /**
     * Parses {@code postgresql://user:pass@host:port/db?sslmode=require} or
     * {@code jdbc:postgresql://host:port/db?user=u&password=p}; any other parameter is refused rather than ignored.
     */
    public static DatabaseSettings fromUrl(String url, int poolSize) {
        String raw = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri = URI.create(raw.replaceFirst("^postgres(ql)?://", "postgresql://"));
        String user = null;
        String password = null;
        String sslMode = null;
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
                } else if (kv.length == 2 && kv[0].equals("sslmode")) {
                    sslMode = decode(kv[1]);
                } else {
                    throw new IllegalArgumentException(
                            "unsupported database URL parameter '" + kv[0] + "' (supported: user, password, sslmode)");
                }
            }
        }
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new DatabaseSettings(
                uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                db,
                user == null ? "postgres" : user,
                password,
                poolSize,
                sslMode);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database
                + ("disable".equals(sslMode) ? "" : "?sslmode=" + sslMode);
    }

    /** The URL without its password, safe to log. */
    public String describe() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", poolSize=" + poolSize + ", sslMode=" + sslMode + "]";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
