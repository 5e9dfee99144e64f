// page.test.js — drives the search page in Debian's headless Chromium (playwright-core) against a
// running `refsog serve`: real URLs and history, errors in Danish, Danish words and dates, the
// item/case/meeting views, facets and dates, and axe-core (zero violations) on every view at
// desktop (1366×900) and phone (390×844) width. Screenshots of each view go to $SHOTS
// (build/browser/). Prints "N passed, N failed".
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const base = process.env.BASE_URL;
const shots = process.env.SHOTS || path.dirname(process.env.SCREENSHOT || './x');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log('ok   ' + name); }
  else { failed++; console.log('FAIL ' + name + (detail ? '\n     ' + detail : '')); }
}
const DESKTOP = { width: 1366, height: 900 }, PHONE = { width: 390, height: 844 };

// axe-core on the page as it is; every violation is a failure.
async function axe(page, name) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource); // devtools evaluation: not under the page's CSP
  const r = await page.evaluate(async () => {
    const res = await window.axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  check(`axe: no violations on ${name}`, r.length === 0, r.join('\n     '));
}
// Screenshots of the current view at both widths (back at desktop width afterwards) and axe at both.
async function views(page, name) {
  await page.waitForTimeout(150);
  await axe(page, name);
  await page.screenshot({ path: path.join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150);
  await axe(page, name + ' (phone)');
  await page.screenshot({ path: path.join(shots, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}
const total = (page) => page.$eval('#total', (e) => e.textContent).catch(() => '');
async function waitTotal(page, re) {
  await page.waitForFunction((s) => new RegExp(s).test((document.querySelector('#total') || {}).textContent || ''), re.source);
}

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const errors = [];
  const watch = (p) => {
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text()); });
  };
  watch(page);
  try {
    // ---------------------------------------------------------------- start page
    await page.goto(base + '/');
    check('page title', (await page.title()) === 'Referatsøg');
    await page.waitForSelector('#start:not([hidden]) .cols');
    const start = await page.textContent('#start');
    check('start page lists municipalities, committees and newest meetings',
      /Kommuner/.test(start) && /Esbjerg/.test(start) && /Udvalg/.test(start) && /Nyeste møder/.test(start) && /Sådan søger du/.test(start), start.slice(0, 200));
    await page.keyboard.press('Tab');
    check('the first Tab reaches the skip link', await page.evaluate(() => document.activeElement.classList.contains('skip')));
    await views(page, 'start');

    // ---------------------------------------------------------------- 1. real URLs
    await page.fill('#q', 'misbrug');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#hits li');
    const hits = await page.$$eval('#hits li h3', (hs) => hs.map((h) => h.textContent));
    check('four hits for misbrug', hits.length === 4, JSON.stringify(hits));
    check('the opiate item first', /opiater/.test(hits[0] || ''), hits[0]);
    check('titles have no "Punkt N:" prefix', hits.every((h) => !/^Punkt/.test(h)), JSON.stringify(hits));
    const marks = await page.$$eval('#hits li:first-child mark', (ms) => ms.map((m) => m.textContent));
    check('compound highlighted in the snippet', marks.includes('misbrugsområdet'), JSON.stringify(marks));
    check('the search is a real URL /?q=misbrug', new URL(page.url()).pathname === '/' && new URL(page.url()).searchParams.get('q') === 'misbrug', page.url());
    check('document title names the search', (await page.title()) === 'misbrug – Referatsøg', await page.title());
    check('focus stays in the search box after a search', await page.evaluate(() => document.activeElement.id === 'q'));
    const hrefs = await page.$$eval('#hits li h3 a', (as) => as.map((a) => a.getAttribute('href')));
    check('every hit is an <a href> to /punkt/{encoded id}', hrefs.length === 4 && hrefs.every((h) => /^\/punkt\/%2F[^/?]+%23\d+(\?|$)/.test(h)), JSON.stringify(hrefs));
    check('the page status says "4 punkter fundet"', /^4 punkter fundet/.test(await total(page)));
    await views(page, 'results');

    await page.click('#hits li:first-child h3 a');
    await page.waitForSelector('#item:not([hidden]) h2');
    check('item URL is /punkt/…', /^\/punkt\/%2F.*000_082cc86b9df59ed8\.txt%232$/.test(new URL(page.url()).pathname), page.url());
    const itemTitle = await page.title();
    check('document title is the item title', itemTitle === 'Orientering om den aktuelle situation vedrørende opiater i Esbjerg kommune – Referatsøg', itemTitle);
    check('item kicker shows the number apart and a Danish date', /^Punkt 2 · 21\. november 2023 · Esbjerg/.test(await page.textContent('#item .kicker')));
    await page.reload();
    await page.waitForSelector('#item:not([hidden]) h2');
    check('reload keeps the item view', (await page.title()) === itemTitle);
    await page.goBack();
    await page.waitForSelector('#results:not([hidden]) #hits li');
    check('back returns to the results', (await page.$$('#hits li')).length === 4 && /q=misbrug/.test(page.url()));
    await page.goForward();
    await page.waitForSelector('#item:not([hidden]) h2');
    check('forward returns to the item', (await page.title()) === itemTitle);
    const tab = await context.newPage();
    watch(tab);
    await tab.goto(base + hrefs[1]);
    await tab.waitForSelector('#item:not([hidden]) h2');
    check('a hit opened in a new tab shows the item', /strategi for socialpsykiatri/.test(await tab.title()), await tab.title());
    await tab.close();
    const direct = await page.request.get(base + '/sag/23%2F15645');
    check('the server answers /sag/… with the page', direct.status() === 200 && /<div id="help"|id="main"/.test(await direct.text()));

    // ---------------------------------------------------------------- 4. item view
    await page.goto(base + hrefs[0]);
    await page.waitForSelector('#item:not([hidden]) h2');
    await page.waitForSelector('#item mark.hl');
    const hl = await page.$$eval('#item mark.hl', (ms) => ms.map((m) => m.textContent));
    check('search terms highlighted in the full text', hl.length >= 5 && hl.includes('opioidmisbruget'), JSON.stringify(hl));
    await page.click('#next-match');
    await page.click('#next-match');
    check('"Næste match" moves to the second match',
      await page.evaluate(() => [...document.querySelectorAll('#item mark.hl')].findIndex((m) => m.classList.contains('current')) === 1));
    // characters per line of the item's running text, measured on its own words
    const measure = await page.$eval('#item .text .section', (t) => {
      const probe = document.createElement('span');
      probe.textContent = t.textContent.replace(/\s+/g, ' ').slice(0, 400);
      probe.style.whiteSpace = 'nowrap';
      t.append(probe);
      const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
      probe.remove();
      return t.getBoundingClientRect().width / perChar;
    });
    check('readable measure (about 75 characters a line)', measure >= 60 && measure <= 85, String(measure));
    check('the case number links to /sag/', (await page.getAttribute('#item a.case-link', 'href')).startsWith('/sag/23%2F15645'));
    check('the item links to its whole meeting', /^\/moede\/%2F/.test(await page.getAttribute('#item a.meeting-link', 'href')));
    await views(page, 'item');

    await page.click('#item a.case-link');
    await page.waitForSelector('#case:not([hidden]) h2');
    check('case URL and title', /^\/sag\/23%2F15645/.test(new URL(page.url()).pathname) && (await page.title()) === 'Sag 23/15645 – Referatsøg', page.url() + ' ' + await page.title());
    check('"1 behandling" in singular', /^1 behandling$/.test((await page.textContent('#case .meta')).trim()), await page.textContent('#case .meta'));
    await views(page, 'case');

    // a standing case: one number on unrelated items of one meeting is not shown as a history
    await page.goto(base + '/?q=' + encodeURIComponent('titel:"Godkendelse af dagsorden" kommune:Lolland'));
    await page.waitForSelector('#hits li h3 a');
    await page.click('#hits li h3 a');
    await page.waitForSelector('#item .case-box h3');
    const caseBox = await page.textContent('#item .case-box');
    check('a standing case number is not presented as a history', /Stående sagsnummer/.test(caseBox) && !(await page.$('#item .case-box .timeline')), caseBox);
    check('the case box comes before the text', await page.evaluate(() => {
      const c = document.querySelector('#item .case-box'), t = document.querySelector('#item .text');
      return !!(c.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
    }));

    // ---------------------------------------------------------------- near matches
    await page.goto(base + '/?q=' + encodeURIComponent('mentor frivillige unge'));
    await waitTotal(page, /^1 punkt fundet/);
    await page.waitForSelector('#near:not([hidden]) #near-hits li');
    const nearH = await page.textContent('#near h2');
    check('near matches under their own heading', /Punkter med nogle af ordene/.test(nearH), nearH);
    const miss = await page.$$eval('#near-hits li .missing', (e) => e.map((x) => x.textContent));
    check('each near match says what it lacks', miss.length > 0 && miss.every((m) => /^Mangler: \S/.test(m)), JSON.stringify(miss));
    check('the hits above are the full matches only', (await page.$$('#hits li')).length === 1);
    await axe(page, 'near matches');

    // ---------------------------------------------------------------- 8. facets, 3. Danish
    await page.goto(base + '/?q=misbrug');
    await page.waitForSelector('#facets input[type=checkbox]');
    check('no near matches for one word', await page.$eval('#near', (e) => e.hidden));
    const lolland = await page.$('#facets label:has-text("Lolland")');
    const lollandCount = +(await lolland.$eval('.count', (e) => e.textContent));
    await page.click('#facets label:has-text("Lolland")');
    await waitTotal(page, /^1 punkt fundet/);
    check('"1 punkt fundet" in singular', true);
    check('facet count = hits after the click', (await page.$$('#hits li')).length === lollandCount, String(lollandCount));
    check('focus kept on the facet checkbox that was used', await page.evaluate(() => document.activeElement.type === 'checkbox' &&
      document.activeElement.labels[0].textContent.includes('Lolland')));
    check('active filter shown as a Danish chip', /Kommune: Lolland/.test(await page.textContent('#chips')), await page.textContent('#chips'));
    check('URL holds the filter', /kommune=Lolland/.test(page.url()), page.url());
    check('Danish date in the hit', /22\. september 2020/.test(await page.textContent('#hits li .meta')));
    const esbjerg = +(await page.$eval('#facets label:has-text("Esbjerg") .count', (e) => e.textContent));
    check('disjunctive counts: Esbjerg still offered with its own count', esbjerg === 3, String(esbjerg));
    await page.click('#facets label:has-text("Esbjerg")');
    await waitTotal(page, /^4 punkter fundet/);
    check('two municipalities OR: 1 + 3 = 4 hits', (await page.$$('#hits li')).length === 4);
    await page.click('#chips a');
    await page.waitForFunction(() => !/Lolland/.test(document.querySelector('#chips').textContent));
    check('removing a chip keeps the other filter', /Kommune: Esbjerg/.test(await page.textContent('#chips')) && /^3 punkter/.test(await total(page)));

    // years: every year of the index, four digits, visible counts; a click = that year
    const years = await page.$$eval('#facets button.year', (bs) => bs.map((b) => [b.querySelector('.y').textContent, b.querySelector('.n').textContent]));
    const ys = years.map((y) => +y[0]);
    check('the year histogram has every year, four-digit labels', ys.length > 2 && ys.every((y, i) => !i || y === ys[i - 1] + 1) && years.every((y) => /^\d{4}$/.test(y[0])), JSON.stringify(years));
    check('empty years are shown at zero', years.some((y) => y[1] === '0'), JSON.stringify(years));
    const y2023 = years.find((y) => y[0] === '2023');
    await page.click('#facets button.year:has-text("2023")');
    await page.waitForFunction(() => /År: 2023/.test(document.querySelector('#chips').textContent));
    await page.waitForSelector('#total');
    check('year count = hits after the click', String((await page.$$('#hits li')).length) === y2023[1], JSON.stringify(y2023));
    check('year choice kept in the URL as aar', /aar=2023/.test(page.url()) && !/fra=|til=/.test(page.url()), page.url());
    check('year button focused and pressed', await page.evaluate(() => document.activeElement.classList.contains('year') && document.activeElement.getAttribute('aria-pressed') === 'true'));

    // several separate years: each click adds its year (OR); every count = the hits its click gives
    await page.goto(base + '/?q=*');
    await page.waitForSelector('#facets button.year');
    const yearCount = (y) => page.$eval(`#facets button.year[data-focus="year:${y}"] .n`, (e) => +e.textContent.replace(/\./g, ''));
    const totalN = async () => +(/^([\d.]+)/.exec(await total(page)) || [0, 0])[1].replace(/\./g, '');
    const c2020 = await yearCount(2020);
    await page.click('#facets button.year[data-focus="year:2020"]');
    await page.waitForFunction(() => /År: 2020/.test(document.querySelector('#chips').textContent));
    await waitTotal(page, new RegExp('^' + c2020 + ' punkt'));
    check('year 2020: its count = the hits its click gives', (await totalN()) === c2020, `${c2020} vs ${await total(page)}`);
    const c2024 = await yearCount(2024);
    check('with 2020 chosen, 2024 is still offered with its own count', c2024 > 0, String(c2024));
    await page.click('#facets button.year[data-focus="year:2024"]');
    await page.waitForFunction(() => /År: 2024/.test(document.querySelector('#chips').textContent));
    await waitTotal(page, new RegExp('^' + (c2020 + c2024) + ' punkt'));
    check('two separate years: 2020 + 2024 = the hits', (await totalN()) === c2020 + c2024, `${c2020}+${c2024} vs ${await total(page)}`);
    check('both years in the URL, 2023 not', /aar=2020&aar=2024/.test(page.url()) && !/2023/.test(page.url()), page.url());
    const dates = await page.$$eval('#hits li .meta', (ms) => ms.map((m) => m.textContent));
    check('every hit is from 2020 or 2024', dates.length && dates.every((d) => /\b(2020|2024)\b/.test(d)), JSON.stringify(dates));
    check('both year buttons pressed, 2023 not', await page.evaluate(() => ['2020', '2024', '2023'].map((y) =>
      document.querySelector(`button.year[data-focus="year:${y}"]`).getAttribute('aria-pressed')).join() === 'true,true,false'));
    await views(page, 'years');
    await page.click('#facets button.year[data-focus="year:2020"]');
    await waitTotal(page, new RegExp('^' + c2024 + ' punkt'));
    check('a second click takes one year away', /aar=2024/.test(page.url()) && !/aar=2020/.test(page.url()), page.url());

    // committees keyed by municipality, "vis flere" and the filter box on the long committee list
    await page.goto(base + '/?q=*');
    await page.waitForSelector('#facet-udvalg li');
    const committees = await page.$$eval('#facet-udvalg li', (ls) => ls.map((l) => [l.querySelector('.name').textContent, +l.querySelector('.count').textContent.replace(/\./g, ''), l.hidden]));
    const names = committees.map((c) => c[0]);
    check('same-named committees of two municipalities are two values',
      names.includes('Social & Arbejdsmarkedsudvalget (Esbjerg)') && names.includes('Social- og Arbejdsmarkedsudvalget (Lolland)'), JSON.stringify(names));
    check('"vis flere": eight committees shown, the rest hidden', committees.length > 8 &&
      committees.filter((c) => !c[2]).length === 8, JSON.stringify(committees));
    const more = '#facets button.more[aria-controls="facet-udvalg"]';
    check('"vis flere" names how many more and is collapsed', (await page.textContent(more)) === `Vis flere (${committees.length - 8})` &&
      (await page.getAttribute(more, 'aria-expanded')) === 'false', await page.textContent(more));
    await page.click(more);
    check('"vis flere" shows every committee', (await page.$$eval('#facet-udvalg li', (ls) => ls.filter((l) => !l.hidden).length)) === committees.length &&
      (await page.getAttribute(more, 'aria-expanded')) === 'true');
    const last = committees[committees.length - 1];
    await page.click(`#facet-udvalg li:nth-child(${committees.length}) label`);
    await waitTotal(page, new RegExp('^' + last[1] + ' punkt'));
    check('a committee shown by "vis flere": its count = the hits its click gives', (await totalN()) === last[1], `${JSON.stringify(last)} vs ${await total(page)}`);
    check('the list stays open after the click', (await page.getAttribute(more, 'aria-expanded')) === 'true');
    await page.click('#chips a');
    await page.waitForFunction(() => !document.querySelector('#chips li'));
    await page.click(more); // closed again for the filter box
    await page.fill('#facets input.facet-filter', 'skole');
    const found = await page.$$eval('#facet-udvalg li', (ls) => ls.filter((l) => !l.hidden).map((l) => [l.querySelector('.name').textContent, +l.querySelector('.count').textContent]));
    check('the filter box finds committees by any part of their name', found.length === 2 && found.every((f) => /Skole/.test(f[0])), JSON.stringify(found));
    check('"vis flere" is hidden while the filter box shows what it found', await page.isHidden(more));
    await page.fill('#facets input.facet-filter', 'lolland');
    const inLolland = await page.$$eval('#facet-udvalg li', (ls) => ls.filter((l) => !l.hidden).map((l) => l.querySelector('.name').textContent));
    check('the filter box finds the committees of a municipality', inLolland.length >= 2 && inLolland.every((n) => /\(Lolland\)$/.test(n)), JSON.stringify(inLolland));
    await page.fill('#facets input.facet-filter', 'skole');
    await page.click('#facet-udvalg li:not([hidden]) label:has-text("Lolland")');
    const lollandSkole = found.find((f) => /Lolland/.test(f[0]));
    await waitTotal(page, new RegExp('^' + lollandSkole[1] + ' punkt'));
    check('a committee found by the filter box: its count = the hits its click gives', (await totalN()) === lollandSkole[1], JSON.stringify(lollandSkole));
    check('the filter box keeps its words and its list after the click', (await page.inputValue('#facets input.facet-filter')) === 'skole' &&
      (await page.$$eval('#facet-udvalg li', (ls) => ls.filter((l) => !l.hidden).length)) === 2);
    check('… and "vis flere" stays hidden', await page.isHidden(more));
    check('its chip names the municipality', /Udvalg: Børne- og Skoleudvalget \(Lolland\)/.test(await page.textContent('#chips')), await page.textContent('#chips'));
    await views(page, 'committees');
    const lol = committees.find((c) => c[0] === 'Social- og Arbejdsmarkedsudvalget (Lolland)');
    await page.goto(base + '/?q=*&udvalg=' + encodeURIComponent('Social- og Arbejdsmarkedsudvalget (Lolland)'));
    await waitTotal(page, new RegExp('^' + lol[1] + ' punkt'));
    const munis = await page.$$eval('#hits li .meta', (ms) => ms.map((m) => m.textContent));
    check('a committee with its municipality filters that municipality only', munis.length === lol[1] && munis.every((m) => /Lolland/.test(m)), JSON.stringify(munis));
    await page.goto(base + '/?q=*&udvalg=' + encodeURIComponent('Social- og Arbejdsmarkedsudvalget'));
    const esb = committees.find((c) => c[0] === 'Social & Arbejdsmarkedsudvalget (Esbjerg)');
    await waitTotal(page, new RegExp('^' + (lol[1] + esb[1]) + ' punkt'));
    check('a committee typed without a municipality: every municipality, as before', true);

    // the hit shows every committee that treated the item
    await page.goto(base + '/?q=*&udvalg=' + encodeURIComponent('Børn & Skoleudvalget (Esbjerg)'));
    await page.waitForSelector('#hits li .committees');
    const treated = await page.$$eval('#hits li .committees', (cs) => cs.map((c) => c.textContent));
    check('a hit names every committee that treated it', treated.length > 0 && treated.every((t) => /Børn & Skoleudvalget/.test(t)) &&
      treated.some((t) => /Social & Arbejdsmarkedsudvalget, Børn & Skoleudvalget/.test(t)), JSON.stringify(treated));

    // ---------------------------------------------------------------- 2. errors in Danish
    await page.goto(base + '/?q=misbrug');
    await page.waitForSelector('#facets input[type=checkbox]');
    await page.fill('#q', 'misbrug "abc');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#status .error');
    const err = await page.textContent('#status .error');
    check('a malformed query is explained in Danish', /anførselstegn/.test(err) && !/malformed|byte/.test(err), err);
    check('the error shows the position in the query', /Ved tegn 9/.test(err) && (await page.textContent('.errpos mark')) === '"', err);
    check('the query box selects the position', await page.evaluate(() => document.getElementById('q').selectionStart === 8));
    check('no stale hits, facets or pager after an error',
      (await page.$$('#hits li')).length === 0 && (await page.$$('#facets *')).length === 0 && (await page.$$('#pager *')).length === 0);
    check('error title', (await page.title()) === 'Fejl – Referatsøg');
    await views(page, 'error');
    const apiErr = await (await page.request.get(base + '/api/search?q=%22')).json();
    check('API error has a machine-readable code', apiErr.code === 'malformed_query' && apiErr.status === 400, JSON.stringify(apiErr));
    check('API error has the Danish sentence and the position', /^Et anførselstegn/.test(apiErr.message) && apiErr.position === 0, JSON.stringify(apiErr));
    const sortErr = await (await page.request.get(base + '/api/search?q=a&sort=x')).json();
    check('bad parameter code', sortErr.code === 'bad_parameter', JSON.stringify(sortErr));
    await page.goto(base + '/?q=a&sort=x');
    await page.waitForSelector('#status .error');
    check('a bad sort is explained in Danish', /Ukendt sortering/.test(await page.textContent('#status .error')));
    await page.goto(base + '/punkt/' + encodeURIComponent('/nowhere/x.txt#1'));
    await page.waitForSelector('#item .error');
    check('an unknown item is explained in Danish', /findes ikke/.test(await page.textContent('#item .error')));

    // ---------------------------------------------------------------- 5. paging, help
    await page.goto(base + '/?q=*');
    await waitTotal(page, /punkter fundet/);
    check('a lone * lists every item newest first', /nyeste først/.test(await page.textContent('#status')));
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.click('#pager a[rel=next]');
    await page.waitForFunction(() => /side=2/.test(location.search) && /viser 11–20/.test(document.querySelector('#status').textContent));
    check('paging scrolls to the top', await page.evaluate(() => window.scrollY === 0), String(await page.evaluate(() => window.scrollY)));
    check('paging moves focus to the results heading', await page.evaluate(() => document.activeElement.id === 'results-h'));
    await page.click('#helpbtn');
    await page.fill('#q', 'misbrug');
    await page.press('#q', 'Enter');
    await waitTotal(page, /^4 punkter/);
    check('aria-expanded stays true while the help is open', (await page.getAttribute('#helpbtn', 'aria-expanded')) === 'true' && !(await page.$('#help[hidden]')));
    check('no aria-pressed on links, no role=listitem on links', await page.evaluate(() =>
      !document.querySelector('a[aria-pressed], a[role=listitem]')));

    // ---------------------------------------------------------------- portal fixtures: source, meeting
    await page.fill('#q', 'flagermusene');
    await page.press('#q', 'Enter');
    await waitTotal(page, /^1 punkt fundet/);
    check('snippet names the attachment it comes from',
      /Fra bilaget »Belysningsplan for Lindholm Å-stien«/.test(await page.textContent('#hits li .snippet')));
    const src = await page.$eval('#hits li a.source-link', (a) => [a.href, a.target, a.rel]);
    check('hit links to the official source in a new tab',
      src[0] === 'https://www.example-kommune.dk/politik/byraadet/2019-11-27/referat' && src[1] === '_blank' && /noopener/.test(src[2]),
      JSON.stringify(src));
    await page.click('#hits li a.meeting-link');
    await page.waitForSelector('#meeting:not([hidden]) ol.agenda li');
    const agenda = await page.$$eval('#meeting ol.agenda li', (ls) => ls.map((l) => l.textContent));
    check('meeting view lists the whole agenda in order', agenda.length === 5 && /^Punkt 4 Anlægsbevilling/.test(agenda[3]),
      JSON.stringify(agenda));
    check('meeting URL is /moede/…', /^\/moede\/%2F/.test(new URL(page.url()).pathname), page.url());
    check('meeting title', /^Byrådet 27\. november 2019 – Referatsøg$/.test(await page.title()), await page.title());
    await views(page, 'meeting');
    await page.click('#meeting ol.agenda li:nth-child(4) a');
    await page.waitForSelector('#item:not([hidden]) h2');
    const item4 = await page.textContent('#item');
    check('item view shows the attachment text', /Belysningsplan for Lindholm Å-stien/.test(item4) && /Oversigtskort/.test(item4), item4.slice(0, 300));
    check('item view links to the official source', !!(await page.$('#item a.source-link')));
    await page.goBack();
    await page.waitForSelector('#meeting:not([hidden]) ol.agenda li');
    check('back returns to the meeting', true);

    // an agenda whose minutes are not in yet: marked, and the document facet filters like a click
    await page.fill('#q', 'legeplads');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#results:not([hidden]) #hits li');
    check('an agenda item is marked dagsorden', /dagsorden/.test(await page.textContent('#hits li .meta')));
    await page.goto(base + '/?udvalg=' + encodeURIComponent('Økonomiudvalget'));
    await page.waitForSelector('#facets label:has-text("dagsorden")');
    const n = +(await page.textContent('#facets label:has-text("dagsorden") .count'));
    await page.click('#facets label:has-text("dagsorden")');
    await waitTotal(page, new RegExp('^' + n + ' punkt'));
    check('document facet count = hits after the click', (await page.$$('#hits li')).length === n, String(n));
    check('a bare filter browses newest first', /nyeste først/.test(await page.textContent('#status')));
    check('no script errors (CSP included)', errors.length === 0, errors.join('; '));
  } catch (e) {
    check('browser run', false, e.stack);
    await page.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  }
  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
