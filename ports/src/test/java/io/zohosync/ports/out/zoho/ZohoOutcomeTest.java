package io.zohosync.ports.out.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An outcome in an admin's words: what a refused hand link and a reconciliation that could not read Zoho say. */
class ZohoOutcomeTest {

    @Test
    void each_failure_says_what_zoho_or_the_budget_said_and_a_limit_when_it_reopens_rounded_up() {
        assertThat(new ZohoOutcome.RateLimited<>(Scope.MINUTE, Duration.ofSeconds(40), "API budget for BOOKS spent")
                        .describe())
                .isEqualTo("API budget for BOOKS spent; try again in 40 s");
        assertThat(new ZohoOutcome.RateLimited<>(Scope.CONCURRENCY, Duration.ofMillis(1), "busy").describe())
                .isEqualTo("busy; try again in 1 s");
        assertThat(new ZohoOutcome.RateLimited<>(Scope.CONCURRENCY, Duration.ZERO, "busy").describe())
                .isEqualTo("busy; try again in 0 s");
        assertThat(new ZohoOutcome.Outage<>("503").describe()).isEqualTo("Zoho did not answer: 503");
        assertThat(new ZohoOutcome.AuthFailure<>("invalid_token").describe())
                .isEqualTo("Zoho refused the credentials: invalid_token");
        assertThat(new ZohoOutcome.Validation<>("1001", "the rate is negative").describe())
                .isEqualTo("Zoho refused it: [1001] the rate is negative");
        assertThat(new ZohoOutcome.NotFound<>("no such contact").describe())
                .isEqualTo("Zoho found nothing: no such contact");
        assertThat(new ZohoOutcome.Duplicate<>(Optional.empty(), "name taken").describe())
                .isEqualTo("Zoho reports a duplicate: name taken");
    }
}
