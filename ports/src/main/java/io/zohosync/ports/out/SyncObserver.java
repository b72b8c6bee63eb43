package io.zohosync.ports.out;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;

/** Outbound port: told of every outcome the worker records (metrics, alerts). Must not block. */
public interface SyncObserver {

    void recorded(SyncKey key, SyncStatus status, String event);
}
