// @trieb.work/zoho-ts, a community Zoho Books/Invoice/Inventory client, unmodified, against the standalone sandbox:
// what a user would run. Usage: node script.js <sandbox url> <organization id> <marker>
// Prints one JSON line per operation: {"op": .., then what the client returned, or the ZohoApiError it threw}.
import zohoTs from "@trieb.work/zoho-ts";

const { Zoho, ZohoApiClient, ZohoApiError } = zohoTs;
const [baseUrl, organizationId, marker] = process.argv.slice(2);
if (!baseUrl || !organizationId || !marker) {
    console.error("usage: node script.js <sandbox url> <organization id> <marker>");
    process.exit(2);
}
const email = `${marker}@example.com`;

/** Runs one operation; a thrown error is printed as the operation's outcome, never stops the script. */
async function run(op, call) {
    try {
        console.log(JSON.stringify({ op, result: (await call()) ?? null }));
    } catch (e) {
        if (e instanceof ZohoApiError) console.log(JSON.stringify({ op, error: { code: e.code, message: e.message } }));
        else console.log(JSON.stringify({ op, exception: String(e?.stack ?? e) }));
    }
}

// The client's own OAuth (ZohoApiClient.fromOAuth) is a client-credentials grant against https://accounts.zoho<dc>:
// no option points it elsewhere. A refresh-token exchange, as Zoho documents it, and the client's public constructor
// with the resulting header instead.
const refresh = await fetch(`${baseUrl}/oauth/v2/token`, {
    method: "POST",
    body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: process.env.ZOHO_CLIENT_ID,
        client_secret: process.env.ZOHO_CLIENT_SECRET,
        refresh_token: process.env.ZOHO_REFRESH_TOKEN,
    }),
});
const token = await refresh.json();
console.log(JSON.stringify({ op: "refresh", http: refresh.status, token_type: token.token_type, expires_in: token.expires_in }));
if (!token.access_token) process.exit(1);

// baseUrl is honoured by the "invoice" and "inventory" flavours only (0.8.2 builds its "books" client on
// https://books.zoho<dc>/api/v3 whatever is set); Zoho Invoice's v3 API is Books' v3 API, so the "invoice" flavour
// pointed at the sandbox's /books/v3 makes the same calls.
const zoho = new Zoho(
    new ZohoApiClient({
        orgId: organizationId,
        apiFlavour: "invoice",
        baseUrl: `${baseUrl}/books/v3`,
        headers: { authorization: `Zoho-oauthtoken ${token.access_token}` },
    }),
);

let contactId;
let itemId;
let invoiceId;
await run("create_contact", async () => {
    const contact = await zoho.contact.create({
        contact_name: `Ada Lovelace (${marker})`,
        contact_type: "customer",
        contact_persons: [{ first_name: "Ada", last_name: "Lovelace", email, is_primary_contact: true }],
    });
    contactId = contact.contact_id;
    return contact;
});
await run("create_item", async () => {
    const item = await zoho.item.create({ name: `Analytical Engine manual (${marker})`, rate: 120, sku: marker });
    itemId = item.item_id;
    return item;
});
await run("create_invoice", async () => {
    const invoice = await zoho.invoice.create({
        customer_id: contactId,
        reference_number: marker,
        line_items: [{ item_id: itemId, quantity: 2 }],
    });
    invoiceId = invoice.invoice_id;
    return invoice;
});
await run("mark_sent", async () => {
    await zoho.invoice.sent([invoiceId]);
    return (await zoho.invoice.get(invoiceId)).status;
});
await run("record_payment", async () => {
    const invoice = await zoho.invoice.get(invoiceId);
    return zoho.payment.create({
        customer_id: contactId,
        payment_mode: "banktransfer",
        amount: invoice.total,
        date: invoice.date,
        reference_number: marker,
        invoices: [{ invoice_id: invoiceId, amount_applied: invoice.total }],
    });
});
await run("get_invoice", () => zoho.invoice.get(invoiceId));
await run("get_contact", () => zoho.contact.get(contactId));
await run("list_contacts", () => zoho.contact.list({}));
await run("list_customers", () => zoho.contact.list({ contactType: "customer", sortOrder: "ascending" }));

// Zoho's documented errors, as the client reports them.
await run("get_unknown_contact", () => zoho.contact.get("460000000099999"));
await run("invoice_for_unknown_contact", () =>
    zoho.invoice.create({ customer_id: "460000000099999", line_items: [{ item_id: itemId, quantity: 1 }] }),
);
await run("item_without_name", () => zoho.item.create({ rate: 10 }));
