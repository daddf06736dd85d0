// tests/api/centres_stages_handlers.test.mjs: the centres' and the Stages'
// handlers save, answer and refuse through one set of operations per record
// (web/kit_handler.h): an update through the API changes only the members its
// body names and keeps the site in its centre, an unknown id is a 404 on the
// page and in the API alike, the answers to opening a semester and to
// recording what became of a trainee are the records' JSON, a salary of 0 is
// "not said", and `oasis centres|stages VERB` dispatch their verbs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

function oasis(...args) {
  return spawnSync(BIN, args, { encoding: 'utf8',
    env: { ...process.env, OASIS_TODAY: '2026-11-23' } });
}

let centreId, siteId;

test('an API update changes only the members it names; a site stays in its centre', async () => {
  const n = await api('POST', '/api/v1/centres/reseaux', { code: 'H71', nom: 'Réseau H' });
  assert.equal(n.status, 201, n.text);
  const c = await api('POST', '/api/v1/centres',
    { reseau_id: n.json.id, code: 'H71-A', nom: 'Centre H', note: 'première note' });
  assert.equal(c.status, 201, c.text);
  centreId = c.json.id;
  const u = await api('POST', `/api/v1/centres/${centreId}`, { nom: 'Centre H renommé' });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json.nom, 'Centre H renommé');
  assert.equal(u.json.code, 'H71-A', 'a member the body does not name is kept');
  assert.equal(u.json.note, 'première note');

  const s = await api('POST', `/api/v1/centres/${centreId}/sites`,
    { code: 'HA', nom: 'Antenne H', commune: '71543', adresse: '1 rue Haute' });
  assert.equal(s.status, 201, s.text);
  siteId = s.json.id;
  assert.equal(s.json.type, 'antenne', 'a new site is an antenna unless said');
  const su = await api('POST', `/api/v1/centres/sites/${siteId}`, { nom: 'Antenne H bis' });
  assert.equal(su.status, 200, su.text);
  assert.equal(su.json.nom, 'Antenne H bis');
  assert.equal(su.json.adresse, '1 rue Haute');
  assert.equal(su.json.centre_id, centreId, 'an edited site stays in its centre');
});

test('an unknown id is a 404, on the page and in the API', async () => {
  for (const p of ['/api/v1/centres/999999', '/api/v1/centres/sites/999999',
                   '/api/v1/centres/personnel/999999']) {
    const r = await api('POST', p, { nom: 'X' });
    assert.equal(r.status, 404, `${p}: ${r.text}`);
    assert.equal(r.json.error.code, 'introuvable', p);
  }
  const g = await api('GET', '/api/v1/centres/999999');
  assert.equal(g.status, 404);
  assert.equal(g.json.error.code, 'introuvable');
  for (const p of ['/centres/999999', '/centres/sites/999999', '/centres/999999/finances']) {
    const r = await admin.fetch(p);
    assert.equal(r.status, 404, p);
    assert.match(await r.text(), /<html/, `${p}: an error page`);
  }
});

test('a page form refused is shown again with 400 and its errors; saved, it redirects', async () => {
  const bad = await admin.post(`/centres/${centreId}`, { reseau_id: '', code: '', nom: '' },
                               { from: `/centres/${centreId}` });
  assert.equal(bad.status, 400);
  const html = await bad.text();
  assert.match(html, /Modifier le centre/);
  assert.match(html, /id="f-code"[^>]*aria-invalid="true"/);
  const c = await api('GET', `/api/v1/centres/${centreId}`);
  const ok = await admin.post(`/centres/${centreId}`, { reseau_id: String(c.json.reseau_id),
    code: 'H71-A', nom: 'Centre H' }, { from: `/centres/${centreId}` });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/centres/${centreId}`);
});

test('a salary of 0 is not said: stored and answered as none', async () => {
  const v = await api('POST', '/api/v1/centres/postes', { site_id: siteId,
    categorie: 'medecin', intitule: 'Médecin', salaire_min_centimes: 0,
    salaire_max_centimes: 5000000 });
  assert.equal(v.status, 201, v.text);
  const list = await api('GET', '/api/v1/centres/postes?tous=1');
  const got = list.json.postes.find((p) => p.id === v.json.id);
  assert.equal(got.salaire_min_centimes, null);
  assert.equal(got.salaire_max_centimes, 5000000);
});

test('opening a semester and recording an outcome answer the records as JSON', async () => {
  const p = await api('POST', '/api/v1/stages/terrains', { structure: 'MSP H',
    commune: '41269', maitre_de_stage: 'Dr H', niveau: 'interne_mg', capacite: 2 });
  assert.equal(p.status, 201, p.text);
  const sem = await api('POST', `/api/v1/stages/terrains/${p.json.id}/semestres`,
                        { semestre: '2027-05', capacite: 1 });
  assert.equal(sem.status, 201, sem.text);
  assert.deepEqual(sem.json, { terrain_id: p.json.id, semestre: '2027-05', capacite: 1 });
  const t = await api('POST', '/api/v1/stages/stagiaires', { prenom: 'Zoé',
    nom: 'H', ecole: 'Faculté de Tours', niveau: 'interne_mg' });
  assert.equal(t.status, 201, t.text);
  const o = await api('POST', `/api/v1/stages/stagiaires/${t.json.id}/devenir`,
                      { installe: true, commune: '41269' });
  assert.equal(o.status, 200, o.text);
  assert.deepEqual(o.json, { stagiaire_id: t.json.id, installe: true, commune: '41269' });
  const missing = await api('POST', '/api/v1/stages/stagiaires/999999/devenir',
                            { installe: false });
  assert.equal(missing.status, 400);
  assert.equal(missing.json.error.field, 'stagiaire_id');
});

test('oasis centres and oasis stages dispatch their verbs', () => {
  const none = oasis('centres');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /usage: oasis centres load/);
  const help = oasis('stages', '--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /oasis stages effacer ID/);
  const bogus = oasis('centres', 'charger');
  assert.equal(bogus.status, 2);
  assert.match(bogus.stderr, /oasis centres : sous-commande inconnue « charger »/);
  const supply = oasis('centres', 'supply', '--db', server.dbPath);
  assert.equal(supply.status, 0, supply.stderr);
});

test('oasis centres load reads the catalogue, and names the cell of an unknown reference', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-ctr-'));
  fs.cpSync('data/centres', dir, { recursive: true });
  const ok = oasis('centres', 'load', dir, '--db', server.dbPath);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout + ok.stderr, /lignes de catalogue chargées/);
  const again = oasis('centres', 'load', dir, '--db', server.dbPath);
  assert.equal(again.status, 0, 'loading twice updates: ' + again.stderr);
  const file = path.join(dir, 'centres.csv');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines[1] = lines[1].replace(/^([^;]*);[^;]*;/, '$1;NOPE;');
  fs.writeFileSync(file, lines.join('\n'));
  const bad = oasis('centres', 'load', dir, '--db', server.dbPath);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /centres\.csv, ligne 2, colonne 2 \(network\) : réseau inconnu « NOPE »/);
  fs.writeFileSync(file, lines.join('\n').replace(/^code;network;/, 'code;reseau;'));
  const col = oasis('centres', 'load', dir, '--db', server.dbPath);
  assert.equal(col.status, 1);
  assert.match(col.stderr, /colonne « network » absente/);
  fs.rmSync(dir, { recursive: true });
});
