// tests/e2e/cases.test.mjs: the guichet unique in a real browser.
// A candidate submits the public form with invalid fields, reads the inline
// messages, corrects them and gets a reference; an agent takes the dossier,
// completes sub-tasks, hands one to a partner and closes it as "installé";
// the statistics page reflects it; after the retention period (clock moved
// with --now), anonymisation keeps the counts and erases the personal data.
// Every page is checked with axe (no serious/critical violation) and has
// one <h1>; screenshots go to test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const NOW = '2026-03-02T09:00:00Z';

let server;
before(async () => { server = await startServer({ env: { OASIS_NOW: NOW } }); });
after(async () => { await server?.stop(); });

async function check(page, errors, shot) {
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe`);
  await screenshot(page, `cases-${shot}`);
  assert.deepEqual(errors, [], `${shot}: console errors`);
}

// Submit the form that contains `button` and wait for the next page.
async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  test(`a candidate corrects invalid fields and gets a reference (${vpName})`, async () => {
    const { context, close } = await launch(viewport);
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url + '/demande');
      await check(page, errors, `${vpName}-demande`);
      await page.fill('#f-prenom', 'Camille');
      await page.fill('#f-nom', 'Durand');
      await page.fill('#f-email', 'camille.durand@exemple');       // no TLD
      await page.selectOption('#f-profession', 'medecin_generaliste');
      await page.selectOption('#f-statut', 'interne');
      await page.selectOption('#f-projet', 'installation');
      await page.check('input[name="territoire_type"][value="commune"]');
      await page.fill('#f-territoire_nom', 'Aurillac');
      await page.fill('#f-territoire_code', '1501');                // 4 chars
      await page.check('input[name="besoins"][value="logement"]');
      await page.check('input[name="besoins"][value="demarches"]');
      await page.fill('#f-message', 'Installation <b>en MSP</b>');
      await submit(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
      // the summary, the inline messages, what was typed kept
      await assert.doesNotReject(page.getByRole('alert').waitFor());
      assert.match(await page.getByRole('alert').innerText(), /plusieurs erreurs/);
      assert.match(await page.locator('#f-email-err').innerText(), /Adresse électronique invalide/);
      assert.match(await page.locator('#f-territoire_code-err').innerText(), /Code commune invalide/);
      assert.match(await page.locator('#f-consentement-err').innerText(), /accord/);
      assert.equal(await page.inputValue('#f-nom'), 'Durand');
      assert.equal(await page.inputValue('#f-message'), 'Installation <b>en MSP</b>');
      assert.ok(await page.isChecked('input[name="besoins"][value="logement"]'));
      assert.equal(await page.getAttribute('#f-email', 'aria-invalid'), 'true');
      await check(page, errors.filter((e) => !/status of 400/.test(e)), `${vpName}-demande-erreurs`);
      errors.length = 0;
      // the summary links to the field
      await page.getByRole('alert').getByRole('link', { name: /Adresse électronique/ }).click();
      await page.fill('#f-email', `camille.${vpName}@exemple.fr`);
      await page.fill('#f-territoire_code', '15014');
      await page.check('#f-consentement');
      await submit(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
      assert.match(page.url(), /\/demande\/merci\?ref=BD-2026-\d{4}&jeton=[0-9a-f]{32}$/);
      assert.match(await page.locator('#reference').innerText(), /^BD-2026-\d{4}$/);
      await check(page, errors, `${vpName}-demande-merci`);
    } finally {
      await close();
    }
  });
}

test('an agent takes the dossier, completes sub-tasks, hands one off, closes it as installé; statistics and anonymisation follow', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + '/connexion');
    await page.fill('#identifiant', server.adminLogin);
    await page.fill('#mot_de_passe', server.adminPassword);
    await submit(page, page.locator('main button[type="submit"]'));

    // the agent's home: counts per state
    await page.goto(server.url + '/accompagnement');
    await check(page, errors, 'accueil-agent');
    assert.match(await page.locator('main').innerText(), /2\s*nouveau/);

    // a partner of the directory
    await page.goto(server.url + '/accompagnement/partenaires');
    await page.fill('#f-nom', 'Action Logement Cantal');
    await page.selectOption('#f-type', 'logement');
    await page.check('input[name="themes"][value="logement"]');
    await page.fill('#f-territoires', '15');
    await submit(page, page.getByRole('button', { name: 'Ajouter', exact: true }));
    assert.equal(await page.locator('h1').innerText(), 'Action Logement Cantal');
    await check(page, errors, 'partenaire');

    // the list, filtered on the candidate's e-mail, then the dossier
    await page.goto(server.url + '/accompagnement/dossiers');
    await check(page, errors, 'liste');
    await page.fill('#f-q', 'camille.desktop@exemple.fr');
    await submit(page, page.getByRole('button', { name: 'Filtrer' }));
    assert.match(await page.locator('caption').first().innerText(), /^1 dossier$/);
    const link = page.locator('tbody a').first();
    const ref = await link.innerText();
    await submit(page, link);
    assert.equal(await page.locator('h1').innerText(), `Dossier ${ref} nouveau`);
    await check(page, errors, 'dossier');
    const dossierUrl = page.url();

    await submit(page, page.getByRole('button', { name: 'Prendre le dossier' }));
    assert.match(await page.locator('#t-suivi').locator('..').innerText(), /Administrat/);
    await page.selectOption('#f-etat', 'en_cours');
    await page.fill('#f-raison', 'Premier appel');
    await submit(page, page.getByRole('button', { name: "Changer l'état" }));
    assert.equal(await page.locator('#etat').innerText(), 'en cours');

    // sub-tasks: the paperwork is done, housing goes to the partner
    const card = (title) => page.locator('li.card',
      { has: page.locator('h3', { hasText: new RegExp(`^${title}`) }) });
    const demarches = card('Démarches administratives');
    await demarches.locator('select[name="etat"]').selectOption('fait');
    await demarches.locator('textarea[name="notes"]').fill('Inscription ordinale faite');
    await submit(page, demarches.getByRole('button', { name: /Enregistrer/ }));
    assert.match(await card('Démarches administratives').locator('.card-meta').innerText(),
                 /^fait/);
    const logement = card('Logement');
    const suggested = logement.locator('optgroup[label="Suggérés"] option');
    assert.equal(await suggested.count(), 1);
    await logement.locator('select[name="partenaire"]').selectOption({ label: 'Action Logement Cantal' });
    await logement.locator('input[name="relance"]').fill('2026-03-16');
    await submit(page, logement.getByRole('button', { name: /Confier/ }));
    assert.match(await card('Logement').locator('.card-meta').innerText(), /confié à un partenaire — Action Logement Cantal, relance le 16\/03\/2026/);

    // closing as installé without commune is refused with the reason
    await page.selectOption('#f-etat', 'clos');
    await page.selectOption('#f-issue', 'installe');
    await page.fill('#f-commune', '');
    await submit(page, page.getByRole('button', { name: "Changer l'état" }));
    assert.match(await page.getByRole('alert').innerText(), /commune d'installation/);
    errors.length = 0;          // the 400 of that refusal
    await page.selectOption('#f-etat', 'clos');
    await page.selectOption('#f-issue', 'installe');
    await page.fill('#f-commune', '15014');
    await page.fill('#f-date_installation', '2026-09-01');
    await page.fill('#f-raison', 'Installée en MSP');
    await submit(page, page.getByRole('button', { name: "Changer l'état" }));
    assert.equal(await page.locator('#etat').innerText(), 'clos');
    const history = await page.locator('#t-historique').locator('..').innerText();
    assert.match(history, /en cours\s+clos : installé·e\s+Administrat\S*\s+Installée en MSP/);
    await check(page, errors, 'dossier-clos');

    // statistics
    await page.goto(server.url + '/accompagnement/statistiques');
    await check(page, errors, 'statistiques');
    const nBefore = await page.locator('#nb-demandes').innerText();
    assert.equal(nBefore, '2');
    const outcomes = page.locator('table', { has: page.locator('#stat-issue') });
    assert.match(await outcomes.innerText(), /installé·e\s+1\s+1/);
    assert.match(await page.locator('table', { has: page.locator('#stat-communes') }).innerText(),
                 /15014\s+1/);

    // three years after closure, the retention job runs
    const out = execFileSync(BIN, ['cases', 'anonymise', '--db', server.dbPath,
                                   '--now', '2029-03-02T09:00:00'], { encoding: 'utf8' });
    assert.match(out, /^1 dossier/);
    await page.goto(dossierUrl);
    assert.match(await page.locator('main').innerText(), /Dossier anonymisé le 02\/03\/2029/);
    assert.doesNotMatch(await page.locator('main').innerText(), /Durand|camille\.desktop/);
    await page.goto(server.url + '/accompagnement/statistiques');
    assert.equal(await page.locator('#nb-demandes').innerText(), nBefore);
    assert.match(await page.locator('table', { has: page.locator('#stat-issue') }).innerText(),
                 /installé·e\s+1\s+1/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
