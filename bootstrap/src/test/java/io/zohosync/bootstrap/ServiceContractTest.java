package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.bootstrap.ServiceContract.Exchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link ServiceContract} lets pass and what it reports, on exchanges written out by hand. */
class ServiceContractTest {

    private static final Map<String, List<String>> API_KEY_JSON =
            Map.of("Authorization", List.of("Bearer k"), "Content-Type", List.of("application/json"));
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final Map<String, List<String>> PROBLEM =
            Map.of("Content-Type", List.of("application/problem+json"));
    private static final String RECORDED = "{\"id\":\"c-1\",\"outcome\":\"created\","
            + "\"sync\":{\"target\":\"books\",\"status\":\"pending\"},\"targets\":{\"books\":\"pending\"},"
            + "\"links\":{\"self\":\"/api/v1/customers/c-1\"}}";

    private static String problem(int status, String code) {
        return "{\"type\":\"https://zoho-sync.dev/problems/" + code + "\",\"title\":\"t\",\"status\":" + status
                + ",\"code\":\"" + code + "\",\"detail\":\"d\",\"instance\":\"/x\"}";
    }

    private static Exchange post(Map<String, List<String>> headers, String body, int status, String answer) {
        return new Exchange("POST", "/api/v1/customers", headers, body, status, status < 300 ? JSON : PROBLEM, answer);
    }

    @Test
    void aDocumentedExchangePasses() {
        assertThat(ServiceContract.violations(
                        post(API_KEY_JSON, "{\"id\":\"c-1\",\"email\":\"a@b.c\"}", 202, RECORDED)))
                .isEmpty();
    }

    @Test
    void anUndocumentedFieldInAnAnswerIsReported() {
        String leaking = RECORDED.replace("{\"id\"", "{\"version\":3,\"id\"");

        assertThat(ServiceContract.violations(post(API_KEY_JSON, "{\"id\":\"c-1\"}", 202, leaking)))
                .singleElement()
                .asString()
                .contains("additional properties", "version");
    }

    @Test
    void anUndocumentedStatusIsReported() {
        assertThat(ServiceContract.violations(post(API_KEY_JSON, "{\"id\":\"c-1\"}", 418, problem(418, "bad_request"))))
                .singleElement()
                .asString()
                .contains("status 418 is not documented");
    }

    @Test
    void anUndocumentedProblemCodeIsReported() {
        assertThat(ServiceContract.violations(post(API_KEY_JSON, "{", 400, problem(400, "json_is_bad"))))
                .singleElement()
                .asString()
                .contains("does not match any of", "at #/code");
    }

    @Test
    void aRequestTheDocumentRefusesMayBeRefusedButNotTaken() {
        String tooLong = "{\"id\":\"c-1\",\"email\":\"" + "a".repeat(101) + "\"}";

        assertThat(ServiceContract.violations(post(API_KEY_JSON, tooLong, 422, problem(422, "validation_failed"))))
                .isEmpty();
        assertThat(ServiceContract.violations(post(API_KEY_JSON, tooLong, 202, RECORDED)))
                .singleElement()
                .asString()
                .contains("request body", "too long", "at #/email");
        assertThat(ServiceContract.violations(post(JSON, "{\"id\":\"c-1\"}", 202, RECORDED)))
                .singleElement()
                .asString()
                .contains("none of the credentials");
    }

    @Test
    void anUndocumentedPathMayOnlyBeAnsweredWithAProblem() {
        Exchange nowhere = new Exchange("GET", "/nowhere", Map.of(), null, 404, PROBLEM, problem(404, "not_found"));
        Exchange served = new Exchange("GET", "/nowhere", Map.of(), null, 200, JSON, "{}");

        assertThat(ServiceContract.violations(nowhere)).isEmpty();
        assertThat(ServiceContract.violations(served))
                .singleElement()
                .asString()
                .contains("undocumented");
    }

    @Test
    void queryParametersAreHeldToTheDocument() {
        Map<String, List<String>> admin = Map.of("Authorization", List.of("Bearer t"));
        String overview = "{\"sync_enabled\":true,\"counts\":{\"customer\":{\"synced\":1}},"
                + "\"counts_by_target\":{\"customer\":{\"books\":{\"synced\":1}}},\"recent\":[]}";

        assertThat(ServiceContract.violations(
                        new Exchange("GET", "/admin/api/sync/status?limit=0", admin, null, 200, JSON, overview)))
                .isEmpty();
        assertThat(ServiceContract.violations(
                        new Exchange("GET", "/admin/api/sync/status?limit=501", admin, null, 200, JSON, overview)))
                .singleElement()
                .asString()
                .contains("query parameter limit", "greater than 500");
    }
}
