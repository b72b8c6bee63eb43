-- Issue 14 goal 3 (one Zoho call per entity). The organization's Books contacts, known without a search per customer:
-- filled once by listing them 200 a page, kept fresh by listing the ones modified since (newest first), and written at
-- once for every contact the service creates, updates or links. Matching reads it by lower-cased email and by the
-- normalized name; an update reads the contact's name and primary person from it instead of a GET.
create table books_contact_index (
    contact_id        text primary key,
    contact_name      text not null,
    name_key          text not null,
    email             text,
    primary_person_id text,
    currency_code     text,
    modified_at       timestamptz,
    indexed_at        timestamptz not null
);
create index books_contact_index_email on books_contact_index (email) where email is not null;
create index books_contact_index_name_key on books_contact_index (name_key);
create index books_contact_index_name on books_contact_index (lower(contact_name));

-- One row: whether the index was filled, and up to which Zoho modification time it has seen every contact.
create table books_contact_index_state (
    singleton  boolean primary key default true check (singleton),
    filled_at  timestamptz not null,
    seen_up_to timestamptz
);

-- Per sync record: the hash of the payload last sent to Zoho (a create or an update that succeeded). An update whose
-- payload hashes the same is not sent at all. Kept apart from sync_records so the hot claim path is not widened.
create table sync_sent_hashes (
    entity_type text not null,
    entity_id   text not null,
    target      text not null,
    hash        text not null,
    sent_at     timestamptz not null,
    primary key (entity_type, entity_id, target)
);
