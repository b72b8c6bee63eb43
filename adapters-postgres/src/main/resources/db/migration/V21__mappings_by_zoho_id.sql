-- The mappings API's reverse lookup (issue 10, item 10): which platform record a Zoho id belongs to, whatever its type.
create index sync_records_zoho_id_idx on sync_records (zoho_id) where zoho_id is not null;
