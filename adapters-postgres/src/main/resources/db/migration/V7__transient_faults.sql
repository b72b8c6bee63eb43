-- The transient faults (Zoho unreachable, 5xx, timeouts, reset connections) the current attempt of a sync has
-- met: they are retried without using an attempt until the configured window since the first has passed.
-- Both are empty (0, null) when there are none; only a queued or syncing record counts them.
alter table sync_records
    add column transient_faults integer not null default 0 check (transient_faults >= 0),
    add column transient_since  timestamptz,
    add constraint sync_records_transient_since check ((transient_faults = 0) = (transient_since is null));
