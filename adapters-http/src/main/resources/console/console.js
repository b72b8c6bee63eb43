// The operator's console: plain ES module over the admin API, no build step.
// Data is only ever written with textContent, never parsed as HTML.

const API = "/admin/api";
const STATUSES = ["pending", "syncing", "retrying", "waiting", "failed", "skipped", "manual", "synced"];
const ENTITIES = ["customer", "item", "plan", "addon", "estimate", "invoice", "payment", "refund",
  "subscription", "lead", "stock"];
const RECENT = 500;
const DEFAULT_REFRESH_SECONDS = 30;

const $ = (id) => document.getElementById(id);
let csrf = null;
let timer = null;
let pending = null; // the action the confirm dialog asks about

/** Seconds between refreshes: ?refresh=N (1 to 3600) where given, else 30. */
function refreshSeconds() {
  const n = Number.parseInt(new URLSearchParams(location.search).get("refresh"), 10);
  return Number.isInteger(n) && n >= 1 && n <= 3600 ? n : DEFAULT_REFRESH_SECONDS;
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
    super(problem?.detail || `the service answered ${status}`);
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

let lastRecent = [];

async function loadOverview() {
  const [status, connection, held] = await Promise.all([
    call("GET", `${API}/sync/status?limit=${RECENT}`),
    call("GET", `${API}/zoho/connection`).catch((e) => ({ status: "unknown", detail: e.message, circuits: {} })),
    call("GET", `${API}/inbound-events?status=unmatched&limit=${RECENT}`),
  ]);
  renderCards(status, connection, held);
  renderByEntity(status.counts);
  lastRecent = status.recent;
  renderRecords();
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

function fillFilters() {
  const entity = $("filter-entity");
  entity.replaceChildren(el("option", "All", { value: "" }), ...ENTITIES.map((e) => el("option", e, { value: e })));
  entity.value = "customer";
  const status = $("filter-status");
  status.replaceChildren(el("option", "All", { value: "" }), ...STATUSES.map((s) => el("option", s, { value: s })));
}

function renderRecords() {
  const entity = $("filter-entity").value;
  const status = $("filter-status").value;
  const shown = lastRecent.filter((r) => (!entity || r.entity_type === entity) && (!status || r.status === status));
  const rows = shown.map((r) => {
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
  $("records-note").textContent = `${shown.length} of the ${lastRecent.length} most recently changed records.`;
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
    for (const action of ["retry", "reset"]) {
      const button = el("button", action === "retry" ? "Retry" : "Reset", { type: "button", "data-action": action });
      button.addEventListener("click", () => ask(r, action));
      actions.append(button);
    }
    box.append(dl, actions);
    return box;
  });
  $("record-targets").replaceChildren(...blocks);
}

function ask(record, action) {
  pending = { record, action };
  $("confirm-title").textContent = `${action === "retry" ? "Retry" : "Reset"} ${record.entity_type} ${record.entity_id}?`;
  $("confirm-text").textContent = action === "retry"
    ? `Its sync towards ${record.target} is queued again with fresh attempts.`
    : `Its sync towards ${record.target} starts over as pending, forgetting its attempts.`;
  $("confirm-error").textContent = "";
  $("confirm").showModal();
  $("confirm-go").focus();
}

async function confirmAction() {
  const { record, action } = pending;
  const path = `${API}/sync/${encodeURIComponent(record.entity_type)}/${encodeURIComponent(record.entity_id)}/`
    + `${encodeURIComponent(record.target)}/${action}`;
  try {
    await call("POST", path);
    $("confirm").close();
    await refresh();
  } catch (e) {
    $("confirm-error").textContent = `Refused: ${e.message}`;
  }
}

// ---- navigation ----

async function route() {
  const shown = recordShown();
  $("overview").hidden = !!shown;
  $("records").hidden = !!shown;
  $("record").hidden = !shown;
  await refresh();
  if (shown) $("record-title").focus();
}

async function boot() {
  fillFilters();
  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("filter-entity").addEventListener("change", renderRecords);
  $("filter-status").addEventListener("change", renderRecords);
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("confirm-go").addEventListener("click", confirmAction);
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
