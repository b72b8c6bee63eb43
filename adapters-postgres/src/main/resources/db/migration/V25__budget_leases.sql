-- Issue 14: an instance leases the API budget in blocks and hands it to its jobs in memory. A job's concurrency slot
-- is now a row of its own (counts = false): it holds a slot of the concurrency limit while its holder is alive and
-- counts against no window. Every other row is a call, or a slot reserved for one, as before.
alter table zoho_api_permits add column counts boolean not null default true;
