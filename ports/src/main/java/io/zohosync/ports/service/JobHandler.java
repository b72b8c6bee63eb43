package io.zohosync.ports.service;

import io.vertx.core.Future;
import io.zohosync.ports.out.ClaimedJob;
import java.time.Instant;

/** Runs one kind of job (an entity type towards a Zoho target) and says what happened, as a domain event. */
public interface JobHandler {

    String entityType();

    String target();

    Future<JobDecision> run(ClaimedJob job, Instant now);
}
