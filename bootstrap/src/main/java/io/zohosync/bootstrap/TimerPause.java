package io.zohosync.bootstrap;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.zohosync.ports.out.Pause;
import java.time.Clock;
import java.time.Duration;

/** The {@link Pause} port on Vert.x timers: a wait until a moment of {@code clock}'s, at least a millisecond. */
final class TimerPause {

    private TimerPause() {}

    static Pause of(Vertx vertx, Clock clock) {
        return at -> {
            Promise<Void> done = Promise.promise();
            long millis = Math.max(1, Duration.between(clock.instant(), at).toMillis());
            vertx.setTimer(millis, id -> done.complete());
            return done.future();
        };
    }
}
