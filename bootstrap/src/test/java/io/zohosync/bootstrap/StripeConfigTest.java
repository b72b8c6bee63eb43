package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.adapters.http.webhooks.StripeWebhookSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Stripe webhook settings: off when no secret is set, rotated secrets and metadata keys read, an API key refused, secrets never shown. */
class StripeConfigTest {

    @Test
    void without_secrets_stripe_is_off() {
        assertThat(Config.fromEnvironment(Map.of()).stripe()).isEmpty();
    }

    @Test
    void secrets_during_a_rotation_and_the_default_metadata_keys() {
        StripeWebhookSettings stripe = Config.fromEnvironment(
                        Map.of("ZSYNC_STRIPE_WEBHOOK_SECRETS", " whsec_old , whsec_new "))
                .stripe()
                .orElseThrow();

        assertThat(stripe.secrets()).containsExactlyInAnyOrder("whsec_old", "whsec_new");
        assertThat(stripe.customerKey()).isEqualTo("customer_id");
        assertThat(stripe.orderKey()).isEqualTo("order_id");
    }

    @Test
    void the_metadata_keys_are_configurable() {
        StripeWebhookSettings stripe = Config.fromEnvironment(Map.of(
                        "ZSYNC_STRIPE_WEBHOOK_SECRETS", "whsec_a",
                        "ZSYNC_STRIPE_METADATA_CUSTOMER_KEY", "parent_id",
                        "ZSYNC_STRIPE_METADATA_ORDER_KEY", "enrollment_id"))
                .stripe()
                .orElseThrow();

        assertThat(List.of(stripe.customerKey(), stripe.orderKey())).containsExactly("parent_id", "enrollment_id");
    }

    @Test
    void an_api_key_in_place_of_a_signing_secret_is_refused_at_start_up() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_STRIPE_WEBHOOK_SECRETS", "sk_live_abc")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("whsec_")
                .hasMessageNotContaining("sk_live_abc");
    }

    @Test
    void the_secrets_never_show() {
        String shown = Config.fromEnvironment(Map.of("ZSYNC_STRIPE_WEBHOOK_SECRETS", "whsec_topsecret"))
                .toString();

        assertThat(shown).contains("stripe=").doesNotContain("whsec_topsecret");
    }
}
