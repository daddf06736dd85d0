// tests/e2e/obs.test.mjs: the observatory pages in a real browser, on the
// small fixture world of tests/api/obs_pages_fixture.mjs (imported with
// the CLI, default run stored, square contours).  The drill-down France →
// région → département → EPCI → commune, the table beside the map (and a
// click on the map), a what-if that lifts 01001 out of "sous-dense", a
// siting ranking, and an export whose numbers match the page.  Every page
// visited: one <h1>, axe without serious/critical violations, no console
// error, a screenshot (desktop and phone) under test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startObsServer } from '../api/obs_pages_fixture.mjs';
import { Client } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';
import { csvRow } from '../api/obs_csv.mjs';

let world, server;
before(async () => {
  world = await startObsServer();
  server = world.server;
});
after(async () => { await world?.stop(); });

// The common checks of a page, then its screenshot.
async function check(page, errors, shot) {
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe violations`);
  await screenshot(page, `obs-${shot}`);
  assert.deepEqual(errors, [], `${shot}: console errors`);
  errors.length = 0;
}

async function go(page, link) {
  await Promise.all([page.waitForNavigation(), link.click()]);
}

// The map drew its contours (obs-map.js sets data-ready to their count).
async function mapReady(page) {
  await page.waitForSelector('#obs-map[data-ready]', { timeout: 10000 });
  return Number(await page.getAttribute('#obs-map', 'data-ready'));
}

async function login(page, srv = server) {
  await page.goto(srv.url + '/connexion');
  await page.fill('#identifiant', srv.adminLogin);
  await page.fill('#mot_de_passe', srv.adminPassword);
  await go(page, page.locator('main button[type="submit"]'));
}


// French number "12,34" (narrow no-break spaces as thousands) to a Number.
const frNum = (s) => Number(s.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));

test('drill-down France → région → département → EPCI → commune', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + '/observatoire');
    assert.equal(await mapReady(page), 3);
    const rows = page.locator('#tableau tbody tr');
    assert.equal(await rows.count(), 3);
    await check(page, errors, 'france');

    await go(page, page.locator('#tableau').getByRole('link', { name: 'Auvergne-Rhône-Alpes' }));
    assert.match(page.url(), /\/observatoire\/regions\/84$/);
    assert.equal(await mapReady(page), 1);
    await check(page, errors, 'region');

    await go(page, page.locator('#tableau').getByRole('link', { name: 'Ain' }));
    assert.match(page.url(), /\/observatoire\/departements\/01$/);
    assert.equal(await mapReady(page), 2);
    // the table sits beside the map on a desktop
    const fig = await page.locator('#obs-figure').boundingBox();
    const tab = await page.locator('#tableau').boundingBox();
    assert.ok(fig.x + fig.width <= tab.x + 1, 'map left of the table');
    assert.ok(Math.abs(fig.y - tab.y) < 40, 'map and table side by side');
    // sorting by APL, descending on the second click, without JS
    await go(page, page.locator('#tableau thead').getByRole('link', { name: /APL DREES/ }));
    assert.equal(await page.getAttribute('#tableau th[aria-sort]', 'aria-sort'), 'ascending');
    assert.match(await rows.first().innerText(), /Abergement/);
    await go(page, page.locator('#tableau thead').getByRole('link', { name: /APL DREES/ }));
    assert.equal(await page.getAttribute('#tableau th[aria-sort]', 'aria-sort'), 'descending');
    assert.match(await rows.first().innerText(), /Ambérieu/);
    await check(page, errors, 'departement');

    await go(page, page.locator('.obs-epci-list').getByRole('link').first());
    assert.match(page.url(), /\/observatoire\/epci\/200029999/);
    assert.equal(await mapReady(page), 2);
    await check(page, errors, 'epci');

    // a click on the map opens the commune sheet
    await page.locator('#obs-map').scrollIntoViewIfNeeded();
    const box = await page.locator('#obs-map path.leaflet-interactive').first().boundingBox();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.waitForSelector('.leaflet-tooltip');
    const tip = await page.locator('.leaflet-tooltip').innerText();
    await Promise.all([page.waitForNavigation(), page.mouse.click(x, y)]);
    assert.match(page.url(), /\/observatoire\/communes\/0100[14]$/);
    assert.ok(tip.includes(await page.locator('h1').innerText()), `tooltip ${tip}`);
    await check(page, errors, 'commune');

    await page.goto(server.url + '/observatoire/communes/01001');
    const main = await page.locator('main').innerText();
    assert.match(main, /sous-dense \(indicatif\)/);
    assert.match(main, /Estimation oasis/);
    assert.match(main, /Âges des médecins inconnus/);
    assert.match(main, /Provenance des chiffres/);
    assert.match(main, /supply_small\.csv/);
    await check(page, errors, 'commune-01001');

    // search by postal code and by name
    await page.goto(server.url + '/observatoire');
    await page.fill('#q', '01500');
    await go(page, page.getByRole('button', { name: 'Rechercher' }));
    assert.match(page.url(), /\/observatoire\/communes\/01004$/);
    const resp = await page.goto(server.url + '/observatoire/communes/99999');
    assert.equal(resp.status(), 404);
    assert.match(await page.locator('main').innerText(), /99999/);
    errors.length = 0;    // the 404 itself is reported as a failed load
    await check(page, errors, 'commune-404');
  } finally {
    await close();
  }
});

test('phone: the table under the map, pages readable', async () => {
  const { context, close } = await launch(VIEWPORTS.phone);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    for (const [p, shot] of [['/observatoire', 'phone-france'],
                             ['/observatoire/departements/01', 'phone-departement'],
                             ['/observatoire/communes/01001', 'phone-commune'],
                             ['/observatoire/implantation?territoire=departement:01&k=2',
                              'phone-implantation']]) {
      await page.goto(server.url + p);
      if (await page.locator('#obs-map-data').count()) await mapReady(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 392, `${p}: no horizontal scroll (${width})`);
      await check(page, errors, shot);
    }
    const fig = await page.goto(server.url + '/observatoire/departements/01')
      .then(() => mapReady(page))
      .then(() => page.locator('#obs-figure').boundingBox());
    const tab = await page.locator('#tableau').boundingBox();
    assert.ok(tab.y >= fig.y + fig.height - 1, 'table under the map on a phone');
  } finally {
    await close();
  }
});

test('a what-if lifts 01001 out of sous-dense (official APL + effect); saved, compared, exported', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page);
    await page.goto(server.url + '/observatoire/communes/01001');
    await go(page, page.getByRole('link', { name: /Simuler l'arrivée/ }));
    assert.equal(await page.inputValue('#code_1'), '01001');
    await check(page, errors, 'simulation-form');

    await go(page, page.getByRole('button', { name: "Calculer l'effet" }));
    const zoneRows = page.locator('table:has(#zones-titre) tbody tr');
    assert.equal(await zoneRows.count(), 1);
    const cells = await zoneRows.first().locator('td').allInnerTexts();
    assert.match(await zoneRows.first().innerText(), /Abergement/);
    // columns: official APL, simulated effect, official + effect, classes
    assert.equal(frNum(cells[0]), 1.89);
    assert.equal(cells[3], 'sous-dense (indicatif)');
    assert.equal(cells[4], 'non zoné (indicatif)');
    const aplAfter = frNum(cells[2]);
    assert.equal(aplAfter.toFixed(2), (1.89 + frNum(cells[1])).toFixed(2));
    assert.match(await page.locator('.obs-whatif-names').innerText(),
      /^Communes concernées : L'Abergement-Clémenciat\.$/);
    assert.ok((await mapReady(page)) >= 1);
    await check(page, errors, 'simulation-result');

    // the unsaved result exports as CSV: the same APL after as the page
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('form:has(input[name="action"][value="exporter"])')
        .getByRole('button', { name: 'CSV' }).click()]);
    assert.match(dl.suggestedFilename(), /^apl-departement-01-scenario-2022\.csv$/);
    const raw = fs.readFileSync(await dl.path(), 'utf8');
    assert.ok(raw.startsWith('\uFEFF'), 'UTF-8 BOM');
    // the header row first (provenance travels in X-Provenance)
    assert.match(raw, /^\uFEFFcode;nom;/);
    const unsaved = raw.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l);
    const uHead = unsaved[0].split(';');
    const uRow = csvRow(unsaved.find((l) => l.startsWith('01001;')));
    assert.equal(frNum(uRow[uHead.indexOf('apl_apres')]).toFixed(2), aplAfter.toFixed(2));
    assert.equal(uRow[uHead.indexOf('zone_apres')], cells[4]);

    // a refused input names its field, nothing is saved
    await page.fill('#code_2', '01004');
    await page.fill('#etp_2', '-1000');
    await page.fill('#f-nom', 'Refusé');
    await go(page, page.getByRole('button', { name: 'Enregistrer le scénario' }));
    assert.match(await page.locator('[role="alert"]').innerText(), /Ligne 2, ETP/);
    assert.equal(await page.getAttribute('#etp_2', 'aria-invalid'), 'true');
    errors.length = 0;    // HTTP 400 is reported as a failed load
    await check(page, errors, 'simulation-refused');

    await page.fill('#code_2', '');
    await page.fill('#etp_2', '');
    await page.fill('#f-nom', 'Un médecin à L\'Abergement');
    await go(page, page.getByRole('button', { name: 'Enregistrer le scénario' }));
    assert.match(page.url(), /\/observatoire\/scenarios\/\d+$/);
    const scenarioUrl = page.url();
    await check(page, errors, 'scenario');

    // the export carries the same APL after as the page
    const href = await page.locator('.obs-exports a', { hasText: 'CSV' }).getAttribute('href');
    const csv = (await (await page.request.get(server.url + href)).text()).replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
    const head = lines[0].split(';');
    const row = csvRow(lines.find((l) => l.startsWith('01001;')));
    const after = frNum(row[head.indexOf('apl_apres')]);
    assert.equal(after.toFixed(2), aplAfter.toFixed(2));

    // a second scenario, and both side by side
    await page.goto(server.url + '/observatoire/simulation');
    await page.fill('#code_1', '01004');
    await page.selectOption('#type_1', 'antenne');
    await page.fill('#etp_1', '2');
    await page.fill('#f-nom', 'Antenne à Ambérieu');
    await go(page, page.getByRole('button', { name: 'Enregistrer le scénario' }));
    await page.goto(server.url + '/observatoire/scenarios');
    await check(page, errors, 'scenarios');
    await go(page, page.getByRole('button', { name: 'Comparer' }));
    assert.equal(await page.locator('.obs-compare section').count(), 2);
    await check(page, errors, 'comparaison');
    assert.ok(scenarioUrl);
  } finally {
    await close();
  }
});

test('where to act first: the objective stated, a ranking explained, its export matching', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + '/observatoire/implantation');
    await page.selectOption('#f-niveau', 'departement');
    await page.fill('#f-code', '75');
    await page.fill('#f-k', '1');
    await go(page, page.getByRole('button', { name: 'Classer les communes' }));
    assert.match(await page.locator('.obs-objective').innerText(),
      /Ce que le classement optimise : classer les communes par la population standardisée/);
    const first = page.locator('table:has(#classement-titre) tbody tr').first();
    const why = await first.locator('td[data-label="Pourquoi"]').innerText();
    assert.match(why, /^bassin de \d[\d\s\u202f]* habitants/);
    const cells = await first.locator('td').allInnerTexts();
    await check(page, errors, 'implantation');

    const href = await page.locator('.obs-exports a', { hasText: 'CSV' }).getAttribute('href');
    const csv = (await (await page.request.get(server.url + href)).text()).replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
    const head = csvRow(lines[0]);
    assert.deepEqual(head.slice(-2), ['bassin_population', 'raison']);
    if (lines.length > 1) {
      const row = csvRow(lines[1]);
      const col = head.indexOf('apl_apres');
      assert.equal(frNum(row[col]).toFixed(2), frNum(cells[4]).toFixed(2));
    }
  } finally {
    await close();
  }
});

test('the département table and its CSV export give the same figures', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    await page.goto(server.url + '/observatoire/departements/01');
    const href = await page.locator('.obs-exports a', { hasText: 'CSV' }).getAttribute('href');
    const csv = (await (await page.request.get(server.url + href)).text()).replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
    const head = lines[0].split(';');
    for (const code of ['01001', '01004']) {
      const row = csvRow(lines.find((l) => l.startsWith(code + ';')));
      const tr = page.locator('#tableau tbody tr', { hasText: code });
      const apl = frNum(await tr.locator('td[data-label="APL DREES"]').innerText());
      const pop = frNum(await tr.locator('td[data-label="Population"]').innerText());
      assert.equal(frNum(row[head.indexOf('apl')]).toFixed(2), apl.toFixed(2), code);
      assert.equal(Math.round(frNum(row[head.indexOf('population')])), pop, code);
    }
  } finally {
    await close();
  }
});

// A centre de santé and its antenna created through the centres' JSON API
// appear on the département's map as a marker (linking to the site's page)
// and in the list under the map, on desktop and phone.
test('centres de santé: the site is a marker on the map and a row under it', async () => {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  const csrf = (await (await c.get('/api/v1/moi')).json()).csrf;
  const post = async (p, body) => {
    const r = await c.fetch(p, { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
    const json = await r.json();
    assert.equal(r.status, 201, JSON.stringify(json));
    return json;
  };
  const net = await post('/api/v1/centres/reseaux', { code: 'E2E01', name: 'Réseau Ain', dep: '01' });
  const centre = await post('/api/v1/centres', { network_id: net.id, code: 'E2E01-C',
                                                 name: 'Centre de santé de l\'Ain' });
  const site = await post(`/api/v1/centres/${centre.id}/sites`, {
    code: 'E2E01-A', kind: 'antenne', name: 'Antenne de Clémenciat', commune: '01001',
    opened_on: '2020-01-01', services: { consultations: true, teleconsultation_point: true } });

  for (const vp of ['desktop', 'phone']) {
    const { context, close } = await launch(VIEWPORTS[vp]);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/observatoire/departements/01');
      assert.equal(await mapReady(page), 2);
      await page.waitForSelector('#obs-map[data-sites]', { timeout: 10000 });
      assert.equal(await page.getAttribute('#obs-map', 'data-sites'), '1');
      const marker = page.locator('#obs-map .obs-site-marker');
      assert.equal(await marker.count(), 1);
      assert.match(await marker.getAttribute('title'), /Antenne de Clémenciat — Centre de santé de l'Ain \(antenne/);
      const row = page.locator('#obs-sites tbody tr');
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /Antenne de Clémenciat[^]*L'Abergement-Clémenciat/);
      assert.equal(await page.locator('.obs-legend-sites').count(), 1);
      await check(page, errors, `sites-${vp}`);
      if (vp === 'desktop') {
        await go(page, marker);
        assert.equal(new URL(page.url()).pathname, `/centres/sites/${site.id}`);
      }
    } finally {
      await close();
    }
  }
});

// Le Creusot on the national files (tools/initdb.sh into a fresh server
// database): the commune sheet shows one class and one official figure
// everywhere it speaks of the commune -- the heading badge, the key
// figure, the zonage section, the comparison and evolution rows, the JSON
// of the sheet -- with our model's value only under « estimation oasis ».
// Skipped, with a message, when $OASIS_DATA_DIR or the COG package is absent.
const DATA = process.env.OASIS_DATA_DIR;
const COG = 'node_modules/@etalab/decoupage-administratif/data/communes.json';
const noNational = !DATA || !fs.existsSync(`${DATA}/apl/apl_mg_2023_communes.csv`)
  ? `OASIS_DATA_DIR absent (${DATA || 'unset'})`
  : !fs.existsSync(COG) ? `${COG} absent (npm ci)` : null;
if (noNational) console.log(`# obs e2e Le Creusot: skipped: ${noNational}`);

test('Le Creusot: one class and one figure on its sheet, its département table and a what-if',
  { skip: noNational || false, timeout: 300000 }, async () => {
    const { startServer } = await import('../api/lib/server.mjs');
    const { spawnSync } = await import('node:child_process');
    const nat = await startServer();
    try {
      const bin = process.env.OASIS_BIN || 'build/asan/oasis';
      const r = spawnSync('bash', ['tools/initdb.sh', bin, nat.dbPath], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const api = await (await fetch(nat.url + '/api/v1/communes/71153')).json();
      assert.equal(api.apl, 2.1);
      assert.equal(api.zone.classe, 'sous_dense');
      for (const vp of ['desktop', 'phone']) {
        const { context, close } = await launch(VIEWPORTS[vp]);
        try {
          const page = await context.newPage();
          const errors = watchErrors(page);
          await page.goto(nat.url + '/observatoire/communes/71153');
          assert.equal(await page.locator('h1').innerText(), 'Le Creusot');
          // every class shown for the commune itself: the same one
          const badges = [
            await page.locator('.obs-zone-head .badge').innerText(),
            await page.locator('.obs-zone-line .badge').innerText(),
            await page.locator('.obs-row-self .badge').innerText()];
          assert.deepEqual(badges, Array(3).fill('sous-dense (indicatif)'));
          assert.match(await page.locator('.obs-zone-head .badge').getAttribute('title'),
            /classement indicatif d'après l'APL DREES 2023 \(2,10/);
          // every official figure shown for it: 2,10
          assert.equal(await page.locator('.obs-stats .stat-value').first().innerText(), '2,10');
          assert.equal(await page.locator('.obs-row-self td[data-label="APL DREES"]').innerText(), '2,10');
          const evo = page.locator('table:has(#evolution-titre) tbody tr', { hasText: '2023' });
          assert.equal(await evo.locator('td[data-label="APL DREES"]').innerText(), '2,10');
          // the model's value only under its own name
          const main = await page.locator('main').innerText();
          assert.match(main, /estime l'APL de la commune à 2,56 \(« estimation oasis »/);
          assert.doesNotMatch(main.replace(/Provenance des chiffres[^]*$/, ''), /\b(ZIP|ZAC|ZAR)\b/);
          assert.match(main, /France\s+France\s+3,74/);   // the all-ages national mean
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= VIEWPORTS[vp].width + 2, `no horizontal scroll (${width})`);
          await check(page, errors, `creusot-${vp}`);
          // the same class and figure in the département's table
          await page.goto(nat.url + '/observatoire/departements/71?tri=nom');
          const tr = page.locator('#tableau tbody tr', { hasText: '71153' });
          assert.equal(await tr.locator('td[data-label="APL DREES"]').innerText(), '2,10');
          assert.equal(await tr.locator('td[data-label="Zone"] .badge').innerText(),
            'sous-dense (indicatif)');
          await check(page, errors, `creusot-departement-${vp}`);
        } finally {
          await close();
        }
      }
      // and in a what-if: the scenario starts from the official 2,10
      const { context, close } = await launch(VIEWPORTS.desktop);
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        await login(page, nat);
        await page.goto(nat.url + '/observatoire/simulation?commune=71153');
        await go(page, page.getByRole('button', { name: "Calculer l'effet" }));
        const row = page.locator('table:has(#variations-titre) tbody tr', { hasText: '71153' });
        assert.equal(await row.locator('td').first().innerText(), '2,10');
        assert.equal(await row.locator('td[data-label="Classe avant"]').innerText(),
          'sous-dense (indicatif)');
        await check(page, errors, 'creusot-simulation');

        // the same class and figure wherever else oasis speaks of Le Creusot
        // (issue 13): the aid simulator, a dossier of the guichet, the portal
        const classOf = /sous-dense/i, notModel = /2,56|2,6\b/;
        await page.goto(nat.url + '/aides/simulateur?profession=medecin-generaliste' +
                        '&statut=etudiant&annee=2&pass_las=1&commune=71153#resultat');
        let text = await page.locator('main').innerText();
        assert.match(text, /APL officielle \(DREES 2023\) : 2,10/);
        assert.match(text, /Sous-dense \(indicatif\)/);
        assert.doesNotMatch(text, notModel);
        await check(page, errors, 'creusot-aides');

        const csrf = (await (await page.request.get(nat.url + '/api/v1/moi')).json()).csrf;
        const made = await page.request.post(nat.url + '/api/v1/dossiers', {
          headers: { 'X-CSRF-Token': csrf },
          data: { prenom: 'Léa', nom: 'Exemple', email: 'lea@exemple.invalid',
                  profession: 'medecin_generaliste', statut: 'etudiant', projet: 'installation',
                  territoire_type: 'commune', territoire_code: '71153', territoire_nom: 'Le Creusot',
                  besoins: ['aides'], consentement: true } });
        assert.equal(made.status(), 201, await made.text());
        await page.goto(nat.url + `/accompagnement/dossiers/${(await made.json()).id}`);
        text = await page.locator('main').innerText();
        assert.match(text, /APL médecins généralistes \(DREES 2023\)\s+2,10/);
        assert.match(text, /Sous-dense — classement indicatif d'après l'APL DREES 2023/);
        assert.doesNotMatch(text, notModel);
        await check(page, errors, 'creusot-dossier');

        await page.goto(nat.url + '/portail/communes/71153');
        text = await page.locator('main').innerText();
        assert.match(text, classOf);
        assert.match(text, /2,1\b/);
        assert.doesNotMatch(text, notModel);
        assert.doesNotMatch(text, /\b(ZIP|ZAC|ZAR)\b/);
        await check(page, errors, 'creusot-portail');
      } finally {
        await close();
      }
    } finally {
      await nat.stop();
    }
  });
