// app.js — the search page. The URL is the state: /?q=…&kommune=… (a search), /punkt/{id},
// /sag/{case}, /moede/{id} (the search's parameters ride along, for "tilbage" and highlighting).
// The server answers every one of those paths with this page; the History API moves between them.
'use strict';

const FACETS = [ // [facet in the API answer, URL/API parameter, label, label in a chip]
  ['municipality', 'kommune', 'Kommune'],
  ['committee', 'udvalg', 'Udvalg'],
  ['type', 'type', 'Sagstype'],
  ['outcome', 'udfald', 'Udfald'],
  ['kle', 'kle', 'KLE-emne'],
  ['kind', 'dokument', 'Dokument'],
];
// every filter parameter of the URL and the API: the facets above and the years of the histogram
const FILTER_KEYS = FACETS.map(([, key]) => key).concat(['aar']);
const PAGE = 10;
const SHOWN = 8; // facet values shown before "Vis flere"
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober',
  'november', 'december'];
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'height') e.style.height = v; // CSSOM, allowed by the page's CSP (inline style attributes are not)
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) e.append(k);
  return e;
}

// ------------------------------------------------------------------ Danish words and dates

const plural = (n, one, many) => `${n.toLocaleString('da-DK')} ${n === 1 ? one : many}`;
function danishDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${+m[3]}. ${MONTHS[+m[2] - 1]} ${m[1]}` : (iso || '');
}
const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

// ------------------------------------------------------------------ state <-> URL

function readState() {
  const p = new URLSearchParams(location.search);
  const path = location.pathname;
  const st = { view: 'search', id: null, q: p.get('q') || '', sort: p.get('sort') || 'relevance',
    page: Math.max(1, parseInt(p.get('side') || '1', 10) || 1), fra: p.get('fra') || '', til: p.get('til') || '', correction: p.get('correction') || '', f: {} };
  for (const key of FILTER_KEYS) st.f[key] = p.getAll(key);
  const m = /^\/(punkt|sag|moede)\/(.+)$/.exec(path);
  if (m) {
    st.view = { punkt: 'item', sag: 'case', moede: 'meeting' }[m[1]];
    try { st.id = decodeURIComponent(m[2]); } catch { st.id = m[2]; }
  } else if (!st.q && !hasFilters(st) && !p.has('sort')) st.view = 'start';
  return st;
}
// No words (empty or a lone *): the engine lists the items newest first.
const browsing = (st) => !st.q.trim() || st.q.trim() === '*';
function hasFilters(st) { return Object.values(st.f).some((v) => v.length) || !!st.fra || !!st.til; }

// The search parameters of a state (what /?… and the API share).
function params(st, { page = true } = {}) {
  const p = new URLSearchParams();
  if (st.q) p.set('q', st.q);
  for (const key of FILTER_KEYS) for (const v of (st.f || {})[key] || []) p.append(key, v);
  if (st.fra) p.set('fra', st.fra);
  if (st.til) p.set('til', st.til);
  if (st.sort && st.sort !== 'relevance') p.set('sort', st.sort);
  if (page && st.page > 1) p.set('side', st.page);
  if (st.correction === 'off') p.set('correction', 'off');
  return p;
}
const qs = (p) => { const s = p.toString(); return s ? '?' + s : ''; };
const searchURL = (st) => '/' + qs(params(st));
const itemURL = (id, st) => '/punkt/' + encodeURIComponent(id) + qs(params(st || {}, { page: false }));
const caseURL = (c, st) => '/sag/' + encodeURIComponent(c) + qs(params(st || {}, { page: false }));
const meetingURL = (id, st) => '/moede/' + encodeURIComponent(id) + qs(params(st || {}, { page: false }));
function withParams(st) { return Object.assign({ q: '', sort: 'relevance', page: 1, fra: '', til: '', f: {} }, st); }

// Move to a URL; `focus` names the control to give focus back to after the new view is drawn.
let pendingFocus = null;
let pendingScroll = false;
function go(url, { focus = null, scroll = false, replace = false } = {}) {
  pendingFocus = focus;
  pendingScroll = scroll;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  route();
}

// Plain clicks on the page's own links move with the History API (new tab, copy link: real URLs).
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[href]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || a.target) return;
  const u = new URL(a.href, location.href);
  if (u.origin !== location.origin || !/^\/($|\?|punkt\/|sag\/|moede\/)/.test(u.pathname + u.search)) return;
  if (a.hasAttribute('download') || u.pathname.startsWith('/feed.atom')) return;
  e.preventDefault();
  go(u.pathname + u.search, { focus: a.dataset.focus || null, scroll: a.dataset.scroll === 'top' });
});
window.addEventListener('popstate', () => { pendingFocus = null; route(); });

// ------------------------------------------------------------------ API and errors

class ApiError extends Error {
  constructor(body, status) {
    super(body.error || String(status));
    this.code = body.code || '';
    this.status = status;
    this.danish = body.message || ''; // the server's Danish sentence (engine/errors_da.c, the CLI's too)
    this.position = Number.isInteger(body.position) ? body.position : null; // a character of the query
  }
}
async function getJSON(url) {
  let r;
  try { r = await fetch(url); } catch { throw new ApiError({ error: 'network', code: 'network' }, 0); }
  const body = await r.json().catch(() => ({ error: 'svaret kunne ikke læses', code: 'internal' }));
  if (!r.ok) throw new ApiError(body, r.status);
  return body;
}

// An API error in plain Danish: { text, pos } (pos: the UTF-16 index in the query it points at).
// The sentences come from the server, which has the one table (the CLI says the same); only an
// answer that never came is worded here.
function danishError(err, q) {
  let text = err.danish;
  if (err.code === 'network') text = 'Serveren svarer ikke. Prøv igen om lidt.';
  if (!text) text = 'Søgningen kunne ikke udføres. Prøv at omformulere den.';
  let pos = null;
  if (err.position !== null && err.position !== undefined && q) pos = [...q].slice(0, err.position).join('').length;
  return { text, pos };
}

function errorBox(err, q) {
  const { text, pos } = danishError(err, q);
  const box = el('div', { class: 'error', role: 'alert' }, el('p', {}, el('strong', {}, 'Fejl: '), text));
  if (pos !== null && q) {
    const chars = [...q.slice(0, pos)].length;
    const rest = [...q.slice(pos)];
    box.append(el('p', { class: 'errpos' }, `Ved tegn ${chars + 1} i søgningen: `,
      el('code', {}, q.slice(0, pos), el('mark', { class: 'at' }, rest[0] || ' '), rest.slice(1).join(''))));
    const input = $('q');
    if (input.value === q) { input.setCustomValidity(''); input.setSelectionRange(pos, pos + (rest[0] || ' ').length); }
  }
  return box;
}

// ------------------------------------------------------------------ small pieces

function kindBadge(kind) {
  return kind === 'dagsorden' ? el('span', { class: 'badge dagsorden', title: 'Dagsorden: mødet er ikke holdt, eller referatet er ikke indlæst' }, 'dagsorden') : null;
}
const outcomeBadges = (list) => (list || []).map((o) => el('span', { class: 'badge ' + o.split(' ')[0] }, o));
function sourceLink(url) {
  // only the http(s) addresses the indexer accepts from a sidecar
  return url && /^https?:\/\//.test(url) ? el('a', { href: url, class: 'source-link', rel: 'noopener noreferrer', target: '_blank' }, 'Kilde (åbner i nyt vindue)') : null;
}
function joinLinks(kids) {
  kids = kids.filter(Boolean);
  if (!kids.length) return null;
  const box = el('p', { class: 'links' });
  kids.forEach((k, i) => { if (i) box.append(' · '); box.append(k); });
  return box;
}
// A title without its item number: the number is shown apart ("Punkt 2").
const cleanTitle = (t) => (t || '').replace(/^\s*(punkt|pkt\.?)\s*\d+[a-z]?\s*[:.\-–]\s*/i, '').trim() || '(uden titel)';
const itemNo = (h) => h.number || (h.item ? String(h.item) : null);

// The snippet is HTML from the server with only <mark>; rebuild it safely from text.
function snippetNode(html) {
  const p = el('p', { class: 'snippet' });
  const parts = (html || '').split(/(<mark>|<\/mark>)/);
  let marked = false;
  const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) p.append(marked ? el('mark', {}, decode(part)) : decode(part));
  }
  return p;
}

function setTitle(t) { document.title = t ? `${t} – Referatsøg` : 'Referatsøg'; }

function show(view) {
  for (const id of ['start', 'results', 'item', 'case', 'meeting']) $(id).hidden = id !== view;
  $('facets').hidden = view !== 'results';
  $('main').classList.toggle('with-facets', view === 'results');
}

// After a view is drawn: focus the control that was used (by its data-focus name), else the
// view's heading when the view changed; scroll to the top when asked (paging, a new view).
let firstView = true; // the page as loaded (reload, new tab): focus stays at the top of the document
function settle(viewChanged, heading) {
  if (firstView) { firstView = false; pendingFocus = null; pendingScroll = false; return; }
  if (pendingFocus) {
    const t = document.querySelector(`[data-focus="${CSS.escape(pendingFocus)}"]`);
    pendingFocus = null;
    if (t) { t.focus({ preventScroll: !pendingScroll }); if (pendingScroll) window.scrollTo(0, 0); pendingScroll = false; return; }
  }
  if (pendingScroll || viewChanged) {
    window.scrollTo(0, 0);
    if (heading && (pendingScroll || document.activeElement !== $('q'))) heading.focus({ preventScroll: true });
  }
  pendingScroll = false;
}

// ------------------------------------------------------------------ the results

let stats = null; // /api/stats, once
async function getStats() {
  if (!stats) stats = await getJSON('/api/stats').catch(() => ({}));
  return stats;
}

function renderChips(st) {
  const box = $('chips');
  box.replaceChildren();
  const chip = (label, without) => el('li', { class: 'chip' }, label,
    el('a', { href: searchURL(without), 'aria-label': `Fjern filteret ${label}`, 'data-focus': 'chips' }, '×'));
  for (const [, key, label] of FACETS) {
    for (const v of st.f[key] || []) {
      const w = structuredClone(st); w.f[key] = w.f[key].filter((x) => x !== v); w.page = 1;
      box.append(chip(`${label}: ${v}`, w));
    }
  }
  for (const v of st.f.aar || []) {
    const w = structuredClone(st); w.f.aar = w.f.aar.filter((x) => x !== v); w.page = 1;
    box.append(chip(`År: ${v}`, w));
  }
  if (st.fra || st.til) {
    const w = structuredClone(st); w.fra = ''; w.til = ''; w.page = 1;
    box.append(chip(`Periode: ${st.fra || '…'} – ${st.til || '…'}`, w));
  }
  box.hidden = !box.children.length;
}

const expanded = new Set(); // facets the reader opened with "Vis flere" (kept across searches)
const facetFilter = new Map(); // what was typed in a facet's filter box (kept across searches)

function renderFacets(st, facets, years) {
  const box = $('facets');
  box.replaceChildren(el('h2', { class: 'sr' }, 'Filtre'));
  box.append(yearControl(st, years));
  for (const [name, key, label] of FACETS) {
    const vals = (facets[name] || []).slice();
    const chosen = st.f[key] || [];
    // a chosen value the answer does not count still shows (at 0), so it can be unchosen
    for (const v of chosen) if (!vals.some((x) => facetValue(key, x.value) === v)) vals.push({ value: v, count: 0 });
    if (!vals.length) continue;
    const fs = el('fieldset', { class: 'facet' }, el('legend', {}, el('h3', {}, label)));
    const ul = el('ul', { id: 'facet-' + key });
    const open = expanded.has(key);
    vals.forEach((v, i) => {
      const value = facetValue(key, v.value);
      const on = chosen.includes(value);
      const next = structuredClone(st);
      next.f[key] = on ? chosen.filter((x) => x !== value) : chosen.concat([value]);
      next.page = 1;
      const id = `f-${key}-${i}`;
      const cb = el('input', { type: 'checkbox', id, checked: on, 'data-focus': `facet:${key}:${value}`,
        onchange: () => go(searchURL(next), { focus: `facet:${key}:${value}` }) });
      // a committee is shown with its municipality (same-named committees of two municipalities are two values)
      const name = v.committee ? [v.committee, ' ', el('span', { class: 'muni' }, `(${v.municipality})`)] : v.value;
      ul.append(el('li', { hidden: !open && i >= SHOWN && !on, 'data-label': v.value.toLowerCase() },
        cb, el('label', { for: id }, el('span', { class: 'name' }, name), el('span', { class: 'count' }, v.count.toLocaleString('da-DK')))));
    });
    let more = null; // "Vis flere", hidden while the filter box shows what it found
    if (vals.length > SHOWN) {
      more = el('button', { type: 'button', class: 'more', 'aria-expanded': String(open), 'aria-controls': ul.id,
        'data-focus': `more:${key}`,
        onclick: (e) => {
          const now = !expanded.has(key);
          if (now) expanded.add(key); else expanded.delete(key);
          e.currentTarget.setAttribute('aria-expanded', String(now));
          e.currentTarget.textContent = now ? 'Vis færre' : `Vis flere (${vals.length - SHOWN})`;
          ul.querySelectorAll('li').forEach((li, i) => { li.hidden = !now && i >= SHOWN && !li.querySelector('input').checked; });
        } }, open ? 'Vis færre' : `Vis flere (${vals.length - SHOWN})`);
    }
    if (vals.length > 10) {
      // the words typed stay across the search a click starts (the reader picks the next one)
      const apply = (text) => {
        const t = text.trim().toLowerCase();
        ul.querySelectorAll('li').forEach((li, i) => {
          li.hidden = t ? !li.dataset.label.includes(t) : (!expanded.has(key) && i >= SHOWN && !li.querySelector('input').checked);
        });
        if (more) more.hidden = !!t;
      };
      const filter = el('input', { type: 'search', class: 'facet-filter', 'aria-label': `Find ${label.toLowerCase()}`,
        placeholder: `Find ${label.toLowerCase()} …`, 'data-focus': `filter:${key}`, value: facetFilter.get(key) || null,
        oninput: (e) => { facetFilter.set(key, e.target.value); apply(e.target.value); } });
      fs.append(filter);
      if (facetFilter.get(key)) apply(facetFilter.get(key));
    }
    fs.append(ul);
    if (more) fs.append(more);
    box.append(fs);
  }
}
const facetValue = (key, v) => (key === 'kle' ? v.split(' ')[0] : v);

// The year histogram: every year of the index (empty ones at zero), four-digit labels, counts
// shown; a click adds that year to the chosen ones (aar=YYYY, repeated: OR'ed), a second click
// takes it away; the counts are disjunctive, so each is what choosing that year adds; fra/til fields.
function yearControl(st, yearCounts) {
  const counts = new Map((yearCounts || []).map((y) => [y.value, y.count]));
  const s = stats || {};
  let lo = +(s.date_from || '').slice(0, 4), hi = +(s.date_to || '').slice(0, 4);
  for (const y of counts.keys()) { lo = lo ? Math.min(lo, +y) : +y; hi = hi ? Math.max(hi, +y) : +y; }
  const box = el('fieldset', { class: 'dates' }, el('legend', {}, el('h3', {}, 'Mødedato')));
  if (lo && hi && hi - lo < 60) {
    const max = Math.max(1, ...counts.values());
    const bars = el('ul', { class: 'years' });
    for (let y = lo; y <= hi; y++) {
      const n = counts.get(String(y)) || 0, chosen = st.f.aar || [], on = chosen.includes(String(y));
      const next = structuredClone(st); next.page = 1;
      next.f.aar = on ? chosen.filter((x) => x !== String(y)) : chosen.concat([String(y)]).sort();
      // read as "2020: 1 punkt"; shown as count, bar, year (CSS order)
      bars.append(el('li', {}, el('button', { type: 'button', class: 'year' + (on ? ' on' : ''), 'aria-pressed': String(on),
        'data-focus': `year:${y}`, onclick: () => go(searchURL(next), { focus: `year:${y}` }) },
      el('span', { class: 'y' }, String(y)), el('span', { class: 'sr' }, ': '),
      el('span', { class: 'n' }, n.toLocaleString('da-DK')), el('span', { class: 'sr' }, n === 1 ? ' punkt' : ' punkter'),
      el('span', { class: 'bar', height: `${n ? Math.max(6, (100 * n) / max) : 0}%` }))));
    }
    box.append(bars);
  }
  const form = el('form', { class: 'range', onsubmit: (e) => {
    e.preventDefault();
    const next = structuredClone(st); next.page = 1;
    next.fra = form.fra.value.trim(); next.til = form.til.value.trim();
    go(searchURL(next), { focus: 'range' });
  } },
  el('label', {}, 'Fra ', el('input', { name: 'fra', value: st.fra, inputmode: 'numeric', placeholder: 'ÅÅÅÅ-MM-DD', size: 10 })),
  el('label', {}, 'Til ', el('input', { name: 'til', value: st.til, inputmode: 'numeric', placeholder: 'ÅÅÅÅ-MM-DD', size: 10 })),
  el('button', { type: 'submit', 'data-focus': 'range' }, 'Vis'));
  box.append(form);
  return box;
}

// Every committee that treated an item (the meeting's first), else the meeting's committee.
const committeesOf = (h) => (h.committees && h.committees.length ? h.committees : [h.committee]).filter(Boolean);

function hitNode(h, st) {
  const snip = h.snippet ? snippetNode(h.snippet) : null;
  if (snip && h.snippet_attachment) snip.prepend(el('span', { class: 'from-attachment' }, `Fra bilaget »${h.snippet_attachment}«: `));
  const no = itemNo(h);
  return el('li', { class: 'hit' },
    el('h3', {}, el('a', { href: itemURL(h.id, st), 'data-scroll': 'top' }, cleanTitle(h.title))),
    el('p', { class: 'meta' }, no ? el('span', { class: 'no' }, `Punkt ${no}`) : null,
      [danishDate(h.date), h.municipality].filter(Boolean).join(' · '),
      committeesOf(h).length ? [' · ', el('span', { class: 'committees', title: 'Behandlet i' }, committeesOf(h).join(', '))] : null,
      h.case ? [' · Sag ', el('a', { href: caseURL(h.case, st) }, h.case)] : null,
      h.closed ? el('span', { class: 'badge' }, 'lukket') : null, kindBadge(h.kind), outcomeBadges(h.outcome)),
    snip,
    h.missing && h.missing.length ? el('p', { class: 'missing' }, 'Mangler: ',
      ...h.missing.flatMap((w, i) => [i ? ', ' : '', el('s', {}, w)])) : null,
    joinLinks([h.meeting ? el('a', { href: meetingURL(h.meeting, st), class: 'meeting-link' }, 'Hele mødet') : null, sourceLink(h.url)]));
}

let seq = 0; // the newest request: older answers that arrive late are dropped

async function showSearch(st, viewChanged) {
  show('results');
  renderChips(st);
  const q = st.q.trim();
  setTitle(q ? q : (hasFilters(st) ? 'Nyeste punkter' : ''));
  const my = ++seq;
  $('status').replaceChildren('Søger …');
  const api = params(st, { page: false });
  api.set('limit', PAGE);
  api.set('offset', (st.page - 1) * PAGE);
  api.set('facets', 'disjunctive');
  let r;
  try {
    [r] = await Promise.all([getJSON('/api/search?' + api), getStats()]);
  } catch (err) {
    if (my !== seq) return;
    // nothing of the previous search may stay: a stale facet would bring the old query back
    $('hits').replaceChildren();
    $('near-hits').replaceChildren();
    $('near').hidden = true;
    $('facets').replaceChildren();
    $('pager').replaceChildren();
    $('status').replaceChildren(errorBox(err, st.q));
    $('facets').hidden = true;
    $('main').classList.remove('with-facets');
    setTitle('Fejl');
    settle(viewChanged, $('results-h'));
    return;
  }
  if (my !== seq) return;
  const status = $('status');
  const from = r.total ? (st.page - 1) * PAGE + 1 : 0, to = Math.min(r.total, st.page * PAGE);
  const line = el('p', { class: 'count-line' }, el('strong', { id: 'total' }, plural(r.total, 'punkt', 'punkter') + ' fundet'),
    r.total > PAGE ? ` · viser ${from}–${to}` : '', browsing(st) && st.sort === 'relevance' ? ' · nyeste først' : '');
  status.replaceChildren(line);
  if (r.corrected) {
    const s = structuredClone(st); s.page = 1;
    const u = new URLSearchParams(params(s, { page: false })); u.set('correction', 'off');
    status.append(el('p', { class: 'corrected' }, 'Viser resultater for ', el('strong', {}, r.corrected), ' – søg i stedet efter ',
      el('a', { href: '/?' + u }, st.q), '.'));
  }
  if (r.fallback) status.append(el('p', {}, 'Ingen punkter havde alle ordene; viser punkter med mindst ét af dem.'));
  if (r.spelling) {
    const s = structuredClone(st); s.q = r.spelling; s.page = 1;
    status.append(el('p', {}, 'Mente du ', el('a', { href: searchURL(s) }, r.spelling), '?'));
  }
  for (const w of r.warnings || []) status.append(el('p', { class: 'warning' }, cap(w)));
  if (!r.total) status.append(noHitsHelp(st));
  const tools = el('div', { class: 'tools' });
  const sort = el('select', { id: 'sort', 'data-focus': 'sort', onchange: (e) => {
    const s = structuredClone(st); s.sort = e.target.value; s.page = 1; go(searchURL(s), { focus: 'sort' }); } },
  ...[['relevance', 'Relevans'], ['-date', 'Nyeste først'], ['date', 'Ældste først']].map(([v, t]) =>
    el('option', { value: v, selected: v === st.sort || (v === '-date' && browsing(st) && st.sort === 'relevance') }, t)));
  tools.append(el('label', { for: 'sort' }, 'Sortér: '), sort, ' ',
    el('a', { href: '/feed.atom' + qs(params(st, { page: false })), class: 'feed', type: 'application/atom+xml' }, 'Abonnér (Atom-feed)'));
  status.append(tools);
  $('hits').replaceChildren(...r.hits.map((h) => hitNode(h, st)));
  // items with some of the words, below a first page the items with every word do not fill
  const near = r.near || [];
  $('near-hits').replaceChildren(...near.map((h) => hitNode(h, st)));
  $('near').hidden = !near.length;
  renderFacets(st, r.facets || {}, (r.facets || {}).year);
  const pages = Math.ceil(r.total / PAGE);
  const pager = $('pager');
  pager.replaceChildren();
  if (pages > 1) {
    const to = (n) => { const s = structuredClone(st); s.page = n; return searchURL(s); };
    pager.append(st.page > 1 ? el('a', { href: to(st.page - 1), rel: 'prev', 'data-scroll': 'top' }, '← Forrige side') : el('span'),
      el('span', {}, `Side ${st.page} af ${pages}`),
      st.page < pages ? el('a', { href: to(st.page + 1), rel: 'next', 'data-scroll': 'top' }, 'Næste side →') : el('span'));
  }
  settle(viewChanged, $('results-h'));
}

function noHitsHelp(st) {
  const tips = [];
  if (hasFilters(st)) {
    const s = structuredClone(st); for (const k of Object.keys(s.f)) s.f[k] = []; s.fra = ''; s.til = ''; s.page = 1;
    tips.push(el('li', {}, el('a', { href: searchURL(s) }, 'Søg uden filtrene')));
  }
  tips.push(el('li', {}, 'Brug færre eller mere almindelige ord; sammensatte ord findes også som dele (misbrug finder misbrugsområdet).'));
  tips.push(el('li', {}, 'Skriv ', el('code', {}, 'ord1 OR ord2'), ' for at finde punkter med et af ordene.'));
  return el('div', { class: 'nohits' }, el('p', {}, 'Ingen punkter matchede. Prøv at:'), el('ul', {}, tips));
}

// ------------------------------------------------------------------ the start page

async function showStart(viewChanged) {
  show('start');
  setTitle('');
  const box = $('start');
  if (!box.dataset.done) {
    box.replaceChildren(el('h2', { id: 'start-h', tabindex: '-1' }, 'Søg i danske kommuners referater'), el('p', {}, 'Henter oversigten …'));
    try {
      const [s, newest] = await Promise.all([getStats(), getJSON('/api/search?q=&sort=-date&limit=40')]);
      const li = (key, v) => el('li', {}, el('a', { href: '/?' + new URLSearchParams({ [key]: v.value }) }, v.value),
        ' ', el('span', { class: 'count' }, `(${v.count.toLocaleString('da-DK')})`));
      const meetings = [];
      for (const h of newest.hits) {
        if (!h.meeting || meetings.some((m) => m.meeting === h.meeting)) continue;
        meetings.push(h);
      }
      box.replaceChildren(
        el('h2', { id: 'start-h', tabindex: '-1' }, 'Søg i danske kommuners referater'),
        el('p', { class: 'lead' }, `Arkivet har ${plural(s.items || 0, 'punkt', 'punkter')} fra ${plural(s.meetings || 0, 'møde', 'møder')}`,
          s.date_from ? ` (${danishDate(s.date_from)} – ${danishDate(s.date_to)})` : '', '. ',
          el('a', { href: '/?q=*' }, 'Se alle punkter, nyeste først'), '.'),
        el('div', { class: 'cols' },
          el('section', {}, el('h3', {}, 'Nyeste møder'), el('ul', { class: 'plain' }, ...meetings.slice(0, 8).map((m) =>
            el('li', {}, el('a', { href: meetingURL(m.meeting) }, `${m.committee || 'Møde'}, ${m.municipality}`), el('br'),
              el('span', { class: 'meta' }, danishDate(m.date)), ' ', kindBadge(m.kind))))),
          el('section', {}, el('h3', {}, 'Kommuner'), el('ul', { class: 'plain' }, ...(s.municipalities || []).map((v) => li('kommune', v)))),
          el('section', {}, el('h3', {}, 'Udvalg'), el('ul', { class: 'plain' }, ...(s.committees || []).map((v) => li('udvalg', v))))),
        el('section', { class: 'tips' }, el('h3', {}, 'Sådan søger du'), helpTable()));
      box.dataset.done = '1';
    } catch (err) {
      box.replaceChildren(el('h2', { id: 'start-h', tabindex: '-1' }, 'Søg i danske kommuners referater'), errorBox(err, ''));
    }
  }
  settle(viewChanged, $('start-h'));
}

function helpTable() {
  const rows = [
    ['misbrug unge', 'punkter med alle ordene (bøjninger og sammensatte ord tæller med)'],
    ['"åben rådgivning"', 'præcis denne frase'],
    ['23/15645', 'sagsnummer, uanset skilletegn og foranstillede nuller'],
    ['misbrug OR alkohol', 'et af ordene; -lukket udelukker; ( ) grupperer'],
    ['budget*', 'ord der begynder med budget'],
    ['titel:budget', 'kun i titlen (også resume:, indstilling:, beslutning:, bilag:)'],
    ['kommune:Esbjerg udfald:udsat', 'filtre i søgefeltet'],
    ['dato:2020-01-01..2021-06-30', 'mødedato'],
  ];
  return el('table', {}, el('tbody', {}, ...rows.map(([c, t]) => el('tr', {}, el('td', {}, el('code', {}, c)), el('td', {}, t)))));
}

// ------------------------------------------------------------------ item, case, meeting

// The words of a query to highlight in a text: no operators, fields, filters or quotes.
function queryTerms(q) {
  const out = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m;
  while ((m = re.exec(q || ''))) {
    if (m[1] !== undefined) { for (const w of m[1].split(/\s+/)) if (w) out.push(w); continue; }
    let t = m[2];
    if (/^(AND|OR|NOT)$/.test(t) || t.startsWith('-')) continue;
    const f = /^([a-zæøå]+):(.*)$/i.exec(t);
    if (f) { if (!/^(titel|resume|resumé|sagsfremstilling|indstilling|beslutning|bilag)$/i.test(f[1])) continue; t = f[2]; }
    t = t.replace(/^[("]+|[)"]+$/g, '').replace(/\*$/, '');
    if (t.length >= 2 && !/^[\d\W]+$/.test(t)) out.push(t);
  }
  return [...new Set(out.map((t) => t.toLowerCase()))];
}

// Text into a node with the terms marked: a term matches at a word's start, or anywhere inside a
// word when it has at least 4 letters (compounds: misbrug in opiatmisbrug).
function highlighted(text, terms) {
  const frag = document.createDocumentFragment();
  if (!terms.length) { frag.append(text); return frag; }
  const esc = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(esc.map((t) => (t.length >= 4 ? `${t}[\\p{L}\\p{N}]*` : `(?<![\\p{L}\\p{N}])${t}[\\p{L}\\p{N}]*`)).join('|'), 'giu');
  let last = 0, m;
  while ((m = re.exec(text))) {
    let s = m.index;
    // back to the start of the word (the whole compound is marked)
    while (s > last && /[\p{L}\p{N}]/u.test(text[s - 1])) s--;
    frag.append(text.slice(last, s), el('mark', { class: 'hl' }, text.slice(s, m.index + m[0].length)));
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}

// A standing case: one case number on unrelated items (a meeting's "Godkendelse af dagsorden",
// "Eventuelt" …), not one matter's history. Decided from its items: two of them in one meeting,
// or (three items or more) no word of 5+ letters shared by at least half the titles.
function isStanding(items) {
  if (items.length < 2) return false;
  const meetings = new Set(items.map((h) => h.meeting || h.source));
  if (meetings.size < items.length) return true;
  if (items.length < 3) return false;
  const words = new Map();
  for (const h of items) {
    for (const w of new Set((h.title || '').toLowerCase().match(/\p{L}{5,}/gu) || [])) words.set(w, (words.get(w) || 0) + 1);
  }
  const best = Math.max(0, ...words.values());
  return best * 2 < items.length;
}

function timeline(items, st, selfId) {
  return el('ol', { class: 'timeline' }, ...items.map((h) => el('li', {},
    el('span', { class: 'when' }, danishDate(h.date)), ' ',
    h.id === selfId ? el('strong', {}, cleanTitle(h.title), ' (dette punkt)') : el('a', { href: itemURL(h.id, st) }, cleanTitle(h.title)),
    el('span', { class: 'meta' }, ` · ${h.committee || ''}${itemNo(h) ? ', punkt ' + itemNo(h) : ''}`),
    ' ', ...(h.decisions || []).map((d) => el('span', { class: 'badge ' + d.outcome.split(' ')[0], title: d.committee || '' }, d.outcome)))));
}

function backLink(st) {
  return st.q || hasFilters(st)
    ? el('a', { href: searchURL(withParams(Object.assign(structuredClone(st), { page: 1 }))), class: 'back' }, '← Tilbage til resultaterne')
    : el('a', { href: '/', class: 'back' }, '← Til forsiden');
}

let marksAt = -1;
async function showItem(st, viewChanged) {
  show('item');
  const box = $('item');
  box.replaceChildren(el('p', {}, 'Henter punktet …'));
  const my = ++seq;
  try {
    const it = await getJSON('/api/item/' + encodeURIComponent(st.id));
    if (my !== seq) return;
    setTitle(cleanTitle(it.title));
    const terms = queryTerms(st.q);
    const bytes = new TextEncoder().encode(it.text || ''); // section offsets are UTF-8 byte offsets
    const dec = new TextDecoder();
    const body = el('div', { class: 'text' });
    for (const s of it.sections || []) {
      const att = (it.attachment_text || []).some((a) => a[0] === s.start);
      body.append(el('h3', { class: att ? 'attachment' : '' }, s.heading || s.name),
        el('div', { class: 'section' }, highlighted(dec.decode(bytes.slice(s.start, s.end)), terms)));
    }
    if (!(it.sections || []).length && it.text) body.append(el('div', { class: 'section' }, highlighted(it.text, terms)));
    const decs = (it.decisions || []).length ? [el('h3', {}, 'Beslutninger'), el('ul', { class: 'decisions' }, ...it.decisions.map((d) =>
      el('li', {}, [danishDate(d.date), d.committee].filter(Boolean).join(', ') + ': ', el('span', { class: 'badge ' + d.outcome.split(' ')[0] }, d.outcome))))] : [];
    const atts = (it.attachments || []).length
      ? [el('h3', {}, 'Alle bilag'), el('ul', { class: 'attachments' }, ...it.attachments.map((a) => el('li', {}, a)))] : [];
    const no = itemNo(it);
    const committees = (it.committees && it.committees.length ? it.committees : [it.committee]).filter(Boolean);
    const head = el('h2', { id: 'item-h', tabindex: '-1' }, cleanTitle(it.title));
    const caseBox = el('section', { class: 'case-box', 'aria-labelledby': 'case-h' });
    box.replaceChildren(...[backLink(st),
      el('p', { class: 'kicker' }, [no ? `Punkt ${no}` : null, danishDate(it.date), it.municipality].filter(Boolean).join(' · ')),
      head,
      el('p', { class: 'meta' }, committees.join(', '), it.type ? ` · ${it.type}` : '',
        it.case ? [' · Sag ', el('a', { href: caseURL(it.case, st), class: 'case-link' }, it.case)] : null, kindBadge(it.kind), outcomeBadges(it.outcome)),
      joinLinks([it.meeting ? el('a', { href: meetingURL(it.meeting, st), class: 'meeting-link' }, 'Hele mødet') : null, sourceLink(it.url)]),
      it.case ? caseBox : null,
      ...decs, matchBar(terms), body, ...atts].filter(Boolean));
    if (it.case) fillCase(caseBox, it, st, my);
    settle(viewChanged, head);
  } catch (err) {
    if (my !== seq) return;
    setTitle('Fejl');
    box.replaceChildren(backLink(st), el('h2', { id: 'item-h', tabindex: '-1' }, 'Punktet kunne ikke vises'), errorBox(err, ''));
    settle(viewChanged, $('item-h'));
  }
}

async function fillCase(box, it, st, my) {
  try {
    const hist = await getJSON('/api/case/' + encodeURIComponent(it.case));
    if (my !== seq) return;
    const others = hist.items.filter((h) => h.id !== it.id);
    if (!others.length) { box.remove(); return; }
    if (isStanding(hist.items)) {
      box.append(el('h3', { id: 'case-h' }, 'Stående sagsnummer'),
        el('p', {}, `Sagsnummeret ${it.case} bruges på ${plural(hist.items.length, 'punkt', 'punkter')} med forskellige emner, fx »${cleanTitle(others[0].title)}«. Det er ikke én sags forløb. `,
          el('a', { href: caseURL(it.case, st) }, 'Se punkterne')));
    } else {
      box.append(el('h3', { id: 'case-h' }, `Sagens forløb (${plural(others.length, 'anden behandling', 'andre behandlinger')})`), timeline(others, st, it.id));
    }
  } catch { box.remove(); }
}

// "Næste match": a bar over the text that jumps from one highlighted term to the next.
function matchBar(terms) {
  if (!terms.length) return null;
  marksAt = -1;
  const count = el('span', { class: 'n', 'aria-live': 'polite' });
  const bar = el('div', { class: 'matchbar' }, count,
    el('button', { type: 'button', id: 'next-match', onclick: () => {
      const marks = [...document.querySelectorAll('#item mark.hl')];
      if (!marks.length) return;
      marks.forEach((m) => m.classList.remove('current'));
      marksAt = (marksAt + 1) % marks.length;
      marks[marksAt].classList.add('current');
      marks[marksAt].scrollIntoView({ block: 'center' });
      count.textContent = `Match ${marksAt + 1} af ${marks.length}`;
    } }, 'Næste match ↓'));
  queueMicrotask(() => {
    const n = document.querySelectorAll('#item mark.hl').length;
    count.textContent = n ? `${plural(n, 'match', 'match')} på »${terms.join('«, »')}«` : `Ingen match på »${terms.join('«, »')}« i teksten`;
    if (!n) bar.querySelector('button').remove();
  });
  return bar;
}

async function showCase(st, viewChanged) {
  show('case');
  const box = $('case');
  box.replaceChildren(el('p', {}, 'Henter sagen …'));
  const my = ++seq;
  setTitle(`Sag ${st.id}`);
  try {
    const h = await getJSON('/api/case/' + encodeURIComponent(st.id));
    if (my !== seq) return;
    const head = el('h2', { id: 'case-view-h', tabindex: '-1' }, `Sag ${st.id}`);
    const standing = isStanding(h.items);
    box.replaceChildren(backLink(st), head,
      el('p', { class: 'meta' }, h.items.length ? plural(h.items.length, 'behandling', 'behandlinger') : 'Ingen punkter har dette sagsnummer.'),
      standing ? el('p', { class: 'note' }, 'Et stående sagsnummer: det bruges på punkter med forskellige emner (fx dagsorden og orientering), så listen er ikke én sags forløb.') : null,
      h.items.length ? timeline(h.items, st, null) : null);
    settle(viewChanged, head);
  } catch (err) {
    if (my !== seq) return;
    setTitle('Fejl');
    box.replaceChildren(backLink(st), el('h2', { id: 'case-view-h', tabindex: '-1' }, `Sag ${st.id}`), errorBox(err, ''));
    settle(viewChanged, $('case-view-h'));
  }
}

// A whole meeting: its data, the official source and every item in agenda order.
async function showMeeting(st, viewChanged) {
  show('meeting');
  const box = $('meeting');
  box.replaceChildren(el('p', {}, 'Henter mødet …'));
  const my = ++seq;
  try {
    const m = await getJSON('/api/meeting/' + encodeURIComponent(st.id));
    if (my !== seq) return;
    const title = `${m.committee || 'Møde'} ${danishDate(m.date)}`;
    setTitle(title);
    const items = el('ol', { class: 'agenda' }, ...(m.items || []).map((it) => el('li', {},
      el('span', { class: 'no' }, itemNo(it) ? `Punkt ${itemNo(it)}` : ''), ' ',
      it.closed ? el('span', {}, cleanTitle(it.title), ' ', el('span', { class: 'badge' }, 'lukket')) : el('a', { href: itemURL(it.id, st) }, cleanTitle(it.title)),
      it.case ? el('span', { class: 'meta' }, ' · Sag ', el('a', { href: caseURL(it.case, st) }, it.case)) : null,
      ' ', outcomeBadges(it.outcome))));
    const head = el('h2', { id: 'meeting-h', tabindex: '-1' }, title);
    box.replaceChildren(backLink(st), head,
      el('p', { class: 'meta' }, [m.municipality, m.time ? 'kl. ' + m.time : null, m.kind, plural((m.items || []).length, 'punkt', 'punkter')].filter(Boolean).join(' · ')),
      joinLinks([sourceLink(m.url)]), items);
    settle(viewChanged, head);
  } catch (err) {
    if (my !== seq) return;
    setTitle('Fejl');
    box.replaceChildren(backLink(st), el('h2', { id: 'meeting-h', tabindex: '-1' }, 'Mødet kunne ikke vises'), errorBox(err, ''));
    settle(viewChanged, $('meeting-h'));
  }
}

// ------------------------------------------------------------------ routing

let lastView = null, lastPath = null;
function route() {
  const st = readState();
  const changed = st.view !== lastView || location.pathname !== lastPath;
  lastView = st.view;
  lastPath = location.pathname;
  const input = $('q');
  if (document.activeElement !== input || changed) input.value = st.q;
  if (st.view === 'item') showItem(st, changed);
  else if (st.view === 'case') showCase(st, changed);
  else if (st.view === 'meeting') showMeeting(st, changed);
  else if (st.view === 'start') showStart(changed);
  else showSearch(st, changed);
}

$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  const st = readState();
  st.q = $('q').value.trim();
  st.page = 1;
  if (!st.q && !hasFilters(st)) { go('/', { focus: 'q' }); return; }
  go(searchURL(st), { focus: 'q' });
});
$('helpbtn').addEventListener('click', () => {
  const h = $('help');
  h.hidden = !h.hidden;
  $('helpbtn').setAttribute('aria-expanded', String(!h.hidden));
  if (!h.dataset.done) { h.append(helpTable()); h.dataset.done = '1'; }
});
document.addEventListener('keydown', (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (e.key === '/' && !typing) { e.preventDefault(); $('q').focus(); }
  if (e.key === 'Escape' && !$('help').hidden) { $('help').hidden = true; $('helpbtn').setAttribute('aria-expanded', 'false'); $('helpbtn').focus(); }
});
route();
