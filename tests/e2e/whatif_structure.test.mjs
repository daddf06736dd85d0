// tests/e2e/whatif_structure.test.mjs: in a real browser, an agent opens a
// maison de santé of 3 FTE in the what-if form (world of
// tests/api/obs_pages_fixture.mjs, whose contours the result's map draws): the result names the structure with
// « estimation oasis » and the communes that change; saved, the scenario's
// page lists it.  At 390 px and 1366 px: one <h1>, axe without
// serious/critical violations, nothing wider than the screen, no console
// error, a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startObsServer } from '../api/obs_pages_fixture.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

let world, server;
before(async () => { world = await startObsServer(); server = world.server; });
after(async () => { await world?.stop(); });

async function check(page, errors, shot) {
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe violations`);
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${shot}: ${overflow}px wider than the viewport`);
  await screenshot(page, `whatif-structure-${shot}`);
  assert.deepEqual(errors, [], `${shot}: console errors`);
  errors.length = 0;
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`a maison de santé of 3 FTE in the what-if, then saved (${name})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/connexion');
      await page.fill('#identifiant', server.adminLogin);
      await page.fill('#mot_de_passe', server.adminPassword);
      await Promise.all([page.waitForNavigation(),
        page.locator('main button[type="submit"]').click()]);
      await page.goto(server.url + '/observatoire/simulation');
      await page.fill('#code_1', '01001');
      await page.selectOption('#type_1', 'msp');
      await page.fill('#etp_1', '3');
      await Promise.all([page.waitForNavigation(),
        page.locator('main button[value="calculer"]').click()]);
      const text = await page.locator('main').innerText();
      assert.match(text, /Structures simulées/);
      assert.match(text, /Maison de santé pluriprofessionnelle de 3,0 ETP de médecins à L'Abergement-Clémenciat/);
      assert.match(text, /estimation oasis/);
      assert.match(text, /Communes concernées : .*L'Abergement-Clémenciat/);
      await check(page, errors, `result-${name}`);
      await page.fill('#f-nom', `MSP ${name}`);
      await Promise.all([page.waitForNavigation(),
        page.locator('main button[value="enregistrer"]').click()]);
      assert.match(page.url(), /\/observatoire\/scenarios\/\d+$/);
      assert.match(await page.locator('main').innerText(),
        /Maison de santé pluriprofessionnelle de 3,0 ETP à L'Abergement-Clémenciat/);
      await check(page, errors, `scenario-${name}`);
    } finally {
      await close();
    }
  });
}
