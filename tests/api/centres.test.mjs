// tests/api/centres.test.mjs: the centres de santé API and pages against the
// real server: a centre with two antennas and staff, the FTE rule, the
// all-or-nothing activity import, totals, exports, published yearly totals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
let server, admin, csrf;

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

async function api(method, p, body, client = admin) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  if (method === 'POST' && client === admin) init.headers['X-CSRF-Token'] = csrf;
  const r = await client.fetch(p, init);
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text, headers: r.headers };
}

// Monthly rows for sites a and b over 2025, consultations = 100*m (+50 on b).
function yearCsv(codeA, codeB, badLine = 0) {
  const lines = ['site;mois;consultations;visites_domicile;teleconsultations;' +
                 'part_non_programmee;nouveaux_patients_mt;patients_mt_cumul'];
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    lines.push(`${codeA};2025-${mm};${100 * m};${m};2;10,5;3;${30 * m}`);
    lines.push(`${codeB};2025-${mm};${100 * m + 50};1;1;;1;${10 * m}`);
  }
  if (badLine) lines[badLine - 1] = `${codeB};2025-03;-7;1;1;;1;30`;
  return lines.join('\n') + '\n';
}

let netId, centreId, siteA, siteB;

test('a network, a centre and two antennas are created and audited', async () => {
  const n = await api('POST', '/api/v1/centres/reseaux',
    { code: 'T71', name: 'Réseau test', dep: '71' });
  assert.equal(n.status, 201, n.text);
  netId = n.json.id;
  const c = await api('POST', '/api/v1/centres',
    { network_id: netId, code: 'T71-A', name: 'Centre de Tournus' });
  assert.equal(c.status, 201, c.text);
  centreId = c.json.id;
  const dup = await api('POST', '/api/v1/centres',
    { network_id: netId, code: 'T71-A', name: 'Doublon' });
  assert.equal(dup.status, 400);
  assert.equal(dup.json.error.field, 'code');

  const a = await api('POST', `/api/v1/centres/${centreId}/sites`, {
    code: 'TA', kind: 'antenne', name: 'Antenne de Tournus', commune: '71543',
    opened_on: '2024-01-01', lender_kind: 'commune', lender_name: 'Commune de Tournus',
    convention_start: '2024-01-01', convention_end: '2029-12-31',
    services: { consultations: true, assisted_teleconsultation: true },
    hours: { lundi: '08:30-12:00, 14:00-18:00', mardi: '08:30-12:00' } });
  assert.equal(a.status, 201, a.text);
  siteA = a.json.id;
  assert.equal(a.json.hours.lundi, '08:30-12:00, 14:00-18:00');
  assert.equal(a.json.services.assisted_teleconsultation, true);
  const b = await api('POST', `/api/v1/centres/${centreId}/sites`,
    { code: 'TB', kind: 'antenne', name: 'Antenne de Cuisery', commune: '71158' });
  assert.equal(b.status, 201, b.text);
  siteB = b.json.id;

  const badCommune = await api('POST', `/api/v1/centres/${centreId}/sites`,
    { code: 'TX', kind: 'antenne', name: 'X', commune: '7115' });
  assert.equal(badCommune.status, 400);
  assert.equal(badCommune.json.error.field, 'commune');
  const badHours = await api('POST', `/api/v1/centres/${centreId}/sites`,
    { code: 'TY', kind: 'antenne', name: 'Y', commune: '71158',
      hours: { lundi: '14:00-12:00' } });
  assert.equal(badHours.status, 400);
  assert.equal(badHours.json.error.field, 'hours');

  const got = await api('GET', `/api/v1/centres/${centreId}`, undefined,
                        new Client(server.url));
  assert.equal(got.status, 200);
  assert.equal(got.json.sites.length, 2);
  assert.equal(got.json.staff, undefined, 'staff is not public');

  const journal = await (await admin.get('/admin/journal?entite=centre_site')).text();
  assert.ok(journal.includes('Antenne de Tournus'), 'site creation audited');
});

test('staff over one FTE across sites is refused and nothing is saved', async () => {
  const ok = await api('POST', '/api/v1/centres/personnel', {
    first_name: 'Anne', last_name: 'Martin', category: 'medecin',
    contract_start: '2024-01-01', sites: [{ site_id: siteA, fte: 0.6 },
                                          { site_id: siteB, fte: 0.4 }] });
  assert.equal(ok.status, 201, ok.text);
  const sec = await api('POST', '/api/v1/centres/personnel', {
    first_name: 'Eva', last_name: 'Roux', category: 'secretaire',
    contract_start: '2024-01-01', sites: [{ site_id: siteA, fte: 1 }] });
  assert.equal(sec.status, 201, sec.text);
  const over = await api('POST', '/api/v1/centres/personnel', {
    first_name: 'Paul', last_name: 'Trop', category: 'medecin',
    contract_start: '2024-01-01', sites: [{ site_id: siteA, fte: 0.7 },
                                          { site_id: siteB, fte: 0.5 }] });
  assert.equal(over.status, 400);
  assert.equal(over.json.error.field, 'fte');
  assert.match(over.json.error.message, /1,20|1\.20/);
  const list = await api('GET', `/api/v1/centres/personnel?reseau=${netId}`);
  assert.equal(list.json.staff.length, 2, 'the refused person was not saved');

  // The doctors' FTE per commune: what the engine counts as supply.
  const supply = await api('GET', '/api/v1/centres/offre?date=2025-06-01');
  const byCommune = Object.fromEntries(supply.json.communes.map((c) => [c.commune, c.fte_doctors]));
  assert.equal(byCommune['71543'], 0.6);
  assert.equal(byCommune['71158'], 0.4);
  const before = await api('GET', '/api/v1/centres/offre?date=2023-06-01');
  assert.equal(before.json.communes.find((c) => c.commune === '71543'), undefined,
               'an antenna not yet open adds nothing');
});

test('an activity file with one bad row is refused whole, naming the line', async () => {
  const bad = await api('POST', '/api/v1/centres/activite/import',
    { name: 'activite-2025.csv', csv: yearCsv('TA', 'TB', 7) });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /ligne 7/);
  assert.match(bad.json.error.message, /colonne 3/);
  assert.equal(bad.json.error.field, 'consultations');
  const stats = await api('GET', `/api/v1/centres/statistiques?centre=${centreId}&annee=2025`);
  assert.equal(stats.json.year_to_date.site_months, 0, 'nothing half-saved');

  const good = await api('POST', '/api/v1/centres/activite/import',
    { name: 'activite-2025.csv', csv: yearCsv('TA', 'TB') });
  assert.equal(good.status, 200, good.text);
  assert.equal(good.json.rows, 24);
});

test('the totals add up for the network, the centre and one antenna', async () => {
  const sumA = [...Array(12).keys()].reduce((s, i) => s + 100 * (i + 1), 0);
  const sumB = sumA + 12 * 50;
  const net = await api('GET', `/api/v1/centres/statistiques?reseau=${netId}&annee=2025`);
  assert.equal(net.status, 200);
  assert.equal(net.json.year_to_date.consultations, sumA + sumB);
  assert.equal(net.json.year_to_date.cum_mt_patients, 360 + 120);
  assert.equal(net.json.fte_doctors, 1);
  assert.equal(net.json.consultations_per_fte_doctor, sumA + sumB);
  assert.equal(net.json.published_totals, false);
  const a = await api('GET', `/api/v1/centres/statistiques?site=${siteA}&annee=2025&mois=6`);
  assert.equal(a.json.year_to_date.consultations, 2100);   // 100+…+600
  assert.equal(a.json.year_to_date.unscheduled_pct, 10.5);

  const future = await api('POST', '/api/v1/centres/activite', {
    site_id: siteA, month: '2027-01', consultations: 1, home_visits: 0,
    teleconsultations: 0, new_mt_patients: 0, cum_mt_patients: 0 });
  assert.equal(future.status, 400);
  assert.equal(future.json.error.field, 'month');
  const negative = await api('POST', '/api/v1/centres/activite', {
    site_id: siteA, month: '2026-01', consultations: 1, home_visits: -2,
    teleconsultations: 0, new_mt_patients: 0, cum_mt_patients: 0 });
  assert.equal(negative.status, 400);
  assert.equal(negative.json.error.field, 'home_visits');

  // A file with a month in the future is refused whole, its line named.
  const futureCsv = yearCsv('TA', 'TB').replace('TB;2025-12;', 'TB;2026-12;');
  const futureFile = await api('POST', '/api/v1/centres/activite/import',
    { name: 'futur.csv', csv: futureCsv });
  assert.equal(futureFile.status, 400);
  assert.match(futureFile.json.error.message, /ligne 25/);
  assert.equal(futureFile.json.error.field, 'mois');

  // Finance: a future month or a negative amount is refused, field named.
  const fin = (body) => api('POST', `/api/v1/centres/${centreId}/finances`, body);
  const finFuture = await fin({ month: '2026-12', salaries_cents: 1, charges_cents: 0,
                                reimbursements_cents: 0 });
  assert.equal(finFuture.status, 400);
  assert.equal(finFuture.json.error.field, 'month');
  const finNeg = await fin({ month: '2025-03', salaries_cents: 1000000, charges_cents: -5,
                             reimbursements_cents: 0 });
  assert.equal(finNeg.status, 400);
  assert.equal(finNeg.json.error.field, 'charges_cents');
  const finOk = await fin({ month: '2025-03', salaries_cents: 2500000, charges_cents: 1000000,
                            reimbursements_cents: 1800000 });
  assert.equal(finOk.status, 200, finOk.text);
  const withFin = await api('GET', `/api/v1/centres/statistiques?centre=${centreId}&annee=2025`);
  assert.equal(withFin.json.finance.salaries_cents, 2500000, 'only the valid month saved');
  assert.equal(withFin.json.finance.charges_cents, 1000000);

  const page = await (await admin.get(`/centres/tableau-de-bord?reseau=${netId}&annee=2025`)).text();
  assert.ok(page.includes('<svg'), 'a chart');
  assert.ok(page.includes('months-cap'), 'and its table');
  assert.ok(page.includes(`${(sumA + sumB).toLocaleString('fr-FR').replace(/\s/g, '\u202f')}`) ||
            page.includes(String(sumA + sumB)), 'the total is shown');
});

test('CSV export has a BOM and semicolons; XLSX export is a zip', async () => {
  const csv = await admin.get(`/centres/export.csv?centre=${centreId}&annee=2025`);
  assert.equal(csv.status, 200);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
  const text = bytes.subarray(3).toString('utf8');
  assert.match(text, /^periode;consultations;/);
  assert.match(text, /2025-12;2450;13;3;16;/);   // 1200 + 1250, visits 12+1, tele 2+1
  const xlsx = await admin.get(`/centres/export.xlsx?centre=${centreId}&annee=2025`);
  assert.equal(xlsx.status, 200);
  const x = Buffer.from(await xlsx.arrayBuffer());
  assert.equal(x.subarray(0, 2).toString(), 'PK');
});

test('writes need an agent and a CSRF token', async () => {
  const anon = new Client(server.url);
  const r = await api('POST', '/api/v1/centres', { network_id: netId, code: 'Z', name: 'Z' }, anon);
  assert.equal(r.status, 401);
  const noCsrf = await admin.fetch('/api/v1/centres', { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ network_id: netId, code: 'Z', name: 'Z' }) });
  assert.equal(noCsrf.status, 403);
  const stats = await api('GET', `/api/v1/centres/statistiques?reseau=${netId}`, undefined, anon);
  assert.equal(stats.status, 401, 'dashboards need an account');
});

test('open posts are public and link to the guichet unique', async () => {
  const v = await api('POST', '/api/v1/centres/postes', {
    site_id: siteB, category: 'medecin', title: 'Médecin généraliste salarié',
    fte: 1, posted_on: '2026-11-01' });
  assert.equal(v.status, 201, v.text);
  const closed = await api('POST', '/api/v1/centres/postes', {
    site_id: siteB, category: 'secretaire', title: 'Poste pourvu', fte: 0.5,
    posted_on: '2026-01-01', closed_on: '2026-03-01' });
  assert.equal(closed.status, 201);
  const anon = new Client(server.url);
  const list = await api('GET', '/api/v1/centres/postes', undefined, anon);
  assert.equal(list.json.vacancies.length, 1);
  const url = list.json.vacancies[0].apply_url;
  assert.match(url, /^\/demande\?projet=salarie_centre&profession=medecin_generaliste/);
  const form = await (await anon.get(url)).text();
  assert.match(form, /<option value="salarie_centre" selected/);
  assert.match(form, /name="territoire_code" value="71158"/);
  assert.match(form, /Candidature au poste « Médecin généraliste salarié » \(Centre de Tournus, Antenne de Cuisery\)/);
  const html = await (await anon.get('/centres/postes')).text();
  assert.ok(html.includes('Médecin généraliste salarié'));
  assert.ok(!html.includes('Poste pourvu'));
  assert.ok(html.includes('href="/demande?'));
});

test('the demonstration catalogue reproduces the published 2022 totals', async () => {
  execFileSync(BIN, ['centres', 'load', 'data/centres', '--db', server.dbPath],
               { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' } });
  const all = await api('GET', '/api/v1/centres');
  const sl = all.json.networks.find((n) => n.code === 'CSD71');
  assert.ok(sl, 'Saône-et-Loire loaded');
  assert.equal(all.json.centres.filter((c) => c.network_id === sl.id).length, 7);
  const st = await api('GET', `/api/v1/centres/statistiques?reseau=${sl.id}&annee=2022`);
  assert.equal(st.json.published_totals, true);
  assert.equal(st.json.year_to_date.consultations, 120000);
  assert.equal(st.json.year_to_date.home_and_tele, 5000);
  assert.equal(st.json.months[5].consultations, 0, 'never spread over months');
  const page = await (await admin.get(`/centres/tableau-de-bord?reseau=${sl.id}&annee=2022`)).text();
  assert.ok(page.includes('120\u202f000'), '120 000 on the dashboard');
  assert.ok(page.includes('Total annuel publié'));
  const pub = await api('GET', `/api/v1/centres/publies?reseau=${sl.id}`);
  const doctors = pub.json.published.find((p) => p.metric === 'staff_medecin');
  assert.equal(doctors.value, 70);
});

test('oasis centres VERB runs; the former spellings print a notice, then run', async () => {
  const { spawnSync } = await import('node:child_process');
  const env = { ...process.env, OASIS_TODAY: '2026-11-23' };
  const now = spawnSync(BIN, ['centres', 'supply', '--date', '2025-06-01', '--db', server.dbPath],
                        { encoding: 'utf8', env });
  assert.equal(now.status, 0, now.stderr);
  assert.match(now.stdout, /^commune;etp_medecins;sites\n/);
  assert.equal(now.stderr, '');
  const old = spawnSync(BIN, ['centres-supply', '--date', '2025-06-01', '--db', server.dbPath],
                        { encoding: 'utf8', env });
  assert.equal(old.status, 0, old.stderr);
  assert.equal(old.stdout, now.stdout, 'same output');
  assert.equal(old.stderr.trim().split('\n').length, 1, 'one line of notice');
  assert.match(old.stderr, /ancienne écriture de « oasis centres supply »/);
  const help = spawnSync(BIN, ['--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /oasis centres load/);
  assert.doesNotMatch(help.stdout, /centres-supply/, 'former spellings are hidden');
  const bad = spawnSync(BIN, ['centres', 'nope'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
