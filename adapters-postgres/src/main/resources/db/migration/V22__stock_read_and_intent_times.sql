-- Stock (issue 11 review): when Zoho's level was read (a Zoho change made before is in it already), whether the
-- platform's level was counted from that read (the platform had sent only deltas), and when the push's intent was
-- noted (its adjustment, not found by reference, is dropped only once older than a Zoho request can take).
alter table stock_levels
    add column zoho_read_at       timestamptz,
    add column platform_from_read boolean not null default false,
    add column intent_at          timestamptz;
