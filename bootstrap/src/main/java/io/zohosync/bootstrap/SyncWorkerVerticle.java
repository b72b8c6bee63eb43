package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.zohosync.ports.service.SyncWorker;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event-loop verticle that drains the job queue: at once again while it finds full batches, every
 * poll interval otherwise. On undeploy it lets the running batch finish, then hands back whatever
 * it still holds so another worker can take it.
 */
public final class SyncWorkerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(SyncWorkerVerticle.class);

    private final SyncWorker worker;
    private final String workerId;
    private final Duration pollInterval;
    private final int batchSize;
    private long timer = -1;
    private boolean stopping;
    private Future<Integer> inFlight = Future.succeededFuture(0);

    public SyncWorkerVerticle(SyncWorker worker, String workerId, Duration pollInterval, int batchSize) {
        this.worker = worker;
        this.workerId = workerId;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    @Override
    public Future<?> start() {
        schedule(1);
        LOG.info("sync worker {} polling every {} ms, batches of {}", workerId, pollInterval.toMillis(), batchSize);
        return Future.succeededFuture();
    }

    private void schedule(long delayMs) {
        timer = vertx.setTimer(Math.max(1, delayMs), id -> drain());
    }

    private void drain() {
        if (stopping) {
            return;
        }
        inFlight = worker.drainOnce(workerId).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("sync worker {}: drain failed, trying again in {} ms: {}", workerId, pollInterval.toMillis(),
                        ar.cause().toString());
            }
            if (!stopping) {
                boolean fullBatch = ar.succeeded() && ar.result() >= batchSize;
                schedule(fullBatch ? 1 : pollInterval.toMillis());
            }
        });
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(timer);
        return inFlight.transform(done -> worker.release(workerId))
                .onSuccess(released -> LOG.info("sync worker {} stopped; {} unfinished jobs handed back", workerId, released))
                .onFailure(error -> LOG.warn("sync worker {} could not hand its jobs back ({}); their leases expire instead",
                        workerId, error.toString()));
    }
}
