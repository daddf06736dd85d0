// tests/e2e/mobile.test.mjs: every page of the route registry on a phone
// (390 px) and on a desktop (1366 px).
//
// The pages are those `oasis routes` lists: every GET without a path
// parameter that answers HTML (public pages anonymously, the others logged
// in as the admin the server made), plus a few pages of records created
// through the API ({id}).  Each must have no horizontal scroll
// (scrollWidth <= clientWidth + 1), no serious or critical axe violation
// and no console error.
//
// A failure whose fix belongs in a module's own page code (not in the
// shared frame, kit or CSS) is listed in KNOWN_MODULE_FAILURES with its
// cause; the list is printed on every run so nothing is hidden, and an
// entry that no longer fails is reported so that it can be removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, Client } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');

// "METHOD PATH@viewport: check" → why, and where the fix belongs.
const KNOWN_MODULE_FAILURES = new Map([]);

let server;
const idPages = [];         // [path, isPublic]
const notFound = new Set(); // pages that answered 404 without a parameter
const isoDates = new Map(); // page → ISO dates shown in its text
// The pages whose code is ours (the frame, web/, admin/, app/home.c):
// they must show no ISO date.
const OWN = /^\/($|accessibilite|sources|mentions-legales|donnees-personnelles|plan-du-site|demonstration|connexion|compte|admin|mon-espace)/;
// MOBILE_PATHS=/a,/b: walk only these (while fixing a page)
const ONLY = process.env.MOBILE_PATHS ? process.env.MOBILE_PATHS.split(',') : null;

// The routes as served, from the binary itself.
function registry() {
  const out = execFileSync(BIN, ['routes'], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => {
    const [method, pattern, role, flags] = l.split('\t');
    return { method, pattern, role, flags: flags ? flags.split(',') : [] };
  });
}

// GET pages without a parameter, that a browser would open.
function pages() {
  const seen = new Set();
  return registry().filter((r) => {
    if (r.method !== 'GET' || r.pattern.includes('{')) return false;
    if (r.flags.includes('api') || r.flags.includes('deprecated')) return false;
    if (/^\/(api|static)\//.test(r.pattern) || r.pattern.includes('.')) return false;
    if (['/healthz', '/readyz', '/deconnexion'].includes(r.pattern)) return false;
    if (seen.has(r.pattern)) return false;
    seen.add(r.pattern);
    return !ONLY || ONLY.includes(r.pattern);
  });
}

async function api(client, csrf, method, p, body) {
  const r = await client.fetch(p, { method, body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
  const text = await r.text();
  assert.ok(r.status === 201 || r.status === 200, `${method} ${p}: ${r.status} ${text}`);
  return JSON.parse(text);
}

before(async () => {
  // MOBILE_DB=FILE: walk a copy of an existing database (the demo's, say)
  let opts = {};
  if (process.env.MOBILE_DB) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-mobile-'));
    opts = { dbPath: path.join(dir, 'oasis.db') };
    fs.copyFileSync(process.env.MOBILE_DB, opts.dbPath);
  }
  server = await startServer(opts);
  // A few records, so that pages with an {id} are walked too.
  const agent = new Client(server.url);
  await agent.login(server.adminLogin, server.adminPassword);
  const me = await (await agent.get('/api/v1/moi')).json();
  const csrf = me.csrf ?? me.csrf_token;
  const net = await api(agent, csrf, 'POST', '/api/v1/centres/reseaux',
    { code: 'M71', nom: 'Réseau de santé du Clunisois', departement: '71' });
  const ctr = await api(agent, csrf, 'POST', '/api/v1/centres',
    { reseau_id: net.id, code: 'M71-A',
      nom: 'Centre de santé intercommunal Anticonstitutionnellement-Long' });
  idPages.push([`/centres/${ctr.id}`, true]);
  const dossier = await api(agent, csrf, 'POST', '/api/v1/dossiers', {
    prenom: 'Inès', nom: 'Moreau-Delacroix-Montmorency',
    email: 'ines.moreau-delacroix-montmorency.tres-longue-adresse@exemple.fr',
    profession: 'medecin_generaliste', statut: 'etudiant', projet: 'stage',
    territoire_type: 'commune', territoire_code: '71153', territoire_nom: 'Le Creusot',
    besoins: ['aides'], consentement: true,
    message: 'https://exemple.fr/une/adresse/tres/longue/sans/espace/aucune/' +
             'qui/ne/doit/pas/elargir/la/page/sur/un/telephone' });
  idPages.push([`/accompagnement/dossiers/${dossier.id}`, false]);
});
after(async () => { await server?.stop(); });

// Open path and return the problems found (strings, empty when clean).
async function problems(page, errors, p, shot) {
  errors.length = 0;
  const found = [];
  const resp = await page.goto(server.url + p, { waitUntil: 'load' });
  const type = resp.headers()['content-type'] || '';
  if (!type.startsWith('text/html')) return null;   // a download, not a page
  // A page that needs a query parameter or a record answers 404 without
  // one: its error page is checked like any page, and listed.
  if (resp.status() === 404) {
    notFound.add(p);
    const i = errors.findIndex((e) => /Failed to load resource.*404/.test(e));
    if (i >= 0) errors.splice(i, 1);
  } else if (resp.status() !== 200) {
    found.push(`status: HTTP ${resp.status()}`);
  }
  const { sw, cw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth,
    cw: document.documentElement.clientWidth }));
  if (sw > cw + 1) {
    const wide = await page.evaluate((limit) => {
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > limit + 1 && !el.closest('.table-wrap')) {
          out.push(`${el.tagName.toLowerCase()}${el.className ? '.' +
            String(el.className).split(' ').join('.') : ''}`);
        }
        if (out.length >= 3) break;
      }
      return out.join(', ');
    }, cw);
    found.push(`scroll: scrollWidth ${sw} > ${cw} (${wide})`);
  }
  // Dates as French readers write them (issue 18 item 6): an ISO date in
  // the text of the page (not in a form value, code or a URL) is noted.
  const iso = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return [];
    const clone = main.cloneNode(true);
    for (const el of clone.querySelectorAll('code, pre, input, textarea, select, script')) el.remove();
    return [...new Set(clone.textContent.match(/\b(19|20)\d\d-[01]\d-[0-3]\d(?!\d)/g) || [])];
  });
  if (iso.length) isoDates.set(p, iso);
  const violations = await axeViolations(page);
  if (violations.length) found.push(`axe: ${violations.join(' | ')}`);
  if (errors.length) found.push(`console: ${errors.join(' | ')}`);
  if (found.length) await screenshot(page, `mobile-${shot}`);
  return found;
}

async function login(page) {
  await page.goto(server.url + '/connexion');
  await page.fill('#identifiant', server.adminLogin);
  await page.fill('#mot_de_passe', server.adminPassword);
  await Promise.all([page.waitForNavigation(),
                     page.locator('main button[type="submit"]').click()]);
}

test('the skip list of module pages is printed', () => {
  console.log(`KNOWN_MODULE_FAILURES (${KNOWN_MODULE_FAILURES.size}):`);
  for (const [k, why] of KNOWN_MODULE_FAILURES) console.log(`  ${k}: ${why}`);
});

for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  test(`every page fits, passes axe and logs no error (${vpName})`, async () => {
    const all = pages();
    assert.ok(ONLY || all.length > 40, `only ${all.length} pages in the registry`);
    const anon = all.filter((r) => r.role === 'public').map((r) => [r.pattern, true]);
    const agent = all.filter((r) => r.role !== 'public').map((r) => [r.pattern, false]);
    const failures = [];
    const stillKnown = new Set();
    let nChecked = 0;
    for (const isPublic of [true, false]) {
      const { context, close } = await launch(viewport);
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        if (!isPublic) await login(page);
        const list = [...(isPublic ? anon : agent),
                      ...idPages.filter(([p, pub]) => pub === isPublic &&
                                     (!ONLY || ONLY.includes(p)))];
        for (const [p] of list) {
          const shot = `${vpName}${p.replace(/[^a-z0-9]+/gi, '-')}`;
          const found = await problems(page, errors, p, shot);
          if (found === null) continue;
          nChecked++;
          for (const f of found) {
            const key = `GET ${p}@${vpName}: ${f.split(':')[0]}`;
            if (KNOWN_MODULE_FAILURES.has(key)) stillKnown.add(key);
            else failures.push(`${key} — ${f}`);
          }
        }
      } finally {
        await close();
      }
    }
    console.log(`${vpName}: ${nChecked} pages checked; answered 404 without ` +
                `a parameter (their error page checked): ${[...notFound].join(' ')}`);
    for (const k of KNOWN_MODULE_FAILURES.keys()) {
      if (k.includes(`@${vpName}:`) && !stillKnown.has(k)) {
        console.log(`  fixed meanwhile, remove from the skip list: ${k}`);
      }
    }
    for (const [p, dates] of isoDates) {
      console.log(`  ISO dates shown on ${p}: ${dates.join(' ')}`);
      if (OWN.test(p)) failures.push(`GET ${p}@${vpName}: ISO date ${dates.join(' ')}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}

// Run check(page) on /mon-espace, logged in as the admin, at viewport.
async function onAdminHome(viewport, check) {
  const { context, close } = await launch(viewport);
  try {
    const page = await context.newPage();
    await login(page);
    await page.goto(server.url + '/mon-espace');
    await check(page);
  } finally {
    await close();
  }
}

// The frame itself: on a phone the menu is one button, and its list opens.
test('on a phone the menu is collapsed and opens', () =>
  onAdminHome(VIEWPORTS.phone, async (page) => {
    const wide = page.locator('.nav-list-wide');
    assert.equal(await wide.isVisible(), false, 'the wide list is hidden');
    const admin = page.locator('.nav-list-narrow a', { hasText: 'Administration' });
    assert.equal(await admin.isVisible(), false, 'closed at first');
    await page.locator('.nav-menu summary').click();
    assert.equal(await admin.isVisible(), true, 'open after a tap');
    const box = await page.locator('.site-header').boundingBox();
    assert.ok(box.width <= 390, `header ${box.width} px wide`);
    await screenshot(page, 'mobile-phone-menu-open');
  }));

// On a desktop the admin's nine menu entries hold on one row, none broken
// over two lines (« Centres de santé »).
test('on a desktop the admin menu does not wrap inside its entries', () =>
  onAdminHome(VIEWPORTS.desktop, async (page) => {
    const heights = await page.locator('.nav-list-wide a').evaluateAll((as) =>
      as.map((a) => [a.textContent, a.getClientRects().length]));
    for (const [label, nLines] of heights) {
      assert.equal(nLines, 1, `« ${label} » is broken over ${nLines} lines`);
    }
    const tops = await page.locator('.nav-list-wide li').evaluateAll((lis) =>
      new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top))).size);
    assert.equal(tops, 1, 'the menu holds on one row at 1366 px');
    await screenshot(page, 'mobile-desktop-admin-header');
  }));

// A calendar-like table (60 columns, a visually-hidden text in each cell,
// as /stages/logistique writes) scrolls inside its .table-wrap: the page
// itself stays 390 px wide.  (The hidden texts are absolutely positioned:
// without a positioned wrapper they escaped it and widened the page.)
test('a wide table scrolls inside its own box, hidden cell texts too', async () => {
  const { context, close } = await launch(VIEWPORTS.phone);
  try {
    const page = await context.newPage();
    await page.goto(server.url + '/sources');
    const r = await page.evaluate(() => {
      const cells = Array.from({ length: 60 }, (_, i) =>
        `<td>●<span class="visually-hidden">occupée le ${i + 1}</span></td>`).join('');
      document.querySelector('main').insertAdjacentHTML('beforeend',
        '<div class="table-wrap" tabindex="0" role="region" aria-label="essai">' +
        `<table><tbody><tr><th scope="row">Chambre 1</th>${cells}</tr></tbody></table></div>`);
      const wrap = document.querySelector('main > .table-wrap:last-child');
      return { page: document.documentElement.scrollWidth,
               view: document.documentElement.clientWidth,
               inner: wrap.scrollWidth, box: wrap.clientWidth };
    });
    assert.ok(r.inner > r.box, `the table is wider than its box (${r.inner} > ${r.box})`);
    assert.ok(r.page <= r.view + 1, `the page scrolls sideways: ${r.page} > ${r.view}`);
  } finally {
    await close();
  }
});

// The banner of a demonstration instance: first after the skip link, calm
// (a note, not an alert), fitting a phone and a desktop, axe-clean.
test('the demonstration banner fits and passes axe at both widths', async () => {
  const set = (...v) => execFileSync(BIN, ['instance', ...v, '--db', server.dbPath]);
  set('set', 'demonstration', '1');
  try {
    for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
      const { context, close } = await launch(viewport);
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        for (const p of ['/', '/aides', '/demonstration']) {
          assert.deepEqual(await problems(page, errors, p, `${vpName}-demo${p.replace(/\W+/g, '-')}`),
                           [], `${p} (${vpName})`);
          const note = page.getByRole('note');
          assert.equal(await note.count(), 1, p);
          assert.match(await note.innerText(), /Démonstration — données fictives/);
          const box = await note.boundingBox();
          assert.ok(box.y < 5 && box.height < 90, `${p}: banner at ${box.y}, ${box.height} px high`);
        }
        await page.getByRole('note').getByRole('link').click();
        assert.equal(new URL(page.url()).pathname, '/demonstration');
        await screenshot(page, `mobile-${vpName}-demo-banner`);
      } finally {
        await close();
      }
    }
  } finally {
    set('unset', 'demonstration');
  }
});
