package io.zohosync.ports.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /**
     * The test vector every Standard Webhooks library checks its signer against (libraries/go/webhook_test.go
     * TestWebhookSign, and the same in the C#, JavaScript, PHP, Python and Ruby suites).
     */
    @Test
    void signs_the_specifications_test_vector() {
        WebhookSigner signer = WebhookSigner.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void id_timestamp_and_body_are_all_signed() {
        WebhookSigner signer = WebhookSigner.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String base = signer.sign("msg_1", 1614265330L, "{}");
        assertThat(signer.sign("msg_2", 1614265330L, "{}")).isNotEqualTo(base);
        assertThat(signer.sign("msg_1", 1614265331L, "{}")).isNotEqualTo(base);
        assertThat(signer.sign("msg_1", 1614265330L, "{ }")).isNotEqualTo(base);
    }

    @Test
    void a_secret_that_is_not_whsec_base64_is_refused_without_being_repeated() {
        assertThatThrownBy(() -> WebhookSigner.of("sk_live_abcdef")).hasMessage("the secret must start with whsec_");
        assertThatThrownBy(() -> WebhookSigner.of("whsec_not base64!"))
                .hasMessage("the secret after whsec_ must be base64")
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> WebhookSigner.of("whsec_c2hvcnQ=")).hasMessageContaining("at least 16 bytes");
        assertThat(WebhookSigner.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").toString())
                .doesNotContain("MfKQ");
    }
}
