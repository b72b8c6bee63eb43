-- The platform's outbox (issues 10 and 11): facts the platform must hear about (a stock level changed in Zoho, a
-- Billing payment), inserted in the transaction that recorded the change and delivered afterwards as signed outbound
-- webhooks (Standard Webhooks). A row is kept after delivery: it is the delivery log's subject.
create table platform_outbox (
    id              bigint generated always as identity primary key,
    -- the webhook-id header: the same on every attempt, so the platform can drop a repeat
    message_id      uuid        not null default gen_random_uuid() unique,
    event_type      text        not null,
    -- deliveries of one stream (an item, a subscription) are made in id order: the next waits for the one before
    stream_key      text        not null,
    payload         jsonb       not null,
    occurred_at     timestamptz not null,
    created_at      timestamptz not null,
    status          text        not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    last_error      text
);
create index platform_outbox_due_idx on platform_outbox (next_attempt_at, id) where status = 'pending';
create index platform_outbox_stream_idx on platform_outbox (stream_key, id) where status = 'pending';
