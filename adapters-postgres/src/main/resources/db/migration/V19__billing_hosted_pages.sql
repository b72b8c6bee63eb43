-- The Billing hosted pages the service opened for a customer's card (issue 10): which customer and service each is
-- for, so that Billing's webhook of its completion (naming the hosted page id) can be matched to them.
create table billing_hosted_pages (
    hostedpage_id text primary key,
    customer_id   text not null,
    service_id    text,
    purpose       text not null check (purpose in ('update_card', 'new_subscription')),
    url           text not null,
    expires_at    timestamptz,
    created_at    timestamptz not null
);
create index billing_hosted_pages_customer_idx on billing_hosted_pages (customer_id, created_at desc);
