// tests/e2e/centres_offers.test.mjs: the pages this work changed, in
// Chromium at 390 px and 1366 px: internship offers with what goes with them,
// centre vacancies with their terms, the published totals and « pas de
// donnée » on the dashboard, a site without hours, the housing form refused
// with its input kept — axe without serious or critical violation, no
// horizontal scroll, screenshots under test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, Client } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const FIX = path.resolve('tests/fixtures');
let server, siteId, netId, traineeId, erasedId;

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  const db = ['--db', server.dbPath];
  const oasis = (...args) => execFileSync(BIN, args, { stdio: 'pipe',
    env: { ...process.env, OASIS_TODAY: '2026-11-23' } });
  const communes = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-co-')), 'communes.csv');
  fs.writeFileSync(communes, fs.readFileSync(path.join(FIX, 'communes_small.csv'), 'utf8') +
    '41018,COM,,41,24,Blois,47.5861,1.3359,47.59,1.33,41000,37.46,45898,46351,24000,500,450,28000,3000,21000\n');
  oasis('import', 'communes', communes, ...db);
  oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024', ...db);
  oasis('centres', 'load', 'data/centres', ...db);
  const admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  const csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
  const api = async (p, body) => {
    const r = await admin.fetch(p, { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
    const json = await r.json();
    assert.ok(r.status < 300, JSON.stringify(json));
    return json;
  };
  const place = await api('/api/v1/stages/terrains', { structure: 'Maison de santé de Blois',
    commune: 'Blois', maitre_de_stage: 'Dr Lefèvre', niveau: 'interne_mg', capacite: 2 });
  await api(`/api/v1/stages/terrains/${place.id}/semestres`, { semestre: '2027-05', capacite: 2 });
  await api('/api/v1/stages/dispositifs', { nom: 'Indemnité de stage', financeur:
    'Département de Loir-et-Cher', departement: '41', niveaux: 'interne_mg', mensuel_centimes: 25000 });
  const h = await api('/api/v1/stages/logements', { nom: 'Maison des internes', commune: '41018' });
  await api(`/api/v1/stages/logements/${h.id}/chambres`, { libelle: 'Chambre 1', loyer_centimes: 15000 });
  await api('/api/v1/stages/vehicules', { libelle: 'Clio', immatriculation: 'AB-123-CD', commune: 'Blois' });
  const mkTrainee = async (prenom, nom) => (await api('/api/v1/stages/stagiaires', { prenom, nom,
    ecole: 'Faculté de Tours', niveau: 'interne_mg', courriel: `${nom.toLowerCase()}@exemple.fr` })).id;
  traineeId = await mkTrainee('Camille', 'Martinvast');
  erasedId = await mkTrainee('Noé', 'Quillebeuf');
  await api(`/api/v1/stages/stagiaires/${erasedId}/effacement`, {});
  const all = await (await admin.get('/api/v1/centres')).json();
  netId = all.reseaux.find((n) => n.code === 'CSD71').id;
  const centre = all.centres.find((c) => c.reseau_id === netId);
  const site = await api(`/api/v1/centres/${centre.id}/sites`,
    { code: 'E2E-HNC', type: 'antenne', nom: 'Antenne sans horaires', commune: '01004' });
  siteId = site.id;
  await api('/api/v1/centres/postes', { site_id: siteId, categorie: 'medecin',
    intitule: 'Médecin généraliste salarié', etp: 1, description: 'Consultations et visites.',
    contrat: 'cdi', salaire_min_centimes: 6000000, salaire_max_centimes: 7500000,
    date_prise_de_poste: '2027-03-01', avantages: 'Logement de fonction, véhicule de service' });
});
after(async () => { await server?.stop(); });

async function login(page) {
  await page.goto(server.url + '/connexion');
  await page.fill('#identifiant', server.adminLogin);
  await page.fill('#mot_de_passe', server.adminPassword);
  await Promise.all([page.waitForNavigation(),
                     page.locator('main button[type="submit"]').click()]);
}

async function check(page, errors, shot, { refused = false } = {}) {
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe violations`);
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${shot}: ${overflow} px of horizontal scroll`);
  await screenshot(page, `centres-offers-${shot}`);
  const real = errors.filter((e) => !(refused &&
    /Failed to load resource: the server responded with a status of 400/.test(e)));
  assert.deepEqual(real, [], `${shot}: console errors`);
  errors.length = 0;
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`offers, vacancies, dashboard, site and housing form at ${viewport.width} px`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/stages/offres?semestre=2027-05');
      await assert.doesNotReject(page.getByText('Indemnité de stage :').first().waitFor());
      assert.match(await page.locator('.offer-extras').first().innerText(), /250\s€ par mois/);
      await check(page, errors, `stages-${name}`);

      await page.goto(server.url + '/centres/postes');
      assert.match(await page.locator('main').innerText(), /60\s000\s€ à 75\s000\s€/);
      assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
      await check(page, errors, `postes-${name}`);

      await page.goto(server.url + `/centres/sites/${siteId}`);
      assert.match(await page.locator('main').innerText(), /Horaires non communiqués/);
      await check(page, errors, `site-${name}`);

      await login(page);
      await page.goto(server.url + `/centres/tableau-de-bord?reseau=${netId}&annee=2022`);
      assert.match(await page.locator('main').innerText(), /visites à domicile \(total annuel publié\)/);
      await check(page, errors, `tableau-2022-${name}`);
      await page.goto(server.url + `/centres/tableau-de-bord?reseau=${netId}&annee=2024`);
      assert.match(await page.locator('main').innerText(), /pas de donnée/);
      await check(page, errors, `tableau-2024-${name}`);

      await page.goto(server.url + `/stages/stagiaires/${traineeId}`);
      assert.match(await page.locator('main').innerText(), /Données personnelles/);
      await check(page, errors, `stagiaire-${name}`);
      await page.goto(server.url + `/stages/stagiaires/${erasedId}`);
      assert.match(await page.locator('main').innerText(), /Données personnelles effacées le 23\/11\/2026/);
      await check(page, errors, `stagiaire-efface-${name}`);

      await page.goto(server.url + '/stages/logistique');
      await page.fill('#f-nom', 'Gîte du Vieux-Blois');
      await page.fill('form[action="/stages/logements"] input[name="commune"]', '99999');
      await page.fill('#f-chambres', '0');
      await Promise.all([page.waitForNavigation(),
        page.getByRole('button', { name: 'Ajouter' }).last().click()]);
      assert.equal(await page.inputValue('#f-nom'), 'Gîte du Vieux-Blois', 'input kept');
      assert.match(await page.locator('.error-summary, [role="alert"]').first().innerText(),
                   /commune inconnue[\s\S]*entre 1 et 50|entre 1 et 50[\s\S]*commune inconnue/i);
      await check(page, errors, `logements-refus-${name}`, { refused: true });
    } finally {
      await close();
    }
  });
}
