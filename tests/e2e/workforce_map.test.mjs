// tests/e2e/workforce_map.test.mjs: the structures directory as layers of
// the observatory's map, in a real browser: on the Ain's page (world of
// tests/api/obs_pages_fixture.mjs, square contours, plus the FINESS fixture
// imported with the CLI) the map draws the MSP, the CPTS and the pharmacy
// as markers, with a legend whose boxes switch each kind off and on; the
// commune sheet lists the commune's structures.  At 390 px and 1366 px:
// one <h1>, axe without serious/critical violations, nothing wider than
// the screen, no console error, a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startObsServer } from '../api/obs_pages_fixture.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
let world, server;
before(async () => {
  world = await startObsServer();
  server = world.server;
  const r = spawnSync(BIN, ['import', 'finess', path.resolve('tests/fixtures/finess_stock.csv'),
    '--db', server.dbPath], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
after(async () => { await world?.stop(); });

async function check(page, errors, shot) {
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe violations`);
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${shot}: ${overflow}px wider than the viewport`);
  await screenshot(page, `workforce-map-${shot}`);
  assert.deepEqual(errors, [], `${shot}: console errors`);
  errors.length = 0;
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`the Ain's map shows the structures as layers with a legend that switches them (${name})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/observatoire/departements/01');
      await page.waitForSelector('#obs-map[data-structures]', { timeout: 10000 });
      assert.equal(await page.getAttribute('#obs-map', 'data-structures'), '3');
      const legend = page.locator('.obs-structure-legend');
      assert.match(await legend.innerText(), /Structures de soins/);
      assert.match(await legend.innerText(), /Maisons de santé \(1\)/);
      assert.match(await legend.innerText(), /CPTS \(1\)/);
      assert.match(await legend.innerText(), /Pharmacies \(1\)/);
      const markers = page.locator('.leaflet-marker-pane .obs-structure-marker');
      assert.equal(await markers.count(), 3);
      assert.ok(await page.locator('.leaflet-marker-pane .obs-structure-msp[title*="Ambérieu-en-Bugey"]').count() === 1);
      await legend.getByLabel(/Pharmacies/).uncheck();
      assert.equal(await markers.count(), 2);
      assert.equal(await page.locator('.leaflet-marker-pane .obs-structure-pharmacie').count(), 0);
      await legend.getByLabel(/Pharmacies/).check();
      assert.equal(await markers.count(), 3);
      await check(page, errors, `departement-${name}`);
      await page.goto(server.url + '/observatoire/communes/01004');
      const text = await page.locator('#structures').locator('..').innerText();
      assert.match(text, /MAISON DE SANTE PLURIPROFESSIONNELLE D'AMBÉRIEU — Maison de santé/);
      await check(page, errors, `commune-${name}`);
    } finally {
      await close();
    }
  });
}
