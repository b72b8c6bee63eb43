-- Issue 14 (review): the first fill of books_contact_index resumes. Each page listed is kept (its contacts in the
-- index, its number here), so an attempt refused by the API budget or cut by an outage continues at the next page
-- (one page back: a deletion may have shifted an entry onto it) instead of page 1. Until the fill completes
-- (books_contact_index_state has its row, and this row is deleted) the index is not used for matching.
create table books_contact_index_fill (
    singleton   boolean primary key default true check (singleton),
    started_at  timestamptz not null,
    pages_read  integer not null,
    newest_seen timestamptz
);
