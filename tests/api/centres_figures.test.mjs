// tests/api/centres_figures.test.mjs: the centres' figures say what they are
// (issue 13): published totals under their published name and labelled as
// published, « pas de donnée » for a year without any figure (never 0), and
// « horaires non communiqués » for a site whose hours were never entered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
let server, admin, csrf, sl, cz;

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
  execFileSync(BIN, ['centres', 'load', 'data/centres', '--db', server.dbPath],
               { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' } });
  const all = await api('GET', '/api/v1/centres');
  sl = all.json.reseaux.find((n) => n.code === 'CSD71');
  cz = all.json.reseaux.find((n) => n.code === 'CDS19');
});
after(async () => { await server?.stop(); });

// A JSON API call as the admin (or client): lib/server.mjs Client.api.
const api = (method, p, body, client = admin) => client.api(method, p, body);

const page = async (p) => (await admin.get(p)).text();

test('Saône-et-Loire 2022: 5 000 home visits, labelled as such and as published', async () => {
  const html = await page(`/centres/tableau-de-bord?reseau=${sl.id}&annee=2022`);
  assert.match(html, /5\u202f000<\/p><p class="stat-label">visites à domicile \(total annuel publié\)/);
  assert.ok(!html.includes('visites à domicile et téléconsultations'),
            'the 5 000 are not visits and teleconsultations');
  assert.match(html, /120\u202f000<\/p><p class="stat-label">consultations \(total annuel publié\)/);
  // a figure the published totals do not give is not 0
  assert.match(html, /non publié<\/p><p class="stat-label">nouveaux patients/);
  const pub = await api('GET', `/api/v1/centres/publies?reseau=${sl.id}`);
  assert.ok(pub.json.publies.some((p) => p.indicateur === 'home_visits' && p.valeur === 5000));
  assert.match(html, /<th scope="row">Visites à domicile<\/th><td>2022<\/td>/);
});

test('Corrèze: 90 000 consultations, visits and teleconsultations together, never « consultations »', async () => {
  const html = await page(`/centres/tableau-de-bord?reseau=${cz.id}&annee=2023`);
  assert.match(html, /<th scope="row">Consultations, visites et téléconsultations \(ensemble\)<\/th><td>2019 – 2023 \(cumul\)<\/td><td class="num">90\u202f000<\/td>/);
  assert.ok(!/<th scope="row">Consultations<\/th>/.test(html));
  const pub = await api('GET', `/api/v1/centres/publies?reseau=${cz.id}`);
  const f = pub.json.publies.find((p) => p.valeur === 90000);
  assert.equal(f.indicateur, 'all_contacts');
});

test('a year without any figure reads « pas de donnée », not 0', async () => {
  const html = await page(`/centres/tableau-de-bord?reseau=${sl.id}&annee=2024`);
  assert.match(html, /pas de donnée<\/p><p class="stat-label">consultations</);
  assert.ok(!/>0<\/p><p class="stat-label">consultations/.test(html));
  assert.match(html, /pas de donnée<\/p><p class="stat-label">consultations par ETP/);
  const st = await api('GET', `/api/v1/centres/statistiques?reseau=${sl.id}&annee=2024`);
  assert.equal(st.status, 200, st.text);
  assert.equal(st.json.cumul_annee.consultations, null);
  assert.equal(st.json.cumul_annee_precedente.consultations, null);
  assert.equal(st.json.consultations_par_etp_medecin, null);
  // 2023 compares with the published 2022 totals, which exist
  const st23 = await api('GET', `/api/v1/centres/statistiques?reseau=${sl.id}&annee=2023`);
  assert.equal(st23.json.cumul_annee.consultations, null);
  assert.equal(st23.json.cumul_annee_precedente.consultations, 120000);
});

test('a site with unknown opening hours reads « horaires non communiqués », not « fermé »', async () => {
  const c = await api('POST', '/api/v1/centres',
    { reseau_id: sl.id, code: 'HNC-1', nom: 'Centre sans horaires' });
  assert.equal(c.status, 201, c.text);
  const s = await api('POST', `/api/v1/centres/${c.json.id}/sites`,
    { code: 'HNC-S', type: 'principal', nom: 'Site sans horaires', commune: '71076' });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.horaires, null, 'unknown, not closed');
  const html = await page(`/centres/sites/${s.json.id}`);
  assert.ok(html.includes('Horaires non communiqués'));
  assert.ok(!/<td>fermé<\/td>/.test(html), 'never « fermé » every day');
  // with hours on Monday only, the other days are closed
  const u = await api('POST', `/api/v1/centres/sites/${s.json.id}`,
    { horaires: { lundi: '09:00-12:00' } });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.horaires.lundi, '09:00-12:00');
  assert.equal(u.json.horaires.mardi, '');
  const html2 = await page(`/centres/sites/${s.json.id}`);
  assert.ok(!html2.includes('Horaires non communiqués'));
  assert.match(html2, /<th scope="row">mardi<\/th><td>fermé<\/td>/);
});

test('one territory: with the instance set to Saône-et-Loire, the Corrèze network is said to lie outside', async () => {
  const db = ['--db', server.dbPath];
  execFileSync(BIN, ['import', 'cog', 'node_modules/@etalab/decoupage-administratif/data',
                     '--vintage', '2024', ...db]);
  execFileSync(BIN, ['territoire', 'set', '71', ...db]);
  try {
    const html = await page('/centres');
    const section = (code) => html.split('<section').find((s) => s.includes(`id="net-${code}"`));
    assert.match(section(cz.id), /<span class="badge">hors territoire<\/span>/);
    assert.match(section(cz.id), /Réseau d'un autre département \(19\), montré pour référence : il n'entre dans aucun chiffre de Saône-et-Loire\./);
    assert.doesNotMatch(section(sl.id), /hors territoire/);
    // and its own dashboard says so above its figures
    const dash = await page(`/centres/tableau-de-bord?reseau=${cz.id}&annee=2022`);
    assert.match(dash, /<span class="badge">hors territoire<\/span> Réseau d'un autre département \(19\)/);
    assert.doesNotMatch(await page(`/centres/tableau-de-bord?reseau=${sl.id}&annee=2022`), /hors territoire/);
  } finally {
    execFileSync(BIN, ['territoire', 'set', '', ...db]);
  }
  assert.doesNotMatch(await page('/centres'), /hors territoire/, 'no territory: nothing is outside');
});
