// tests/e2e/centres.test.mjs: the two journeys of issue 7 in a real browser.
// Centres: a centre with two antennas and staff, a year of monthly activity
// imported from CSV (a file with one bad row refused whole, its line named),
// the totals on the dashboard.  Stages: places opened for a semester,
// interns assigned, a vehicle booked twice for overlapping dates (refused),
// allowances computed and paid, a former intern settled, the conversion
// rate.  Each page visited is checked with axe and kept as a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer } from '../api/lib/server.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, screenshot }
  from './lib/browser.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const FIX = path.resolve('tests/fixtures');
let server;
before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  // The observatory's small fixtures, so that the antennas' APL effect
  // can be computed (01001 has no GP within reach).
  const db = ['--db', server.dbPath];
  const oasis = (...args) => execFileSync(BIN, args, { stdio: 'pipe',
    env: { ...process.env, OASIS_TODAY: '2026-11-23' } });
  oasis('import', 'communes', path.join(FIX, 'communes_small.csv'), ...db);
  oasis('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022', ...db);
  oasis('import', 'supply', path.join(FIX, 'supply_small.csv'), '--vintage', '2019',
        '--column', 'generaliste', ...db);
  oasis('apl', ...db, '--vintage', '2022', '--store');
});
after(async () => { await server?.stop(); });

async function login(page) {
  await page.goto(server.url + '/connexion');
  await page.fill('#identifiant', server.adminLogin);
  await page.fill('#mot_de_passe', server.adminPassword);
  await Promise.all([page.waitForNavigation(),
                     page.locator('main button[type="submit"]').click()]);
}

// Submit the form holding `button` and wait for the next page.
async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

// A refused form is shown again with HTTP 400, which Chromium reports as a
// failed load: that one message is expected on refusal pages only.
async function check(page, errors, shot, { refused = false } = {}) {
  assert.equal(await page.locator('h1').count(), 1, `${shot}: one <h1>`);
  assert.deepEqual(await axeViolations(page), [], `${shot}: axe violations`);
  await screenshot(page, `centres-${shot}`);
  const real = errors.filter((e) => !(refused &&
    /Failed to load resource: the server responded with a status of 400/.test(e)));
  assert.deepEqual(real, [], `${shot}: console errors`);
  errors.length = 0;
}

function activityCsv(badLine = 0) {
  const lines = ['site;mois;consultations;visites_domicile;teleconsultations;' +
                 'part_non_programmee;nouveaux_patients_mt;patients_mt_cumul'];
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    lines.push(`E2E-A;2025-${mm};1000;20;10;12,5;30;${30 * m}`);
    lines.push(`E2E-B;2025-${mm};500;5;5;;10;${10 * m}`);
  }
  if (badLine) lines[badLine - 1] = 'E2E-B;2025-04;500;-5;5;;10;40';
  return Buffer.from(lines.join('\n') + '\n');
}

test('a centre with two antennas, staff, a year of activity and its totals', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page);

    await page.goto(server.url + '/centres/reseaux/nouveau');
    await page.fill('#f-code', 'E2E');
    await page.fill('#f-nom', 'Réseau de démonstration');
    await page.fill('#f-departement', '71');
    await submit(page, page.getByRole('button', { name: 'Créer le réseau' }));

    await page.goto(server.url + '/centres/nouveau');
    await page.fill('#f-code', 'E2E-C');
    await page.fill('#f-nom', 'Centre de santé de Tournus');
    await submit(page, page.getByRole('button', { name: 'Enregistrer' }));
    assert.match(page.url(), /\/centres\/\d+$/);
    const centreUrl = page.url();

    for (const [code, name, commune] of [['E2E-A', "Antenne de l'Abergement", '01001'],
                                         ['E2E-B', "Antenne d'Ambérieu", '01004']]) {
      await page.goto(centreUrl);
      await submit(page, page.getByRole('link', { name: 'Ajouter un site ou une antenne' }));
      await page.fill('#f-code', code);
      await page.fill('#f-nom', name);
      await page.fill('#f-commune', commune);
      await page.fill('#f-horaires_lundi', '08:30-12:00, 14:00-18:00');
      await page.check('#f-teleconsultation_assistee');
      await submit(page, page.getByRole('button', { name: 'Enregistrer le site' }));
    }
    await check(page, errors, 'centre');
    assert.equal(await page.locator('table').first().locator('tbody tr').count(), 2);

    // A doctor on both antennas; then someone over one FTE, refused.
    await submit(page, page.getByRole('link', { name: 'Ajouter une personne' }));
    const fte = page.locator('input[name^="etp_"]');
    await page.fill('#f-prenom', 'Anne');
    await page.fill('#f-nom', 'Martin');
    await page.selectOption('#f-categorie', 'medecin');
    await page.fill('#f-debut_contrat', '2024-01-01');
    await fte.nth(0).fill('0,6');
    await fte.nth(1).fill('0,4');
    await submit(page, page.getByRole('button', { name: 'Enregistrer' }));
    assert.match(page.url(), /\/centres\/personnel\/\d+$/);
    await page.goto(centreUrl);
    await submit(page, page.getByRole('link', { name: 'Ajouter une personne' }));
    await page.fill('#f-prenom', 'Paul');
    await page.fill('#f-nom', 'Trop');
    await page.fill('#f-debut_contrat', '2024-01-01');
    await fte.nth(0).fill('0,7');
    await fte.nth(1).fill('0,5');
    await submit(page, page.getByRole('button', { name: 'Enregistrer' }));
    assert.match(await page.locator('[role="alert"]').textContent(), /ne peut dépasser 1 ETP/);
    await check(page, errors, 'personnel-refuse', { refused: true });
    await page.goto(centreUrl);
    assert.ok(await page.getByRole('link', { name: 'Anne Martin' }).count() === 1);
    assert.equal(await page.getByRole('link', { name: 'Paul Trop' }).count(), 0);

    // The antenna's doctor counts as supply: its commune's APL with and
    // without it (01001 had no GP within reach).
    await submit(page, page.getByRole('link', { name: "Antenne de l'Abergement" }));
    assert.match(await page.locator('main').textContent(), /Commune\s*L'Abergement-Clémenciat \(01001\)/);
    const withSite = await page.locator('[data-apl-with]').textContent();
    const without = await page.locator('[data-apl-without]').textContent();
    assert.match(without, /^0,00/);
    assert.ok(parseFloat(withSite.replace(',', '.')) > 0, `APL with the antenna: ${withSite}`);
    await check(page, errors, 'site-apl');

    // A vacancy on that antenna, published for the portal.
    await page.goto(server.url + '/centres/postes/nouveau');
    await page.selectOption('#f-site_id', { label: "Centre de santé de Tournus — Antenne de l'Abergement" });
    await page.fill('#f-intitule', 'Médecin généraliste salarié');
    await page.fill('#f-description', 'Temps plein, visites à domicile possibles.');
    await submit(page, page.getByRole('button', { name: 'Publier le poste' }));

    // The activity file with one bad row is refused whole.
    await page.goto(server.url + '/centres/activite');
    await page.setInputFiles('#f-fichier', { name: 'activite-2025.csv',
      mimeType: 'text/csv', buffer: activityCsv(9) });
    await submit(page, page.getByRole('button', { name: 'Importer' }));
    const alert = await page.locator('[role="alert"]').textContent();
    assert.match(alert, /ligne 9/);
    assert.match(alert, /visites_domicile/);
    await check(page, errors, 'import-refuse', { refused: true });
    await page.setInputFiles('#f-fichier', { name: 'activite-2025.csv',
      mimeType: 'text/csv', buffer: activityCsv() });
    await submit(page, page.getByRole('button', { name: 'Importer' }));
    assert.match(await page.locator('main').textContent(), /24 lignes importées/);

    // Totals: 12 x (1000 + 500) consultations; 1 FTE doctor.
    const id = centreUrl.split('/').pop();
    await page.goto(`${server.url}/centres/tableau-de-bord?centre=${id}&annee=2025`);
    const main = await page.locator('main').textContent();
    assert.ok(main.includes('18\u202f000'), '18 000 consultations in 2025');
    assert.ok(main.includes('480'), '480 home visits and teleconsultations');
    assert.equal(await page.locator('main svg[role="img"]').count(), 1);
    assert.equal(await page.locator('#months-cap').count(), 1, 'the chart has its table');
    await check(page, errors, 'tableau-de-bord');
  } finally {
    await close();
  }
});

test('places for a semester, interns, a refused double booking, allowances, conversion', async () => {
  const { context, close } = await launch(VIEWPORTS.desktop);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page);

    await page.goto(server.url + '/stages/dispositifs');
    await page.fill('input[name="nom"]', 'Indemnité de stage du Loir-et-Cher');
    await page.fill('input[name="financeur"]', 'Département de Loir-et-Cher');
    await page.fill('input[name="departement"]', '41');
    await page.fill('input[name="mensuel"]', '250');
    await submit(page, page.getByRole('button', { name: 'Ajouter' }));

    await page.goto(server.url + '/stages/terrains/nouveau');
    await page.fill('input[name="structure"]', 'MSP de Vendôme');
    await page.fill('input[name="commune"]', '41269');
    await page.fill('input[name="maitre_de_stage"]', 'Dr Lefèvre');
    await page.selectOption('select[name="niveau"]', 'interne_mg');
    await page.fill('input[name="capacite"]', '2');
    await submit(page, page.getByRole('button', { name: 'Enregistrer' }));
    await page.fill('input[name="semestre"]', '2027-05');
    await page.fill('form:has(input[name="semestre"]) input[name="capacite"]', '2');
    await submit(page, page.getByRole('button', { name: 'Ouvrir' }));
    assert.match(await page.locator('main').textContent(), /mai – octobre 2027 : 0 stagiaire affecté sur 2 places/);
    await check(page, errors, 'terrain');

    const trainees = [];
    for (const first of ['Léa', 'Hugo']) {
      await page.goto(server.url + '/stages/stagiaires/nouveau');
      await page.fill('input[name="prenom"]', first);
      await page.fill('input[name="nom"]', 'Durand');
      await page.fill('input[name="ecole"]', 'Faculté de Tours');
      await submit(page, page.getByRole('button', { name: 'Enregistrer' }));
      trainees.push(page.url());
    }
    // Léa: last winter (finished); Hugo: next summer.
    for (const [url, start, end] of [[trainees[0], '2025-11-10', '2026-04-30'],
                                     [trainees[1], '2027-05-03', '2027-10-29']]) {
      await page.goto(url);
      await page.fill('form:has(button:text("Affecter")) input[name="date_debut"]', start);
      await page.fill('form:has(button:text("Affecter")) input[name="date_fin"]', end);
      await submit(page, page.getByRole('button', { name: 'Affecter' }));
    }

    await page.goto(server.url + '/stages/logistique');
    await page.fill('input[name="libelle"]', 'Clio');
    await page.fill('input[name="immatriculation"]', 'GA-123-BC');
    await submit(page, page.getByRole('button', { name: 'Ajouter' }).first());
    await check(page, errors, 'logistique');

    const book = async (url, start, end) => {
      await page.goto(url);
      await page.selectOption('select[name="ressource"]', { label: 'Véhicule Clio (GA-123-BC)' });
      await page.fill('form:has(button:text("Réserver")) input[name="date_debut"]', start);
      await page.fill('form:has(button:text("Réserver")) input[name="date_fin"]', end);
      await submit(page, page.getByRole('button', { name: 'Réserver' }));
    };
    await book(trainees[1], '2027-05-03', '2027-06-30');
    await book(trainees[0], '2027-06-15', '2027-07-15');
    const refused = await page.locator('[role="alert"]').textContent();
    assert.match(refused, /déjà réservé du 2027-05-03 au 2027-06-30/);
    await check(page, errors, 'reservation-refusee', { refused: true });

    // Léa's allowance: 21/30 of November + 5 months = 1 425 €; pay it.
    await page.goto(trainees[0]);
    const owed = await page.locator('[data-owed]').first().textContent();
    assert.equal(owed.replace(/\s/g, ' '), '1 425 €');
    await submit(page, page.getByRole('button', { name: 'Enregistrer le versement' }));
    assert.equal((await page.locator('[data-paid]').first().textContent()).replace(/\s/g, ' '),
                 '1 425 €');
    await check(page, errors, 'indemnites');

    await page.check('#f-installe');
    await page.fill('input[name="commune"]', '41269');
    await submit(page, page.getByRole('button', { name: 'Enregistrer le devenir' }));
    await page.goto(server.url + '/stages/suivi');
    const row = await page.locator('#conv-place').locator('xpath=..').locator('tbody tr').first().textContent();
    assert.match(row, /MSP de Vendôme/);
    assert.match(row, /100\s%/);
    await check(page, errors, 'suivi');

    await page.goto(server.url + '/stages/offres?semestre=2027-05');
    assert.match(await page.locator('main').textContent(), /1 place libre/);
    await check(page, errors, 'offres');

    // A trainee asks for the place through the guichet unique: the form
    // opens with the project, the commune and the semester filled in.
    await submit(page, page.getByRole('link', { name: 'Demander cette place' }));
    assert.match(page.url(), /\/demande\?projet=stage/);
    assert.equal(await page.locator('#f-projet').inputValue(), 'stage');
    assert.equal(await page.locator('#f-territoire_code').inputValue(), '41269');
    assert.match(await page.locator('#f-message').inputValue(), /MSP de Vendôme/);
    await check(page, errors, 'demande-stage');
  } finally {
    await close();
  }
});

test('public pages on a phone: open places and the request form', async () => {
  const { context, close } = await launch(VIEWPORTS.phone);
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + '/stages/offres?semestre=2027-05');
    await check(page, errors, 'phone-offres');
    await page.goto(server.url + '/centres');
    await check(page, errors, 'phone-centres');
    await page.goto(server.url + '/centres/postes');
    await check(page, errors, 'phone-postes');
    // Applying goes through the guichet unique, the form prefilled.
    await submit(page, page.getByRole('link', { name: 'Candidater via le guichet unique' }));
    assert.equal(await page.locator('#f-projet').inputValue(), 'salarie_centre');
    assert.equal(await page.locator('#f-territoire_code').inputValue(), '01001');
    assert.match(await page.locator('#f-message').inputValue(),
                 /Candidature au poste « Médecin généraliste salarié »/);
    await check(page, errors, 'phone-candidature');
    await page.goto(server.url + '/centres/sites/1');
    await check(page, errors, 'phone-site');
  } finally {
    await close();
  }
});
