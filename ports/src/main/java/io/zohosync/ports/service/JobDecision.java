package io.zohosync.ports.service;

import io.zohosync.domain.sync.SyncEvent;

/** What running one job decided: the domain event to apply and a short name for the sync log. */
public record JobDecision(SyncEvent event, String logEvent) {}
