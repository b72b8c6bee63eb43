package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.outbox.DeliverySchedule;
import io.zohosync.ports.outbound.WebhookSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbound webhooks' settings: URL, whsec_ secret (never shown; a demo one only without Zoho), poll, schedule. */
class OutboxConfigTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void by_default_nothing_is_sent_and_the_standard_schedule_applies() {
        Config.Outbox outbox = Config.fromEnvironment(Map.of()).outbox();
        assertThat(outbox.url()).isEmpty();
        assertThat(outbox.secret()).isEmpty();
        assertThat(outbox.poll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(outbox.schedule()).isEqualTo(DeliverySchedule.STANDARD);
        assertThat(Outbound.signer(Config.fromEnvironment(Map.of()))).isEmpty();
    }

    @Test
    void url_secret_poll_and_schedule_are_read_and_the_secret_is_never_shown() {
        Config config = Config.fromEnvironment(Map.of(
                "ZSYNC_PLATFORM_WEBHOOK_URL", "https://platform.example.com/hooks/zoho?token=t0k3n",
                "ZSYNC_PLATFORM_WEBHOOK_SECRET", SECRET,
                "ZSYNC_OUTBOX_POLL_MS", "250",
                "ZSYNC_OUTBOX_BACKOFF", "1s,1m"));

        assertThat(config.outbox().url().orElseThrow().url().getHost()).isEqualTo("platform.example.com");
        assertThat(config.outbox().poll()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.outbox().schedule().delays()).containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(config.toString()).doesNotContain("MfKQ9r8", "t0k3n", "/hooks");
        assertThat(Outbound.signer(config).orElseThrow().sign("m", 1, "{}"))
                .isEqualTo(WebhookSigner.of(SECRET).sign("m", 1, "{}"));
    }

    @Test
    void a_secret_that_is_not_whsec_is_a_clear_refusal_that_does_not_repeat_it() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_PLATFORM_WEBHOOK_SECRET", "sk_live_0123456789")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageStartingWith("ZSYNC_PLATFORM_WEBHOOK_SECRET: the secret must start with whsec_")
                .hasMessageNotContaining("sk_live_0123456789");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_PLATFORM_WEBHOOK_SECRET", "whsec_!!")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void a_bad_url_poll_or_schedule_is_refused() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_PLATFORM_WEBHOOK_URL", "ftp://x.example/")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageStartingWith("ZSYNC_PLATFORM_WEBHOOK_URL:");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_OUTBOX_POLL_MS", "0")))
                .isInstanceOf(Config.ConfigException.class);
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_OUTBOX_BACKOFF", "5s,later")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageStartingWith("ZSYNC_OUTBOX_BACKOFF:");
    }

    @Test
    void with_zoho_connected_a_url_needs_a_configured_secret() {
        Map<String, String> env = new HashMap<>(zohoConnected());
        env.put("ZSYNC_PLATFORM_WEBHOOK_URL", "https://platform.example.com/hooks");
        assertThatThrownBy(() -> Outbound.signer(Config.fromEnvironment(env)))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("ZSYNC_PLATFORM_WEBHOOK_SECRET");
    }

    @Test
    void a_demo_run_signs_with_a_secret_kept_beside_its_demo_credentials(@TempDir Path dataDir) throws Exception {
        Config config = Config.fromEnvironment(Map.of(
                "ZSYNC_PLATFORM_WEBHOOK_URL", "http://localhost:3000/hooks", "ZSYNC_DATA_DIR", dataDir.toString()));

        WebhookSigner first = Outbound.signer(config).orElseThrow();
        WebhookSigner again = Outbound.signer(config).orElseThrow();

        String file = Files.readString(dataDir.resolve("demo-credentials.env"));
        assertThat(file)
                .containsOnlyOnce("export ZSYNC_PLATFORM_WEBHOOK_SECRET=whsec_")
                .contains("ZSYNC_ADMIN_TOKEN");
        String kept = file.lines()
                .filter(l -> l.startsWith("export ZSYNC_PLATFORM_WEBHOOK_SECRET="))
                .findFirst()
                .orElseThrow()
                .substring("export ZSYNC_PLATFORM_WEBHOOK_SECRET=".length());
        assertThat(first.sign("m", 1, "{}"))
                .isEqualTo(again.sign("m", 1, "{}"))
                .isEqualTo(WebhookSigner.of(kept).sign("m", 1, "{}"));
    }

    private static Map<String, String> zohoConnected() {
        return Map.of(
                "ZSYNC_ZOHO_CLIENT_ID", "id",
                "ZSYNC_ZOHO_CLIENT_SECRET", "secret",
                "ZSYNC_ZOHO_ORGANIZATION_ID", "1");
    }
}
