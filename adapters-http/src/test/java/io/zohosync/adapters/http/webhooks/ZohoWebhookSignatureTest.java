package io.zohosync.adapters.http.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zoho's webhook signature (docs/zoho-api.md §3.4) against a vector computed outside Java (Python's {@code hmac}):
 * query parameters sorted by name, {@code name+value} decoded, then the raw body.
 */
class ZohoWebhookSignatureTest {

    private static final String SECRET = "secret-0123456789";
    private static final byte[] BODY = "{\"event_id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
    /** hmac.new(SECRET, "a1b2b3tokenx y" + body, sha256).hexdigest() */
    private static final String EXPECTED = "8c3f60d9b119b820029573cd70839e4234f028bda23bca274761aa1064decfdd";

    private static Map<String, List<String>> query() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("token", List.of("x y")); // sent first, signed last: sorted by name
        query.put("b", List.of("2", "3"));
        query.put("a", List.of("1"));
        return query;
    }

    private final ZohoWebhookSignature signature = new ZohoWebhookSignature(SECRET);

    @Test
    void a_signature_over_the_sorted_query_and_the_raw_body_verifies_in_either_case() {
        assertThat(signature.verifies(EXPECTED, query(), BODY)).isTrue();
        assertThat(signature.verifies(EXPECTED.toUpperCase(java.util.Locale.ROOT), query(), BODY))
                .isTrue();
    }

    @Test
    void anything_else_does_not() {
        assertThat(signature.verifies(null, query(), BODY)).isFalse();
        assertThat(signature.verifies("", query(), BODY)).isFalse();
        assertThat(signature.verifies("not hex", query(), BODY)).isFalse();
        assertThat(signature.verifies(EXPECTED.substring(2), query(), BODY)).isFalse();
        assertThat(signature.verifies(EXPECTED, Map.of(), BODY))
                .as("without the query")
                .isFalse();
        assertThat(signature.verifies(EXPECTED, query(), "{\"event_id\":\"e-2\"}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(new ZohoWebhookSignature("another-secret-01").verifies(EXPECTED, query(), BODY))
                .isFalse();
        assertThatThrownBy(() -> new ZohoWebhookSignature(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_encoding_is_configurable_hex_base64_or_either() {
        String base64 = java.util.Base64.getEncoder()
                .encodeToString(java.util.HexFormat.of().parseHex(EXPECTED));
        var hex = new ZohoWebhookSignature(SECRET, ZohoWebhookSignature.Encoding.HEX);
        var b64 = new ZohoWebhookSignature(SECRET, ZohoWebhookSignature.Encoding.BASE64);
        var either = new ZohoWebhookSignature(SECRET, ZohoWebhookSignature.Encoding.EITHER);

        assertThat(hex.verifies(base64, query(), BODY)).isFalse();
        assertThat(b64.verifies(base64, query(), BODY)).isTrue();
        assertThat(b64.verifies(EXPECTED, query(), BODY)).isFalse();
        assertThat(either.verifies(EXPECTED, query(), BODY)).isTrue();
        assertThat(either.verifies(base64, query(), BODY)).isTrue();
        assertThat(either.verifies("not a signature", query(), BODY)).isFalse();
        assertThat(either.verifies(base64, query(), "{}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }
}
