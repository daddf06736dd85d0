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
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

let server, admin, partner, partnerPort, hasSimulator;
const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const FIX = path.resolve('tests/fixtures');
const oasis = (...args) => execFileSync(BIN, [...args, '--db', server.dbPath],
  { stdio: ['ignore', 'pipe', 'pipe'] });
// the payments recorded in the centres module for the plan's check
const SALARIES = 4200000, CHARGES = 1300000, REIMBURSED = 2100000;
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
  // the territory (fixtures: two communes of the Ain), a stored APL run and
  // the aid catalogue, through the modules' own commands
  oasis('import', 'communes', path.join(FIX, 'communes_small.csv'));
  oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024');
  oasis('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022');
  oasis('import', 'supply', path.join(FIX, 'supply_small.csv'), '--vintage', '2019',
        '--column', 'generaliste');
  oasis('apl', '--vintage', '2022', '--store');
  // the DREES table as published: the class and APL the portal shows
  oasis('import', 'apl-reference', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022');
  oasis('aids', 'load', 'data/aids');
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  const csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
  const api = async (p, body) => {
    const r = await admin.fetch(p, { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
    assert.ok(r.status < 300, `${p}: ${r.status} ${await r.clone().text()}`);
    return r.json();
  };
  // a centre de santé with an open post, its finances; a partner
  const net = await api('/api/v1/centres/reseaux', { code: 'N01', name: 'Réseau Ain', dep: '01' });
  const centre = await api('/api/v1/centres', { network_id: net.id, code: 'C01',
                                                name: 'Centre de santé du Bugey' });
  const site = await api(`/api/v1/centres/${centre.id}/sites`, { code: 'S01', kind: 'principal',
    name: 'Site d\'Ambérieu', commune: '01004', opened_on: '2024-01-01' });
  await api('/api/v1/centres/postes', { site_id: site.id, category: 'medecin',
    title: 'Médecin généraliste salarié', fte: 1, posted_on: day(-10) });
  await api(`/api/v1/centres/${centre.id}/finances`, { month: '2026-01',
    salaries_cents: SALARIES, charges_cents: CHARGES, reimbursements_cents: REIMBURSED });
  await api('/api/v1/partenaires', { nom: 'Logement Ain Habitat', type: 'logement',
    themes: 'logement', territoires: '01', email: 'contact@ain-habitat.exemple.fr',
    telephone: '04 74 00 00 00', publier: true });
  hasSimulator = (await fetch(server.url + '/aides/simulateur')).status === 200;
  const ok = async (p, fields, from) => {
    const r = await admin.post(p, fields, { from });
    assert.equal(r.status, 303, `${p}: ${r.status}`);
  };
  await ok('/admin/utilisateurs', { identifiant: 'equipe', nom: 'Équipe santé', role: 'agent',
                                    mot_de_passe: 'motdepasse-equipe' }, '/admin');
  await ok('/portail/admin/reglages', {
    nom: 'Loir-et-Cher', accroche: 'Bienvenue Docteur !', logo: '',
    couleur_principale: '#7a1f5c', couleur_secondaire: '#1d5e3a',
    presentation: 'Entre Loire et Sologne, un département qui accueille ses soignants.',
    pourquoi_md: '- **Une équipe dédiée** pour votre installation\n- **Des aides cumulables**\n- Des **stages** avec hébergement',
    contact: 'Mission santé du département, 02 54 00 00 00.',
    origines_widget: `http://127.0.0.1:${partnerPort}`, territoire: '01',
  }, '/portail/admin');
  await ok('/portail/admin/evenements', {
    type: 'salon', titre: 'Salon des jeunes médecins', date: day(20), heure: '10:00',
    lieu: 'Halle aux grains, Blois', places: '50',
    texte_md: 'Rencontrez les élus et les **centres de santé**.', publie: '1',
  }, '/portail/admin/evenements/nouveau');
  await ok('/portail/admin/evenements', {
    type: 'lycee', titre: 'Découvrir les métiers de la santé', date: day(45), heure: '',
    lieu: 'Lycée Augustin-Thierry', places: '0', texte_md: '', publie: '1',
  }, '/portail/admin/evenements/nouveau');
  await ok('/portail/admin/communes', {
    code: '41018', nom: 'Blois', epci: 'Agglopolys',
    texte_md: 'Préfecture au bord de la Loire : **écoles**, gare, hôpital.',
    contact: 'Mme Dupont, mission santé : 02 54 00 00 00',
  }, '/portail/admin/communes?nouvelle=1');
  await ok('/portail/admin/communes', {
    code: '41269', nom: 'Vendôme', epci: 'Territoires vendômois', texte_md: '', contact: '',
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
  await ok('/plan/actions/2/liens', { objet: `centre:${centre.id}`, label: '' }, '/plan/actions/2');
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
  // no page scrolls sideways: wide tables reflow or scroll in their box
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth,
                                              document.documentElement.clientWidth]);
  assert.ok(sw <= cw, `${shot}: the page scrolls sideways (${sw} > ${cw} px)`);
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
      assert.match(await page.locator('main').textContent(),
                   /Aucune donnée pour l'instant : ni le zonage de l'ARS ni l'APL de la DREES/);
      await page.getByRole('link', { name: 'Agglopolys' }).click();
      await check(page, errors, null, `${vp}-portail-epci`);

      // a commune of the territory, found by its name
      await page.goto(server.url + '/portail/communes');
      await page.getByLabel(/Nom ou code INSEE/).fill("L'Abergement");
      await page.getByRole('button', { name: 'Voir la commune' }).click();
      await page.waitForURL('**/portail/communes/01001');
      await check(page, errors, null, `${vp}-portail-commune-abergement`);
      const main = await page.locator('main').innerText();
      assert.match(main, /classée\s+Sous-dense/);
      assert.match(main, /classement indicatif d'après l'APL DREES 2022/);
      assert.match(main, /Centre de santé du Bugey — Site d'Ambérieu/);
      assert.match(main, /1 poste de médecin ou de soignant ouvert/);
      assert.match(main, /Logement Ain Habitat/);
      assert.equal(await page.locator('a[href="mailto:contact@ain-habitat.exemple.fr"]').count(), 1);
      // the simulator: run it when this build serves it, else the page says
      // it is coming (never a link to a 404)
      if (hasSimulator) {
        await page.getByRole('link', { name: 'Simuler mes aides selon ma situation' }).click();
        await page.waitForURL('**/aides/simulateur?commune=01001');
        assert.equal((await page.goto(page.url())).status(), 200);
        await screenshot(page, `${vp}-portail-simulateur`);
        await page.goto(server.url + '/portail/communes/01001');   // back to the commune
      } else {
        assert.match(main, /Le simulateur détaillé .* arrive bientôt/);
        assert.equal(await page.locator('a[href^="/aides/simulateur"]').count(), 0);
      }
      // asking for accompaniment from here prefills the commune
      await page.locator('#contact').locator('..').getByRole('link',
        { name: 'Demander un accompagnement' }).click();
      await page.waitForURL('**/demande?**');
      assert.equal(await page.inputValue('#f-territoire_code'), '01001');
      assert.equal(await page.inputValue('#f-territoire_nom'), "L'Abergement-Clémenciat");
      await page.goBack();
      await page.getByRole('link', { name: 'CC de la Plaine de l\'Ain' }).click();
      await page.waitForURL('**/portail/epci/200029999');
      await check(page, errors, null, `${vp}-portail-epci-code`);

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
      assert.match(await page.locator('#f-courriel-err').textContent(), /Adresse électronique invalide/);
      assert.equal(await page.getByLabel('Prénom et nom').inputValue(), 'Dr Léa Martin');
      assert.equal(await page.getByLabel(/Adresse électronique/).inputValue(), 'lea.martin@exemple');
      assert.equal(await page.getByLabel(/J'accepte/).isChecked(), true);
      await check(page, errors, null, `${vp}-portail-inscription-erreur`);

      await page.getByLabel(/Adresse électronique/).fill(`lea.martin.${vp}@exemple.fr`);
      await page.getByRole('button', { name: "S'inscrire" }).click();
      await page.waitForURL('**inscription=ok**');
      assert.match(await page.getByRole('status').textContent(), /Votre inscription est enregistrée/);
      await check(page, errors, null, `${vp}-portail-inscription-ok`);

      // the follow-up: ask the guichet unique for accompaniment
      await page.getByRole('status').getByRole('link', { name: 'Demander un accompagnement' }).click();
      await page.waitForURL('**/demande');
      await page.fill('#f-prenom', 'Léa');
      await page.fill('#f-nom', 'Martin');
      await page.fill('#f-email', `lea.martin.${vp}@exemple.fr`);
      await page.selectOption('#f-profession', 'medecin_generaliste');
      await page.selectOption('#f-statut', 'interne');
      await page.selectOption('#f-projet', 'installation');
      await page.check('input[name="territoire_type"][value="commune"]');
      await page.fill('#f-territoire_nom', "L'Abergement-Clémenciat");
      await page.fill('#f-territoire_code', '01001');
      await page.check('input[name="besoins"][value="logement"]');
      await page.check('#f-consentement');
      await Promise.all([page.waitForURL('**/demande/merci**'),
                         page.getByRole('button', { name: 'Envoyer ma demande' }).click()]);
      assert.match(await page.locator('#reference').innerText(), /^BD-\d{4}-\d{4}$/);
      await check(page, errors, null, `${vp}-portail-demande-merci`);

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
      // totals: the manual entries plus the centre's salaries and charges
      const eur = (c) => `${(c / 100).toLocaleString('fr-FR')} €`.replace(/\s/g, ' ');
      const dash = (await page.locator('main').innerText()).replace(/[\u202f\u00a0]/g, ' ');
      assert.ok(dash.includes(`${eur(37500000 + 100000000 + SALARIES + CHARGES)}\ndépensés`), dash);
      assert.ok(dash.includes(`Centres de santé : salaires et charges\t${eur(SALARIES + CHARGES)}`), dash);
      assert.ok(dash.includes(`(recettes, non déduites) : ${eur(REIMBURSED)}`), dash);
      await check(page, errors, '/plan/actions/1', `${vp}-plan-action`);
      // deleting an action asks first; « Non » keeps it
      await page.getByRole('button', { name: "Supprimer l'action et ses lignes" }).click();
      await page.waitForLoadState('load');
      assert.match(await page.locator('h1').innerText(), /^Supprimer l'action «\u00a0Bourses aux étudiants\u00a0»\u00a0\?/);
      await check(page, errors, null, `${vp}-plan-action-supprimer`);
      await page.getByRole('link', { name: "Non, revenir à l'action" }).click();
      await page.waitForLoadState('load');
      assert.equal(new URL(page.url()).pathname, '/plan/actions/1');
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
