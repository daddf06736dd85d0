// tests/e2e/journeys.test.mjs: the six journeys of issue 18, played end to
// end in Chromium on the living demo (Saône-et-Loire) as their users would,
// on a phone (390 px) and a desktop (1366 px):
//   a. a 2nd-year student near Le Creusot: portal → commune → aid simulator
//      (commune combobox, keyboard) → results focused → next step and
//      contact → request form → the follow-up space from the e-mail;
//   b. an intern looking for a placement: offers with allowance, housing
//      and car → request for a place;
//   c. a departmental agent: login → /mon-espace → a dossier taken → a
//      task done → an aid application step;
//   d. an elected official (lecteur): observatoire → commune sheet → an
//      unsaved what-if naming the communes that change → the dashboard;
//   e. a centre-network manager: network dashboard → a centre → a month of
//      activity → a vacancy;
//   f. the plan's steering: plan → an action → budget and spending → the
//      dashboard and its export.
// Every page visited must show what the user needs (real demo content),
// pass axe-core without serious or critical violation, have no horizontal
// scroll and log no console error; each step leaves a full-page screenshot
// under test-output/journeys/ (JOURNEY-VIEWPORT-NN-step.png) to be looked at.
//
// Each viewport gets its own copy of the demo database and its own server,
// so the journeys (which write) run the same way on both.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../api/lib/server.mjs';
import { startSmtp } from '../api/lib/smtp.mjs';
import { buildDemoDb, hasData, only71, run, DATA } from '../api/demo_db.mjs';
import { VIEWPORTS, launch, watchErrors, axeViolations, OUTPUT_DIR }
  from './lib/browser.mjs';

const SHOTS = path.join(OUTPUT_DIR, 'journeys');
const AGENT = ['c.agent', 'motdepasse-agent-71'];
const ELU = ['e.elu', 'motdepasse-elu-71'];
let dir, demoDb;

// The demo database, plus what the observatoire needs (the SIRENE supply
// of Saône-et-Loire and the model's APL, as tools/initdb.sh does) and the
// accounts of the agent and the elected official.
before(() => {
  if (!hasData) return;
  if (!process.env.JOURNEYS) fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-journeys-'));
  demoDb = buildDemoDb(dir);
  const supply = path.join(dir, 'sirene71.csv');
  only71(path.join(DATA, 'offre_soins/sirene2019_etablissements_sante_par_commune.csv'), supply);
  run(['import', 'supply', supply, '--vintage', '2019', '--column', 'generaliste', '--db', demoDb]);
  run(['apl', '--db', demoDb, '--vintage', '2023', '--supply', 'generaliste',
       '--calibrate-acts', '2023', '--store', '--quiet']);
  for (const [[login, pw], role, name] of [[AGENT, 'agent', 'Claire Agent'],
                                           [ELU, 'lecteur', 'Étienne Élu']]) {
    process.env.OASIS_PASSWORD = pw;
    run(['user', 'add', login, '--role', role, '--name', name, '--db', demoDb]);
  }
  delete process.env.OASIS_PASSWORD;
});
after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

// One user's walk: every step checks the page it lands on.
class Walk {
  constructor(page, errors, name) {
    this.page = page;
    this.errors = errors;
    this.name = name;
    this.n = 0;
  }

  // The text of <main>, spaces collapsed.
  async text(sel = 'main') {
    return (await this.page.locator(sel).first().innerText()).replace(/\s+/g, ' ');
  }

  // The page as the user sees it now: each of expected is in <main>, no
  // sideways scroll, axe clean, no console error; then a screenshot.
  // isRefused: the page is a form sent back with its errors, answered 400
  // as it should be, which Chromium logs once as a failed resource.
  async step(label, expected = [], { isRefused = false } = {}) {
    const { page } = this;
    await page.waitForLoadState('load');
    if (isRefused) {
      const i = this.errors.findIndex((e) => /status of 400/.test(e));
      assert.ok(i >= 0, `${this.name} « ${label} »: answered 400`);
      this.errors.splice(i, 1);
    }
    const where = `${this.name} step ${this.n + 1} « ${label} » (${page.url()})`;
    const text = await this.text();
    for (const s of expected) {
      assert.ok(text.includes(s), `${where}: « ${s} » not shown`);
    }
    const { sw, cw } = await page.evaluate(() => ({
      sw: document.documentElement.scrollWidth,
      cw: document.documentElement.clientWidth }));
    assert.ok(sw <= cw + 1, `${where}: scrolls sideways (${sw} > ${cw})`);
    assert.deepEqual(await axeViolations(page), [], `${where}: axe`);
    assert.deepEqual(this.errors, [], `${where}: console`);
    this.errors.length = 0;
    const file = path.join(SHOTS, `${this.name}-${String(++this.n).padStart(2, '0')}-` +
                           `${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return text;
  }

  // Click what leads to another page and wait for it.
  async go(locator) {
    await Promise.all([this.page.waitForNavigation(), locator.click()]);
  }
}

// Follow the main navigation's link named label, as a user does: on a
// phone, through the « Menu » first.
async function nav(w, label) {
  const { page } = w;
  const visible = page.locator('nav.site-nav a:visible', { hasText: label });
  if (!(await visible.count())) await page.locator('nav.site-nav summary', { hasText: 'Menu' }).click();
  await w.go(page.locator('nav.site-nav a:visible', { hasText: label }).first());
}

async function login(w, [login, password]) {
  await w.page.goto(w.url + '/connexion');
  await w.step('connexion', ['Connexion']);
  await w.page.fill('#identifiant', login);
  await w.page.fill('#mot_de_passe', password);
  await w.go(w.page.locator('main button[type="submit"]'));
}

// ---- the journeys ------------------------------------------------------

// a. A 2nd-year medical student who thinks of Le Creusot.
async function student(w, smtp) {
  const { page } = w;
  await page.goto(w.url + '/portail');
  await w.step('portail', ['Saône-et-Loire', 'Simuler mes aides', 'Les communes']);
  await w.go(page.locator('main a[href="/portail/communes"]').first());
  const communes = await w.step('communes', ['Le Creusot', 'par exemple Autun ou 71014']);
  assert.ok(!communes.includes('Blois'), 'the example is a commune of the territory');
  await w.go(page.locator('main a[href="/portail/communes/71153"]').first());
  await w.step('commune', ['Le Creusot', 'Exercer au Creusot']);
  await w.go(page.locator('main a[href^="/aides/simulateur"]').first());
  await w.step('simulateur', ['Quelles aides pour moi ?']);
  // the commune typed, chosen in the combobox with the keyboard
  const commune = page.locator('#f-commune');
  await commune.fill('');
  await commune.pressSequentially('creuso', { delay: 30 });
  const option = page.locator('[role="listbox"] [role="option"]', { hasText: 'Le Creusot (71153)' });
  await option.waitFor();
  assert.equal(await commune.getAttribute('aria-expanded'), 'true');
  await w.step('combobox', ['Quelles aides pour moi ?']);
  const nBefore = await page.locator('[role="listbox"] [role="option"]').count();
  const k = await page.locator('[role="listbox"] [role="option"]').evaluateAll(
    (els) => els.findIndex((e) => e.textContent.includes('(71153)')));
  assert.ok(k >= 0 && nBefore > k);
  for (let i = 0; i <= k; i++) await commune.press('ArrowDown');
  await commune.press('Enter');
  assert.match(await commune.inputValue(), /Le Creusot/);
  await page.selectOption('#f-profession', 'medecin-generaliste');
  await page.selectOption('#f-statut', 'etudiant');
  await page.fill('#f-annee', '2');
  await page.check('#f-pass_las');
  await w.go(page.locator('main form button[type="submit"]'));
  // the result is announced and takes the focus, the page scrolled to it
  await page.waitForFunction(() => document.activeElement?.id === 'titre-res');
  assert.equal(await page.getAttribute('#resultat-resume', 'role'), 'status');
  const top = await page.evaluate(() => document.getElementById('titre-res').getBoundingClientRect().top);
  assert.ok(top >= -1 && top < 300, `result heading in view (top ${top})`);
  await w.step('resultats', ['Vos aides pour Le Creusot (71153)', 'aides possibles pour vous',
    'Aide aux étudiants en médecine et en odontologie de la ville du Creusot']);
  const card = page.locator('#aide-creusot-etudiants');
  const cardText = (await card.innerText()).replace(/\s+/g, ' ');
  for (const s of ['Que faire ensuite', 'Écrivez à la mairie du Creusot',
                   'Ville du Creusot, mairie (service santé)', '1 200 €']) {
    assert.ok(cardText.includes(s), `aid card: « ${s} »`);
  }
  await w.go(card.locator('a[href^="/demande"]'));
  await w.step('demande', ['Demande']);
  assert.equal(await page.inputValue('#f-territoire_nom'), 'Le Creusot');
  assert.equal(await page.inputValue('#f-territoire_code'), '71153');
  assert.match(await page.inputValue('#f-message'), /ville du Creusot/);
  // sent without the consent first: told at the field, input kept
  await page.fill('#f-prenom', 'Léa');
  await page.fill('#f-nom', 'Parcours');
  await page.fill('#f-email', 'lea.parcours@exemple.invalid');
  await w.go(page.locator('main form button[type="submit"]').last());
  await w.step('demande-erreur', ['Votre accord est nécessaire'], { isRefused: true });
  assert.equal(await page.inputValue('#f-prenom'), 'Léa');
  await page.check('#f-consentement');
  await w.go(page.locator('main form button[type="submit"]').last());
  const thanks = await w.step('merci', ['Votre demande est enregistrée']);
  const ref = await page.locator('#reference').innerText();
  assert.match(ref, /^[A-Z]+-\d{4}-\d{4}$/);
  assert.ok(thanks.includes('il contient le lien de votre espace de suivi'),
            'the acknowledgment and its follow-up link announced');
  // the acknowledgment carries the link to the follow-up space
  const mail = await smtp.waitFor((m) => m.subject.includes(ref));
  const link = mail.body.replace(/=\r?\n/g, '').match(/https?:\/\/[^\s]*\/suivi\/[0-9a-f]{64}/)[0];
  await page.goto(link);
  await w.step('suivi', [ref, 'Où en est votre demande', 'Aides financières']);
  await page.fill('main textarea', 'Bonjour, je peux venir à la mairie en janvier.');
  await w.go(page.locator('main form button[type="submit"]').last());
  await w.step('suivi-message', ['Bonjour, je peux venir à la mairie en janvier.']);
}

// b. An intern looking for a placement, with housing and a car.
async function intern(w) {
  const { page } = w;
  await page.goto(w.url + '/portail');
  await w.step('portail', ['Stages et logement']);
  await w.go(page.locator('main a[href^="/stages"]').first());
  let text = await w.step('offres', ['Terrains de stage', 'Maison de santé pluriprofessionnelle du Creusot',
    'Indemnité de stage', '300 € par mois', 'Logement', 'Véhicule', 'Internat rural du Creusot']);
  assert.ok(!text.includes('aucune indemnité locale'), 'every offer of the demo has its allowance');
  assert.ok(text.includes('dont une au moins gratuite') && !text.includes('dès 0 €'),
            'the free studios of Autun read as free');
  const offer = page.locator('main li, main article, main section', { hasText: 'Maison de santé pluriprofessionnelle du Creusot' }).last();
  await w.go(offer.locator('a', { hasText: 'Demander cette place' }).first());
  text = await w.step('demande', ['Demande']);
  assert.match(await page.inputValue('#f-message'), /Maison de santé pluriprofessionnelle du Creusot/);
  await page.fill('#f-prenom', 'Yanis');
  await page.fill('#f-nom', 'Stagiaire');
  await page.fill('#f-email', 'yanis.stagiaire@exemple.invalid');
  await page.check('#f-consentement');
  await w.go(page.locator('main form button[type="submit"]').last());
  await w.step('merci', ['Votre demande est enregistrée']);
}

// c. A departmental agent: home, a dossier taken, a task done, an aid
// application.
async function agent(w) {
  const { page } = w;
  await login(w, AGENT);
  await nav(w, 'Mon espace');
  let text = await w.step('mon-espace', ['Mon espace', 'Bonjour Claire Agent', 'À relancer']);
  // Karim Fictif's dossier (in progress, its partner answered): taken
  await w.go(page.locator('main a[href="/accompagnement/dossiers?etat=nouveau&agent=aucun"]').first());
  await w.step('dossiers', ['Dossiers']);
  await page.goto(w.url + '/accompagnement/dossiers');
  text = await w.step('tous-les-dossiers', ['Karim']);
  await w.go(page.locator('main tr', { hasText: 'Karim Fictif' }).locator('a').first());
  text = await w.step('dossier', ['Karim Fictif', 'Autun', 'Favorable']);
  // dates as people write them: the request's, the partner's follow-up
  assert.match(text, /Reçue le \d\d\/\d\d\/\d{4} Premier contact \d\d\/\d\d\/\d{4}/);
  assert.match(text, /confié à un partenaire — [^,]+, relance le \d\d\/\d\d\/\d{4}/);
  await w.go(page.locator('main form[action$="/attribution"] button', { hasText: 'Prendre le dossier' }));
  await w.step('dossier-pris', ['Claire Agent']);
  await page.goto(w.url + '/mon-espace');
  text = await w.step('mon-espace-apres', ['1 dossier ouvert à mon nom', 'en retard depuis',
  ]);
  await w.go(page.locator('main section[aria-labelledby="t-echeances"] a').first());
  text = await w.step('dossier-tache', ['Karim Fictif']);
  const task = page.locator('main form[action*="/taches/"]').first();
  const taskId = (await task.getAttribute('action')).match(/taches\/(\d+)/)[1];
  await task.locator('select[name="etat"]').selectOption('fait');
  await w.go(task.locator('button[type="submit"]'));
  await w.step('tache-faite', ['Karim Fictif']);
  assert.match(await page.locator(`#tache-${taskId} .card-meta`).innerText(), /^fait/);
  await page.goto(w.url + '/mon-espace');
  await w.step('mon-espace-fin', ['Aucune échéance dépassée']);
  // an aid application: the instruction list, a new application
  await page.goto(w.url + '/instruction');
  await w.step('instruction', ['Instruction']);
}

// d. An elected official (read-only account).
async function elected(w) {
  const { page } = w;
  await login(w, ELU);
  await page.goto(w.url + '/observatoire');
  await w.step('observatoire', ['Saône-et-Loire', 'APL']);
  await page.fill('main input[type="search"], main input[name="q"]', 'Le Creusot');
  await w.go(page.locator('main form[action*="recherche"] button, main form[role="search"] button').first());
  await w.step('recherche', ['Le Creusot']);
  await page.goto(w.url + '/observatoire/communes/71153');
  await w.step('commune', ['Le Creusot', 'sous-dense (indicatif)', '2,10']);
  await w.go(page.locator('main a[href="/observatoire/simulation?commune=71153"]').first());
  await w.step('simulation', ['Simuler une décision', 'lecture seule']);
  assert.equal(await page.inputValue('#code_1'), '71153');
  await page.fill('#etp_1', '3');
  await w.go(page.locator('main button[value="calculer"]'));
  const text = await w.step('effet', ['Effet de la décision', 'Communes concernées', 'Le Creusot',
    'Communes qui changent de classe indicative', 'Le Breuil']);
  assert.ok(!/Enregistre[rz] le scénario/.test(text), 'a read-only account is not invited to save');
  assert.match(text, /\b1 commune change de classe indicative/);
  await page.goto(w.url + '/plan');
  await w.step('tableau-de-bord', ['Saône-et-Loire', 'Centres de santé départementaux']);
}

// e. The manager of the departmental network of centres.
async function centres(w) {
  const { page } = w;
  await login(w, AGENT);
  await page.goto(w.url + '/centres/tableau-de-bord');
  await w.step('tableaux', ['Centre de santé départemental de Saône-et-Loire']);
  await w.go(page.locator('main a', { hasText: 'Centre de santé départemental de Saône-et-Loire' }).first());
  await w.step('reseau', ['consultations', 'Finances']);
  await page.goto(w.url + '/centres');
  await w.step('centres', ["Centre territorial d'Autun"]);
  await w.go(page.locator('main a', { hasText: "Centre territorial d'Autun" }).first());
  const centre = await w.step('centre', ["Centre territorial d'Autun", 'Personnel', 'Émilie Témoin']);
  assert.match(centre, /Émilie Témoin Médecin depuis le \d\d\/\d\d\/\d{4}/, 'contract dates as people write them');
  await page.goto(w.url + '/centres/activite');
  await w.step('activite', ['Saisir un mois']);
  const site = await page.locator('#f-site_id option', { hasText: 'Autun' }).first().getAttribute('value');
  await page.selectOption('#f-site_id', site);
  const now = new Date();
  const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  await page.fill('#f-mois', month);
  await page.fill('#f-consultations', '612');
  await page.fill('#f-visites_domicile', '31');
  await page.fill('#f-teleconsultations', '18');
  await page.fill('#f-nouveaux_patients_mt', '14');
  await page.fill('#f-patients_mt_cumul', '1950');
  await page.fill('#f-part_non_programmee', '22');
  await w.go(page.locator('main form:has(#f-consultations) button[type="submit"]'));
  await w.step('activite-enregistree', ['612']);
  await page.goto(w.url + '/centres/postes/nouveau');
  await w.step('poste', ['Nouveau poste à pourvoir']);
  await page.selectOption('#f-site_id', await page.locator('#f-site_id option', { hasText: 'Autun' }).first().getAttribute('value'));
  await page.selectOption('#f-categorie', 'paramedical');
  await page.fill('#f-intitule', 'Infirmier·e en pratique avancée');
  await page.selectOption('#f-contrat', 'cdi');
  await page.fill('#f-salaire_min', '32 000');
  await page.fill('#f-salaire_max', '38 000');
  await w.go(page.locator('main form button[type="submit"]'));
  await w.step('poste-publie', ['Infirmier·e en pratique avancée']);
  await page.goto(w.url + '/centres/postes');
  const posts = await w.step('postes', ['Infirmier·e en pratique avancée', '32 000 € à 38 000 €']);
  assert.match(posts, /Infirmier·e en pratique avancée Paramédical · Centre territorial d'Autun[^]*?Contrat CDI/);
}

// f. The plan's steering.
// What the dashboard says action zName spent, in euros.
async function spentOn(page, zName) {
  const cells = await page.locator('main tr', { hasText: zName }).last()
    .locator('th, td').allInnerTexts();
  return Number(cells[3].replace(/[^0-9]/g, ''));
}

async function plan(w) {
  const { page } = w;
  await login(w, AGENT);
  await nav(w, 'Pilotage');
  await w.step('plan', ['Plan santé : tableau de bord', 'Centres de santé départementaux',
    'Indemnités de stage versées']);
  const before = await spentOn(page, 'Accueil des internes et externes');
  await w.go(page.locator('main a', { hasText: 'Gérer les actions' }).first());
  await w.step('actions', ['Accueil des internes et externes', '135 000 €']);
  await w.go(page.locator('main a', { hasText: 'Accueil des internes et externes' }).first());
  await w.step('action', ['Accueil des internes et externes', 'Budget', 'Dépenses']);
  const spend = page.locator('main form[action$="/depenses"]');
  const today = new Date().toISOString().slice(0, 10);
  await spend.locator('input[type="date"]').fill(today);
  await spend.locator('input[name*="montant"], input[name*="euros"]').first().fill('2 500');
  await spend.locator('input[name*="objet"], input[name*="libelle"], textarea').first().fill('Navette des internes, décembre');
  await w.go(spend.locator('button[type="submit"]'));
  await w.step('depense', ['Navette des internes, décembre', '2 500 €']);
  await nav(w, 'Pilotage');
  await w.step('tableau-de-bord', ['Accueil des internes et externes']);
  assert.equal(await spentOn(page, 'Accueil des internes et externes'), before + 2500,
               'the dashboard counts the new spending');
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.locator('main a[href^="/plan/export.xlsx"]').first().click()]);
  const file = path.join(SHOTS, `${w.name}-export.xlsx`);
  await download.saveAs(file);
  const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
  assert.equal(head, 'PK', 'the export is an XLSX (zip) file');
}

const JOURNEYS = [['a-etudiant', student], ['b-interne', intern], ['c-agent', agent],
                  ['d-elu', elected], ['e-centres', centres], ['f-plan', plan]];
const ONLY = process.env.JOURNEYS ? process.env.JOURNEYS.split(',') : null;

for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
  describe(`journeys on the demo (${vp})`, { skip: !hasData && 'OASIS_DATA_DIR absent' }, () => {
    let server, smtp, vpDir;
    before(async () => {
      vpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-journeys-vp-'));
      const db = path.join(vpDir, 'oasis.db');
      fs.copyFileSync(demoDb, db);
      smtp = await startSmtp();
      server = await startServer({ dbPath: db, env: { OASIS_SMTP_URL: smtp.url,
        OASIS_SMTP_FROM: 'guichet@exemple.invalid' } });
    });
    after(async () => {
      await server?.stop();
      await smtp?.stop();
      if (vpDir) fs.rmSync(vpDir, { recursive: true, force: true });
    });
    for (const [name, fn] of JOURNEYS) {
      test(`${name} (${vp})`, { skip: ONLY && !ONLY.includes(name) ? 'JOURNEYS' : false }, async () => {
        const { context, close } = await launch(viewport);
        try {
          const page = await context.newPage();
          const w = new Walk(page, watchErrors(page), `${name}-${vp}`);
          w.url = server.url;
          await fn(w, smtp);
        } finally {
          await close();
        }
      });
    }
  });
}
