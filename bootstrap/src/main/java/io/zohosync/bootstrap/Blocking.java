package io.zohosync.bootstrap;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The jar's one-shot commands ({@code health}, {@code alerts}) wait on Vert.x futures from their own thread, never
 * from an event loop: closing Vert.x from one of its own threads would wait for itself.
 */
final class Blocking {

    /** A database query's wait. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private Blocking() {}

    static <T> T await(Future<T> future) throws Exception {
        return await(future, WAIT);
    }

    static <T> T await(Future<T> future, Duration wait) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(wait.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for something to close; what the command had to say is said, so a slow or failed close changes nothing. */
    static void quietly(Future<?> closing) {
        try {
            await(closing);
        } catch (Exception e) {
            // closing is best effort once the answer is out
        }
    }
}
