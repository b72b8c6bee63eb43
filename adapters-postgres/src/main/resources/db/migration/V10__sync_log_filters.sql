-- Issue 12, the console's Activity: the sync log read newest first a page at a time (keyset on id), filtered by
-- status, event or time. Each of the first two indexes ends in id, so a rare status or event is an index range walked
-- backwards from the cursor instead of a scan of the table; the time index lets a range far in the past start where
-- it lies. EXPLAIN ANALYZE on 1,000,000 rows (PostgreSQL 15, 2 cores), a page of 51:
--   to_status = 'manual' (20 rows in all): parallel seq scan + sort 53 ms -> backward scan of sync_log_status_idx 0.08 ms
--   event = 'linked_by_admin' (20 rows):    parallel seq scan + sort 53 ms -> sync_log_event_idx 0.04 ms
--   one day a month back:                   backward scan of the primary key 93 ms -> sync_log_at_idx + top-N sort 1 ms
-- Entity and target ride on sync_log_entity_idx (V1) or the primary key (0.1 to 0.7 ms); text (ILIKE in entity id,
-- message, Zoho id) walks the primary key newest first and stops at a page of matches: 150 ms, 225 ms with none.
create index sync_log_status_idx on sync_log (to_status, id);
create index sync_log_event_idx on sync_log (event, id);
create index sync_log_at_idx on sync_log (at);
