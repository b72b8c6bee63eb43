package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.ports.flows.crm.InquiryCrmHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void nothing_configured_means_embedded_database_sandbox_zoho_and_sync_on() {
        Config config = Config.fromEnvironment(Map.of());

        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.zoho()).isEmpty();
        assertThat(config.syncEnabled()).isTrue();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxAttempts()).isEqualTo(3);
    }

    @Test
    void the_seed_deployments_names_are_accepted_and_the_zsync_ones_win() {
        Config config = Config.fromEnvironment(Map.of(
                "ZOHO_CLIENT_ID",
                "seed-id",
                "ZSYNC_ZOHO_CLIENT_ID",
                "our-id",
                "ZOHO_CLIENT_SECRET",
                "s",
                "ZOHO_REFRESH_TOKEN",
                "r",
                "ZOHO_ORGANIZATION_ID",
                "42",
                "ZOHO_REGION",
                "EU",
                "ENABLE_ZOHO_SYNC",
                "false",
                "DATABASE_URL",
                "postgresql://u@db/x"));

        assertThat(config.zoho().orElseThrow().clientId()).isEqualTo("our-id");
        assertThat(config.zoho().orElseThrow().organizationId()).isEqualTo("42");
        assertThat(config.zohoRegion()).isEqualTo("eu");
        assertThat(config.syncEnabled()).isFalse();
        assertThat(config.databaseUrl()).contains("postgresql://u@db/x");
    }

    @Test
    void the_refresh_token_may_come_later_through_the_consent_page() {
        Config config = Config.fromEnvironment(
                Map.of("ZOHO_CLIENT_ID", "id", "ZOHO_CLIENT_SECRET", "s", "ZOHO_ORGANIZATION_ID", "42"));

        assertThat(config.zoho().orElseThrow().refreshToken()).isNull();
    }

    @Test
    void api_keys_are_a_comma_separated_list() {
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_API_KEYS", " a, b ,,c")).apiKeys())
                .isEqualTo(Set.of("a", "b", "c"));
    }

    @Test
    void crm_settings_have_defaults_and_refuse_what_crm_could_not_take() {
        Config.Crm defaults = Config.fromEnvironment(Map.of()).crm();
        assertThat(defaults.fields().platformIdField()).isNull();
        assertThat(defaults.fields().leadSource()).isEqualTo("Web Site");
        assertThat(defaults.fromContact()).isEqualTo(InquiryCrmHandler.FromContact.NOTE);
        assertThat(defaults.flush()).isEqualTo(java.time.Duration.ofSeconds(2));

        Config.Crm set = Config.fromEnvironment(Map.of(
                        "ZSYNC_CRM_PLATFORM_ID_FIELD", "Platform_Id",
                        "ZSYNC_CRM_LEAD_SOURCE", "Shop",
                        "ZSYNC_CRM_INQUIRY_FROM_CONTACT", "Task",
                        "ZSYNC_CRM_FLUSH_MS", "500"))
                .crm();
        assertThat(set.fields().platformIdField()).isEqualTo("Platform_Id");
        assertThat(set.fields().leadSource()).isEqualTo("Shop");
        assertThat(set.fromContact()).isEqualTo(InquiryCrmHandler.FromContact.TASK);
        assertThat(set.flush()).isEqualTo(java.time.Duration.ofMillis(500));

        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_CRM_PLATFORM_ID_FIELD", "platform id")))
                .hasMessageContaining("ZSYNC_CRM_PLATFORM_ID_FIELD");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_CRM_INQUIRY_FROM_CONTACT", "lead")))
                .hasMessage("ZSYNC_CRM_INQUIRY_FROM_CONTACT must be note or task");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_CRM_FLUSH_MS", "-1")))
                .hasMessageContaining("ZSYNC_CRM_FLUSH_MS");
    }

    @Test
    void a_connection_outlasts_a_zoho_call_so_an_admin_waiting_on_zoho_gets_an_answer() {
        Config defaults = Config.fromEnvironment(Map.of());
        assertThat(defaults.zohoTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.httpIdleTimeout()).isEqualTo(Duration.ofSeconds(45));

        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_HTTP_IDLE_TIMEOUT_MS", "30000")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessage(
                        "ZSYNC_HTTP_IDLE_TIMEOUT_MS (30000) must be longer than ZSYNC_ZOHO_TIMEOUT_MS (30000): an admin"
                                + " action waiting on Zoho would lose its connection before its answer");
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_HTTP_IDLE_TIMEOUT_MS", "3000", "ZSYNC_ZOHO_TIMEOUT_MS", "1000"))
                        .zohoTimeout())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void half_configured_zoho_is_refused_with_a_sentence_naming_what_to_set() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZOHO_CLIENT_ID", "id")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("ZSYNC_ZOHO_REFRESH_TOKEN");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZOHO_ORGANIZATION_ID", "42")))
                .isInstanceOf(Config.ConfigException.class);
    }

    @Test
    void malformed_numbers_and_booleans_are_refused_by_name() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_HTTP_PORT", "eighty")))
                .hasMessage("ZSYNC_HTTP_PORT must be a whole number, not 'eighty'");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ENABLE_ZOHO_SYNC", "maybe")))
                .hasMessageContaining("must be true or false");
    }

    @Test
    void credentials_never_print() {
        Config config = Config.fromEnvironment(Map.of(
                "ZOHO_CLIENT_ID",
                "id",
                "ZOHO_CLIENT_SECRET",
                "very-secret",
                "ZOHO_REFRESH_TOKEN",
                "1000.refresh-secret",
                "ZOHO_ORGANIZATION_ID",
                "42",
                "ZSYNC_API_KEYS",
                "key-secret",
                "ZSYNC_ADMIN_TOKEN",
                "admin-secret",
                "ZSYNC_TOKEN_KEYS",
                "k1:c2VjcmV0",
                "ZSYNC_DATABASE_URL",
                "postgresql://app:db-secret@db:5432/zsync",
                "ZSYNC_METRICS_TOKEN",
                "metrics-secret"));

        assertThat(config.toString())
                .doesNotContain(
                        "very-secret",
                        "1000.refresh-secret",
                        "key-secret",
                        "admin-secret",
                        "c2VjcmV0",
                        "db-secret",
                        "metrics-secret")
                .contains("db:5432/zsync");
    }

    @Test
    void the_http_guards_default_to_256_requests_at_once_and_open_metrics() {
        Config defaults = Config.fromEnvironment(Map.of());
        Config set = Config.fromEnvironment(
                Map.of("ZSYNC_HTTP_MAX_IN_FLIGHT", "64", "ZSYNC_METRICS_TOKEN", "a-token-for-the-scraper"));

        assertThat(defaults.httpMaxInFlight()).isEqualTo(256);
        assertThat(defaults.metricsToken()).isEmpty();
        assertThat(set.httpMaxInFlight()).isEqualTo(64);
        assertThat(set.metricsToken()).contains("a-token-for-the-scraper");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_HTTP_MAX_IN_FLIGHT", "0")))
                .hasMessage("ZSYNC_HTTP_MAX_IN_FLIGHT must be at least 1, not 0");
    }

    @Test
    void an_attempt_retries_transient_faults_for_twelve_hours_unless_configured() {
        assertThat(Config.fromEnvironment(Map.of()).transientRetryWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_TRANSIENT_RETRY_HOURS", "720"))
                        .transientRetryWindow())
                .isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_TRANSIENT_RETRY_HOURS", "0")))
                .hasMessageContaining("ZSYNC_TRANSIENT_RETRY_HOURS must be at least 1");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_TRANSIENT_RETRY_HOURS", "721")))
                .hasMessage("ZSYNC_TRANSIENT_RETRY_HOURS must be at most 720 (30 days), not 721");
    }

    @Test
    void permits_are_held_with_a_heartbeat_every_two_seconds_unless_configured() {
        assertThat(Config.fromEnvironment(Map.of()).permitHeartbeat()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_PERMIT_HEARTBEAT_SECONDS", "5"))
                        .permitHeartbeat())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_PERMIT_HEARTBEAT_SECONDS", "0")))
                .hasMessageContaining("ZSYNC_PERMIT_HEARTBEAT_SECONDS must be at least 1");
    }

    @Test
    void reconciliation_is_scheduled_only_when_asked_and_at_least_a_minute_apart() {
        assertThat(Config.fromEnvironment(Map.of()).reconcileEvery()).isEmpty();
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_RECONCILE_EVERY", "off"))
                        .reconcileEvery())
                .isEmpty();
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_RECONCILE_EVERY", "24h"))
                        .reconcileEvery())
                .contains(Duration.ofHours(24));
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_RECONCILE_EVERY", "90m"))
                        .reconcileEvery())
                .contains(Duration.ofMinutes(90));
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_RECONCILE_EVERY", "7D")).reconcileEvery())
                .contains(Duration.ofDays(7));
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_RECONCILE_EVERY", "30s")))
                .hasMessageContaining("ZSYNC_RECONCILE_EVERY must be off or a duration of at least a minute");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_RECONCILE_EVERY", "daily")))
                .hasMessageContaining("not 'daily'");
    }
}
