-- The mappings API's reverse lookup (issue 10, item 10): which platform record a Zoho id belongs to, whatever its type.
create index sync_records_zoho_id_idx on sync_records (zoho_id) where zoho_id is not null;

-- Billing in reconciliation (issue 10, item 11): Zoho's state the mirror (V17) does not show, repaired by pulling it.
alter table reconcile_drifts drop constraint reconcile_drifts_kind_check;
alter table reconcile_drifts add constraint reconcile_drifts_kind_check
    check (kind in ('missing_in_zoho', 'fields_differ', 'unlinked_in_zoho', 'never_sent', 'zoho_state_differs'));
alter table reconcile_drifts drop constraint reconcile_drifts_repair_check;
alter table reconcile_drifts add constraint reconcile_drifts_repair_check
    check (repair in ('resend', 'link', 'leave', 'pull'));
