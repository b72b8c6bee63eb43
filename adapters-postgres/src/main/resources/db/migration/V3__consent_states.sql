-- The nonces of Zoho consent requests an admin started: each callback may use its nonce once, before it expires.
create table zoho_consent_states (
    nonce      text primary key,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index zoho_consent_states_expiry_idx on zoho_consent_states (expires_at);
