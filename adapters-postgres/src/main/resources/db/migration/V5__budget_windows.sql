-- The API budget counts what Zoho counts (design.md §8; ports BudgetAccount): one counter per organization
-- and meter, and one organization's Books and Inventory share the BOOKS_AND_INVENTORY meter. Rows kept per
-- product until now move onto their meter.

alter table zoho_api_permits rename column product to meter;
update zoho_api_permits set meter = 'BOOKS_AND_INVENTORY' where meter in ('BOOKS', 'INVENTORY');
alter table zoho_api_permits add constraint zoho_api_permits_meter_check
    check (meter in ('BOOKS_AND_INVENTORY', 'BILLING', 'CRM'));

-- A Books and an Inventory block of one organization and scope become one, ending at the later of the two.
alter table zoho_api_blocks rename column product to meter;
delete from zoho_api_blocks b
 using zoho_api_blocks o
 where b.organization_id = o.organization_id and b.scope = o.scope
   and b.meter in ('BOOKS', 'INVENTORY') and o.meter in ('BOOKS', 'INVENTORY') and b.meter <> o.meter
   and (b.blocked_until < o.blocked_until or (b.blocked_until = o.blocked_until and b.meter = 'INVENTORY'));
update zoho_api_blocks set meter = 'BOOKS_AND_INVENTORY' where meter in ('BOOKS', 'INVENTORY');
alter table zoho_api_blocks add constraint zoho_api_blocks_meter_check
    check (meter in ('BOOKS_AND_INVENTORY', 'BILLING', 'CRM'));
