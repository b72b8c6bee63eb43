-- An inquiry from someone already a CRM contact is found by the email of a linked customer (issue 11).
create index platform_entities_email_idx on platform_entities (entity_type, lower(trim(payload->>'email')));
