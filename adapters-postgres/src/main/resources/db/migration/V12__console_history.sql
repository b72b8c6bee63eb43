-- The console's record page (issue 12): who did which admin action when, and the source events a record came from.

-- Every admin action that changed something: the actor (the console session's signed-in name, the X-Admin-Actor
-- header of a bearer call, or 'admin-api'), the action, the entity (and target) it touched, when, and what it did.
create table admin_actions (
    id          bigint generated always as identity primary key,
    actor       text        not null,
    action      text        not null,
    entity_type text        not null,
    entity_id   text        not null,
    target      text,
    at          timestamptz not null,
    detail      text
);
create index admin_actions_entity_idx on admin_actions (entity_type, entity_id, id desc);

-- The inbound facts stored for an entity (inbound_events names it since V1): looked up by entity.
create index inbound_events_entity_idx on inbound_events (entity_type, entity_id) where entity_id is not null;

-- A held provider event an admin matched names the entity it became (the payment), so that entity's page shows it.
alter table held_inbound_events add column entity_type text, add column entity_id text;
create index held_inbound_events_entity_idx on held_inbound_events (entity_type, entity_id) where entity_id is not null;
create index held_inbound_events_customer_idx on held_inbound_events (customer_id) where customer_id is not null;
