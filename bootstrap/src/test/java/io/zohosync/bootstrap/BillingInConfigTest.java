package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.adapters.http.webhooks.ZohoWebhookSignature;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Billing → platform's settings: the webhook's secret (never shown), the signature's encoding, the poll's period. */
class BillingInConfigTest {

    @Test
    void by_default_no_webhook_either_encoding_and_a_poll_every_five_minutes() {
        BillingInSettings settings = Config.fromEnvironment(Map.of()).billingIn();
        assertThat(settings.webhookSecret()).isEmpty();
        assertThat(settings.encoding()).isEqualTo(ZohoWebhookSignature.Encoding.EITHER);
        assertThat(settings.pollEvery()).contains(Duration.ofMinutes(5));
    }

    @Test
    void secret_encoding_and_poll_are_read_and_the_secret_is_never_shown() {
        Config config = Config.fromEnvironment(Map.of(
                "ZSYNC_ZOHO_BILLING_WEBHOOK_SECRET", "s3cretBillingToken",
                "ZSYNC_ZOHO_BILLING_SIGNATURE_ENCODING", "Base64",
                "ZSYNC_BILLING_EVENTS_POLL_EVERY", "30s"));

        assertThat(config.billingIn().webhookSecret()).contains("s3cretBillingToken");
        assertThat(config.billingIn().encoding()).isEqualTo(ZohoWebhookSignature.Encoding.BASE64);
        assertThat(config.billingIn().pollEvery()).contains(Duration.ofSeconds(30));
        assertThat(config.toString()).doesNotContain("s3cretBillingToken");
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_BILLING_EVENTS_POLL_EVERY", "off"))
                        .billingIn()
                        .pollEvery())
                .isEmpty();
    }

    @Test
    void a_wrong_value_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_ZOHO_BILLING_SIGNATURE_ENCODING", "sha1")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("ZSYNC_ZOHO_BILLING_SIGNATURE_ENCODING");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_BILLING_EVENTS_POLL_EVERY", "0m")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("ZSYNC_BILLING_EVENTS_POLL_EVERY");
    }
}
