-- Stock both ways with Zoho Inventory (issue 11). One row per stock record (an item's sku, and its warehouse: '' for
-- none): the platform's level (while platform_known is false, only the sum of the platform's deltas, to be added to
-- Zoho's level once read), the level the service last knew Zoho to have (null: not read yet), and the push noted
-- before its adjustment call (its reference and quantity) until it is known to have landed or not.
create table stock_levels (
    sku              text        not null,
    warehouse        text        not null default '',
    platform_level   numeric     not null,
    platform_known   boolean     not null,
    zoho_level       numeric,
    intent_reference text,
    intent_quantity  numeric,
    pushes           bigint      not null default 0,
    updated_at       timestamptz not null,
    primary key (sku, warehouse),
    check ((intent_reference is null) = (intent_quantity is null))
);

-- Each line of a Zoho adjustment applied to a stock record, once, whichever way it came (webhook or poll).
create table stock_applied_adjustments (
    adjustment_id text        not null,
    sku           text        not null,
    warehouse     text        not null default '',
    quantity      numeric     not null,
    via           text        not null,
    applied_at    timestamptz not null,
    primary key (adjustment_id, sku, warehouse)
);

-- Where each poll of Zoho got to.
create table stock_cursors (
    name       text primary key,
    cursor_at  timestamptz not null,
    updated_at timestamptz not null
);
