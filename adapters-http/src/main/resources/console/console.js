// The operator's console: plain ES module over the admin API, no build step.
// Data is only ever written with textContent, never parsed as HTML.

const API = "/admin/api";
const STATUSES = ["pending", "syncing", "retrying", "waiting", "failed", "skipped", "manual", "synced"];
const ENTITIES = ["customer", "item", "plan", "addon", "estimate", "invoice", "payment", "refund",
  "subscription", "lead", "stock"];
const TARGETS = ["books", "billing", "crm", "inventory"];
const HELD = 500;
const RECORD_LOG = 200;
const DEFAULT_REFRESH_SECONDS = 30;

const $ = (id) => document.getElementById(id);
let csrf = null;
let timer = null;
let pending = null; // the action the confirm dialog asks about
let signingOut = false; // a refresh answered 401 while signing out must not say the session ended

/** A whole number from the page's address (?name=N) within min to max, else the fallback. */
function setting(name, min, max, fallback) {
  const n = Number.parseInt(new URLSearchParams(location.search).get(name), 10);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** Seconds between refreshes: ?refresh=N (1 to 3600) where given, else 30. */
function refreshSeconds() {
  return setting("refresh", 1, 3600, DEFAULT_REFRESH_SECONDS);
}

/** Rows on a page of Records and of Activity: ?page=N (1 to 200) where given, else 50. */
function pageSize() {
  return setting("page", 1, 200, 50);
}

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "—";
}

class Refused extends Error {
  constructor(status, problem) {
    const first = problem?.errors?.[0];
    super(first ? `${first.field} ${first.message}` : problem?.detail || `the service answered ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

/** A call to the service: JSON in and out, the CSRF token on every change, problems thrown as Refused. */
async function call(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Refused(0, { detail: "the service cannot be reached; check that it is running" });
  }
  if (response.status === 204) return null;
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok) {
    const refused = new Refused(response.status, json);
    if (response.status === 401 && path !== "/admin/session" && !signingOut) {
      showSignIn("Your session has ended; sign in again.");
    }
    throw refused;
  }
  return json;
}

// ---- sign-in and sign-out ----

function showSignIn(message = "") {
  stopRefresh();
  csrf = null;
  $("console").hidden = true;
  $("sign-out").hidden = true;
  $("refreshed").textContent = "";
  $("sign-in").hidden = false;
  $("sign-in-error").textContent = message;
  $("token").value = "";
  $("token").focus();
}

async function signIn(event) {
  event.preventDefault();
  const token = $("token").value.trim();
  if (!token) {
    $("sign-in-error").textContent = "Enter the admin token (ZSYNC_ADMIN_TOKEN).";
    $("token").focus();
    return;
  }
  const name = $("actor-name").value.trim();
  try {
    const session = await call("POST", "/admin/session", name ? { token, name } : { token });
    $("token").value = "";
    start(session);
  } catch (e) {
    $("sign-in-error").textContent = e.status === 401
      ? "That is not the admin token. Check ZSYNC_ADMIN_TOKEN and try again."
      : e.message;
    $("token").select();
  }
}

async function signOut() {
  signingOut = true;
  stopRefresh();
  try {
    await call("DELETE", "/admin/session");
  } catch (e) {
    // an ended session is signed out already
  }
  location.hash = "";
  showSignIn("You are signed out.");
}

function start(session) {
  signingOut = false;
  csrf = session.csrf_token;
  $("sign-in").hidden = true;
  $("sign-in-error").textContent = "";
  $("console").hidden = false;
  $("sign-out").hidden = false;
  route();
  startRefresh();
  $("main").focus();
}

// ---- refresh ----

function startRefresh() {
  stopRefresh();
  timer = setInterval(refresh, refreshSeconds() * 1000);
}

function stopRefresh() {
  if (timer !== null) clearInterval(timer);
  timer = null;
}

/** Reloads what is on screen; filters, scroll position and an open dialog are left as they are. */
async function refresh() {
  try {
    if (recordShown()) {
      await loadRecord(...recordShown());
    } else if (activityShown()) {
      await loadActivity();
    } else if (location.hash === "#customers") {
      await loadCustomers();
    } else if (location.hash === "#held") {
      await loadHeld();
    } else {
      await loadOverview();
    }
    $("load-error").textContent = "";
    $("refreshed").textContent = `Updated ${new Date().toLocaleTimeString()} · every ${refreshSeconds()} s`;
  } catch (e) {
    if (e.status !== 401) $("load-error").textContent = `Could not refresh: ${e.message}`;
  }
}

// ---- overview: cards, per entity, records ----

// The records list's page on screen: its cursor (null: the most recently changed) and the next page's.
const recordList = { after: null, next: null };

async function loadOverview() {
  const [status, operations, connection, held, records] = await Promise.all([
    call("GET", `${API}/sync/status?limit=0`),
    call("GET", `${API}/sync/operations`),
    call("GET", `${API}/zoho/connection`).catch((e) => ({ status: "unknown", detail: e.message, circuits: {} })),
    call("GET", `${API}/inbound-events?status=unmatched&limit=${HELD}`),
    call("GET", recordsPath()),
  ]);
  renderCards(status, operations, connection, held);
  renderByEntity(status.counts_by_target);
  renderRecords(records);
}

function recordsPath() {
  const query = new URLSearchParams({ limit: String(pageSize()) });
  if ($("filter-entity").value) query.set("entity_type", $("filter-entity").value);
  if ($("filter-status").value) query.set("status", $("filter-status").value);
  if (recordList.after !== null) query.set("after", recordList.after);
  return `${API}/sync/records?${query}`;
}

/** Shows the records' first page for the filters chosen, or the page after this cursor. */
async function showRecordsPage(after) {
  recordList.after = after;
  try {
    renderRecords(await call("GET", recordsPath()));
    $("load-error").textContent = "";
  } catch (e) {
    $("load-error").textContent = `Could not load the records: ${e.message}`;
  }
}

function totals(counts) {
  const sum = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const row of Object.values(counts)) {
    for (const [s, n] of Object.entries(row)) sum[s] = (sum[s] || 0) + n;
  }
  return sum;
}

function card(label, value, kind = "", detail = "", meter = null) {
  const name = label.toLowerCase().replace(/\W+/g, "-").replace(/-$/, "");
  const node = el("div", null, { class: `card ${kind}`.trim(), "data-card": name });
  node.append(el("span", label, { class: "label" }), el("span", value, { class: "value" }));
  if (meter) {
    const bar = el("meter", null, { min: "0", max: String(meter.max), value: String(Math.min(meter.value, meter.max)),
      high: String(meter.max * 0.8), optimum: "0", "aria-label": `${label}: ${meter.value} of ${meter.max}` });
    node.append(bar);
  }
  if (detail) node.append(el("span", detail, { class: "detail" }));
  return node;
}

/** A duration in seconds as a person says it: 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
function age(seconds) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const METERS = { books_and_inventory: "Books & Inventory", billing: "Billing", crm: "CRM" };

function operationCards(o) {
  const rate = o.success_rate === null ? "—" : `${Math.round(o.success_rate * 1000) / 10} %`;
  const cards = [
    card("Success 24 h", rate, o.success_rate === null ? "plain" : o.success_rate >= 0.95 ? "plain ok" : "plain warn",
      `${o.synced_last_day} synced, ${o.failed_last_day} failed in the last 24 hours`),
    card("Failures 24 h", o.failed_last_day, o.failed_last_day ? "plain bad" : "plain ok"),
    card("Sync lag", o.oldest_due_seconds === null ? "none" : age(o.oldest_due_seconds),
      o.oldest_due_seconds !== null && o.oldest_due_seconds > 3600 ? "plain warn" : "plain ok",
      o.due ? `${o.due} due; the oldest since ${when(o.oldest_due_since)}` : "nothing waits to run"),
  ];
  for (const m of o.budget) {
    const share = m.last_day / m.per_day;
    cards.push(card(`${METERS[m.meter] || m.meter} API`, `${m.last_day} / ${m.per_day}`,
      share >= 0.8 ? "plain bad" : share >= 0.5 ? "plain warn" : "plain ok",
      `today (24 h); this minute ${m.last_minute} / ${m.per_minute}`, { value: m.last_day, max: m.per_day }));
  }
  return cards;
}

function renderCards(status, operations, connection, held) {
  const sum = totals(status.counts);
  const total = Object.values(sum).reduce((a, b) => a + b, 0);
  const circuits = Object.entries(connection.circuits || {}).map(([p, c]) => `${p} ${c}`).join(", ");
  const cards = [
    card("Zoho", connection.status.replaceAll("_", " "), connection.status === "connected" ? "ok" : "bad",
      [connection.detail, circuits && `circuits: ${circuits}`].filter(Boolean).join(" · ")),
    card("Sync", status.sync_enabled ? "enabled" : "disabled", status.sync_enabled ? "ok" : "warn"),
    card("Held events", held.next_after === null ? held.events.length : `${held.events.length}+`,
      held.events.length ? "warn" : "", "unmatched provider events waiting for a person"),
    ...operationCards(operations),
    card("Total", total),
    ...STATUSES.map((s) => card(s, sum[s] || 0,
      s === "failed" && sum[s] ? "bad" : "")),
  ];
  $("cards").replaceChildren(...cards);
}

function renderByEntity(byTarget) {
  const head = el("tr");
  head.append(el("th", "Entity", { scope: "col" }), el("th", "Target", { scope: "col" }),
    ...STATUSES.map((s) => el("th", s, { scope: "col" })));
  $("by-entity").tHead.replaceChildren(head);
  const rows = Object.keys(byTarget).sort().flatMap((type) => Object.keys(byTarget[type]).sort().map((target) => {
    const tr = el("tr");
    const counts = byTarget[type][target];
    tr.append(el("th", type, { scope: "row" }), el("td", target), ...STATUSES.map((s) => el("td", counts[s] || 0)));
    return tr;
  }));
  if (!rows.length) {
    const tr = el("tr");
    tr.append(el("td", "No records yet.", { colspan: STATUSES.length + 2 }));
    rows.push(tr);
  }
  $("by-entity").tBodies[0].replaceChildren(...rows);
}

function options(select, values, all = "All") {
  select.replaceChildren(el("option", all, { value: "" }), ...values.map((v) => el("option", v, { value: v })));
}

function fillFilters() {
  options($("log-entity"), ENTITIES);
  options($("log-target"), TARGETS);
  options($("log-status"), STATUSES);
  options($("customer-status"), STATUSES);
  options($("held-status"), ["unmatched", "failed_payment", "resolved"]);
  $("held-status").value = "unmatched";
  const entity = $("filter-entity");
  entity.replaceChildren(el("option", "All", { value: "" }), ...ENTITIES.map((e) => el("option", e, { value: e })));
  entity.value = "customer";
  const status = $("filter-status");
  status.replaceChildren(el("option", "All", { value: "" }), ...STATUSES.map((s) => el("option", s, { value: s })));
}

function renderRecords(page) {
  recordList.next = page.next_after;
  const rows = page.records.map((r) => {
    const tr = el("tr", null, { "data-status": r.status });
    const link = el("a", r.entity_id, {
      href: `#record/${encodeURIComponent(r.entity_type)}/${encodeURIComponent(r.entity_id)}`,
    });
    const id = el("td");
    id.append(link);
    tr.append(el("td", r.entity_type), id, el("td", r.target),
      el("td", r.status, { class: `status ${r.status}` }), el("td", r.zoho_id || "—"),
      el("td", r.attempts), el("td", when(r.updated_at)));
    return tr;
  });
  if (!rows.length) {
    const tr = el("tr");
    tr.append(el("td", "No record matches these filters.", { colspan: 7 }));
    rows.push(tr);
  }
  $("record-list").tBodies[0].replaceChildren(...rows);
  $("records-next").disabled = page.next_after === null;
  $("records-first").disabled = recordList.after === null;
  $("records-note").textContent = `${page.records.length} records, most recently changed first`
    + (recordList.after === null ? "." : ", further down the list.");
}

// ---- activity: the sync log, a page at a time ----

// What the Activity screen shows: the filters last applied and the cursor of the page on screen (null: the newest).
const activity = { filters: {}, before: null, next: null };

function activityShown() {
  return location.hash === "#activity";
}

function logPath(filters, before, limit) {
  const query = new URLSearchParams({ ...filters, limit: String(limit) });
  if (before !== null) query.set("before", String(before));
  return `${API}/sync/log?${query}`;
}

function recordLink(entityType, entityId) {
  const a = el("a", entityId, {
    href: `#record/${encodeURIComponent(entityType)}/${encodeURIComponent(entityId)}`,
  });
  const td = el("td");
  td.append(a);
  return td;
}

function logRow(e, withEntity) {
  const tr = el("tr", null, { "data-event": e.event, "data-id": String(e.id) });
  const times = e.repeats > 1 ? ` (×${e.repeats}, last ${when(e.last_at)})` : "";
  tr.append(el("td", when(e.at) + times));
  if (withEntity) tr.append(el("td", e.entity_type), recordLink(e.entity_type, e.entity_id));
  tr.append(el("td", e.target), el("td", e.event));
  if (!withEntity) tr.append(el("td", e.from_status || "—"));
  tr.append(el("td", e.to_status, { class: `status ${e.to_status}` }),
    el("td", e.message || "—", { class: "message" }), el("td", e.zoho_id || "—"));
  return tr;
}

function emptyRow(text, columns) {
  const tr = el("tr");
  tr.append(el("td", text, { colspan: columns }));
  return tr;
}

function readActivityFilters() {
  const filters = {};
  for (const [name, id] of [["entity_type", "log-entity"], ["target", "log-target"], ["status", "log-status"],
    ["event", "log-event"], ["q", "log-q"]]) {
    const value = $(id).value.trim();
    if (value) filters[name] = value;
  }
  for (const [name, id] of [["since", "log-since"], ["until", "log-until"]]) {
    // datetime-local is the browser's local time; the service takes UTC
    if ($(id).value) filters[name] = new Date($(id).value).toISOString();
  }
  return filters;
}

async function loadActivity() {
  const page = await call("GET", logPath(activity.filters, activity.before, pageSize()));
  activity.next = page.next_before;
  const rows = page.entries.map((e) => logRow(e, true));
  $("log-list").tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow("No log entry matches these filters.", 8)]));
  $("log-older").disabled = page.next_before === null;
  $("log-newest").disabled = activity.before === null;
  $("activity-note").textContent = `${entries(page.entries.length)}, newest first`
    + (activity.before === null ? "." : `, older than entry ${activity.before}.`);
}

function entries(n) {
  return n === 1 ? "1 entry" : `${n} entries`;
}

async function showActivityPage(before) {
  activity.before = before;
  try {
    await loadActivity();
    $("load-error").textContent = "";
  } catch (e) {
    $("load-error").textContent = `Could not load the activity: ${e.message}`;
  }
}

// ---- one record ----

function recordShown() {
  const m = location.hash.match(/^#record\/([^/]+)\/(.+)$/);
  return m ? [decodeURIComponent(m[1]), decodeURIComponent(m[2])] : null;
}

// What the record on screen is, for the link dialog's contact search (its email, else its name).
let shownData = {};

async function loadRecord(entity, id) {
  const path = `${API}/sync/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
  const [data, history] = await Promise.all([call("GET", path), call("GET", `${path}/history`)]);
  shownData = history.platform_data;
  $("record-title").textContent = `${entity} ${id}`;
  const blocks = data.records.map((r) => {
    const box = el("article", null, { class: "target", "data-target": r.target });
    box.append(el("h3", `Towards ${r.target}`));
    const dl = el("dl");
    for (const [label, value] of [
      ["Status", r.status], ["Zoho id", r.zoho_id || "—"], ["Attempts", r.attempts],
      ["Last error", r.last_error || "—"], ["Reason", r.reason || "—"],
      ["Next run", when(r.next_run_at)], ["Updated", when(r.updated_at)],
    ]) {
      const dd = el("dd", value, label === "Status" ? { class: `status ${r.status}` } : {});
      const url = history.zoho_links[r.target];
      if (label === "Zoho id" && r.zoho_id && url) {
        dd.append(" ", el("a", `Open in Zoho ${r.target}`, {
          href: url, class: "zoho-link", target: "_blank", rel: "noopener noreferrer" }));
      }
      dl.append(el("dt", label), dd);
    }
    const actions = el("div", null, { class: "actions" });
    for (const action of ["retry", "reset", "link", "unlink"]) {
      const label = action === "link" && r.zoho_id ? "Change link…" : LABELS[action];
      const button = el("button", label, { type: "button", "data-action": action });
      button.addEventListener("click", () => ask(r, action));
      actions.append(button);
    }
    box.append(dl, actions);
    return box;
  });
  $("record-targets").replaceChildren(...blocks);
  renderHistory(history);
  const log = await call("GET", logPath({ entity_type: entity, entity_id: id }, null, RECORD_LOG));
  const rows = log.entries.map((e) => logRow(e, false));
  $("record-log").tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow("Nothing logged yet.", 7)]));
  $("record-log-note").textContent = log.next_before === null
    ? `${entries(log.entries.length)}, newest first.`
    : `The newest ${log.entries.length} entries; the older ones are in Activity.`;
}

function renderHistory(h) {
  const data = Object.entries(h.platform_data).sort(([a], [b]) => a.localeCompare(b)).flatMap(([k, v]) =>
    [el("dt", k), el("dd", v !== null && typeof v === "object" ? JSON.stringify(v) : v)]);
  $("record-data").replaceChildren(...(data.length ? data : [el("dd", "The service holds no data for it.")]));
  const sources = h.sources.map((e) => {
    const tr = el("tr", null, { "data-provider": e.provider });
    tr.append(el("td", when(e.received_at)), el("td", e.provider), el("td", e.event_id),
      el("td", e.held_id === null ? "—" : `#${e.held_id} ${e.status}`),
      el("td", e.held_id === null ? "acknowledged" : `${e.type}: ${e.detail || ""}`, { class: "message" }));
    return tr;
  });
  $("record-sources").tBodies[0].replaceChildren(...(sources.length ? sources : [emptyRow("No stored event.", 5)]));
  const side = (s) => `${s.entity_type} ${s.entity_id} → ${s.target}`;
  const waits = [
    ...h.prerequisites.map((w) => ["waits for", w.needs, w]),
    ...h.dependants.map((w) => ["waited for by", w.waiting, w]),
  ].map(([kind, other, w]) => {
    const tr = el("tr", null, { "data-wait": kind });
    const link = recordLink(other.entity_type, other.entity_id);
    link.firstChild.textContent = side(other);
    tr.append(el("td", kind), link, el("td", other.status || "no record yet", { class: `status ${other.status}` }),
      el("td", when(w.since)));
    return tr;
  });
  $("record-waits").tBodies[0].replaceChildren(...(waits.length ? waits : [emptyRow("It waits for nothing; nothing waits for it.", 4)]));
  const audit = h.admin_actions.map((a) => {
    const tr = el("tr", null, { "data-action": a.action });
    tr.append(el("td", when(a.at)), el("td", a.actor), el("td", a.action), el("td", a.target || "—"),
      el("td", a.detail || "—", { class: "message" }));
    return tr;
  });
  $("record-audit").tBodies[0].replaceChildren(...(audit.length ? audit : [emptyRow("No admin action yet.", 5)]));
}

const LABELS = { retry: "Retry", reset: "Reset", link: "Link…", unlink: "Unlink" };
const EXPLAIN = {
  retry: (r) => `Its sync towards ${r.target} is queued again with fresh attempts.`,
  reset: (r) => `Its sync towards ${r.target} starts over as pending, forgetting its attempts.`,
  link: (r) => (r.zoho_id ? `It is linked to ${r.zoho_id} now; it will be linked instead` : "It is marked as kept by hand")
    + ` in ${r.target} to the Zoho record you name or pick; the service checks that it exists.`,
  unlink: (r) => `It forgets its Zoho record in ${r.target} (${r.zoho_id || "none"}) and is queued to sync again.`,
};

function ask(record, action) {
  pending = { record, action };
  $("confirm-title").textContent = `${LABELS[action].replace("…", "")} ${record.entity_type} ${record.entity_id}?`;
  $("confirm-text").textContent = EXPLAIN[action](record);
  $("confirm-error").textContent = "";
  $("confirm-zoho").hidden = action !== "link";
  $("confirm-zoho-id").value = action === "link" ? record.zoho_id || "" : "";
  const searchable = action === "link" && record.entity_type === "customer" && record.target === "books";
  $("contact-search").hidden = !searchable;
  $("contact-results").replaceChildren();
  $("contact-note").textContent = "";
  const who = [shownData.first_name, shownData.last_name].filter(Boolean).join(" ");
  $("contact-q").value = searchable ? shownData.email || who : "";
  $("confirm").showModal();
  (action === "link" ? $("confirm-zoho-id") : $("confirm-go")).focus();
}

async function confirmAction() {
  const { record, action } = pending;
  const path = `${API}/sync/${encodeURIComponent(record.entity_type)}/${encodeURIComponent(record.entity_id)}/`
    + `${encodeURIComponent(record.target)}/${action}`;
  try {
    await call("POST", path, action === "link" ? { zoho_id: $("confirm-zoho-id").value.trim() } : undefined);
    $("confirm").close();
    await refresh();
  } catch (e) {
    $("confirm-error").textContent = `Refused: ${e.message}`;
  }
}

/** Searches Books contacts for the link dialog; picking one fills the Zoho id to link. */
async function searchContacts() {
  const q = $("contact-q").value.trim();
  if (!q) {
    $("contact-note").textContent = "Enter an email address or a contact's exact name.";
    return;
  }
  $("contact-note").textContent = "Searching Zoho Books…";
  try {
    const found = await call("GET", `${API}/zoho/contacts?${new URLSearchParams({ q })}`);
    const items = found.contacts.map((c, i) => {
      const label = el("label", null, { class: "pick" });
      const radio = el("input", null, { type: "radio", name: "contact", value: c.contact_id, id: `contact-${i}` });
      radio.addEventListener("change", () => { $("confirm-zoho-id").value = c.contact_id; });
      label.append(radio, ` ${c.contact_name || "(no name)"} · ${c.email || "no email"} · ${c.contact_id}`);
      return label;
    });
    $("contact-results").replaceChildren(...items);
    $("contact-note").textContent = items.length
      ? `${items.length === 1 ? "1 contact" : `${items.length} contacts`} with this ${found.by}; pick one.`
      : `No contact has this ${found.by}.`;
    if (items.length) items[0].querySelector("input").focus();
  } catch (e) {
    $("contact-note").textContent = `Could not search: ${e.message}`;
  }
}

// ---- customers: the platform's customers with their sync ----

const customerList = { filters: {}, after: null, next: null };

async function loadCustomers() {
  const query = new URLSearchParams({ ...customerList.filters, limit: String(pageSize()) });
  if (customerList.after !== null) query.set("after", customerList.after);
  const page = await call("GET", `${API}/customers?${query}`);
  customerList.next = page.next_after;
  const rows = page.customers.map((c) => {
    const tr = el("tr", null, { "data-id": c.id });
    const sync = el("td", null, { class: "sync" });
    for (const r of c.records) sync.append(el("span", `${r.target}: ${r.status}`, { class: `badge status ${r.status}` }), " ");
    if (!c.records.length) sync.append("no sync record");
    tr.append(recordLink("customer", c.id), sync, el("td", c.name || "—"), el("td", c.email || "—"));
    return tr;
  });
  $("customer-list").tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow("No customer matches these filters.", 4)]));
  $("customers-next").disabled = page.next_after === null;
  $("customers-first").disabled = customerList.after === null;
  $("customers-note").textContent = `${page.customers.length === 1 ? "1 customer" : `${page.customers.length} customers`}, by id`
    + (customerList.after === null ? "." : `, after ${customerList.after}.`);
}

async function showCustomersPage(after) {
  customerList.after = after;
  try {
    await loadCustomers();
    $("load-error").textContent = "";
  } catch (e) {
    $("load-error").textContent = `Could not load the customers: ${e.message}`;
  }
}

// ---- held events: provider events waiting for a person ----

let matching = null; // the held event the match dialog is about

async function loadHeld() {
  const status = $("held-status").value;
  const page = await call("GET", `${API}/inbound-events?${new URLSearchParams(status ? { status, limit: "200" } : { limit: "200" })}`);
  const rows = page.events.map((e) => {
    const tr = el("tr", null, { "data-held": String(e.id), "data-status": e.status });
    const action = el("td");
    if (e.status === "unmatched" && e.source === "stripe") {
      const button = el("button", "Match…", { type: "button", "data-match": String(e.id) });
      button.addEventListener("click", () => askMatch(e));
      action.append(button);
    } else {
      action.textContent = e.resolved_by ? `by ${e.resolved_by}` : "—";
    }
    tr.append(el("td", e.id), el("td", when(e.received_at)), el("td", e.source), el("td", e.type),
      el("td", e.amount === null ? "—" : `${e.amount} ${(e.currency || "").toUpperCase()}`),
      el("td", e.status.replace("_", " ")), el("td", e.resolution || e.reason || "—", { class: "message" }), action);
    return tr;
  });
  $("held-list").tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow("Nothing is held.", 8)]));
  $("held-note").textContent = `${page.events.length === 1 ? "1 event" : `${page.events.length} events`}, oldest first`
    + (page.next_after === null ? "." : "; more follow (resolve these first).");
}

function askMatch(event) {
  matching = event;
  $("match-title").textContent = `Match ${event.source} event ${event.event_id}?`;
  $("match-text").textContent = `${event.type}${event.amount === null ? "" : ` of ${event.amount} ${(event.currency || "").toUpperCase()}`}`
    + ` becomes a payment of the platform customer you name (and order, if any), as if the webhook had named them.`;
  $("match-customer").value = event.customer_id || "";
  $("match-order").value = event.order_id || "";
  $("match-error").textContent = "";
  $("match").showModal();
  $("match-customer").focus();
}

async function confirmMatch() {
  const customer = $("match-customer").value.trim();
  const order = $("match-order").value.trim();
  if (!customer) {
    $("match-error").textContent = "Name the platform customer this payment is from.";
    $("match-customer").focus();
    return;
  }
  try {
    await call("POST", `${API}/inbound-events/${matching.id}/match`, order ? { customer_id: customer, order_id: order } : { customer_id: customer });
    $("match").close();
    await refresh();
  } catch (e) {
    $("match-error").textContent = `Refused: ${e.message}`;
  }
}

// ---- navigation ----

async function route() {
  const shown = recordShown();
  const screen = shown ? "record" : { "#activity": "activity", "#customers": "customers", "#held": "held" }[location.hash] || "overview";
  for (const id of ["overview", "records", "record", "activity", "customers", "held"]) {
    $(id).hidden = !(id === screen || (id === "records" && screen === "overview"));
  }
  for (const nav of ["overview", "activity", "customers", "held"]) {
    $(`nav-${nav}`).toggleAttribute("aria-current", nav === screen);
  }
  await refresh();
  const title = { record: "record-title", activity: "activity-title", customers: "customers-title", held: "held-title" }[screen];
  if (title) $(title).focus();
}

async function boot() {
  fillFilters();
  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("filter-entity").addEventListener("change", () => showRecordsPage(null));
  $("filter-status").addEventListener("change", () => showRecordsPage(null));
  $("records-next").addEventListener("click", () => showRecordsPage(recordList.next));
  $("records-first").addEventListener("click", () => showRecordsPage(null));
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("confirm-go").addEventListener("click", confirmAction);
  $("contact-search-go").addEventListener("click", searchContacts);
  $("contact-q").addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      searchContacts();
    }
  });
  $("match-go").addEventListener("click", confirmMatch);
  $("customer-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    customerList.filters = {};
    if ($("customer-status").value) customerList.filters.status = $("customer-status").value;
    if ($("customer-q").value.trim()) customerList.filters.q = $("customer-q").value.trim();
    showCustomersPage(null);
  });
  $("customer-status").addEventListener("change", () => $("customer-filters").requestSubmit());
  $("customers-next").addEventListener("click", () => showCustomersPage(customerList.next));
  $("customers-first").addEventListener("click", () => showCustomersPage(null));
  $("held-status").addEventListener("change", () => refresh());
  $("held-filters").addEventListener("submit", (e) => e.preventDefault());
  $("activity-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    activity.filters = readActivityFilters();
    showActivityPage(null);
  });
  $("log-older").addEventListener("click", () => showActivityPage(activity.next));
  $("log-newest").addEventListener("click", () => showActivityPage(null));
  $("back").addEventListener("click", (e) => {
    e.preventDefault();
    location.hash = "";
  });
  window.addEventListener("hashchange", () => {
    if (csrf) route();
  });
  try {
    start(await call("GET", "/admin/session"));
  } catch {
    showSignIn();
  }
}

boot();
