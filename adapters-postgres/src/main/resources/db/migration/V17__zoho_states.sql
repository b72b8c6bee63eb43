-- Zoho's state mirrored per sync record (issue 10): a Billing subscription's status and plan, an invoice's status and
-- balance, as Zoho last said, from the sync's own answers, Zoho's webhooks, polls and reconciliation. zoho_time is
-- when Zoho says the state began: an older state never replaces a newer one.
create table zoho_states (
    entity_type text        not null,
    entity_id   text        not null,
    target      text        not null,
    status      text        not null,
    details     jsonb       not null,
    zoho_time   timestamptz not null,
    source      text        not null,
    updated_at  timestamptz not null,
    primary key (entity_type, entity_id, target)
);
