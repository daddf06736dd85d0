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

// A JSON API call as the admin (or client): lib/server.mjs Client.api.
const api = (method, p, body, client = admin) => client.api(method, p, body);

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
    { code: 'T71', nom: 'Réseau test', departement: '71' });
  assert.equal(n.status, 201, n.text);
  netId = n.json.id;
  const c = await api('POST', '/api/v1/centres',
    { reseau_id: netId, code: 'T71-A', nom: 'Centre de Tournus' });
  assert.equal(c.status, 201, c.text);
  centreId = c.json.id;
  const dup = await api('POST', '/api/v1/centres',
    { reseau_id: netId, code: 'T71-A', nom: 'Doublon' });
  assert.equal(dup.status, 400);
  assert.equal(dup.json.error.field, 'code');

  const a = await api('POST', `/api/v1/centres/${centreId}/sites`, {
    code: 'TA', type: 'antenne', nom: 'Antenne de Tournus', commune: '71543',
    date_ouverture: '2024-01-01', type_preteur: 'commune', nom_preteur: 'Commune de Tournus',
    debut_convention: '2024-01-01', fin_convention: '2029-12-31',
    services: { consultations: true, teleconsultation_assistee: true },
    horaires: { lundi: '08:30-12:00, 14:00-18:00', mardi: '08:30-12:00' } });
  assert.equal(a.status, 201, a.text);
  siteA = a.json.id;
  assert.equal(a.json.horaires.lundi, '08:30-12:00, 14:00-18:00');
  assert.equal(a.json.services.teleconsultation_assistee, true);
  const b = await api('POST', `/api/v1/centres/${centreId}/sites`,
    { code: 'TB', type: 'antenne', nom: 'Antenne de Cuisery', commune: '71158' });
  assert.equal(b.status, 201, b.text);
  siteB = b.json.id;

  const badCommune = await api('POST', `/api/v1/centres/${centreId}/sites`,
    { code: 'TX', type: 'antenne', nom: 'X', commune: '7115' });
  assert.equal(badCommune.status, 400);
  assert.equal(badCommune.json.error.field, 'commune');
  const badHours = await api('POST', `/api/v1/centres/${centreId}/sites`,
    { code: 'TY', type: 'antenne', nom: 'Y', commune: '71158',
      horaires: { lundi: '14:00-12:00' } });
  assert.equal(badHours.status, 400);
  assert.equal(badHours.json.error.field, 'horaires');

  const got = await api('GET', `/api/v1/centres/${centreId}`, undefined,
                        new Client(server.url));
  assert.equal(got.status, 200);
  assert.equal(got.json.sites.length, 2);
  assert.equal(got.json.personnel, undefined, 'staff is not public');

  const journal = await (await admin.get('/admin/journal?entite=centre_site')).text();
  assert.ok(journal.includes('Antenne de Tournus'), 'site creation audited');
});

test('staff over one FTE across sites is refused and nothing is saved', async () => {
  const ok = await api('POST', '/api/v1/centres/personnel', {
    prenom: 'Anne', nom: 'Martin', categorie: 'medecin',
    debut_contrat: '2024-01-01', sites: [{ site_id: siteA, etp: 0.6 },
                                         { site_id: siteB, etp: 0.4 }] });
  assert.equal(ok.status, 201, ok.text);
  const sec = await api('POST', '/api/v1/centres/personnel', {
    prenom: 'Eva', nom: 'Roux', categorie: 'secretaire',
    debut_contrat: '2024-01-01', sites: [{ site_id: siteA, etp: 1 }] });
  assert.equal(sec.status, 201, sec.text);
  const over = await api('POST', '/api/v1/centres/personnel', {
    prenom: 'Paul', nom: 'Trop', categorie: 'medecin',
    debut_contrat: '2024-01-01', sites: [{ site_id: siteA, etp: 0.7 },
                                         { site_id: siteB, etp: 0.5 }] });
  assert.equal(over.status, 400);
  assert.equal(over.json.error.field, 'etp');
  assert.match(over.json.error.message, /1,20|1\.20/);
  const list = await api('GET', `/api/v1/centres/personnel?reseau=${netId}`);
  assert.equal(list.json.personnel.length, 2, 'the refused person was not saved');

  // The doctors' FTE per commune: what the engine counts as supply.
  const supply = await api('GET', '/api/v1/centres/offre?date=2025-06-01');
  const byCommune = Object.fromEntries(supply.json.communes.map((c) => [c.commune, c.etp_medecins]));
  assert.equal(byCommune['71543'], 0.6);
  assert.equal(byCommune['71158'], 0.4);
  const before = await api('GET', '/api/v1/centres/offre?date=2023-06-01');
  assert.equal(before.json.communes.find((c) => c.commune === '71543'), undefined,
               'an antenna not yet open adds nothing');
});

test('an activity file with one bad row is refused whole, naming the line', async () => {
  const bad = await api('POST', '/api/v1/centres/activite/import',
    { nom: 'activite-2025.csv', csv: yearCsv('TA', 'TB', 7) });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /ligne 7/);
  assert.match(bad.json.error.message, /colonne 3/);
  assert.equal(bad.json.error.field, 'consultations');
  const stats = await api('GET', `/api/v1/centres/statistiques?centre=${centreId}&annee=2025`);
  assert.equal(stats.json.cumul_annee.mois_sites, 0, 'nothing half-saved');

  const good = await api('POST', '/api/v1/centres/activite/import',
    { nom: 'activite-2025.csv', csv: yearCsv('TA', 'TB') });
  assert.equal(good.status, 200, good.text);
  assert.equal(good.json.lignes, 24);
});

test('the totals add up for the network, the centre and one antenna', async () => {
  const sumA = [...Array(12).keys()].reduce((s, i) => s + 100 * (i + 1), 0);
  const sumB = sumA + 12 * 50;
  const net = await api('GET', `/api/v1/centres/statistiques?reseau=${netId}&annee=2025`);
  assert.equal(net.status, 200);
  assert.equal(net.json.cumul_annee.consultations, sumA + sumB);
  assert.equal(net.json.cumul_annee.patients_mt_cumul, 360 + 120);
  assert.equal(net.json.etp_medecins, 1);
  assert.equal(net.json.consultations_par_etp_medecin, sumA + sumB);
  assert.equal(net.json.totaux_publies, false);
  const a = await api('GET', `/api/v1/centres/statistiques?site=${siteA}&annee=2025&mois=6`);
  assert.equal(a.json.cumul_annee.consultations, 2100);   // 100+…+600
  assert.equal(a.json.cumul_annee.part_non_programmee, 10.5);

  const future = await api('POST', '/api/v1/centres/activite', {
    site_id: siteA, mois: '2027-01', consultations: 1, visites_domicile: 0,
    teleconsultations: 0, nouveaux_patients_mt: 0, patients_mt_cumul: 0 });
  assert.equal(future.status, 400);
  assert.equal(future.json.error.field, 'mois');
  const negative = await api('POST', '/api/v1/centres/activite', {
    site_id: siteA, mois: '2026-01', consultations: 1, visites_domicile: -2,
    teleconsultations: 0, nouveaux_patients_mt: 0, patients_mt_cumul: -1 });
  assert.equal(negative.status, 400);
  assert.equal(negative.json.error.field, 'visites_domicile');
  assert.deepEqual(negative.json.error.errors.map((e) => e.field),
                   ['visites_domicile', 'patients_mt_cumul'], 'every refused field at once');

  // A file with a month in the future is refused whole, its line named.
  const futureCsv = yearCsv('TA', 'TB').replace('TB;2025-12;', 'TB;2026-12;');
  const futureFile = await api('POST', '/api/v1/centres/activite/import',
    { nom: 'futur.csv', csv: futureCsv });
  assert.equal(futureFile.status, 400);
  assert.match(futureFile.json.error.message, /ligne 25/);
  assert.equal(futureFile.json.error.field, 'mois');

  // Finance: a future month or a negative amount is refused, field named.
  const fin = (body) => api('POST', `/api/v1/centres/${centreId}/finances`, body);
  const finFuture = await fin({ mois: '2026-12', salaires_centimes: 1, charges_centimes: 0,
                                remboursements_centimes: 0 });
  assert.equal(finFuture.status, 400);
  assert.equal(finFuture.json.error.field, 'mois');
  const finNeg = await fin({ mois: '2025-03', salaires_centimes: 1000000, charges_centimes: -5,
                             remboursements_centimes: 0 });
  assert.equal(finNeg.status, 400);
  assert.equal(finNeg.json.error.field, 'charges_centimes');
  const finOk = await fin({ mois: '2025-03', salaires_centimes: 2500000, charges_centimes: 1000000,
                            remboursements_centimes: 1800000 });
  assert.equal(finOk.status, 200, finOk.text);
  const withFin = await api('GET', `/api/v1/centres/statistiques?centre=${centreId}&annee=2025`);
  assert.equal(withFin.json.finances.salaires_centimes, 2500000, 'only the valid month saved');
  assert.equal(withFin.json.finances.charges_centimes, 1000000);
  const finPage = await (await admin.get(`/centres/${centreId}/finances?annee=2025`)).text();
  assert.ok(finPage.includes('25\u202f000\u00a0€'), 'salaries in euros on the page');
  assert.ok(finPage.includes('-17\u202f000\u00a0€'), 'the balance, negative');
  assert.match(finPage, /<th scope="row">[a-zéû]+ 2025<\/th>/, 'months in French, not 2025-03');
  assert.match(finPage, /class="table-wrap" tabindex="0"/, 'the table scrolls in its own box');

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
  assert.match(decodeURIComponent(xlsx.headers.get('x-provenance')), /Centre de Tournus, 2025/);
});

test('exports keep names that look like formulas inert', async () => {
  for (const [i, name] of ['=HYPERLINK("http://x")', '+33 6 12 34 56 78', '-2+3', '@SUM(A1)'].entries()) {
    const c = await api('POST', '/api/v1/centres', { reseau_id: netId, code: `F${i}`, nom: name });
    assert.equal(c.status, 201, c.text);
    const csv = await admin.get(`/centres/export.csv?centre=${c.json.id}&annee=2025`);
    assert.equal(csv.status, 200);
    const text = Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8');
    for (const cell of text.split(/\r\n|;/)) {
      assert.doesNotMatch(cell, /^"?[=+\-@]/, `a live formula cell: ${cell}`);
    }
    assert.ok(!text.includes(name), 'the name is provenance, not a cell');
    assert.ok(decodeURIComponent(csv.headers.get('x-provenance')).includes(name));
    const xlsx = await admin.get(`/centres/export.xlsx?centre=${c.json.id}&annee=2025`);
    assert.equal(xlsx.status, 200);
    const x = Buffer.from(await xlsx.arrayBuffer());
    assert.equal(x.subarray(0, 2).toString(), 'PK');
  }
});

test('writes need an agent and a CSRF token', async () => {
  const anon = new Client(server.url);
  const r = await api('POST', '/api/v1/centres', { reseau_id: netId, code: 'Z', nom: 'Z' }, anon);
  assert.equal(r.status, 401);
  const noCsrf = await admin.fetch('/api/v1/centres', { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reseau_id: netId, code: 'Z', nom: 'Z' }) });
  assert.equal(noCsrf.status, 403);
  const stats = await api('GET', `/api/v1/centres/statistiques?reseau=${netId}`, undefined, anon);
  assert.equal(stats.status, 401, 'dashboards need an account');
});

test('open posts are public and link to the guichet unique', async () => {
  const v = await api('POST', '/api/v1/centres/postes', {
    site_id: siteB, categorie: 'medecin', intitule: 'Médecin généraliste salarié',
    etp: 1, date_publication: '2026-11-01' });
  assert.equal(v.status, 201, v.text);
  const closed = await api('POST', '/api/v1/centres/postes', {
    site_id: siteB, categorie: 'secretaire', intitule: 'Poste pourvu', etp: 0.5,
    date_publication: '2026-01-01', date_cloture: '2026-03-01' });
  assert.equal(closed.status, 201);
  const anon = new Client(server.url);
  const list = await api('GET', '/api/v1/centres/postes', undefined, anon);
  assert.equal(list.json.postes.length, 1);
  const url = list.json.postes[0].url_candidature;
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
  const sl = all.json.reseaux.find((n) => n.code === 'CSD71');
  assert.ok(sl, 'Saône-et-Loire loaded');
  assert.equal(all.json.centres.filter((c) => c.reseau_id === sl.id).length, 7);
  const st = await api('GET', `/api/v1/centres/statistiques?reseau=${sl.id}&annee=2022`);
  assert.equal(st.json.totaux_publies, true);
  assert.equal(st.json.cumul_annee.consultations, 120000);
  assert.equal(st.json.cumul_annee.visites_domicile, 5000, 'published as home visits');
  assert.equal(st.json.cumul_annee.visites_et_teleconsultations, null);
  assert.equal(st.json.mois[5].consultations, null, 'never spread over months');
  const page = await (await admin.get(`/centres/tableau-de-bord?reseau=${sl.id}&annee=2022`)).text();
  assert.ok(page.includes('120\u202f000'), '120 000 on the dashboard');
  assert.ok(page.includes('Total annuel publié'));
  const pub = await api('GET', `/api/v1/centres/publies?reseau=${sl.id}`);
  const doctors = pub.json.publies.find((p) => p.indicateur === 'staff_medecin');
  assert.equal(doctors.valeur, 70);
});

test('the former English input keys are still read, the answer marked deprecated', async () => {
  const r = await api('POST', '/api/v1/centres/reseaux', { code: 'OLD', name: 'Ancien nom', dep: '71' });
  assert.equal(r.status, 201, r.text);
  assert.match(r.headers.get('deprecation'), /^true/);
  assert.equal(r.json.nom, 'Ancien nom');
  assert.equal(r.json.departement, '71');
  assert.equal(r.json.name, undefined, 'answers use the French keys only');
  const bad = await api('POST', '/api/v1/centres', { reseau_id: 'x' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.code, 'saisie_invalide');
  assert.deepEqual(bad.json.error.errors.map((e) => e.field).sort(), ['code', 'nom', 'reseau_id'],
                   'every refused field at once');
});

test('an activity month or a finance month with missing figures is refused, every one named', async () => {
  const act = await api('POST', '/api/v1/centres/activite', { site_id: siteA, mois: '2026-02',
                                                             consultations: 10 });
  assert.equal(act.status, 400);
  assert.deepEqual(act.json.error.errors.map((e) => e.field),
                   ['visites_domicile', 'teleconsultations', 'nouveaux_patients_mt', 'patients_mt_cumul']);
  const fin = await api('POST', `/api/v1/centres/${centreId}/finances`, { mois: '2025-04',
                                                                         charges_centimes: 5 });
  assert.equal(fin.status, 400);
  assert.deepEqual(fin.json.error.errors.map((e) => e.field).sort(),
                   ['remboursements_centimes', 'salaires_centimes']);
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
  // former spellings are listed apart, after the commands
  const [commands, former] = help.stdout.split('Former spellings');
  assert.doesNotMatch(commands, /centres-supply/);
  assert.match(former, /oasis centres-supply \(ancienne écriture de « centres supply »\)/);
  const bad = spawnSync(BIN, ['centres', 'nope'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
