-- One pipeline for every flow: one store for platform entities (jsonb, versioned, hashed), sync records
-- that hold the whole state the domain's state machine decides, and the waits of records on prerequisites.

create table platform_entities (
    entity_type  text not null,
    entity_id    text not null,
    version      integer not null check (version >= 1),
    payload      jsonb not null,
    -- SHA-256 of the canonical form; empty for rows migrated from V1, so their next change is always stored
    payload_hash text not null,
    received_at  timestamptz not null,
    updated_at   timestamptz not null,
    primary key (entity_type, entity_id)
);

insert into platform_entities (entity_type, entity_id, version, payload, payload_hash, received_at, updated_at)
select 'customer', platform_id, 1,
       jsonb_strip_nulls(jsonb_build_object(
           'id', platform_id, 'first_name', first_name, 'last_name', last_name, 'email', email, 'phone', phone,
           'company_name', company_name, 'billing_address', nullif(billing_address, '{}'::jsonb),
           'returning', kind = 'returning')),
       '', created_at, updated_at
from customers;
drop table customers;

alter table sync_records drop constraint sync_records_status_check;
alter table sync_records add constraint sync_records_status_check
    check (status in ('pending', 'syncing', 'synced', 'retrying', 'waiting', 'failed', 'skipped', 'manual'));
alter table sync_records
    add column reason       text,
    add column dirty        boolean not null default false,
    add column deferred_for text check (deferred_for in ('budget', 'reconnect')),
    add column origin       text check (origin in ('created', 'matched', 'manual'));

-- the origin of links made before V4, read from the log
update sync_records r set origin = case
        when r.status = 'manual' then 'manual'
        when exists (select 1 from sync_log l where l.entity_type = r.entity_type and l.entity_id = r.entity_id
                     and l.target = r.target and l.event in ('linked_by_email', 'linked_by_name')) then 'matched'
        else 'created' end
where r.zoho_id is not null;

-- a change while a run is in flight is now the record's state (dirty), not the job's
alter table sync_jobs drop column dirty;

create index sync_records_linked_idx on sync_records (entity_type, target, zoho_id) where zoho_id is not null;
create index sync_records_deferred_idx on sync_records (deferred_for) where deferred_for is not null;

-- A waiting record waits on each prerequisite named here; a prerequisite reaching Zoho wakes them.
create table sync_waits (
    entity_type  text not null,
    entity_id    text not null,
    target       text not null,
    needs_type   text not null,
    needs_id     text not null,
    needs_target text not null,
    since        timestamptz not null,
    primary key (entity_type, entity_id, target, needs_type, needs_id, needs_target),
    foreign key (entity_type, entity_id, target) references sync_records (entity_type, entity_id, target) on delete cascade
);
create index sync_waits_needs_idx on sync_waits (needs_type, needs_id, needs_target);
