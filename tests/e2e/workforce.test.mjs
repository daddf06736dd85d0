// tests/e2e/workforce.test.mjs: the practitioners register in a real
// browser, on the world of tests/api/workforce_fixture.mjs.  An agent gives
// a doctor his birth year through the form (a bad second site first: the
// French error at the field), finds him aged 66 on the radar, sees names on the
// commune's page where the public sees age bands only; the demography and
// structures pages.  Every page at 390 px and 1366 px: one <h1>, axe without
// serious/critical violations, no console error, a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorkforceServer } from '../api/workforce_fixture.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

let server;
before(async () => { ({ server } = await startWorkforceServer()); });
after(async () => { await server?.stop(); });

async function check(page, errors, shot) {
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe violations`);
  // nothing wider than the viewport (phone)
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${shot}: ${overflow}px wider than the viewport`);
  await screenshot(page, `workforce-${shot}`);
  assert.deepEqual(errors, [], `${shot}: console errors`);
  errors.length = 0;
}

async function login(page) {
  await page.goto(server.url + '/connexion');
  await page.fill('#identifiant', server.adminLogin);
  await page.fill('#mot_de_passe', server.adminPassword);
  await Promise.all([page.waitForNavigation(),
    page.locator('main button[type="submit"]').click()]);
}

test('an agent enters a birth year and the radar shows the doctor aged 66', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page);
    await page.goto(server.url + '/observatoire/praticiens');
    await check(page, errors, 'list-desktop');
    await Promise.all([page.waitForNavigation(),
      page.getByRole('link', { name: 'MARTIN Jean' }).click()]);
    // the browser checks the year's bounds; the server checks the commune
    await page.fill('#f-annee_naissance', '1960');
    await page.fill('#f-actes', '5000');
    await page.fill('#f-commune_2', '99999');
    await Promise.all([page.waitForNavigation(),
      page.locator('main form button[type="submit"]').last().click()]);
    assert.match(await page.locator('#f-commune_2').getAttribute('aria-invalid'), /true/);
    assert.match(await page.locator('main').innerText(), /commune inconnue/);
    assert.equal(await page.inputValue('#f-annee_naissance'), '1960');   // kept
    // the refusal is a 400 on purpose, which Chromium logs; nothing else may
    assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), []);
    errors.length = 0;
    await check(page, errors, 'person-error-desktop');
    await page.fill('#f-commune_2', '');
    await Promise.all([page.waitForNavigation(),
      page.locator('main form button[type="submit"]').last().click()]);
    assert.equal(await page.inputValue('#f-annee_naissance'), '1960');
    assert.match(await page.locator('main').innerText(), /5[\s\u202f\u00a0]?000 — de 3 601/);
    await page.goto(server.url + '/observatoire/radar');
    const text = await page.locator('main').innerText();
    assert.match(text, /MARTIN Jean/);
    assert.match(text, /66 ans/);
    await check(page, errors, 'radar-desktop');
    await page.goto(server.url + '/observatoire/praticiens/commune/01004');
    assert.match(await page.locator('main').innerText(), /MARTIN/);
    await check(page, errors, 'commune-agent-desktop');
  } finally {
    await close();
  }
});

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`public pages hold counts, never names (${name})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/observatoire/praticiens/commune/01004');
      const text = await page.locator('main').innerText();
      assert.ok(!/MARTIN|DURAND/.test(text));
      assert.match(text, /< 5/);
      await check(page, errors, `commune-public-${name}`);
      await page.goto(server.url + '/observatoire/demographie');
      await check(page, errors, `demography-${name}`);
      await page.goto(server.url + '/observatoire/structures');
      await check(page, errors, `structures-${name}`);
    } finally {
      await close();
    }
  });
}

test('agent pages fit a phone', async () => {
  const { context, close } = await launch(VIEWPORTS.phone);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page);
    for (const [p, shot] of [['/observatoire/praticiens', 'list-phone'],
      ['/observatoire/praticiens/1', 'person-phone'],
      ['/observatoire/praticiens/nouveau', 'new-phone'],
      ['/observatoire/radar', 'radar-phone'],
      ['/observatoire/structures', 'structures-agent-phone']]) {
      await page.goto(server.url + p);
      await check(page, errors, shot);
    }
  } finally {
    await close();
  }
});
