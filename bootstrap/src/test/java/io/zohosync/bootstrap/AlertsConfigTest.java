package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.adapters.alerts.SmtpSettings;
import io.zohosync.adapters.alerts.WebhookSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertsConfigTest {

    private static final Map<String, String> SMTP = Map.of(
            "ZSYNC_ALERT_SMTP_HOST", "smtp.example.com",
            "ZSYNC_ALERT_SMTP_USER", "ops",
            "ZSYNC_ALERT_SMTP_PASSWORD", "smtp-s3cret",
            "ZSYNC_ALERT_SMTP_FROM", "zoho-sync@shop.example",
            "ZSYNC_ALERT_SMTP_TO", "ops@shop.example, owner@shop.example");

    private static Config config(Map<String, String> env) {
        return Config.fromEnvironment(env);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void noChannelMeansNoAlertsAndTheDefaultThresholds() {
        Config.Alerts alerts = config(Map.of()).alerts();
        assertThat(alerts.enabled()).isFalse();
        assertThat(alerts.thresholds().failedSyncs()).isEqualTo(1);
        assertThat(alerts.thresholds().stuckAfter()).isEqualTo(Duration.ofMinutes(60));
        assertThat(alerts.thresholds().budgetPercent()).isEqualTo(80);
        assertThat(alerts.thresholds().quietPeriod()).isEqualTo(Duration.ofMinutes(30));
        assertThat(alerts.interval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void emailIsReadWithStartTlsRequiredOnPort587ByDefaultAndTheSecretsNeverShow() {
        Config config =
                config(with(SMTP, "ZSYNC_ALERT_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/hook-s3cret"));
        SmtpSettings smtp = config.alerts().smtp().orElseThrow();
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.startTls()).isEqualTo(SmtpSettings.StartTls.REQUIRED);
        assertThat(smtp.ssl()).isFalse();
        assertThat(smtp.to()).containsExactly("ops@shop.example", "owner@shop.example");
        assertThat(config.alerts().webhook().orElseThrow().format()).isEqualTo(WebhookSettings.Format.SLACK);
        assertThat(config.alerts().enabled()).isTrue();
        assertThat(config.toString())
                .doesNotContain("smtp-s3cret")
                .doesNotContain("hook-s3cret")
                .contains("alerts=");
    }

    @Test
    void implicitTlsDefaultsToPort465AndNoStartTls() {
        SmtpSettings smtp = config(with(SMTP, "ZSYNC_ALERT_SMTP_SSL", "true"))
                .alerts()
                .smtp()
                .orElseThrow();
        assertThat(smtp.port()).isEqualTo(465);
        assertThat(smtp.startTls()).isEqualTo(SmtpSettings.StartTls.DISABLED);
    }

    @Test
    void theWebhookFormatFollowsTheHostUnlessSet() {
        assertThat(config(Map.of("ZSYNC_ALERT_WEBHOOK_URL", "https://discord.com/api/webhooks/1/x"))
                        .alerts()
                        .webhook()
                        .orElseThrow()
                        .format())
                .isEqualTo(WebhookSettings.Format.DISCORD);
        assertThat(config(Map.of("ZSYNC_ALERT_WEBHOOK_URL", "https://ops.example/hook"))
                        .alerts()
                        .webhook()
                        .orElseThrow()
                        .format())
                .isEqualTo(WebhookSettings.Format.GENERIC);
        assertThat(config(Map.of(
                                "ZSYNC_ALERT_WEBHOOK_URL", "https://ops.example/hook",
                                "ZSYNC_ALERT_WEBHOOK_FORMAT", "Slack"))
                        .alerts()
                        .webhook()
                        .orElseThrow()
                        .format())
                .isEqualTo(WebhookSettings.Format.SLACK);
    }

    @Test
    void badConfigurationIsAClearConfigException() {
        assertThatThrownBy(() -> config(Map.of("ZSYNC_ALERT_SMTP_HOST", "smtp.example.com")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageStartingWith("email alerts are partly configured: set ZSYNC_ALERT_SMTP_HOST, ");
        assertThatThrownBy(() -> config(with(SMTP, "ZSYNC_ALERT_SMTP_PASSWORD", "")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessage("ZSYNC_ALERT_SMTP_*: set the SMTP user and password together, or neither");
        assertThatThrownBy(() -> config(with(SMTP, "ZSYNC_ALERT_SMTP_STARTTLS", "maybe")))
                .hasMessage("ZSYNC_ALERT_SMTP_STARTTLS must be required, optional or disabled, not 'maybe'");
        assertThatThrownBy(() -> config(with(SMTP, "ZSYNC_ALERT_SMTP_TO", "ops")))
                .hasMessage("ZSYNC_ALERT_SMTP_*: the recipient 'ops' is not an email address");
        assertThatThrownBy(() -> config(Map.of("ZSYNC_ALERT_WEBHOOK_URL", "hooks.slack.com/services/s3cret")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessage("ZSYNC_ALERT_WEBHOOK_*: the URL must be an absolute http or https URL with a host");
        assertThatThrownBy(() -> config(Map.of(
                        "ZSYNC_ALERT_WEBHOOK_URL", "https://ops.example/hook", "ZSYNC_ALERT_WEBHOOK_FORMAT", "teams")))
                .hasMessage("ZSYNC_ALERT_WEBHOOK_*: the format must be slack, discord or generic, not 'teams'");
        assertThatThrownBy(() -> config(Map.of("ZSYNC_ALERT_WEBHOOK_FORMAT", "slack")))
                .hasMessage("ZSYNC_ALERT_WEBHOOK_FORMAT is set but ZSYNC_ALERT_WEBHOOK_URL is not");
        assertThatThrownBy(() -> config(Map.of("ZSYNC_ALERT_BUDGET_PERCENT", "120")))
                .hasMessage("ZSYNC_ALERT_*: the budget threshold must be 1 to 100 %, not 120");
        assertThatThrownBy(() -> config(Map.of("ZSYNC_ALERT_QUIET_SECONDS", "-1")))
                .hasMessage("ZSYNC_ALERT_*: the quiet period must not be negative, not PT-1S");
        assertThatThrownBy(() -> config(Map.of("ZSYNC_ALERT_INTERVAL_SECONDS", "0")))
                .hasMessage("ZSYNC_ALERT_INTERVAL_SECONDS must be at least 1, not 0");
    }
}
