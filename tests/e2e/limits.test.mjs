// tests/e2e/limits.test.mjs: a person held back by the rate limit of the
// public request form, in a real browser at 390 and 1366 px: the challenge
// page keeps what was typed, reads well (axe, one <h1>, no CSP error), and
// one right answer sends the request.  Screenshots go to test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

let server;
before(async () => {
  server = await startServer({ env: { OASIS_NOW: '2026-03-02T09:00:00Z',
    OASIS_LIMIT_PER_ADDRESS: '1/600' } });
});
after(async () => { await server?.stop(); });

const WORDS = { vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
  un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9 };

async function fillRequest(page, email) {
  await page.goto(server.url + '/demande');
  await page.fill('#f-prenom', 'Camille');
  await page.fill('#f-nom', 'Durand');
  await page.fill('#f-email', email);
  await page.selectOption('#f-profession', 'medecin_generaliste');
  await page.selectOption('#f-statut', 'interne');
  await page.selectOption('#f-projet', 'installation');
  await page.check('input[name="territoire_type"][value="commune"]');
  await page.fill('#f-territoire_nom', 'Aurillac');
  await page.fill('#f-territoire_code', '15014');
  await page.check('input[name="besoins"][value="logement"]');
  await page.check('#f-consentement');
  await Promise.all([page.waitForNavigation(),
    page.getByRole('button', { name: 'Envoyer ma demande' }).click()]);
}

let n = 0;
for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  test(`a second request from one address is sent after one question (${vpName})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      n++;
      await context.setExtraHTTPHeaders({ 'X-Forwarded-For': `198.51.100.${n}` });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await fillRequest(page, `premier.${vpName}@exemple.fr`);
      assert.match(page.url(), /\/demande\/merci\?ref=/);
      await fillRequest(page, `second.${vpName}@exemple.fr`);
      assert.equal(await page.locator('h1').innerText(), 'Vérification avant envoi');
      assert.equal(await page.locator('h1').count(), 1);
      assert.deepEqual(await axeViolations(page), [], 'axe');
      await screenshot(page, `limits-${vpName}-defi`);
      assert.deepEqual(errors.filter((e) => !/status of 429/.test(e)), [], 'no CSP or script error');
      const label = await page.locator('label[for="f-defi_reponse"]').innerText();
      const words = label.match(/« ([a-z -]+) »/)[1];
      const number = words.split(/[- ]/).filter((w) => w !== 'et')
        .reduce((s, w) => s + WORDS[w], 0);
      await page.getByLabel(/Écrivez en chiffres/).fill(String(number));
      await Promise.all([page.waitForNavigation(),
        page.getByRole('button', { name: 'Envoyer' }).click()]);
      assert.match(page.url(), /\/demande\/merci\?ref=/, 'the request is sent');
    } finally {
      await close();
    }
  });
}
