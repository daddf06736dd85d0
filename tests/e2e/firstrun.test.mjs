// tests/e2e/firstrun.test.mjs: the first-run page in Chromium, on a phone
// (390 px) and a desktop (1366 px): a real instance without any account
// sends its first visitor to /premiere-installation; a wrong code and a
// short password are told at their fields with the rest kept; the right
// code (printed by the server) creates the administrator, who lands on
// /admin signed in, and the page is gone.  Axe clean, no sideways scroll,
// no console error but the 400 of the refused form; screenshots under
// test-output/journeys/firstrun-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../api/lib/server.mjs';
import { freshDb, setupCode } from '../api/firstrun_db.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, OUTPUT_DIR } from './lib/browser.mjs';

const SHOTS = path.join(OUTPUT_DIR, 'journeys');

async function check(page, errors, name) {
  const { sw, cw } = await page.evaluate(() => ({
    sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
  assert.ok(sw <= cw + 1, `${name}: scrolls sideways (${sw} > ${cw})`);
  assert.deepEqual(await axeViolations(page), [], `${name}: axe`);
  assert.deepEqual(errors, [], `${name}: console`);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `firstrun-${name}.png`), fullPage: true });
}

for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
  test(`the first administrator of a real instance, through the page (${vp})`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-firstrun-e2e-'));
    const server = await startServer({ dbPath: freshDb(dir), env: { OASIS_ADMIN_PASSWORD: '' } });
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/observatoire');
      assert.equal(new URL(page.url()).pathname, '/premiere-installation');
      assert.equal(await page.locator('h1').innerText(), 'Première installation');
      await check(page, errors, `${vp}-1-page`);
      await page.fill('#f-code', 'abcdefabcdefabcdefabcdef');
      await page.fill('#f-identifiant', 'c.martin');
      await page.fill('#f-nom', 'Claire Martin');
      await page.fill('#f-courriel', 'claire.martin@exemple.fr');
      await page.fill('#f-mot_de_passe', 'court-mais-pas-assez');
      await page.fill('#f-confirmation', 'autre-chose-encore');
      await page.fill('#f-territoire', '21');
      await Promise.all([page.waitForNavigation(), page.locator('main button[type="submit"]').click()]);
      const box = await page.locator('main').innerText();
      assert.match(box, /Code d'installation incorrect/);
      assert.match(box, /Les deux mots de passe diffèrent/);
      assert.equal(await page.inputValue('#f-identifiant'), 'c.martin');
      assert.equal(await page.inputValue('#f-territoire'), '21');
      assert.equal(await page.inputValue('#f-mot_de_passe'), '');
      assert.equal(await page.getAttribute('#f-code', 'aria-invalid'), 'true');
      const i = errors.findIndex((e) => /status of 400/.test(e));
      assert.ok(i >= 0, 'the refused form answers 400');
      errors.splice(i, 1);
      await check(page, errors, `${vp}-2-erreurs`);
      await page.fill('#f-code', setupCode(server));
      await page.fill('#f-mot_de_passe', 'Orties-et-Pissenlits-21');
      await page.fill('#f-confirmation', 'Orties-et-Pissenlits-21');
      await Promise.all([page.waitForNavigation(), page.locator('main button[type="submit"]').click()]);
      assert.equal(new URL(page.url()).pathname, '/admin');
      assert.match(await page.locator('main').innerText(), /c\.martin/);
      await check(page, errors, `${vp}-3-admin`);
      const gone = await page.goto(server.url + '/premiere-installation');
      assert.equal(gone.status(), 404);
      errors.length = 0;            // the 404 just asked for
    } finally {
      await close();
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
