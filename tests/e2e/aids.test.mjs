// tests/e2e/aids.test.mjs: the aids pages in a real browser, on a phone and
// on a desktop viewport.  A student uses "Quelles aides pour moi ?" (an
// unknown commune first: the field is marked and what was typed is kept),
// opens the month-by-month amounts and a scheme's page, follows the link
// to the guichet unique's prefilled form; an agent records a commitment
// and its breach (pro rata repayment shown).  Every page: no console error,
// no serious/critical axe violation, a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, Client } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
let server;
const sql = (s) => execFileSync('sqlite3', [server.dbPath, s]).toString().trim();

before(async () => {
  server = await startServer();
  const r = spawnSync(BIN, ['aids', 'load', '--db', server.dbPath, 'data/aids'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  let s = "INSERT INTO import_log(id, kind, file_name, sha256, n_rows) VALUES (1, 'communes', 'c.csv', '-', 0);";
  for (const l of fs.readFileSync('tests/aids/communes.csv', 'utf8').trim().split('\n').slice(1)) {
    const [code, name, dep, reg, , apl, vintage] = l.split(',');
    s += `INSERT INTO communes(code, type, name, dep, reg, import_id) VALUES (${q(code)}, 'COM', ${q(name)}, ${q(dep)}, ${q(reg)}, 1);`;
    if (apl) s += `INSERT INTO apl_reference(vintage, commune, name, apl, import_id) VALUES (${vintage}, ${q(code)}, ${q(name)}, ${apl}, 1);`;
  }
  for (const l of fs.readFileSync('tests/aids/territoires.csv', 'utf8').trim().split('\n').slice(1)) {
    const [level, code, name, reg] = l.split(',');
    s += level === 'region'
      ? `INSERT INTO regions(code, name, import_id) VALUES (${q(code)}, ${q(name)}, 1);`
      : `INSERT INTO departements(code, name, reg, import_id) VALUES (${q(code)}, ${q(name)}, ${q(reg)}, 1);`;
  }
  // two real homonyms, to pick from
  s += "INSERT INTO communes(code, type, name, dep, reg, postal_codes, import_id) VALUES ('93066', 'COM', 'Saint-Denis', '93', '11', '93200 93210', 1), ('97411', 'COM', 'Saint-Denis', '974', '04', '97400 97490', 1);";
  sql(s);
  const admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  const res = await admin.post('/admin/utilisateurs', { identifiant: 'equipe-aides', nom: 'Équipe aides',
    role: 'agent', mot_de_passe: 'motdepasse-equipe' }, { from: '/admin' });
  assert.equal(res.status, 303);
  // a scheme with a pro rata repayment, through the API as the team would
  const tok = await admin.csrf('/aides/nouvelle');
  const file = fs.readFileSync('data/aids/loir-et-cher-bourse-internes.aid', 'utf8')
    .replace('id: loir-et-cher-bourse-internes', 'id: essai-prorata')
    .replace(/^nom: .*$/m, 'nom: Bourse d\'essai remboursable au prorata')
    .replace('remboursement: inconnu', 'remboursement: prorata');
  const r2 = await admin.fetch('/api/v1/aides', { method: 'POST', body: JSON.stringify({ fichier: file }),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': tok } });
  assert.equal(r2.status, 200, await r2.text());
});
after(async () => { await server?.stop(); });

async function check(page, errors, p, shot) {
  if (p) {
    const resp = await page.goto(server.url + p, { waitUntil: 'load' });
    assert.equal(resp.status(), 200, `${p}: HTTP ${resp.status()}`);
  }
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe violations`);
  await screenshot(page, shot);
  assert.deepEqual(errors, [], `${shot}: console errors`);
}

for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
  test(`a student finds the aids for Le Creusot (${vp})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await check(page, errors, '/aides', `${vp}-aides-catalogue`);
      await page.getByRole('link', { name: 'Quelles aides pour moi ?' }).click();
      await page.waitForURL('**/aides/simulateur');
      await check(page, errors, null, `${vp}-aides-simulateur`);
      await page.getByLabel('Profession').selectOption({ label: 'médecin généraliste' });
      await page.getByLabel('Situation actuelle').selectOption({ label: 'étudiant·e' });
      await page.getByLabel(/Année d'études/).fill('3');
      await page.getByLabel('PASS ou L.AS validé').check();
      await page.getByLabel(/Commune où vous pensez exercer/).fill('Atlantide');
      await page.getByRole('button', { name: 'Voir mes aides' }).click();
      await page.waitForLoadState('load');
      assert.deepEqual(errors, ['console: Failed to load resource: the server ' +
                                'responded with a status of 400 (Bad Request)']);
      errors.length = 0;
      assert.match(await page.locator('#f-commune-err').textContent(), /Commune inconnue/);
      assert.equal(await page.getByLabel(/Commune où vous pensez exercer/).inputValue(), 'Atlantide');
      assert.equal(await page.getByLabel(/Année d'études/).inputValue(), '3');
      await check(page, errors, null, `${vp}-aides-simulateur-erreur`);

      // two communes answer "saint denis": the form lists them
      await page.getByLabel(/Commune où vous pensez exercer/).fill('saint denis');
      await page.getByRole('button', { name: 'Voir mes aides' }).click();
      await page.waitForLoadState('load');
      errors.length = 0;                          // the same 400 as above
      const choices = page.locator('#choix-commune a');
      assert.equal(await choices.count(), 2);
      await check(page, errors, null, `${vp}-aides-simulateur-choix`);
      await page.getByRole('link', { name: 'Saint-Denis (97411)', exact: true }).click();
      await page.waitForLoadState('load');
      assert.match(await page.locator('main').textContent(), /Vos aides pour Saint-Denis \(97411\)/);

      // lower case and a hyphen find Le Creusot
      await page.getByLabel(/Commune où vous pensez exercer/).fill('le-creusot');
      await page.getByRole('button', { name: 'Voir mes aides' }).click();
      await page.waitForLoadState('load');
      // the URL carries the whole profile: it can be shared
      assert.match(page.url(), /profession=medecin-generaliste&statut=etudiant&annee=3&pass_las=1&commune=le-creusot/);
      // the answer is announced and has the focus: no page that looks unchanged
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'titre-res',
                                 null, { timeout: 5000 });
      const main = page.locator('main');
      assert.match(await main.textContent(), /Vos aides pour Le Creusot \(71153\)/);
      // one class, one figure: the official DREES APL and its indicative class
      assert.match(await main.textContent(), /Sous-dense \(indicatif\)/);
      assert.match(await main.textContent(), /APL officielle \(DREES 2023\) : 2,10/);
      assert.doesNotMatch(await main.textContent(), /zone d'intervention prioritaire|ZIP :|2,6|2,56/);
      const card = page.locator('#aide-creusot-etudiants');
      assert.match(await card.textContent(), /Éligible/);
      await card.getByText('Montant mois par mois').click();
      assert.ok(await card.locator('table').isVisible());
      await card.getByText('Pourquoi ?').click();
      // the reasons name the commune of the commitment, code in parentheses
      assert.match(await card.textContent(), /permet de tenir l'engagement : commune Le Creusot \(71153\)/);
      assert.match(page.url(), /#resultat$/);
      assert.equal(await page.locator('#resultat-resume').getAttribute('role'), 'status');
      assert.match(await page.locator('#resultat-resume').textContent(), /\d+ aides? possibles? pour vous\. Meilleure combinaison/);
      // each aid says what to do next, who to contact, when it was checked
      assert.match(await card.textContent(), /Que faire ensuite \?Écrivez à la mairie du Creusot/);
      assert.match(await card.textContent(), /Vérifiée par l'équipe/);
      assert.match(await card.textContent(), /ContactVille du Creusot/);
      await check(page, errors, null, `${vp}-aides-resultat`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
                `${vp}: no horizontal scroll`);

      await card.getByRole('link', { name: /Fiche complète/ }).click();
      await page.waitForURL('**/aides/creusot-etudiants');
      await check(page, errors, null, `${vp}-aides-fiche`);
      await page.goBack();
      await page.locator('#aide-creusot-etudiants').getByRole('link', { name: /Demander un accompagnement/ }).click();
      await page.waitForURL('**/demande?**');
      assert.equal(await page.getByLabel('Profession').inputValue(), 'medecin_generaliste');
      assert.equal(await page.locator('#f-territoire_code').inputValue(), '71153');
      assert.match(await page.locator('#f-message').inputValue(), /Aide aux étudiants en médecine/);
      await check(page, errors, null, `${vp}-aides-demande-preremplie`);

      // the commune field as a combobox, keyboard only
      await page.goto(server.url + '/aides/simulateur');
      await page.getByLabel('Profession').selectOption({ label: 'médecin généraliste' });
      await page.getByLabel('Situation actuelle').selectOption({ label: 'étudiant·e' });
      await page.getByLabel(/Année d'études/).fill('2');
      await page.getByLabel('PASS ou L.AS validé').check();
      const field = page.getByRole('combobox', { name: /Commune où vous pensez exercer/ });
      await field.pressSequentially('creus', { delay: 30 });
      const option = page.getByRole('option', { name: /Le Creusot \(71153/ });
      await option.waitFor();
      assert.equal(await field.getAttribute('aria-expanded'), 'true');
      await check(page, errors, null, `${vp}-aides-simulateur-suggestions`);
      await field.press('ArrowDown');
      assert.equal(await field.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
      await field.press('Enter');
      assert.equal(await field.inputValue(), 'Le Creusot (71153)');
      assert.equal(await field.getAttribute('aria-expanded'), 'false');
      await field.press('Enter');                  // now the form is sent
      await page.waitForURL(/commune=Le\+Creusot\+%2871153%29.*#resultat$/);
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'titre-res',
                                 null, { timeout: 5000 });
      assert.match(await page.locator('#titre-res').textContent(), /Vos aides pour Le Creusot \(71153\)/);
      // Le Creusot, one class and one figure: 2e année, PASS validé
      const text = await page.locator('main').textContent();
      assert.match(text, /Sous-dense \(indicatif\)/);
      assert.match(text, /APL officielle \(DREES 2023\) : 2,10/);
      // ZIP/ZAC appear only as the zones an aid's rule names, never as
      // Le Creusot's class (no arrêté imported)
      assert.doesNotMatch(text.replace(/en ZIP(,| ou) ZAC|vise ZIP ou ZAC/g, ''), /\bZIP\b|\bZAC\b/);
      assert.doesNotMatch(text, /2,56|2,6 /);
      assert.match(await page.locator('#aide-cesp').textContent(), /À vérifier par l'équipe/);
      await check(page, errors, null, `${vp}-aides-resultat-combobox`);
    } finally {
      await close();
    }
  });

  test(`an agent records a commitment and its breach (${vp})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/connexion');
      await page.fill('#identifiant', 'equipe-aides');
      await page.fill('#mot_de_passe', 'motdepasse-equipe');
      await page.getByRole('button', { name: /Se connecter/ }).click();
      await page.waitForLoadState('load');
      await check(page, errors, '/aides/engagements', `${vp}-engagements`);
      await page.getByRole('link', { name: 'Enregistrer un engagement' }).click();
      await page.waitForURL('**/aides/engagements/nouveau');
      await check(page, errors, null, `${vp}-engagement-nouveau`);
      await page.getByLabel('Aide').selectOption('essai-prorata');
      await page.getByLabel(/Bénéficiaire/).fill(`Dr Alex Morel ${vp}`);
      await page.getByLabel('Date de signature').fill('2024-01-10');
      await page.getByLabel("Début de l'exercice dû").fill('2024-02-01');
      await page.getByLabel("Fin de l'exercice dû").fill('2027-02-01');
      await page.getByLabel(/Commune d'exercice/).fill('41018');
      await page.getByLabel(/Montant accordé/).fill('12 000');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/aides\/engagements\/\d+$/);
      await check(page, errors, null, `${vp}-engagement-fiche`);
      await page.getByLabel('Date de départ').fill('2025-04-01');
      await page.getByRole('button', { name: 'Enregistrer la rupture' }).click();
      await page.waitForLoadState('load');
      assert.equal((await page.locator('#montant-du').textContent()).trim(), '7\u202f333,33\u00a0€');
      await check(page, errors, null, `${vp}-engagement-rupture`);
      await check(page, errors, '/aides/engagements', `${vp}-engagements-registre`);
      assert.match(await page.locator('#compte-registre').textContent(), /engagements? — lignes 1 à \d+, page 1 sur 1/);
      await check(page, errors, '/aides/engagements/tableau-de-bord', `${vp}-engagements-tableau`);
      assert.match(await page.locator('#titre-region').textContent(), /par région d'exercice/);
      assert.match(await page.locator('#par-region').textContent(), /Centre-Val de Loire — 24/);
      assert.match(await page.locator('#par-departement').textContent(), /Loir-et-Cher — 41/);
      assert.match(await page.locator('#par-epci').textContent(), /EPCI inconnu/);
    } finally {
      await close();
    }
  });
}
