// tests/e2e/pages.test.mjs: the platform shell in a real browser, on a
// phone and on a desktop viewport.  Anonymous pages first, then logged in
// as the admin: every menu entry is visited, each page must raise no
// console error and no serious/critical axe violation, and a screenshot
// of each is kept under test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const MENU = ['Mon espace', 'Observatoire', 'Aides', 'Accompagnement', 'Centres de santé',
              'Stages', 'Portail', 'Pilotage', 'Administration'];

// Load path (it must answer 200), run the common checks, keep a screenshot.
async function checkPage(page, errors, path, shot) {
  errors.length = 0;
  const resp = await page.goto(server.url + path, { waitUntil: 'load' });
  assert.equal(resp.status(), 200, `${path}: HTTP ${resp.status()}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr', `${path}: lang`);
  assert.ok((await page.title()).length > 0, `${path}: empty <title>`);
  assert.equal(await page.locator('h1').count(), 1, `${path}: one <h1>`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${path}: axe violations`);
  await screenshot(page, shot);
  assert.deepEqual(errors, [], `${path}: console errors`);
}

for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  test(`anonymous pages (${vpName})`, async (t) => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      for (const [path, name] of [['/', 'accueil'],
                                  ['/accessibilite', 'accessibilite'],
                                  ['/sources', 'sources'],
                                  ['/mentions-legales', 'mentions-legales'],
                                  ['/donnees-personnelles', 'donnees-personnelles'],
                                  ['/plan-du-site', 'plan-du-site'],
                                  ['/connexion', 'connexion']]) {
        await checkPage(page, errors, path, `${vpName}-${name}`);
      }
      // The skip link is the first stop of the keyboard and leads to <main>.
      await page.goto(server.url + '/');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent),
                   'Aller au contenu');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'contenu');
      // Anonymous users see no Administration entry, and a login link.
      const nav = page.locator('nav.site-nav');
      assert.equal(await nav.getByRole('link', { name: 'Administration' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Se connecter' }).count(), 1);
      // The footer leads to the sources and the accessibility statement.
      await page.locator('footer').getByRole('link', { name: /Sources/ }).click();
      assert.equal(new URL(page.url()).pathname, '/sources');
    } finally {
      await close();
    }
  });

  test(`every menu entry once logged in (${vpName})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/connexion');
      await page.fill('#identifiant', server.adminLogin);
      await page.fill('#mot_de_passe', server.adminPassword);
      await Promise.all([page.waitForNavigation(),
                         page.locator('main button[type="submit"]').click()]);
      assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).count(), 1,
                   'logged in: the header offers to log out');

      for (const label of MENU) {
        await page.goto(server.url + '/');
        if (vpName === 'phone') {
          // Narrow screens: the menu is a <details>, closed at first.
          assert.equal(await page.locator('.nav-list-wide').isVisible(), false);
          await page.locator('.nav-menu summary').click();
        }
        const link = page.locator('nav.site-nav').getByRole('link', { name: label, exact: true })
          .locator('visible=true');
        assert.equal(await link.count(), 1, `menu entry ${label}`);
        const href = await link.getAttribute('href');
        const shot = `${vpName}-menu-${href.replace(/\W+/g, '') || 'racine'}`;
        await checkPage(page, errors, href, shot);
        const current = page.locator('nav.site-nav [aria-current="page"]').locator('visible=true');
        if (vpName === 'phone') await page.locator('.nav-menu summary').click();
        assert.equal((await current.first().textContent()).trim(), label,
                     `${href}: aria-current on ${label}`);
      }

      // Logging out is a POST with the CSRF token; afterwards we are anonymous.
      await page.goto(server.url + '/');
      await Promise.all([page.waitForNavigation(),
                         page.getByRole('button', { name: 'Se déconnecter' }).click()]);
      await page.goto(server.url + '/');
      assert.equal(await page.getByRole('link', { name: 'Se connecter' }).count(), 1);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
}

// Issue 17: "/connexion?suite=/%09/evil.example/phish" once led the browser
// off the site after login (browsers strip TAB: "/\t/evil" is "//evil").
test('after login the browser stays on the site, whatever suite says', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    for (const suite of ['/%09/evil.example/phish', '/%5Cevil.example', '%2F%2Fevil.example']) {
      await context.clearCookies();
      await page.goto(server.url + '/connexion?suite=' + suite);
      await page.fill('#identifiant', server.adminLogin);
      await page.fill('#mot_de_passe', server.adminPassword);
      await Promise.all([page.waitForNavigation(),
                         page.locator('main button[type="submit"]').click()]);
      const url = new URL(page.url());
      assert.equal(url.host, new URL(server.url).host, `${suite} → ${page.url()}`);
    }
  } finally {
    await close();
  }
});

// Issue 17: the second factor's enrolment (/compte): the key as text and the
// otpauth URI readable on a phone without sideways scrolling, labelled and
// accessible.  Only the enrolment is opened: the admin keeps logging in with
// the password alone in the other tests.
for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  test(`the second factor's enrolment page (${vpName})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/connexion');
      await page.fill('#identifiant', server.adminLogin);
      await page.fill('#mot_de_passe', server.adminPassword);
      await Promise.all([page.waitForNavigation(),
                         page.locator('main button[type="submit"]').click()]);
      await checkPage(page, errors, '/compte', `${vpName}-compte`);
      await Promise.all([page.waitForNavigation(),
        page.getByRole('button', { name: 'Activer la double authentification' }).click()]);
      assert.equal(await page.locator('h1').innerText(), 'Activer la double authentification');
      assert.match(await page.locator('code.secret').first().innerText(), /^([A-Z2-7]{4} ){12}[A-Z2-7]{4}$/);
      assert.ok(await page.getByLabel('Code à 6 chiffres').isVisible());
      assert.deepEqual(await axeViolations(page), [], 'axe');
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px)`);
      await screenshot(page, `${vpName}-compte-2fa`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
}
