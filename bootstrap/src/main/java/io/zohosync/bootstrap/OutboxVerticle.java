package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.zohosync.ports.outbound.OutboxDelivery;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event-loop verticle that delivers the platform's outbox: a pass every poll interval, at once again after a pass
 * that found work (a stream's next message becomes due when the one before it is delivered). On undeploy it lets the
 * pass in flight finish, then hands back what it still holds so another instance takes it at once.
 */
final class OutboxVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxVerticle.class);

    private final OutboxDelivery delivery;
    private final String owner;
    private final Duration poll;

    private long timer = -1;
    private boolean stopping;
    private Future<?> inFlight = Future.succeededFuture();

    OutboxVerticle(OutboxDelivery delivery, String owner, Duration poll) {
        this.delivery = delivery;
        this.owner = owner;
        this.poll = poll;
    }

    @Override
    public Future<?> start() {
        LOG.info("outbox {} delivering to the platform, polling every {} ms", owner, poll.toMillis());
        schedule(1);
        return Future.succeededFuture();
    }

    private void schedule(long delayMs) {
        timer = vertx.setTimer(Math.max(1, delayMs), id -> pass());
    }

    private void pass() {
        if (stopping) {
            return;
        }
        inFlight = delivery.deliverOnce(owner).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn(
                        "outbox {}: a pass failed, trying again in {} ms: {}",
                        owner,
                        poll.toMillis(),
                        ar.cause().toString());
            }
            if (!stopping) {
                schedule(ar.succeeded() && ar.result().claimed() > 0 ? 1 : poll.toMillis());
            }
        });
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(timer);
        return inFlight.transform(done -> delivery.release(owner))
                .onSuccess(released -> LOG.info("outbox {} stopped; {} messages handed back", owner, released))
                .onFailure(error -> LOG.warn(
                        "outbox {} could not hand its messages back ({}); their leases expire instead",
                        owner,
                        error.toString()));
    }
}
