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
    if (response.status === 401 && path !== "/admin/session") showSignIn("Your session has ended; sign in again.");
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
  try {
    const session = await call("POST", "/admin/session", { token });
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
  try {
    await call("DELETE", "/admin/session");
  } catch (e) {
    // an ended session is signed out already
  }
  location.hash = "";
  showSignIn("You are signed out.");
}

function start(session) {
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
  const [status, connection, held, records] = await Promise.all([
    call("GET", `${API}/sync/status?limit=0`),
    call("GET", `${API}/zoho/connection`).catch((e) => ({ status: "unknown", detail: e.message, circuits: {} })),
    call("GET", `${API}/inbound-events?status=unmatched&limit=${HELD}`),
    call("GET", recordsPath()),
  ]);
  renderCards(status, connection, held);
  renderByEntity(status.counts);
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

function card(label, value, kind = "", detail = "") {
  const node = el("div", null, { class: `card ${kind}`.trim(), "data-card": label.toLowerCase().replace(/\W+/g, "-") });
  node.append(el("span", label, { class: "label" }), el("span", value, { class: "value" }));
  if (detail) node.append(el("span", detail, { class: "detail" }));
  return node;
}

function renderCards(status, connection, held) {
  const sum = totals(status.counts);
  const total = Object.values(sum).reduce((a, b) => a + b, 0);
  const circuits = Object.entries(connection.circuits || {}).map(([p, c]) => `${p} ${c}`).join(", ");
  const cards = [
    card("Zoho", connection.status.replaceAll("_", " "), connection.status === "connected" ? "ok" : "bad",
      [connection.detail, circuits && `circuits: ${circuits}`].filter(Boolean).join(" · ")),
    card("Sync", status.sync_enabled ? "enabled" : "disabled", status.sync_enabled ? "ok" : "warn"),
    card("Held events", held.next_after === null ? held.events.length : `${held.events.length}+`,
      held.events.length ? "warn" : "", "unmatched provider events waiting for a person"),
    card("Total", total),
    ...STATUSES.map((s) => card(s, sum[s] || 0,
      s === "failed" && sum[s] ? "bad" : "")),
  ];
  $("cards").replaceChildren(...cards);
}

function renderByEntity(counts) {
  const head = el("tr");
  head.append(el("th", "Entity", { scope: "col" }), ...STATUSES.map((s) => el("th", s, { scope: "col" })));
  $("by-entity").tHead.replaceChildren(head);
  const rows = Object.keys(counts).sort().map((type) => {
    const tr = el("tr");
    tr.append(el("th", type, { scope: "row" }), ...STATUSES.map((s) => el("td", counts[type][s] || 0)));
    return tr;
  });
  if (!rows.length) {
    const tr = el("tr");
    tr.append(el("td", "No records yet.", { colspan: STATUSES.length + 1 }));
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

async function loadRecord(entity, id) {
  const data = await call("GET", `${API}/sync/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`);
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
      dl.append(el("dt", label), el("dd", value, label === "Status" ? { class: `status ${r.status}` } : {}));
    }
    const actions = el("div", null, { class: "actions" });
    for (const action of ["retry", "reset", "link", "unlink"]) {
      const button = el("button", LABELS[action], { type: "button", "data-action": action });
      button.addEventListener("click", () => ask(r, action));
      actions.append(button);
    }
    box.append(dl, actions);
    return box;
  });
  $("record-targets").replaceChildren(...blocks);
  const log = await call("GET", logPath({ entity_type: entity, entity_id: id }, null, RECORD_LOG));
  const rows = log.entries.map((e) => logRow(e, false));
  $("record-log").tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow("Nothing logged yet.", 7)]));
  $("record-log-note").textContent = log.next_before === null
    ? `${entries(log.entries.length)}, newest first.`
    : `The newest ${log.entries.length} entries; the older ones are in Activity.`;
}

const LABELS = { retry: "Retry", reset: "Reset", link: "Link…", unlink: "Unlink" };
const EXPLAIN = {
  retry: (r) => `Its sync towards ${r.target} is queued again with fresh attempts.`,
  reset: (r) => `Its sync towards ${r.target} starts over as pending, forgetting its attempts.`,
  link: (r) => `It is marked as kept by hand in ${r.target} as the Zoho record you name; the service checks that it exists.`,
  unlink: (r) => `It forgets its Zoho record in ${r.target} (${r.zoho_id || "none"}) and is queued to sync again.`,
};

function ask(record, action) {
  pending = { record, action };
  $("confirm-title").textContent = `${LABELS[action].replace("…", "")} ${record.entity_type} ${record.entity_id}?`;
  $("confirm-text").textContent = EXPLAIN[action](record);
  $("confirm-error").textContent = "";
  $("confirm-zoho").hidden = action !== "link";
  $("confirm-zoho-id").value = action === "link" ? record.zoho_id || "" : "";
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

// ---- navigation ----

async function route() {
  const shown = recordShown();
  const log = activityShown();
  $("overview").hidden = !!shown || log;
  $("records").hidden = !!shown || log;
  $("record").hidden = !shown;
  $("activity").hidden = !log;
  $("nav-overview").toggleAttribute("aria-current", !shown && !log);
  $("nav-activity").toggleAttribute("aria-current", log);
  await refresh();
  if (shown) $("record-title").focus();
  if (log) $("activity-title").focus();
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
