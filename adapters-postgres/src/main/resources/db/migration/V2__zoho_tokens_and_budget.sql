-- Zoho connection tokens (encrypted) and the API budget shared by every instance (design.md §8, §9).

-- One row per Zoho connection. Tokens are AES-GCM ciphertexts (12-byte nonce || ciphertext+tag) under the
-- key named by key_id, so keys can rotate: rows are re-encrypted with the current key at their next write.
-- The row is locked (FOR UPDATE) while a refresh runs: one refresh at a time across instances.
create table zoho_tokens (
    connection_id     text primary key,
    key_id            text,
    refresh_token     bytea,
    access_token      bytea,
    access_expires_at timestamptz,
    api_domain        text,
    accounts_server   text,
    refreshed_at      timestamptz[] not null default '{}',
    cool_down_until   timestamptz,
    reconnect_needed  boolean not null default false,
    updated_at        timestamptz not null default now(),
    check ((refresh_token is null) = (key_id is null))
);

-- One row per call permit: counts the sliding minute and day; a permit whose lease is set and not over
-- holds a concurrency slot (an instance that dies holding one frees it when the lease ends).
create table zoho_api_permits (
    permit_id       uuid primary key,
    organization_id text not null,
    product         text not null,
    taken_at        timestamptz not null,
    lease_until     timestamptz
);
create index zoho_api_permits_window_idx on zoho_api_permits (organization_id, product, taken_at);

-- A 429 from Zoho closes a scope until Zoho's window reopens.
create table zoho_api_blocks (
    organization_id text not null,
    product         text not null,
    scope           text not null check (scope in ('MINUTE', 'DAY', 'CONCURRENCY')),
    blocked_until   timestamptz not null,
    primary key (organization_id, product, scope)
);
