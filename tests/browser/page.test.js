// page.test.js — drives the search page in Debian's headless Chromium (playwright-core) against a
// running `refsog serve`: type a query, click a facet, open an item, go back. Prints "N passed, N failed".
'use strict';
const { chromium } = require('playwright-core');

const base = process.env.BASE_URL;
const shot = process.env.SCREENSHOT || 'page.png';
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log('ok   ' + name); }
  else { failed++; console.log('FAIL ' + name + (detail ? '\n     ' + detail : '')); }
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(base + '/');
    check('page title', (await page.title()) === 'Referatsøg');

    await page.fill('#q', 'misbrug');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#hits li');
    const hits = await page.$$eval('#hits li h2', (hs) => hs.map((h) => h.textContent));
    check('four hits for misbrug', hits.length === 4, JSON.stringify(hits));
    check('the opiate item first', /opiater/.test(hits[0] || ''), hits[0]);
    const marks = await page.$$eval('#hits li:first-child mark', (ms) => ms.map((m) => m.textContent));
    check('compound highlighted in the snippet', marks.includes('misbrugsområdet'), JSON.stringify(marks));
    check('URL holds the query', /q=misbrug/.test(page.url()), page.url());

    await page.click('#facets a:has-text("Lolland")');
    await page.waitForFunction(() => /^1 punkter/.test(document.querySelector('#status').textContent));
    check('facet click filters to one hit', (await page.$$('#hits li')).length === 1);
    check('active filter shown as a chip', /kommune: Lolland/.test(await page.textContent('#chips')));
    check('URL holds the filter', /kommune=Lolland/.test(page.url()), page.url());

    await page.click('#hits li h2 a');
    await page.waitForSelector('#item:not([hidden]) h2');
    const itemText = await page.textContent('#item');
    check('item view shows decisions', /Beslutninger/.test(itemText));
    check('item view shows its sections', /Sagsfremstilling/.test(itemText));
    await page.waitForFunction(() => /Sagens forløb/.test(document.querySelector('#item').textContent));
    check('item view shows the case timeline', true);
    await page.screenshot({ path: shot, fullPage: true });

    await page.goBack();
    await page.waitForSelector('#results:not([hidden]) #hits li');
    check('back button returns to the results', (await page.$$('#hits li')).length === 1);

    await page.click('#facets a:has-text("Lolland")'); // second click removes the filter again
    await page.waitForFunction(() => /^4 punkter/.test(document.querySelector('#status').textContent));
    check('clicking the facet again removes the filter', true);

    // a portal page: the attachment named in the snippet, the official source, the whole meeting
    await page.fill('#q', 'flagermusene');
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => /^1 punkter/.test(document.querySelector('#status').textContent));
    check('snippet names the attachment it comes from',
      /Fra bilaget »Belysningsplan for Lindholm Å-stien«/.test(await page.textContent('#hits li .snippet')));
    const src = await page.$eval('#hits li a.source-link', (a) => [a.href, a.target, a.rel]);
    check('hit links to the official source in a new tab',
      src[0] === 'https://www.example-kommune.dk/politik/byraadet/2019-11-27/referat' && src[1] === '_blank' && /noopener/.test(src[2]),
      JSON.stringify(src));
    await page.click('#hits li a.meeting-link');
    await page.waitForSelector('#meeting:not([hidden]) ol.agenda li');
    const agenda = await page.$$eval('#meeting ol.agenda li', (ls) => ls.map((l) => l.textContent));
    check('meeting view lists the whole agenda in order', agenda.length === 5 && /^Punkt 4: Anlægsbevilling/.test(agenda[3]),
      JSON.stringify(agenda));
    check('URL holds the meeting', /moede=/.test(page.url()), page.url());
    await page.click('#meeting ol.agenda li:nth-child(4) a');
    await page.waitForSelector('#item:not([hidden]) h2');
    const item4 = await page.textContent('#item');
    check('item view shows the attachment text and the Bilag list',
      /Bilag: Belysningsplan for Lindholm Å-stien/.test(item4) && /Oversigtskort/.test(item4), item4.slice(0, 300));
    await page.goBack();
    await page.waitForSelector('#meeting:not([hidden]) ol.agenda li');
    check('back returns to the meeting', true);

    // an agenda whose minutes are not in yet: marked, and the document facet filters like a click
    await page.fill('#q', 'legeplads');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#results:not([hidden]) #hits li');
    check('an agenda item is marked dagsorden', /dagsorden/.test(await page.textContent('#hits li .meta')));
    await page.fill('#q', 'udvalg:økonomiudvalget');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#facets a:has-text("dagsorden")');
    const n = +(await page.textContent('#facets a:has-text("dagsorden") .count'));
    await page.click('#facets a:has-text("dagsorden")');
    await page.waitForFunction((k) => new RegExp('^' + k + ' punkter').test(document.querySelector('#status').textContent), n);
    check('document facet count = hits after the click', (await page.$$('#hits li')).length === n, String(n));
    check('no script errors (CSP included)', errors.length === 0, errors.join('; '));
  } catch (e) {
    check('browser run', false, e.stack);
  }
  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
