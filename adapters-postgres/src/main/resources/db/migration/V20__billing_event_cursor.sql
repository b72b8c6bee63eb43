-- Zoho Billing's events poll (issue 10, item 9): the last event it has seen, so each pass reads GET /events back to it
-- and applies only the newer ones. One row per Billing organization reader (the service has one: 'billing').
create table billing_event_cursor (
    name        text        primary key,
    event_id    text        not null,
    event_time  timestamptz,
    updated_at  timestamptz not null
);
