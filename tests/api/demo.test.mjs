// tests/api/demo.test.mjs: the living demonstration (issue 18, item 1).
// A database is built as tools/initdb.sh builds the default one, on the
// real open data restricted to Saône-et-Loire (71) to stay fast; then
// `oasis demo load` fills it.  The pages must show the demo's figures
// inside the territory (portal, plan, centres, placements, dossiers), the
// expected figures being computed here from data/demo/ itself; `oasis demo
// clear` must empty them again.  A bad file refuses the whole load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';
import { BIN, DATA, DEMO, buildDemoDb, hasData, only71, rows, run } from './demo_db.mjs';

let server, admin, dir, dbPath;

const sql = (s) => spawnSync('sqlite3', [dbPath, s], { encoding: 'utf8' }).stdout.trim();
const plain = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'")
  .replace(/&quot;/g, '"').replace(/&amp;/g, '&')
  .replace(/\u202f|\u00a0/g, ' ').replace(/\s+/g, ' ');
const euros = (n) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;

async function page(p) {
  const r = await admin.get(p);
  assert.equal(r.status, 200, p);
  return plain(await r.text());
}

before(async () => {
  if (!hasData) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-demo-'));
  dbPath = buildDemoDb(dir);
  server = await startServer({ dbPath });
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
});
after(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('demo load sets the territory and flags the instance as a demonstration', { skip: !hasData && 'OASIS_DATA_DIR absent' }, () => {
  assert.equal(sql("SELECT value FROM settings WHERE key = 'instance.territoire'"), '71');
  assert.equal(sql("SELECT value FROM settings WHERE key = 'instance.demonstration'"), '1');
  // every dossier, place and structure lies inside the territory
  assert.equal(sql("SELECT count(*) FROM case_dossiers WHERE territory_code NOT LIKE '71%'"), '0');
  assert.equal(sql("SELECT count(*) FROM place WHERE commune NOT LIKE '71%'"), '0');
  assert.equal(sql('SELECT count(*) FROM case_dossiers'), String(rows('dossiers.csv').length));
});

test('the portal shows the demo territory, its events, posts and placements', { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
  const r = await fetch(server.url + '/portail');
  assert.equal(r.status, 200);
  const t = plain(await r.text());
  assert.match(t, /Saône-et-Loire/);
  assert.doesNotMatch(t, /Votre territoire/);
  for (const e of rows('events.csv')) assert.ok(t.includes(e.title), e.title);
  // the official DREES figures of the territory, untouched by the demo
  assert.doesNotMatch(t, /n'a pas encore été importée/);
  const structures = new Set(rows('places.csv').map((p) => p.structure)).size;
  const m = t.match(/(\d+) places? de stage ouvertes? dans (\d+) structures?/);
  assert.ok(m, 'placements announced');
  assert.ok(Number(m[2]) > 0 && Number(m[2]) <= structures);
  const posts = rows('vacancies.csv');
  assert.ok(t.includes(`${posts.length} postes ouverts dans les centres de santé`));
  for (const v of posts) assert.ok(t.includes(v.title), v.title);
  // the team's commune fiches of the demo
  const fiche = plain(await (await fetch(server.url + '/portail/communes/71153')).text());
  assert.match(fiche, /Exercer au Creusot/);
});

test('the plan dashboard adds up the demo budgets and spending', { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
  const t = await page('/plan');
  const actions = rows('plan_actions.csv');
  for (const a of actions) assert.ok(t.includes(a.name), a.name);
  const budget = rows('plan_budgets.csv').reduce((s, b) => s + Number(b.euros), 0);
  assert.ok(t.includes(`${euros(budget)} budget total du plan`), `budget ${euros(budget)}`);
  // manual spending, plus the salaries and charges of the centre an action
  // funds, read from the centres module (never copied into the plan)
  // (finance months from January of last year on: the demo loads whole years)
  const linked = actions.filter((a) => a.link_kind === 'centre')
    .flatMap((a) => a.link_target.split(','));
  const now = new Date();
  const yearOf = (monthsAgo) => Math.floor((now.getUTCFullYear() * 12 + now.getUTCMonth() - monthsAgo) / 12);
  const centres = rows('finance.csv')
    .filter((f) => linked.includes(f.centre) && yearOf(Number(f.months_ago)) >= now.getUTCFullYear() - 1)
    .reduce((s, f) => s + Number(f.salaries_euros) + Number(f.charges_euros), 0);
  const manual = rows('plan_spending.csv').reduce((s, x) => s + Number(x.euros), 0);
  // the aid an action funds: paid every 30 days since the signature
  const aids = actions.filter((a) => a.link_kind === 'aide').map((a) => a.link_target);
  const paid = rows('commitments.csv').filter((c) => aids.includes(c.aid)).reduce((s, c) =>
    s + (Math.floor(Number(c.signed_days_ago) / 30) + 1) * Number(c.monthly_euros), 0);
  // the placement allowances (schemes.csv) of the former trainees, one
  // whole semester of six months each, at the places an action funds
  const places = actions.filter((a) => a.link_kind === 'stage')
    .flatMap((a) => a.link_target.split(','));
  const allowances = rows('trainees.csv')
    .filter((t) => t.semester === '-1' && places.includes(t.place))
    .reduce((s, t) => s + rows('schemes.csv').filter((sc) => sc.levels.split(',').includes(t.level))
      .reduce((x, sc) => x + 6 * Number(sc.monthly_euros), 0), 0);
  assert.ok(centres > 0 && paid > 0 && allowances > 0);
  assert.ok(t.includes(`Indemnités de stage versées ${euros(allowances)}`), `allowances ${euros(allowances)}`);
  const spent = manual + centres + paid + allowances;
  assert.ok(t.includes(`${euros(spent)} dépensés`), `spent ${euros(spent)}`);
  assert.ok(t.includes(`Centres de santé : salaires et charges ${euros(centres)}`));
  assert.ok(t.includes(`Indemnités de stage versées ${euros(allowances)}`), `allowances ${euros(allowances)}`);
  // every payment the demo records is funded by some action
  assert.ok(t.includes('rattachés à aucune action : 0 €'), 'no unlinked payment');
  assert.ok(t.includes(`Aides versées (registre des engagements) ${euros(paid)}`), `aids ${euros(paid)}`);
  const signed = rows('commitments.csv').length;
  assert.ok(t.includes(`${signed} dont 0 honoré engagements d'aide signés`), 'commitments');
  // the dossier closed « installé·e » is the plan's one doctor settled
  const settled = rows('dossiers.csv').filter((d) => d.outcome === 'installe').length;
  assert.ok(t.includes(settled > 1 ? `${settled} médecins installés` : `${settled} médecin installé`));
});

test('the plan dashboard groups the digits of its counts, as people read them', { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
  const r = await admin.get('/plan');
  const html = await r.text();
  // consultations, inhabitants… run into thousands in the demo: never « 120000 »
  assert.match(html, /<td class="num"[^>]*>\d{1,3}(?:\u202f|\u00a0| |&#8239;|&nbsp;)\d{3}<\/td>/);
  assert.doesNotMatch(html, /<td class="num"[^>]*>\d{4,}<\/td>/);
});

test('centres, placements and dossiers show the demo records', { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
  const stages = await page('/stages');
  for (const p of rows('places.csv')) assert.ok(stages.includes(p.structure), p.structure);
  for (const tr of rows('trainees.csv')) {
    assert.ok(stages.includes(`${tr.first_name} ${tr.last_name}`), tr.last_name);
  }
  const dossiers = await page('/accompagnement/dossiers');
  for (const d of rows('dossiers.csv')) {
    assert.ok(dossiers.includes(d.last_name), `dossier ${d.last_name}`);
  }
  // every stage of the guichet unique is there
  const states = sql('SELECT group_concat(DISTINCT state) FROM case_dossiers').split(',');
  for (const s of ['nouveau', 'en_cours', 'attente_partenaire', 'clos']) {
    assert.ok(states.includes(s), s);
  }
  assert.ok(Number(sql("SELECT count(*) FROM case_tasks WHERE state = 'partenaire'")) > 0);
  // 12 months and more of activity on the centres' sites
  assert.ok(Number(sql('SELECT count(DISTINCT month) FROM centre_activity')) >= 12);
  assert.equal(sql('SELECT count(*) FROM centre_staff'), String(rows('staff.csv').length));
});

test('demo load twice leaves one demo', { skip: !hasData && 'OASIS_DATA_DIR absent' }, () => {
  const before = sql('SELECT count(*) FROM case_dossiers') + '/' + sql('SELECT count(*) FROM place');
  run(['demo', 'load', '--db', dbPath]);
  assert.equal(sql('SELECT count(*) FROM case_dossiers') + '/' + sql('SELECT count(*) FROM place'), before);
});

test('a bad row refuses the whole load, naming file, line and field', { skip: !hasData && 'OASIS_DATA_DIR absent' }, () => {
  const bad = path.join(dir, 'demo-bad');
  fs.cpSync(DEMO, bad, { recursive: true });
  // the last file read: everything before it must be rolled back too
  fs.appendFileSync(path.join(bad, 'portal.csv'), 'couleur;#ffffff\n');
  const copy = path.join(dir, 'copy.db');
  fs.copyFileSync(dbPath, copy);
  spawnSync('sqlite3', [copy, 'PRAGMA wal_checkpoint']);
  const n = (s) => spawnSync('sqlite3', [copy, s], { encoding: 'utf8' }).stdout.trim();
  run(['demo', 'clear', '--db', copy]);
  const r = run(['demo', 'load', '--data', bad, '--db', copy], { ok: false });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /portal\.csv, ligne \d+.*clé inconnue « couleur »/);
  assert.equal(n('SELECT count(*) FROM case_dossiers'), '0');
  assert.equal(n('SELECT count(*) FROM plan_actions'), '0');
  assert.equal(n("SELECT count(*) FROM settings WHERE key LIKE 'demo%' OR key = 'instance.demonstration'"), '0');
  const r2 = run(['demo', 'load', '--territory', '99', '--db', copy], { ok: false });
  assert.match(r2.stderr, /territoire : « 99 »/);
  // the files describe Saône-et-Loire: another territory is refused, not
  // filled with records lying outside it
  const r3 = run(['demo', 'load', '--territory', '41', '--db', copy], { ok: false });
  assert.equal(r3.status, 1);
  assert.match(r3.stderr, /commune 71\d{3} hors du territoire de la démonstration \(Loir-et-Cher\)/);
  assert.equal(n('SELECT count(*) FROM case_partners'), '0');
  // a trainee entered since on a demo place: clear refuses, says why in
  // French, and keeps the whole demo
  run(['demo', 'load', '--db', copy]);
  spawnSync('sqlite3', [copy, "INSERT INTO trainee(first_name, last_name, email, phone, school, level) " +
    "VALUES ('Vraie', 'Personne', 'v@stage.invalid', '', 'U', 'interne_mg'); " +
    'INSERT INTO assignment(trainee_id, place_id, semester, start_on, end_on) VALUES ' +
    "(last_insert_rowid(), (SELECT max(id) FROM place), '2026-11', '2026-11-02', '2027-04-30')"]);
  const r4 = run(['demo', 'clear', '--db', copy], { ok: false });
  assert.equal(r4.status, 1);
  assert.match(r4.stderr, /démonstration non retirée : des données saisies depuis dépendent de ses terrains de stage/);
  assert.equal(n("SELECT value FROM settings WHERE key = 'instance.demonstration'"), '1');
  assert.equal(n('SELECT count(*) FROM case_dossiers'), String(rows('dossiers.csv').length));
  spawnSync('sqlite3', [copy, "PRAGMA foreign_keys = ON; DELETE FROM trainee WHERE email = 'v@stage.invalid'"]);
  run(['demo', 'clear', '--db', copy]);
  assert.equal(n('SELECT count(*) FROM place'), '0');
});

test('demo clear empties the pages and restores the territory found before', { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
  run(['demo', 'clear', '--db', dbPath]);
  assert.equal(sql("SELECT count(*) FROM settings WHERE key IN ('instance.territoire', 'instance.demonstration', 'demo.manifest')"), '0');
  for (const table of ['case_dossiers', 'case_partners', 'place', 'trainee', 'housing', 'vehicle',
    'centre_staff', 'centre_activity', 'centre_finance', 'centre_vacancy', 'plan_actions',
    'aid_commitment', 'aid_payment', 'portal_communes',
    'plan_spending', 'portal_events']) {
    assert.equal(sql(`SELECT count(*) FROM ${table}`), '0', table);
  }
  // the catalogues loaded before the demo stay
  assert.ok(Number(sql('SELECT count(*) FROM centre_site')) > 0);
  const portal = plain(await (await fetch(server.url + '/portail')).text());
  for (const e of rows('events.csv')) assert.ok(!portal.includes(e.title), e.title);
  assert.match(portal, /Votre territoire/);
  const plan = await page('/plan');
  for (const a of rows('plan_actions.csv')) assert.ok(!plan.includes(a.name), a.name);
  const stages = await page('/stages');
  for (const p of rows('places.csv')) assert.ok(!stages.includes(p.structure), p.structure);
  const dossiers = await page('/accompagnement/dossiers');
  for (const d of rows('dossiers.csv')) assert.ok(!dossiers.includes(d.email), d.email);
});

test('initdb gives a new database the demo; oasis init makes it a real instance, which initdb never fills', { skip: !hasData && 'OASIS_DATA_DIR absent' }, () => {
  // the open data of tools/initdb.sh, restricted to Saône-et-Loire
  const data = path.join(dir, 'data-71');
  for (const f of ['communes/communes_coordonnees_cog2024.csv', 'apl/apl_mg_2022_communes.csv',
    'apl/apl_mg_2023_communes.csv', 'offre_soins/sirene2019_etablissements_sante_par_commune.csv']) {
    fs.mkdirSync(path.dirname(path.join(data, f)), { recursive: true });
    only71(path.join(DATA, f), path.join(data, f));
  }
  const env = { ...process.env, OASIS_DATA_DIR: data };
  const db = path.join(dir, 'init.db');
  const q = (s) => spawnSync('sqlite3', [db, s], { encoding: 'utf8' }).stdout.trim();
  const state = () => [q("SELECT value FROM settings WHERE key = 'instance.territoire'"),
    q("SELECT count(*) FROM settings WHERE key = 'instance.demonstration'"),
    q('SELECT count(*) FROM case_dossiers'), q('SELECT count(*) FROM portal_events')].join('|');
  const init = () => {
    const r = spawnSync(BIN, ['init', '--territory', '41', '--db', db], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
  };
  const initdb = () => {
    const r = spawnSync('bash', ['tools/initdb.sh', BIN, db], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
  };
  assert.equal(spawnSync(BIN, ['init', '--db', db]).status, 2);   // no territory: usage
  // a new default database (make run): the imports, then the demo
  initdb();
  assert.ok(Number(q('SELECT count(*) FROM communes')) > 500, 'the imports ran');
  assert.equal(state(), `71|1|${rows('dossiers.csv').length}|${rows('events.csv').length}`);
  // oasis init: a real instance, the demo gone
  init();
  assert.equal(state(), '41|0|0|0');
  // initdb again on that real instance: refreshed, never given the demo
  initdb();
  assert.equal(state(), '41|0|0|0');
});
