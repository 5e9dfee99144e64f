// app.js — the search page: the URL hash holds the whole state (q, filters, sort, page, item).
'use strict';

const FACETS = [
  ['municipality', 'kommune', 'Kommune'],
  ['committee', 'udvalg', 'Udvalg'],
  ['type', 'type', 'Sagstype'],
  ['outcome', 'udfald', 'Udfald'],
  ['kle', 'kle', 'KLE-emne'],
  ['kind', 'dokument', 'Dokument'],
];
const PAGE = 10;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'height') e.style.height = v; // CSSOM, allowed by the page's CSP (inline style attributes are not)
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

// State <-> URL hash: #q=…&kommune=…&udvalg=…&type=…&udfald=…&kle=…&dokument=…&aar=…&sort=…&side=…&item=…&moede=…
function readState() {
  const p = new URLSearchParams(location.hash.slice(1));
  const st = { q: p.get('q') || '', sort: p.get('sort') || 'relevance', page: +(p.get('side') || 1), item: p.get('item'),
    meeting: p.get('moede'), f: {} };
  for (const [, key] of FACETS) st.f[key] = p.getAll(key);
  st.f.aar = p.getAll('aar');
  return st;
}
function writeState(st) {
  const p = new URLSearchParams();
  if (st.q) p.set('q', st.q);
  for (const [key, vals] of Object.entries(st.f)) for (const v of vals) p.append(key, v);
  if (st.sort !== 'relevance') p.set('sort', st.sort);
  if (st.page > 1) p.set('side', st.page);
  if (st.item) p.set('item', st.item);
  if (st.meeting) p.set('moede', st.meeting);
  location.hash = p.toString();
}

// The query sent to the API: the typed text plus filters in the query language.
function apiQuery(st) {
  const parts = [st.q.trim()];
  for (const [key, vals] of Object.entries(st.f)) {
    for (const v of vals) {
      if (key === 'aar') parts.push('dato:' + v);
      else parts.push(key + ':"' + v.replace(/"/g, '') + '"');
    }
  }
  return parts.filter(Boolean).join(' ');
}

async function getJSON(url) {
  const r = await fetch(url);
  const body = await r.json().catch(() => ({ error: 'svaret kunne ikke læses' }));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function setFilter(st, key, value, on) {
  const list = st.f[key] || (st.f[key] = []);
  const i = list.indexOf(value);
  if (on && i < 0) list.push(value);
  if (!on && i >= 0) list.splice(i, 1);
  st.page = 1;
  st.item = null;
  st.meeting = null;
  writeState(st);
}

// Links: to an item, to a whole meeting (in the page), to the official source (the portal).
function itemLink(id, text) {
  return el('a', { href: '#', onclick: (e) => { e.preventDefault(); const st = readState(); st.item = id; st.meeting = null; writeState(st); } }, text);
}
function meetingLink(id, text) {
  return el('a', { href: '#', class: 'meeting-link', onclick: (e) => { e.preventDefault(); const st = readState(); st.meeting = id; st.item = null; writeState(st); } }, text);
}
function sourceLink(url) {
  // only the http(s) addresses the indexer accepts from a sidecar
  return url && /^https?:\/\//.test(url) ? el('a', { href: url, class: 'source-link', rel: 'noopener noreferrer', target: '_blank' }, 'Kilde ↗') : null;
}
function kindBadge(kind) {
  return kind === 'dagsorden' ? el('span', { class: 'badge dagsorden', title: 'Dagsorden: mødet er ikke holdt, eller referatet er ikke indlæst' }, 'dagsorden') : null;
}
function links(h) {
  const kids = [h.meeting ? meetingLink(h.meeting, 'Hele mødet') : null, sourceLink(h.url)].filter(Boolean);
  if (!kids.length) return null;
  const box = el('div', { class: 'links' });
  kids.forEach((k, i) => { if (i) box.append(' · '); box.append(k); });
  return box;
}

// The snippet is HTML from the server with only <mark>; rebuild it safely from text.
function snippetNode(html) {
  const p = el('p', { class: 'snippet' });
  const parts = (html || '').split(/(<mark>|<\/mark>)/);
  let marked = false;
  const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) p.append(marked ? el('mark', {}, decode(part)) : decode(part));
  }
  return p;
}

function renderFacets(st, facets) {
  const box = $('facets');
  box.replaceChildren();
  const years = (facets.year || []).slice().sort((a, b) => a.value.localeCompare(b.value));
  if (years.length) {
    const max = Math.max(...years.map((y) => y.count));
    box.append(el('h3', {}, 'År'));
    const bars = el('div', { class: 'years', role: 'list' });
    for (const y of years) {
      const on = st.f.aar.includes(y.value);
      bars.append(el('a', { href: '#', role: 'listitem', class: on ? 'on' : '', title: `${y.value}: ${y.count} punkter`,
        height: `${Math.max(4, (100 * y.count) / max)}%`,
        onclick: (e) => { e.preventDefault(); setFilter(st, 'aar', y.value, !on); } }, el('span', {}, y.value.slice(2))));
    }
    box.append(bars, el('div', { class: 'spacer' }));
  }
  for (const [name, key, label] of FACETS) {
    const vals = facets[name] || [];
    if (!vals.length) continue;
    box.append(el('h3', {}, label));
    const ul = el('ul');
    for (const v of vals.slice(0, 12)) {
      const value = key === 'kle' ? v.value.split(' ')[0] : v.value;
      const on = (st.f[key] || []).includes(value);
      ul.append(el('li', {}, el('a', { href: '#', class: on ? 'on' : '', 'aria-pressed': on,
        onclick: (e) => { e.preventDefault(); setFilter(st, key, value, !on); } }, el('span', {}, v.value), el('span', { class: 'count' }, String(v.count)))));
    }
    box.append(ul);
  }
}

function renderChips(st) {
  const box = $('chips');
  box.replaceChildren();
  for (const [key, vals] of Object.entries(st.f)) {
    for (const v of vals) {
      box.append(el('span', { class: 'chip' }, `${key}: ${v}`,
        el('button', { type: 'button', 'aria-label': `Fjern filter ${key}: ${v}`, onclick: () => setFilter(st, key, v, false) }, '×')));
    }
  }
}

function itemLabel(h) {
  const n = h.number || (h.number === undefined ? h.item : null);
  return `${n ? 'Punkt ' + n + ': ' : ''}${h.title || '(uden titel)'}`;
}

function hitNode(h) {
  const out = (h.outcome || []).map((o) => el('span', { class: 'badge ' + o.split(' ')[0] }, o));
  const snip = snippetNode(h.snippet);
  if (h.snippet_attachment) snip.prepend(el('span', { class: 'from-attachment' }, `Fra bilaget »${h.snippet_attachment}«: `));
  return el('li', {},
    el('h2', {}, itemLink(h.id, itemLabel(h))),
    el('div', { class: 'meta' }, `${h.date || ''} · ${h.municipality || ''} · ${h.committee || ''}`,
      h.case ? ` · sag ${h.case}` : '', h.closed ? el('span', { class: 'badge' }, 'lukket') : null, kindBadge(h.kind), ...out),
    snip, links(h));
}

async function search(st) {
  $('item').hidden = true;
  $('meeting').hidden = true;
  $('results').hidden = false;
  $('facets').hidden = false;
  renderChips(st);
  const q = apiQuery(st);
  if (!q) {
    $('status').textContent = 'Skriv et eller flere ord, et sagsnummer eller en frase.';
    $('hits').replaceChildren();
    $('facets').replaceChildren();
    $('pager').replaceChildren();
    return;
  }
  $('status').textContent = 'Søger …';
  try {
    const url = `/api/search?q=${encodeURIComponent(q)}&limit=${PAGE}&offset=${(st.page - 1) * PAGE}&sort=${st.sort}`;
    const r = await getJSON(url);
    const status = [`${r.total} punkter fundet`];
    if (r.fallback) status.push('(ingen punkter havde alle ord; viser punkter med mindst ét af dem)');
    $('status').replaceChildren(status.join(' '));
    if (r.spelling) {
      $('status').append(' Mente du: ', el('a', { href: '#', onclick: (e) => { e.preventDefault(); st.q = r.spelling; st.page = 1; writeState(st); } }, r.spelling), '?');
    }
    const sort = el('select', { 'aria-label': 'Sortering', onchange: (e) => { st.sort = e.target.value; st.page = 1; writeState(st); } },
      ...[['relevance', 'Relevans'], ['-date', 'Nyeste først'], ['date', 'Ældste først']].map(([v, t]) => {
        const o = el('option', { value: v }, t); if (v === st.sort) o.selected = true; return o; }));
    $('status').append(' ', sort);
    $('hits').replaceChildren(...r.hits.map(hitNode));
    renderFacets(st, r.facets);
    const pages = Math.ceil(r.total / PAGE);
    const pager = $('pager');
    pager.replaceChildren();
    if (st.page > 1) pager.append(el('button', { type: 'button', onclick: () => { st.page--; writeState(st); } }, '← Forrige'));
    if (pages > 1) pager.append(` Side ${st.page} af ${pages} `);
    if (st.page < pages) pager.append(el('button', { type: 'button', onclick: () => { st.page++; writeState(st); } }, 'Næste →'));
  } catch (err) {
    $('status').textContent = 'Fejl: ' + err.message;
    $('hits').replaceChildren();
  }
}

async function showItem(st) {
  const box = $('item');
  $('results').hidden = true;
  $('facets').hidden = true;
  $('meeting').hidden = true;
  box.hidden = false;
  box.replaceChildren('Henter punktet …');
  try {
    const it = await getJSON('/api/item/' + encodeURIComponent(st.item).replace(/%2F/g, '/'));
    const back = el('a', { href: '#', onclick: (e) => { e.preventDefault(); st.item = null; writeState(st); } }, '← Tilbage til resultaterne');
    const secs = [];
    const bytes = new TextEncoder().encode(it.text || ''); // section offsets are UTF-8 byte offsets
    const dec = new TextDecoder();
    for (const s of it.sections || []) {
      const from = (it.attachment_text || []).find((a) => a[0] === s.start);
      secs.push(el('h3', { class: from ? 'attachment' : '' }, s.heading || s.name), el('pre', {}, dec.decode(bytes.slice(s.start, s.end))));
    }
    const decs = el('ul', {}, ...(it.decisions || []).map((d) =>
      el('li', {}, `${d.date || ''} ${d.committee || ''}: `, el('span', { class: 'badge ' + d.outcome.split(' ')[0] }, d.outcome))));
    const atts = (it.attachments || []).length
      ? [el('h3', {}, 'Bilag'), el('ul', { class: 'attachments' }, ...it.attachments.map((a) => el('li', {}, a)))] : [];
    box.replaceChildren(back,
      el('h2', {}, itemLabel(it)),
      el('p', { class: 'meta' }, `${it.date || ''} · ${it.municipality} · ${it.committee || ''} · ${it.type}`, it.case ? ` · sag ${it.case}` : '',
        kindBadge(it.kind)),
      links(it),
      el('h3', {}, 'Beslutninger'), decs, ...secs, ...atts);
    if (it.case) {
      const hist = await getJSON('/api/case/' + encodeURIComponent(it.case));
      box.append(el('h3', {}, `Sagens forløb (${hist.items.length} behandlinger)`),
        el('ol', { class: 'timeline' }, ...hist.items.map((h) => el('li', {},
          el('a', { href: '#', onclick: (e) => { e.preventDefault(); st.item = h.id; writeState(st); } }, `${h.date} ${h.committee}: punkt ${h.item} ${h.title}`),
          ' ', ...(h.decisions || []).map((d) => el('span', { class: 'badge ' + d.outcome.split(' ')[0] }, d.outcome))))));
    }
  } catch (err) {
    box.replaceChildren('Fejl: ' + err.message);
  }
}

// A whole meeting: its data, the official source and every item in agenda order.
async function showMeeting(st) {
  const box = $('meeting');
  $('results').hidden = true;
  $('facets').hidden = true;
  $('item').hidden = true;
  box.hidden = false;
  box.replaceChildren('Henter mødet …');
  try {
    const m = await getJSON('/api/meeting/' + encodeURIComponent(st.meeting));
    const back = el('a', { href: '#', onclick: (e) => { e.preventDefault(); st.meeting = null; writeState(st); } }, '← Tilbage til resultaterne');
    const items = el('ol', { class: 'agenda' }, ...(m.items || []).map((it) => el('li', {},
      it.closed ? el('span', {}, `${itemLabel(it)} `, el('span', { class: 'badge' }, 'lukket')) : itemLink(it.id, itemLabel(it)),
      it.case ? el('span', { class: 'meta' }, ` · sag ${it.case}`) : null,
      ' ', ...(it.outcome || []).map((o) => el('span', { class: 'badge ' + o.split(' ')[0] }, o)))));
    const src = sourceLink(m.url);
    box.replaceChildren(back,
      el('h2', {}, `${m.committee || 'Møde'} ${m.date || ''}`),
      el('p', { class: 'meta' }, `${m.municipality || ''}${m.time ? ' · kl. ' + m.time : ''} · ${m.kind || ''} · ${(m.items || []).length} punkter`),
      src ? el('div', { class: 'links' }, src) : null, items);
  } catch (err) {
    box.replaceChildren('Fejl: ' + err.message);
  }
}

function route() {
  const st = readState();
  $('q').value = st.q;
  if (st.item) showItem(st); else if (st.meeting) showMeeting(st); else search(st);
}

$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  const st = readState();
  st.q = $('q').value;
  st.page = 1;
  st.item = null;
  st.meeting = null;
  writeState(st);
  if (location.hash.slice(1) === new URLSearchParams({ q: st.q }).toString()) route();
});
$('helpbtn').addEventListener('click', () => {
  const h = $('help');
  h.hidden = !h.hidden;
  $('helpbtn').setAttribute('aria-expanded', String(!h.hidden));
});
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement !== $('q')) { e.preventDefault(); $('q').focus(); }
  if (e.key === 'Escape') $('help').hidden = true;
});
window.addEventListener('hashchange', route);
route();
