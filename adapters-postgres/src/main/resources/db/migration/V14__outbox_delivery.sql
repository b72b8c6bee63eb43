-- Delivering the platform's outbox (V13) as signed webhooks: a row an instance is sending is leased to it
-- (locked_by, until locked_until: an instance that dies hands it on when the lease ends), and every attempt is
-- logged with what the platform answered.
alter table platform_outbox
    add column locked_by    text,
    add column locked_until timestamptz;

create table platform_outbox_attempts (
    id          bigint generated always as identity primary key,
    outbox_id   bigint      not null references platform_outbox (id),
    attempt     integer     not null,
    at          timestamptz not null,
    -- the answer's status; 0 when none came (refused, reset, timed out)
    http_status integer     not null,
    -- the failure or the start of the answer's body, truncated
    error       text,
    duration_ms bigint      not null,
    unique (outbox_id, attempt)
);
