-- Issue 15: Zoho's own count of the day, as Books' X-Rate-Limit-* headers tell it (ports ZohoDayCount): after the
-- call made at called_at, remaining calls are left until reset_at. One row per organization and meter, the newest
-- report; every instance's budget allows no more calls than it leaves.
create table zoho_api_day_counts (
    organization_id text        not null,
    meter           text        not null check (meter in ('BOOKS_AND_INVENTORY', 'BILLING', 'CRM')),
    remaining       integer     not null check (remaining >= 0),
    called_at       timestamptz not null,
    reset_at        timestamptz not null,
    primary key (organization_id, meter)
);
