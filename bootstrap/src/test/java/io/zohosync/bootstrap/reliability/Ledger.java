package io.zohosync.bootstrap.reliability;

import io.zohosync.adapters.postgres.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads what the service stored, straight from its database (JDBC, one short connection per question). */
final class Ledger {

    /** A sync record as stored: its status, Zoho id, attempts and reason. */
    record Row(String status, String zohoId, int attempts, String reason) {}

    private final DatabaseSettings db;

    Ledger(DatabaseSettings db) {
        this.db = db;
    }

    /** The stored payload field {@code field} of every entity of {@code type}, by id. */
    Map<String, String> stored(String type, String field) {
        Map<String, String> values = new HashMap<>();
        query(
                "select entity_id, payload ->> ? from platform_entities where entity_type = ?",
                rs -> values.put(rs.getString(1), rs.getString(2)),
                field,
                type);
        return values;
    }

    /** Every books sync record of {@code type}, by entity id. */
    Map<String, Row> records(String type) {
        Map<String, Row> rows = new HashMap<>();
        query(
                "select entity_id, status, zoho_id, attempts, reason from sync_records where entity_type = ?"
                        + " and target = 'books'",
                rs -> rows.put(
                        rs.getString(1), new Row(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5))),
                type);
        return rows;
    }

    /** How many records of every entity type are in each status, e.g. {@code {customer/synced=40}}. */
    Map<String, Integer> statusCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        query(
                "select entity_type || '/' || status, count(*) from sync_records group by 1",
                rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    /** The status counts and, for up to five records not synced, why: what a failed wait shows. */
    String progress() {
        List<String> unsynced = new ArrayList<>();
        query(
                "select entity_type, entity_id, status, next_run_at, reason from sync_records where status <> 'synced'"
                        + " order by updated_at limit 5",
                rs -> unsynced.add(rs.getString(1) + " '" + rs.getString(2) + "' " + rs.getString(3) + " next "
                        + rs.getTimestamp(4) + ": " + rs.getString(5)));
        List<String> budget = new ArrayList<>();
        query(
                // a dead holder's rows keep their holding flag but hold no slot: counted apart, as the budget does
                "select count(*) filter (where p.taken_at > now() - interval '1 minute'),"
                        + " count(*) filter (where p.holding and h.alive_until > now()),"
                        + " count(*) filter (where p.holding and not coalesce(h.alive_until > now(), false)),"
                        + " count(*) filter (where p.taken_at is null and p.counts)"
                        + " from zoho_api_permits p left join zoho_api_holders h on h.holder_id = p.holder_id",
                rs -> budget.add("permits in the last minute " + rs.getInt(1) + ", holding a slot " + rs.getInt(2)
                        + " (and flagged holding by dead holders " + rs.getInt(3) + "), reserved and not yet drawn "
                        + rs.getInt(4)));
        query(
                "select holder_id || ' alive until ' || alive_until from zoho_api_holders",
                rs -> budget.add("holder " + rs.getString(1)));
        query(
                "select scope || ' until ' || blocked_until from zoho_api_blocks where blocked_until > now()",
                rs -> budget.add("blocked " + rs.getString(1)));
        return statusCounts() + " " + unsynced + " budget: " + budget;
    }

    /** Whether every sync record is synced (and there is at least one). */
    boolean allSynced(int expected) {
        Map<String, Integer> counts = statusCounts();
        int synced = counts.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/synced"))
                .mapToInt(Map.Entry::getValue)
                .sum();
        int all = counts.values().stream().mapToInt(Integer::intValue).sum();
        return synced == expected && all == expected;
    }

    /** Log rows written at or after {@code since}. */
    int logRowsSince(Instant since) {
        int[] count = {0};
        query("select count(*) from sync_log where at >= ?", rs -> count[0] = rs.getInt(1), Timestamp.from(since));
        return count[0];
    }

    /** The workers holding records now, as their claims name them ("attempt 1 of 3 by <worker>"). */
    java.util.Set<String> workersSyncingNow() {
        java.util.Set<String> workers = new java.util.TreeSet<>();
        query(
                "select distinct split_part(split_part(reason, ' by ', 2), ',', 1) from sync_records"
                        + " where status = 'syncing' and reason like 'attempt % by %'",
                rs -> workers.add(rs.getString(1)));
        return workers;
    }

    /** The database server's setting {@code name}, as the service's sessions see it. */
    String setting(String name) {
        String[] value = {null};
        query("select current_setting(?)", rs -> value[0] = rs.getString(1), name);
        return value[0];
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... args) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the service's database: " + e.getMessage(), e);
        }
    }
}
