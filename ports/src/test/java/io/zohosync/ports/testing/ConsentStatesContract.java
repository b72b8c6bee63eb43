package io.zohosync.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.ports.out.ConsentStates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract of {@link ConsentStates}, run against every implementation: a nonce works once, before it expires. */
public abstract class ConsentStatesContract {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected abstract ConsentStates states();

    @Test
    void an_issued_nonce_is_accepted_once() throws Exception {
        ConsentStates states = states();
        String nonce = UUID.randomUUID().toString();
        await(states.issue(nonce, now.plus(Duration.ofMinutes(10)), now));
        assertThat(await(states.consume(nonce, now.plusSeconds(5)))).isTrue();
        assertThat(await(states.consume(nonce, now.plusSeconds(6))))
                .as("a replayed callback")
                .isFalse();
    }

    @Test
    void an_unknown_or_expired_nonce_is_refused() throws Exception {
        ConsentStates states = states();
        String nonce = UUID.randomUUID().toString();
        assertThat(await(states.consume(nonce, now))).isFalse();
        await(states.issue(nonce, now.plus(Duration.ofMinutes(10)), now));
        assertThat(await(states.consume(nonce, now.plus(Duration.ofMinutes(10)))))
                .as("at its expiry")
                .isFalse();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
