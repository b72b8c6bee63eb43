-- Core schema: platform customers, sync records, the job queue, the sync log, inbound events.

create table customers (
    platform_id     text primary key,
    first_name      text,
    last_name       text,
    email           text not null,
    phone           text,
    company_name    text,
    billing_address jsonb not null default '{}'::jsonb,
    kind            text not null check (kind in ('new', 'returning')),
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index customers_email_idx on customers (lower(email));

-- One row per (entity, Zoho target): the state an admin sees (design.md §4).
create table sync_records (
    entity_type text not null,
    entity_id   text not null,
    target      text not null,
    status      text not null check (status in ('pending', 'syncing', 'synced', 'retrying', 'failed', 'skipped', 'manual')),
    zoho_id     text,
    attempts    integer not null default 0 check (attempts >= 0),
    last_error  text,
    next_run_at timestamptz,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    synced_at   timestamptz,
    -- set when a worker is about to write to Zoho, cleared once the outcome is known: a set value at
    -- the next claim means an earlier write may have landed, so the worker looks for its marker first
    intent_at   timestamptz,
    primary key (entity_type, entity_id, target)
);
create index sync_records_status_idx on sync_records (status, updated_at desc);
create index sync_records_updated_idx on sync_records (updated_at desc);

-- The queue: at most one job per sync record, so a second change coalesces into the waiting job.
-- A job is claimed by setting locked_by/locked_until (its lease) and bumping lease_seq, which
-- fences late writers: only the holder of the current lease may record an outcome.
create table sync_jobs (
    id           bigserial primary key,
    entity_type  text not null,
    entity_id    text not null,
    target       text not null,
    priority     smallint not null default 100,
    run_at       timestamptz not null,
    locked_by    text,
    locked_until timestamptz,
    lease_seq    integer not null default 0,
    dirty        boolean not null default false,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (entity_type, entity_id, target),
    foreign key (entity_type, entity_id, target) references sync_records (entity_type, entity_id, target)
);
create index sync_jobs_due_idx on sync_jobs (priority, run_at, id) where locked_by is null;
create index sync_jobs_lease_idx on sync_jobs (locked_until) where locked_by is not null;

-- Append-only history of every decision, with its reason and the candidates considered.
create table sync_log (
    id          bigserial primary key,
    entity_type text not null,
    entity_id   text not null,
    target      text not null,
    at          timestamptz not null,
    from_status text,
    to_status   text not null,
    event       text not null,
    message     text,
    zoho_id     text
);
create index sync_log_entity_idx on sync_log (entity_type, entity_id, id desc);

-- Every inbound fact we acknowledged, unique per provider and event id (API Idempotency-Key,
-- Stripe event id, Zoho event id...). A repeat is answered without doing anything again.
create table inbound_events (
    provider     text not null,
    event_id     text not null,
    payload_hash text not null,
    entity_type  text,
    entity_id    text,
    received_at  timestamptz not null,
    primary key (provider, event_id)
);

-- Wake workers at once when a job becomes due; polling stays the source of truth.
create function notify_sync_job() returns trigger language plpgsql as $$
begin
    perform pg_notify('zsync_jobs', new.target);
    return null;
end $$;
create trigger sync_jobs_notify after insert or update of run_at on sync_jobs
    for each row when (new.locked_by is null) execute function notify_sync_job();
