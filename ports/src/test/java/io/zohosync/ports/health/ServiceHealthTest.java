package io.zohosync.ports.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.health.ServiceHealth.Check;
import io.zohosync.ports.health.ServiceHealth.Found;
import io.zohosync.ports.health.ServiceHealth.ReadBack;
import io.zohosync.ports.health.ServiceHealth.Report;
import io.zohosync.ports.health.ServiceHealth.Status;
import io.zohosync.ports.out.SyncHealthReader.Activity;
import io.zohosync.ports.out.SyncHealthReader.Linked;
import io.zohosync.ports.out.SyncHealthReader.StoredConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration STALE = Duration.ofHours(6);

    @Test
    void work_that_waited_longer_than_the_threshold_with_nothing_synced_meanwhile_is_unhealthy() {
        Activity stalled = new Activity(
                Map.of(SyncStatus.PENDING, 12L, SyncStatus.FAILED, 2L),
                12,
                NOW.minus(Duration.ofHours(7)),
                NOW.minus(Duration.ofHours(9).plusMinutes(30)));

        Check check = ServiceHealth.activity(stalled, true, STALE, NOW);

        assertThat(check.status()).isEqualTo(Status.UNHEALTHY);
        assertThat(check.detail())
                .isEqualTo(
                        "work waits and nothing reached Zoho in 6 h: 12 due, the oldest for 7 h, last synced 9 h 30 min"
                                + " ago, 2 failed, waiting for an admin");
        assertThat(ServiceHealth.activity(stalled, false, STALE, NOW).detail())
                .startsWith("sync is disabled (ENABLE_ZOHO_SYNC) in 6 h");
    }

    @Test
    void a_queue_that_moves_an_old_record_alone_or_a_recent_backlog_is_healthy() {
        Activity moving = new Activity(
                Map.of(SyncStatus.PENDING, 900L), 900, NOW.minus(Duration.ofHours(8)), NOW.minusSeconds(40));
        Activity fresh = new Activity(Map.of(SyncStatus.PENDING, 3L), 3, NOW.minus(Duration.ofMinutes(5)), null);
        Activity idle = new Activity(Map.of(SyncStatus.SYNCED, 10L), 0, null, NOW.minus(Duration.ofDays(3)));

        assertThat(ServiceHealth.activity(moving, true, STALE, NOW).status()).isEqualTo(Status.HEALTHY);
        assertThat(ServiceHealth.activity(moving, true, STALE, NOW).detail())
                .isEqualTo("900 due, the oldest for 8 h, last synced 40 s ago");
        assertThat(ServiceHealth.activity(fresh, true, STALE, NOW).status()).isEqualTo(Status.HEALTHY);
        assertThat(ServiceHealth.activity(fresh, true, STALE, NOW).detail())
                .isEqualTo("3 due, the oldest for 5 min, nothing synced yet");
        assertThat(ServiceHealth.activity(idle, true, STALE, NOW).status())
                .as("nothing to do is not a stall")
                .isEqualTo(Status.HEALTHY);
    }

    @Test
    void zoho_is_unhealthy_without_a_refresh_token_or_once_zoho_refused_it() {
        StoredConnection none = new StoredConnection(false, false, null);
        StoredConnection refused = new StoredConnection(true, true, null);
        StoredConnection cooling = new StoredConnection(true, false, NOW.plus(Duration.ofMinutes(4)));
        StoredConnection fine = new StoredConnection(true, false, NOW.minusSeconds(1));

        assertThat(ServiceHealth.zoho(none, false, false, NOW))
                .isEqualTo(new Check("zoho", Status.UNHEALTHY, "no Zoho refresh token: connect the organization"));
        assertThat(ServiceHealth.zoho(none, false, true, NOW).status())
                .as("a refresh token configured, not yet stored")
                .isEqualTo(Status.HEALTHY);
        assertThat(ServiceHealth.zoho(refused, false, true, NOW).status()).isEqualTo(Status.UNHEALTHY);
        assertThat(ServiceHealth.zoho(cooling, false, false, NOW))
                .isEqualTo(new Check("zoho", Status.HEALTHY, "connected; Zoho throttled token refresh for 4 min more"));
        assertThat(ServiceHealth.zoho(fine, false, false, NOW).detail()).isEqualTo("connected");
        assertThat(ServiceHealth.zoho(none, true, false, NOW).status()).isEqualTo(Status.HEALTHY);
    }

    @Test
    void the_report_is_unhealthy_if_one_check_is_unknown_if_one_cannot_tell_and_exits_accordingly() {
        Check ok = new Check("a", Status.HEALTHY, "");
        Check bad = new Check("b", Status.UNHEALTHY, "");
        Check unsure = new Check("c", Status.UNKNOWN, "");

        assertThat(Report.of(List.of(ok, ok)).status().exitCode()).isZero();
        assertThat(Report.of(List.of(ok, unsure, bad)).status()).isEqualTo(Status.UNHEALTHY);
        assertThat(Report.of(List.of(ok, bad)).status().exitCode()).isEqualTo(1);
        assertThat(Report.of(List.of(unsure, ok)).status().exitCode()).isEqualTo(2);
    }

    @Test
    void a_sampled_record_zoho_no_longer_holds_is_unhealthy_and_one_not_read_leaves_it_unknown() {
        ReadBack found = read("c-1", Found.IN_ZOHO, "");
        ReadBack gone = read("c-2", Found.NOT_IN_ZOHO, "");
        ReadBack unread = read("c-3", Found.NOT_READ, "Zoho books did not answer: timeout");

        assertThat(ServiceHealth.integrity(List.of(found, found)))
                .isEqualTo(new Check("integrity", Status.HEALTHY, "2 sampled synced records read back from Zoho"));
        assertThat(ServiceHealth.integrity(List.of(found, gone, unread)))
                .isEqualTo(new Check(
                        "integrity",
                        Status.UNHEALTHY,
                        "1 of 3 sampled synced records are not in Zoho: customer c-2 (books z-c-2); relink or reset"
                                + " them"));
        assertThat(ServiceHealth.integrity(List.of(found, unread)))
                .isEqualTo(new Check(
                        "integrity",
                        Status.UNKNOWN,
                        "1 of 2 sampled records could not be read back: Zoho books did not answer: timeout"));
        assertThat(ServiceHealth.integrity(List.of()).status()).isEqualTo(Status.HEALTHY);
    }

    private static ReadBack read(String id, Found found, String detail) {
        return new ReadBack(
                new Linked(new SyncKey(EntityType.CUSTOMER, id, SyncTarget.BOOKS), "z-" + id), found, detail);
    }
}
