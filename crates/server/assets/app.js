// demarche dashboard: code a pasted document, and follow a dyad over time. No framework, no CDN.
"use strict";

const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

async function api(path, options) {
  const res = await fetch(path, options);
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

// ---- routing
function route() {
  const hash = location.hash || "#/";
  const dyad = hash.match(/^#\/dyad\/([^/]+)\/([^/]+)/);
  $("#page-code").hidden = !!dyad;
  $("#page-dyad").hidden = !dyad;
  if (dyad) {
    $("#dyad-a").value = decodeURIComponent(dyad[1]);
    $("#dyad-b").value = decodeURIComponent(dyad[2]);
    showDyad();
  }
}
window.addEventListener("hashchange", route);

// ---- code a document
// Byte offsets from the API -> string indices in JavaScript (UTF-16).
function byteToIndex(text) {
  const map = new Map();
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    map.set(bytes, i);
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (cp >= 0x10000) i++;
  }
  map.set(bytes, text.length);
  return (b) => map.get(b) ?? text.length;
}

function renderSentence(text, s, mentions, idx) {
  const ms = mentions.filter((m) => m.sentence === s.index).sort((a, b) => a.start - b.start);
  let out = "", at = s.start;
  for (const m of ms) {
    if (m.start < at) continue;
    out += esc(text.slice(idx(at), idx(m.start)));
    const title = `${m.code} (${m.kind})${m.resolved_from ? " = " + m.resolved_from : ""}`;
    out += `<span class="mention" title="${esc(title)}">${esc(text.slice(idx(m.start), idx(m.end)))}</span>`;
    at = m.end;
  }
  out += esc(text.slice(idx(at), idx(s.end)));
  return out;
}

function renderEvent(e) {
  const g = Number(e.goldstein);
  return `<div class="event">
    <span class="dyad">${esc(e.source || "—")} → ${esc(e.target || "—")}</span>
    <b>${esc(e.code)}</b> ${esc(e.name)}
    <span class="${g >= 0 ? "g-pos" : "g-neg"}">Goldstein ${g >= 0 ? "+" : ""}${g.toFixed(1)}</span>
    <span>${esc(e.date || "undated")}${e.date_precision && e.date_precision !== "document" ? " (" + esc(e.date_precision) + ")" : ""}</span>
    ${e.negated ? `<em>${esc(e.modality)}</em>` : ""}
    <details><summary>why</summary>${esc(e.explanation)}</details>
  </div>`;
}

async function codeDocument(ev) {
  ev.preventDefault();
  const text = $("#text").value;
  if (!text.trim()) { $("#code-status").textContent = "Paste or upload a document first."; return; }
  $("#code-status").textContent = "Coding…";
  try {
    const body = { text };
    if ($("#date").value) body.date = $("#date").value;
    const r = await api("/api/code", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const idx = byteToIndex(text);
    let html = "", lastSpeaker = null;
    for (const s of r.sentences) {
      const evs = r.events.filter((e) => e.start === s.start);
      const who = s.speaker && s.speaker !== lastSpeaker ? `<span class="speaker">${esc(s.speaker)}</span> · ` : "";
      lastSpeaker = s.speaker;
      html += `<div class="sentence sec-${s.section}" data-section="${s.section}">
        <div><div class="meta">${who}${esc(s.section)} · line ${s.line}</div>${renderSentence(text, s, r.mentions, idx)}</div>
        <div class="events">${evs.map(renderEvent).join("")}</div>
      </div>`;
    }
    $("#result").innerHTML = html;
    $("#legend").hidden = false;
    $("#code-status").textContent = `${r.sentences.length} sentences, ${r.mentions.length} actor mentions, ${r.events.length} events.`;
  } catch (err) {
    $("#code-status").textContent = "Error: " + err.message;
  }
}

$("#code-form").addEventListener("submit", codeDocument);
$("#file").addEventListener("change", async () => {
  const f = $("#file").files[0];
  if (!f) return;
  let text = await f.text();
  if (/\.html?$/i.test(f.name)) {
    const doc = new DOMParser().parseFromString(text, "text/html");
    doc.querySelectorAll("script,style,nav,footer,aside").forEach((n) => n.remove());
    text = [...doc.body.querySelectorAll("h1,h2,h3,p,li,blockquote")].map((n) => n.textContent.trim()).filter(Boolean).join("\n");
  }
  $("#text").value = text;
});

// ---- dyad over time
let lastRelations = null;

function drawChart(rel) {
  const rows = rel.rows;
  const W = 900, H = 320, L = 48, R = 16, T = 16, B = 48;
  if (!rows.length) { $("#chart").innerHTML = "<p>No dated events for this dyad.</p>"; return; }
  const x = (i) => L + (rows.length === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (rows.length - 1));
  const y = (g) => T + ((10 - g) * (H - T - B)) / 20;
  let svg = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Mean Goldstein by period, official and reported">`;
  for (const g of [-10, -5, 0, 5, 10]) {
    svg += `<line x1="${L}" x2="${W - R}" y1="${y(g)}" y2="${y(g)}" stroke="#e3e8ee"/><text x="${L - 6}" y="${y(g) + 4}" text-anchor="end">${g > 0 ? "+" : ""}${g}</text>`;
  }
  rows.forEach((r, i) => {
    if (rows.length <= 24 || i % Math.ceil(rows.length / 24) === 0) svg += `<text x="${x(i)}" y="${H - B + 18}" text-anchor="middle">${esc(r.period)}</text>`;
  });
  for (const [key, cls] of [["official", "official"], ["reported", "reported"]]) {
    const pts = rows.map((r, i) => [i, r.both[key].goldstein_mean]).filter(([, g]) => g !== null);
    if (pts.length) {
      svg += `<polyline class="${cls}" fill="none" stroke-width="2.5" points="${pts.map(([i, g]) => `${x(i)},${y(g)}`).join(" ")}"/>`;
      for (const [i, g] of pts) {
        svg += `<circle class="${cls} point" data-period="${esc(rows[i].period)}" data-series="${key}" cx="${x(i)}" cy="${y(g)}" r="6" fill="#fff" stroke-width="2.5"><title>${esc(rows[i].period)} ${key}: ${g.toFixed(2)} (${rows[i].both[key].events} events)</title></circle>`;
      }
    }
  }
  svg += `<g transform="translate(${L + 8},${H - 12})"><line x1="0" x2="20" y1="-4" y2="-4" class="official" stroke-width="3"/><text x="26" y="0">official (statements, answers)</text>
          <line x1="230" x2="250" y1="-4" y2="-4" class="reported" stroke-width="3"/><text x="256" y="0">reported (narrative, headlines)</text></g></svg>`;
  $("#chart").innerHTML = svg;
  $("#chart").querySelectorAll("circle.point").forEach((c) => c.addEventListener("click", () => showPoint(c.dataset.period, c.dataset.series)));
}

function periodRange(period) {
  if (/^\d{4}$/.test(period)) return [`${period}-01-01`, `${period}-12-31`];
  if (/^\d{4}-\d{2}$/.test(period)) return [`${period}-01`, `${period}-31`];
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return [period, period];
  const w = period.match(/^(\d{4})-W(\d{2})$/);
  if (w) {
    const jan4 = new Date(Date.UTC(+w[1], 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+w[2] - 1) * 7 * 864e5);
    const sunday = new Date(monday.getTime() + 6 * 864e5);
    return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
  }
  return [null, null];
}

async function showPoint(period, series) {
  const [from, to] = periodRange(period);
  const a = $("#dyad-a").value.trim(), b = $("#dyad-b").value.trim();
  const q = new URLSearchParams({ dyad: `${a}-${b}`, per_page: "200" });
  if (from) q.set("from", from);
  if (to) q.set("to", to);
  const r = await api(`/api/events?${q}`);
  const want = series === "official" ? ["statement", "answer"] : ["narrative", "headline"];
  const evs = r.events.filter((e) => want.includes(e.section));
  $("#point-title").hidden = false;
  $("#point-title").textContent = `${a}–${b}, ${period}: ${evs.length} ${series} events`;
  $("#point-events").innerHTML = `<table class="events"><tr><th>date</th><th>dyad</th><th>event</th><th>Goldstein</th><th>section</th><th class="sentence-col">sentence</th></tr>` +
    evs.map((e) => `<tr><td>${esc(e.date)}</td><td>${esc(e.source)} → ${esc(e.target)}</td><td>${esc(e.code)} ${esc(e.name)}</td><td>${e.goldstein}</td><td>${esc(e.section)}${e.speaker ? " (" + esc(e.speaker) + ")" : ""}</td><td class="sentence-col">${esc(e.sentence)}</td></tr>`).join("") + "</table>";
}

async function showDyad(ev) {
  if (ev) {
    ev.preventDefault();
    const target = `#/dyad/${encodeURIComponent($("#dyad-a").value.trim())}/${encodeURIComponent($("#dyad-b").value.trim())}`;
    if (location.hash !== target) { location.hash = target; return; }
  }
  const a = $("#dyad-a").value.trim(), b = $("#dyad-b").value.trim();
  $("#dyad-status").textContent = "Loading…";
  try {
    const rel = await api(`/api/relations/${encodeURIComponent(a)}/${encodeURIComponent(b)}?by=${$("#dyad-by").value}`);
    lastRelations = rel;
    drawChart(rel);
    if (typeof drawDyadMap === "function") drawDyadMap(a, b, $("#map"));
    $("#gap").textContent = rel.gap.statement;
    $("#dyad-status").textContent = `${rel.total.both.all.events} distinct events (${rel.total.both.all.reports} reports) between ${rel.a} and ${rel.b}. Click a point for its events.`;
  } catch (err) {
    $("#chart").innerHTML = "";
    $("#dyad-status").textContent = "Error: " + err.message;
  }
}

$("#dyad-form").addEventListener("submit", showDyad);
$("#dyad-by").addEventListener("change", () => showDyad());
route();
