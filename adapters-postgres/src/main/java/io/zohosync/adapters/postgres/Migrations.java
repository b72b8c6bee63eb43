package io.zohosync.adapters.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the Flyway migrations in {@code db/migration}. Blocking: call it off the event loop. */
final class Migrations {

    private static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__[^/]*\\.sql");

    private Migrations() {}

    static MigrateResult apply(DatabaseSettings settings) {
        return Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:" + LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /**
     * Whether the database already holds exactly the migrations this build ships, each applied successfully with
     * the same checksum (Flyway's: a CRC32 of the script's lines): then there is nothing for Flyway to do, and
     * starting it (seconds of class loading, a scan of the whole classpath) is skipped (issue 14, goal 5). Anything
     * else — a migration missing, one changed, one the build does not know, no history at all, a failure to read —
     * says no, and Flyway runs as always, applying or refusing as it would have.
     */
    static boolean current(DatabaseSettings settings) {
        try {
            Map<String, Integer> shipped = shipped();
            if (shipped.isEmpty()) {
                return false;
            }
            Map<String, Integer> applied = new HashMap<>();
            try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("select version, checksum, success from flyway_schema_history"
                            + " where version is not null")) {
                while (rows.next()) {
                    if (!rows.getBoolean("success")) {
                        return false;
                    }
                    applied.put(rows.getString("version"), rows.getInt("checksum"));
                }
            }
            return applied.equals(shipped);
        } catch (SQLException | IOException | URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    /** The versioned migrations on the classpath: version (as Flyway writes it) to checksum. */
    private static Map<String, Integer> shipped() throws IOException, URISyntaxException {
        Map<String, Integer> shipped = new HashMap<>();
        Enumeration<URL> locations = Migrations.class.getClassLoader().getResources(LOCATION);
        while (locations.hasMoreElements()) {
            URL location = locations.nextElement();
            if ("jar".equals(location.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) location.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (entry.getName().startsWith(LOCATION + "/")) {
                            String name = entry.getName().substring(LOCATION.length() + 1);
                            try (InputStream in = jar.getInputStream(entry)) {
                                add(shipped, name, in);
                            }
                        }
                    }
                }
            } else if ("file".equals(location.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        try (InputStream in = Files.newInputStream(file)) {
                            add(shipped, file.getFileName().toString(), in);
                        }
                    }
                }
            } else {
                throw new IOException("cannot list " + location);
            }
        }
        return shipped;
    }

    private static void add(Map<String, Integer> shipped, String name, InputStream in) throws IOException {
        Matcher versioned = VERSIONED.matcher(name);
        if (!versioned.matches()) {
            if (name.endsWith(".sql")) {
                throw new IOException("not a versioned migration: " + name); // repeatable ones: leave it to Flyway
            }
            return;
        }
        if (shipped.put(versioned.group(1).replace('_', '.'), checksum(in)) != null) {
            throw new IOException("two migrations of version " + versioned.group(1));
        }
    }

    /** Flyway's checksum of a script: a CRC32 over its lines, without line endings or a byte-order mark. */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        boolean first = true;
        while ((line = lines.readLine()) != null) {
            if (first && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            first = false;
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }
}
