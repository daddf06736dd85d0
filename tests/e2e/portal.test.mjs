// tests/e2e/portal.test.mjs: the portal and the plan in a real browser, on
// a phone and on a desktop viewport.  A candidate lands on the portal,
// opens a commune page and registers to an event (an invalid e-mail first:
// inline message, what was typed is kept); the team publishes a Markdown
// page with an XSS attempt (shown as text, no script runs); the widget can
// be framed by an allowed origin only; the plan's dashboard.  Every page:
// no console error, no serious/critical axe violation, a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, Client } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

let server, admin, partner, partnerPort;
const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  // A partner site on another origin, embedding the widget.
  partner = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="fr"><title>Mairie</title><h1>Mairie</h1>
      <iframe id="w" title="Simulateur" src="${server.url}/portail/widget"
              width="600" height="500"></iframe>`);
  });
  await new Promise((r) => partner.listen(0, '127.0.0.1', r));
  partnerPort = partner.address().port;

  server = await startServer();
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  const ok = async (p, fields, from) => {
    const r = await admin.post(p, fields, { from });
    assert.equal(r.status, 303, `${p}: ${r.status}`);
  };
  await ok('/admin/utilisateurs', { identifiant: 'equipe', nom: 'Équipe santé', role: 'agent',
                                    mot_de_passe: 'motdepasse-equipe' }, '/admin');
  await ok('/portail/admin/reglages', {
    name: 'Loir-et-Cher', tagline: 'Bienvenue Docteur !', logo_url: '',
    color_primary: '#7a1f5c', color_accent: '#1d5e3a',
    intro: 'Entre Loire et Sologne, un département qui accueille ses soignants.',
    why_md: '- **Une équipe dédiée** pour votre installation\n- **Des aides cumulables**\n- Des **stages** avec hébergement',
    contact: 'Mission santé du département, 02 54 00 00 00.',
    widget_origins: `http://127.0.0.1:${partnerPort}`,
  }, '/portail/admin');
  await ok('/portail/admin/evenements', {
    kind: 'salon', title: 'Salon des jeunes médecins', date: day(20), time: '10:00',
    place: 'Halle aux grains, Blois', capacity: '50',
    body_md: 'Rencontrez les élus et les **centres de santé**.', published: '1',
  }, '/portail/admin/evenements/nouveau');
  await ok('/portail/admin/evenements', {
    kind: 'lycee', title: 'Découvrir les métiers de la santé', date: day(45), time: '',
    place: 'Lycée Augustin-Thierry', capacity: '0', body_md: '', published: '1',
  }, '/portail/admin/evenements/nouveau');
  await ok('/portail/admin/communes', {
    code: '41018', name: 'Blois', epci: 'Agglopolys',
    body_md: 'Préfecture au bord de la Loire : **écoles**, gare, hôpital.',
    contact: 'Mme Dupont, mission santé : 02 54 00 00 00',
  }, '/portail/admin/communes?nouvelle=1');
  await ok('/portail/admin/communes', {
    code: '41269', name: 'Vendôme', epci: 'Territoires vendômois', body_md: '', contact: '',
  }, '/portail/admin/communes?nouvelle=1');
  // a small plan for the dashboard
  await ok('/plan/actions', { name: 'Bourses aux étudiants', objective: '20 bourses par an' }, '/plan/actions');
  await ok('/plan/actions', { name: 'Centres de santé', objective: 'Salarier 10 médecins' }, '/plan/actions');
  for (const [id, year, amount] of [[1, 2026, '1 200 000'], [1, 2027, '1 000 000'],
                                    [2, 2026, '2 500 000'], [2, 2027, '2 000 000']]) {
    await ok(`/plan/actions/${id}/budget`, { year: String(year), amount }, `/plan/actions/${id}`);
  }
  await ok('/plan/actions/1/depenses', { date: '2026-03-01', amount: '375 000', label: 'Bourses 2026' }, '/plan/actions/1');
  await ok('/plan/actions/2/depenses', { date: '2026-06-30', amount: '1 000 000', label: 'Salaires' }, '/plan/actions/2');
  await ok('/plan/actions/2/indicateurs', { code: 'installes', year: '2026', value: '4' }, '/plan/actions/2');
});
after(async () => {
  partner?.close();
  await server?.stop();
});

// Load path (or stay when path is null), run the common checks, keep a
// screenshot named shot.
async function check(page, errors, path, shot) {
  if (path) {
    const resp = await page.goto(server.url + path, { waitUntil: 'load' });
    assert.equal(resp.status(), 200, `${path}: HTTP ${resp.status()}`);
  }
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe violations`);
  await screenshot(page, shot);
  assert.deepEqual(errors, [], `${shot}: console errors`);
}

for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
  test(`a candidate discovers the territory and registers to an event (${vp})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await check(page, errors, '/portail', `${vp}-portail-accueil`);
      assert.equal(await page.locator('h1').textContent(), 'Bienvenue Docteur !');
      // the territory's colour reaches the buttons
      const bg = await page.locator('.hero .btn').first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(bg, 'rgb(122, 31, 92)');

      await page.getByRole('link', { name: 'Les communes' }).click();
      await page.waitForURL('**/portail/communes');
      await check(page, errors, null, `${vp}-portail-communes`);
      await page.getByRole('link', { name: 'Blois' }).click();
      await page.waitForURL('**/portail/communes/41018');
      await check(page, errors, null, `${vp}-portail-commune-blois`);
      assert.match(await page.locator('main').textContent(), /Indicateur pas encore calculé/);
      await page.getByRole('link', { name: 'Agglopolys' }).click();
      await check(page, errors, null, `${vp}-portail-epci`);

      await page.goto(server.url + '/portail');
      await page.getByRole('link', { name: 'Salon des jeunes médecins' }).click();
      await check(page, errors, null, `${vp}-portail-evenement`);
      await page.getByLabel('Prénom et nom').fill('Dr Léa Martin');
      await page.getByLabel(/Adresse électronique/).fill('lea.martin@exemple');
      await page.getByLabel('Vous êtes').selectOption('medecin');
      await page.getByLabel(/J'accepte/).check();
      // the browser's own check would stop a plain typo; the server's
      // message is what every client (and assistive tech) gets
      await page.locator('form[action$="/inscription"]').evaluate((f) => { f.noValidate = true; });
      await page.getByRole('button', { name: "S'inscrire" }).click();
      await page.waitForLoadState('load');
      // the refusal is a 400 on purpose: Chromium logs it, nothing else may
      assert.deepEqual(errors, ['console: Failed to load resource: the server ' +
                                'responded with a status of 400 (Bad Request)']);
      errors.length = 0;
      assert.match(await page.locator('#f-email-err').textContent(), /Adresse électronique invalide/);
      assert.equal(await page.getByLabel('Prénom et nom').inputValue(), 'Dr Léa Martin');
      assert.equal(await page.getByLabel(/Adresse électronique/).inputValue(), 'lea.martin@exemple');
      assert.equal(await page.getByLabel(/J'accepte/).isChecked(), true);
      await check(page, errors, null, `${vp}-portail-inscription-erreur`);

      await page.getByLabel(/Adresse électronique/).fill(`lea.martin.${vp}@exemple.fr`);
      await page.getByRole('button', { name: "S'inscrire" }).click();
      await page.waitForURL('**inscription=ok**');
      assert.match(await page.getByRole('status').textContent(), /Votre inscription est enregistrée/);
      await check(page, errors, null, `${vp}-portail-inscription-ok`);

      await page.goto(server.url + '/portail/evenements');
      await check(page, errors, null, `${vp}-portail-calendrier`);
    } finally {
      await close();
    }
  });

  test(`the team publishes a Markdown page with an XSS attempt (${vp})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      let dialogs = 0;
      page.on('dialog', (d) => { dialogs++; d.dismiss(); });
      await page.goto(server.url + '/connexion');
      await page.fill('#identifiant', 'equipe');
      await page.fill('#mot_de_passe', 'motdepasse-equipe');
      await Promise.all([page.waitForNavigation(),
                         page.locator('main button[type="submit"]').click()]);
      await check(page, errors, '/portail/admin', `${vp}-portail-admin`);
      await page.goto(server.url + '/portail/admin/pages/nouvelle');
      await page.getByLabel('Titre').fill('Vivre en Loir-et-Cher');
      await page.getByLabel(/^Adresse/).fill(`vivre-${vp}`);
      await page.getByLabel(/^Texte/).fill('## Le cadre de vie\n\nDes **châteaux**, la Loire.\n\n' +
        '<script>alert("xss")</script>\n\n<img src=x onerror="alert(1)"> [piège](javascript:alert(2))');
      await page.getByLabel('État').selectOption('publie');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL('**/portail/admin/pages');
      await check(page, errors, null, `${vp}-portail-admin-pages`);
      await page.getByRole('link', { name: `/portail/pages/vivre-${vp}` }).click();
      await page.waitForURL(`**/portail/pages/vivre-${vp}`);
      const article = await page.locator('article').textContent();
      assert.match(article, /<script>alert\("xss"\)<\/script>/, 'the attempt is shown as text');
      assert.match(article, /<img src=x onerror="alert\(1\)">/);
      assert.equal(await page.locator('article script, article img').count(), 0);
      assert.equal(await page.locator('article a[href^="javascript"]').count(), 0);
      assert.equal(await page.locator('article strong').textContent(), 'châteaux');
      await page.waitForTimeout(200);
      assert.equal(dialogs, 0, 'no script ran');
      await check(page, errors, null, `${vp}-portail-page-publiee`);

      for (const [path, shot] of [['/portail/admin/evenements', 'admin-evenements'],
                                  ['/portail/admin/evenements/1', 'admin-evenement'],
                                  ['/portail/admin/evenements/nouveau', 'admin-evenement-nouveau'],
                                  ['/portail/admin/communes', 'admin-communes'],
                                  ['/portail/admin/communes/41018', 'admin-commune'],
                                  ['/plan/actions', 'plan-actions']]) {
        await check(page, errors, path, `${vp}-${shot}`);
      }
      await check(page, errors, '/plan', `${vp}-plan-tableau-de-bord`);
      assert.equal(await page.locator('svg.plan-chart').count(), 2);
      await check(page, errors, '/plan/actions/1', `${vp}-plan-action`);
      await page.emulateMedia({ media: 'print' });
      await page.goto(server.url + '/plan');
      await screenshot(page, `${vp}-plan-impression`);
      await page.emulateMedia({ media: 'screen' });
    } finally {
      await close();
    }
  });
}

test('the widget is framed by an allowed origin only', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await check(page, errors, '/portail/widget', 'desktop-portail-widget');
    // allowed: the partner's origin is http://127.0.0.1:PORT
    await page.goto(`http://127.0.0.1:${partnerPort}/`);
    let frame = page.frameLocator('#w');
    await frame.locator('h1').waitFor();
    assert.equal(await frame.locator('.eyebrow').textContent(), 'Loir-et-Cher');
    await screenshot(page, 'desktop-portail-widget-integre');
    // refused: the same page served from http://localhost:PORT, another origin
    const blocked = [];
    page.on('console', (m) => blocked.push(m.text()));
    await page.goto(`http://localhost:${partnerPort}/`);
    await page.waitForTimeout(500);
    const f = page.frames().find((x) => x !== page.mainFrame());
    const text = f ? await f.locator('body').textContent().catch(() => '') : '';
    assert.ok(!/Loir-et-Cher/.test(text), `the widget rendered in a non-allowed origin: ${f?.url()} ${text}`);
    assert.ok(blocked.some((m) => /frame-ancestors/.test(m)), blocked.join('\n'));
  } finally {
    await close();
  }
});
