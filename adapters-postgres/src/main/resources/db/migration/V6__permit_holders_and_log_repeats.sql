-- Issue 13, defect 2: a permit holds its concurrency slot while its holder (an instance) is alive, not for a
-- fixed lease. Each instance heartbeats its row every few seconds; a killed one's slots come back when its
-- alive_until passes, a live one keeps them however long its calls run.
create table zoho_api_holders (
    holder_id   text primary key,
    alive_until timestamptz not null
);

-- holder_id: the instance that took the permit; holding: it still holds a concurrency slot (until released).
-- taken_at is null for a slot reserved for a job and not yet used by a call: it counts as taken "now" while
-- its holder is alive, and from its call once drawn (issue 13, defect 7: a job reserves its calls first).
-- Permits taken before this migration have no holder and hold no slot (their calls count in the windows still).
alter table zoho_api_permits add column holder_id text;
alter table zoho_api_permits add column holding boolean not null default false;
alter table zoho_api_permits drop column lease_until;
alter table zoho_api_permits alter column taken_at drop not null;
create index zoho_api_permits_held_idx on zoho_api_permits (organization_id, meter)
    where holding or taken_at is null;

-- Issue 13, defect 3: a record deferred again and again for the same reason is one log row with a count,
-- not one row per deferral: repeats counts them, last_at is the latest (at stays the first).
alter table sync_log add column repeats integer not null default 1;
alter table sync_log add column last_at timestamptz;
