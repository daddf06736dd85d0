// tests/e2e/demo.test.mjs: the living demonstration in a real browser, on a
// phone (390 px) and a desktop (1366 px): the home page, the portal and the
// plan's dashboard of the demo territory show its name and its figures,
// with no console error; a full-page screenshot of each is kept under
// test-output/ (demo-*.png) to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../api/lib/server.mjs';
import { buildDemoDb, hasData, rows } from '../api/demo_db.mjs';
import { VIEWPORTS, launch, watchErrors, screenshot } from './lib/browser.mjs';

let server, dir;

before(async () => {
  if (!hasData) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-demo-e2e-'));
  server = await startServer({ dbPath: buildDemoDb(dir) });
});
after(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// What each page must show of the demo (the home page is the platform's
// own, the same on every instance: it must only not be the empty one).
const PAGES = [
  ['accueil', '/', () => ['Consulter l\'observatoire']],
  ['portail', '/portail', () => ['Saône-et-Loire', ...rows('events.csv').map((e) => e.title),
    ...rows('vacancies.csv').map((v) => v.title)]],
  ['commune', '/portail/communes/71153', () => ['Le Creusot', 'Exercer au Creusot']],
  ['plan', '/plan', () => ['Saône-et-Loire', ...rows('plan_actions.csv').map((a) => a.name)]],
];

for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
  test(`the demo territory's home, portal and plan (${vp})`, { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/connexion');
      await page.fill('#identifiant', server.adminLogin);
      await page.fill('#mot_de_passe', server.adminPassword);
      await Promise.all([page.waitForNavigation(),
                         page.locator('main button[type="submit"]').click()]);
      for (const [name, p, expected] of PAGES) {
        const resp = await page.goto(server.url + p, { waitUntil: 'load' });
        assert.equal(resp.status(), 200, p);
        const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
        for (const s of expected()) assert.ok(text.includes(s), `${p}: « ${s} »`);
        assert.ok(!text.includes('Votre territoire'), `${p}: still the empty territory`);
        const file = await screenshot(page, `${vp}-demo-${name}`);
        assert.ok(fs.statSync(file).size > 10000, `${file} written`);
      }
      assert.deepEqual(errors, [], 'console errors');
    } finally {
      await close();
    }
  });
}
