// Inlined into CHANNEL_QUALITY_coverage.html by CoveragePage. Two jobs:
// 1. every 30 s, reload each map image past the cache (the scroll position stays: only the
//    images' query strings change, never the page);
// 2. fetch every node's CHANNEL_QUALITY_coverage.json and show, per hour, the time no node
//    has: the same computation as ClusterHoles.java.
"use strict";
const HOUR_US = 3600e6;
const nodes = JSON.parse(document.getElementById("nodes").textContent);

// "2019-11-13T02:45:51.608000Z" -> epoch microseconds (Date.parse knows milliseconds only).
function micros(ts) {
  return Date.parse(ts.slice(0, 19) + "Z") * 1000 + parseInt(ts.slice(20, 26), 10);
}

function intersect(a, b) {
  const out = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i][0], b[j][0]), to = Math.min(a[i][1], b[j][1]);
    if (from < to) out.push([from, to]);
    if (a[i][1] < b[j][1]) i++; else j++;
  }
  return out;
}

// coverages: one parsed _coverage.json per node that answered. Returns [[hourName, start, holes]].
function clusterHoles(coverages) {
  const hours = new Map();
  for (const c of coverages) for (const h of c.hours) hours.set(micros(h.start), h.hour);
  return [...hours.keys()].sort((x, y) => x - y).map(start => {
    let missing = [[start, start + HOUR_US]];
    for (const c of coverages) {
      const h = c.hours.find(x => micros(x.start) === start);
      if (h && h.has_segments) missing = intersect(missing, h.map_hole_intervals.map(p => [micros(p[0]), micros(p[1])]));
    }
    return [hours.get(start), start, missing];
  });
}

function clock(us) {
  return new Date(us / 1000).toISOString().slice(11, 23);
}

async function refreshCluster() {
  const answered = [], failed = [];
  await Promise.all(nodes.map(async n => {
    try {
      const r = await fetch(n.json + "?t=" + Date.now(), {cache: "no-store"});
      if (!r.ok) throw new Error("HTTP " + r.status);
      answered.push(await r.json());
    } catch (e) {
      failed.push(n.name);
    }
  }));
  const rows = clusterHoles(answered);
  window.clusterHoles = rows; // for tests and the console
  const body = document.getElementById("cluster-rows");
  body.replaceChildren(...rows.map(([hour, , holes]) => {
    const tr = document.createElement("tr");
    const seconds = holes.reduce((s, h) => s + (h[1] - h[0]), 0) / 1e6;
    for (const text of [hour, seconds.toFixed(3),
        holes.slice(0, 10).map(h => clock(h[0]) + "–" + clock(h[1])).join(", ") + (holes.length > 10 ? ", …" : "")]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
    }
    if (seconds > 0) tr.className = "lost";
    return tr;
  }));
  document.getElementById("cluster-note").textContent =
      answered.length + " of " + nodes.length + " nodes answered" + (failed.length ? "; no data from " + failed.join(", ") : "");
  document.body.dataset.clusterReady = "true";
}

function refreshImages() {
  const t = Date.now();
  for (const img of document.querySelectorAll("img.map")) img.src = img.dataset.src + "?t=" + t;
}

refreshCluster();
setInterval(() => { refreshImages(); refreshCluster(); }, 30000);
