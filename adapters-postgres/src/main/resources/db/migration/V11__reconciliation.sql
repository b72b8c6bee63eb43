-- Reconciliation of Books (issue 12, item 11): one row per run, one per drift it found.
create table reconcile_reports (
    id          bigserial primary key,
    started_at  timestamptz not null,
    finished_at timestamptz,
    scope       text[] not null,
    status      text not null check (status in ('running', 'finished', 'incomplete')),
    checked     bigint not null default 0 check (checked >= 0),
    zoho_calls  bigint not null default 0 check (zoho_calls >= 0),
    note        text
);
-- the drift alert reads the newest report that ended
create index reconcile_reports_ended_idx on reconcile_reports (id desc) where status <> 'running';

create table reconcile_drifts (
    id             bigserial primary key,
    report_id      bigint not null references reconcile_reports (id) on delete cascade,
    entity_type    text not null,
    entity_id      text not null,
    target         text not null,
    zoho_id        text,
    kind           text not null check (kind in ('missing_in_zoho', 'fields_differ', 'unlinked_in_zoho', 'never_sent')),
    summary        text not null,
    detail         jsonb not null default '{}'::jsonb,
    repair         text not null check (repair in ('resend', 'link', 'leave')),
    safe           boolean not null,
    repaired_at    timestamptz,
    repair_outcome text,
    -- one repairer at a time (two admins, the CLI beside the API, two instances); a claim older than 10 min is stale
    repair_claimed_at timestamptz
);
create index reconcile_drifts_report_idx on reconcile_drifts (report_id, id);
