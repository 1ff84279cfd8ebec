// The live status page: polls /mcp/status every 2 s and fills the page. Values are set as text, never as HTML,
// so nothing a status document holds (upstream names, error messages) can inject markup.
// With authentication on, /mcp/status needs a key: the page asks for one, keeps it in sessionStorage (this tab
// only, gone when it closes) and sends it as "Authorization: Bearer". A tenant's key shows its own view, an
// operator's everything. The key is never written into the page.
"use strict";

const POLL_MS = 2000;

const KEY_ITEM = "mcp-bridge.status.api-key";

/** Why a section is missing from the document: set per document (a tenant's view omits the fleet). */
let missingReason = "no answer";

let timer;

function storedKey() {
  try {
    return sessionStorage.getItem(KEY_ITEM);
  }
  catch (blocked) {
    return null;
  }
}

function storeKey(key) {
  try {
    sessionStorage.setItem(KEY_ITEM, key);
  }
  catch (blocked) {
    // Storage refused (privacy mode): the key cannot be kept, the next poll asks again.
  }
}

function forgetKey() {
  try {
    sessionStorage.removeItem(KEY_ITEM);
  }
  catch (blocked) {
    // Nothing was stored.
  }
}

// A key may be handed over once in the fragment (/status#key=...), which browsers never send to a server: it is
// moved to sessionStorage and removed from the address bar at once.
function keyFromFragment() {
  const match = /^#key=(.+)$/.exec(location.hash);
  if (match) {
    storeKey(decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
}

function askForKey(message) {
  const badge = $("bridge-status");
  badge.textContent = "API key needed";
  badge.className = "badge locked";
  text("key-message", message);
  $("key-form").hidden = false;
  $("forget-key").hidden = true;
  text("updated", "waiting for an API key");
}

function $(id) {
  return document.getElementById(id);
}

function text(id, value) {
  $(id).textContent = value;
}

function number(value, digits) {
  if (typeof value !== "number") {
    return "–";
  }
  return value.toLocaleString("en-US", { maximumFractionDigits: digits === undefined ? 0 : digits });
}

function percent(ratio) {
  return typeof ratio === "number" ? number(ratio * 100, 1) + " %" : "–";
}

function unavailable(section) {
  return section && section.status === "unavailable";
}

/** Replaces a table's rows: header names, then one row per entry as [name, ...cells]. */
function fillTable(table, header, rows) {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const name of header) {
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const cells of rows) {
    const row = body.insertRow();
    for (const cell of cells) {
      row.insertCell().textContent = cell;
    }
  }
  if (rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = header.length;
    cell.textContent = "none";
  }
}

function fillUnavailable(table, section) {
  table.replaceChildren();
  const cell = table.createTBody().insertRow().insertCell();
  cell.className = "unavailable";
  cell.textContent = "unavailable: " + (section.error || missingReason);
}

function renderSummary(doc) {
  const bridge = doc.bridge || {};
  const badge = $("bridge-status");
  badge.textContent = bridge.status || "unknown";
  badge.className = "badge " + (bridge.status || "");
  text("bridge-line", ["version " + (bridge.version || "?"), "gateway " + (bridge.gateway_id || "?"),
    "up " + number(bridge.uptime_seconds) + " s"].join(" · "));
  text("workers", number(bridge.workers));
  text("sessions", unavailable(doc.sessions) ? "n/a" : number((doc.sessions || {}).active));
  text("pending", unavailable(doc.queue) ? "n/a" : number((doc.queue || {}).pending));
  const perf = doc.performance || {};
  text("rps", number(perf.requests_per_second, 1));
  text("error-rate", percent(perf.error_rate));
  text("latency", number(perf.p50_at_most_ms) + " / " + number(perf.p99_at_most_ms) + " ms");
  text("cache-hit-rate", percent((doc.cache || {}).hit_rate));
}

function renderQueue(queue) {
  const table = $("queue");
  if (!queue || unavailable(queue)) {
    fillUnavailable(table, queue || {});
    return;
  }
  const rows = Object.entries(queue.by_priority || {}).map(([priority, q]) =>
    [priority, q.topic, number(q.lag), number(q.buffered_in_workers), number(q.end_offset)]);
  fillTable(table, ["priority", "topic", "lag", "buffered in workers", "queued ever"], rows);
}

function renderUpstreams(upstreams) {
  const table = $("upstreams");
  if (!upstreams || unavailable(upstreams)) {
    fillUnavailable(table, upstreams || {});
    return;
  }
  const rows = Object.entries(upstreams).map(([name, u]) => [name, number(u.workers), number(u.live),
    number(u.busy), number(u.idle), number(u.in_flight), number(u.waiting_calls), number(u.restarts),
    number(u.calls), number(u.errors)]);
  fillTable(table, ["upstream", "workers", "processes", "busy", "idle", "in flight", "waiting", "restarts",
    "calls", "errors"], rows);
}

function renderWorkers(workers) {
  const table = $("worker-list");
  if (!workers || unavailable(workers)) {
    fillUnavailable(table, workers || {});
    return;
  }
  const rows = Object.entries(workers).map(([id, w]) => [id, (w.upstreams || []).join(", "),
    number(Object.values(w.buffered || {}).reduce((a, b) => a + b, 0)), w.started || "", w.reported || ""]);
  fillTable(table, ["worker", "upstreams", "buffered", "started", "reported"], rows);
}

// Sections this page has no layout for yet (circuit breakers, rate limits, ...): shown as flat tables, so a
// newer gateway's document is never hidden by an older page.
const KNOWN = new Set(["bridge", "sessions", "queue", "cache", "performance", "upstreams", "workers"]);

function renderExtra(doc) {
  const extra = $("extra");
  extra.replaceChildren();
  for (const [name, section] of Object.entries(doc)) {
    if (KNOWN.has(name) || typeof section !== "object" || section === null) {
      continue;
    }
    const title = document.createElement("h2");
    title.textContent = name.replace(/_/g, " ");
    const table = document.createElement("table");
    const rows = Object.entries(section).map(([key, value]) =>
      [key, typeof value === "object" ? JSON.stringify(value) : String(value)]);
    fillTable(table, ["name", "value"], rows);
    const scroll = document.createElement("div");
    scroll.className = "scroll";
    scroll.appendChild(table);
    extra.append(title, scroll);
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(refresh, POLL_MS);
}

async function refresh() {
  const key = storedKey();
  const headers = { Accept: "application/json" };
  if (key) {
    headers.Authorization = "Bearer " + key;
  }
  let keyNeeded = false;
  try {
    const response = await fetch("/mcp/status", { cache: "no-store", headers: headers });
    if (response.status === 401) {
      // Polling stops until a key is given: a refused key is dropped, never retried.
      keyNeeded = true;
      forgetKey();
      askForKey(key ? "That API key was refused." : "This bridge requires an API key.");
      return;
    }
    if (!response.ok) {
      throw new Error("HTTP " + response.status);
    }
    const doc = await response.json();
    const tenantView = doc.tenant !== undefined && doc.workers === undefined;
    missingReason = tenantView ? "shown to operator keys only" : "no answer";
    $("key-form").hidden = true;
    $("forget-key").hidden = !key;
    renderSummary(doc);
    if (tenantView) {
      text("bridge-line", $("bridge-line").textContent + " · tenant " + doc.tenant.id);
    }
    renderQueue(doc.queue);
    renderUpstreams(doc.upstreams);
    renderWorkers(doc.workers);
    renderExtra(doc);
    text("updated", "updated " + new Date().toLocaleTimeString());
  }
  catch (failure) {
    const badge = $("bridge-status");
    badge.textContent = "unreachable";
    badge.className = "badge down";
    text("updated", "last attempt failed: " + failure.message);
  }
  finally {
    if (!keyNeeded) {
      schedule();
    }
  }
}

function start() {
  keyFromFragment();
  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("api-key");
    const key = input.value.trim();
    input.value = "";
    if (key) {
      storeKey(key);
      refresh();
    }
  });
  $("forget-key").addEventListener("click", () => {
    forgetKey();
    clearTimeout(timer);
    refresh();
  });
  refresh();
}

document.addEventListener("DOMContentLoaded", start);
