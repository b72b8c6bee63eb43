-- Provider events (Stripe's) that could not become a platform fact by themselves: one naming no platform customer
-- (unmatched), a payment the provider reports failed (failed_payment). Kept once per source and event id, with the
-- verified body (as received, so a replay reads exactly what was signed), until an admin resolves them.
-- (inbound_events, from V1, is the other thing: every acknowledged fact's idempotency key and body hash.)
create table held_inbound_events (
    id          bigint generated always as identity primary key,
    source      text        not null,
    event_id    text        not null,
    type        text        not null,
    status      text        not null check (status in ('unmatched', 'failed_payment', 'resolved')),
    reason      text,
    received_at timestamptz not null,
    amount      numeric,
    currency    text,
    customer_id text,
    order_id    text,
    metadata    jsonb       not null default '{}'::jsonb,
    raw_body    text        not null,
    resolved_at timestamptz,
    resolved_by text,
    resolution  text,
    constraint held_inbound_events_once unique (source, event_id),
    constraint held_inbound_events_resolved check ((status = 'resolved') = (resolved_at is not null))
);
-- the admin's list: by status (and source), in id order
create index held_inbound_events_status_idx on held_inbound_events (status, id);
