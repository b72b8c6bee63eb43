-- Issue 14: an instance leases the API budget in blocks and hands it to its jobs in memory. A job's concurrency slot
-- is now a row of its own (counts = false): it holds a slot of the concurrency limit while its holder is alive and
-- counts against no window. Every other row is a call, or a slot reserved for one, as before.
alter table zoho_api_permits add column counts boolean not null default true;

-- A holder taken for dead whose reserved rows another instance deleted is told when it comes back (pruned): what it
-- leased may be gone, and it gives its leases up.
alter table zoho_api_holders add column pruned boolean not null default false;
