// tests/api/stages_forms.test.mjs: the placements' agent forms (issue 18):
// a commune is checked against the territory tables (99999 refused, « Blois »
// taken as 41018, homonyms offered as a choice), semesters in a plausible
// range (no 2019 semester in 2026), the housing form keeps its input and
// shows every error at once, and a housing sent twice is created once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const FIX = path.resolve('tests/fixtures');
let server, admin, csrf;

function oasis(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8',
    env: { ...process.env, OASIS_TODAY: '2026-11-23' } });
  assert.equal(r.status, 0, `oasis ${args.join(' ')}: ${r.stderr}`);
}

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  // the fixture's communes, Blois, and two communes named Saint-Denis
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-sf-'));
  const communes = path.join(dir, 'communes.csv');
  fs.writeFileSync(communes, fs.readFileSync(path.join(FIX, 'communes_small.csv'), 'utf8') +
    '41018,COM,,41,24,Blois,47.5861,1.3359,47.59,1.33,41000,37.46,45898,46351,24000,500,450,28000,3000,21000\n' +
    '93066,COM,,93,11,Saint-Denis,48.93,2.35,48.93,2.35,93200 93210,12.36,113942,,,,,,,\n' +
    '97411,COM,,974,04,Saint-Denis,-20.88,55.45,-20.88,55.45,97400 97490,142.79,153001,,,,,,,\n');
  oasis('import', 'communes', communes, '--db', server.dbPath);
  oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024', '--db', server.dbPath);
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

// A JSON API call as the admin (or client): lib/server.mjs Client.api.
const api = (method, p, body, client = admin) => client.api(method, p, body);

const place = (commune) => api('POST', '/api/v1/stages/terrains', {
  structure: 'MSP test', commune, maitre_de_stage: 'Dr Test', niveau: 'interne_mg' });

test('a placement site in 99999 is refused at the commune field', async () => {
  const r = await place('99999');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'commune');
  assert.match(r.json.error.message, /commune inconnue/i);
  const ok = await place('41018');
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.commune, '41018');
});

test('a vehicle based in « Blois » is stored with its INSEE code; homonyms are a choice', async () => {
  const v = await api('POST', '/api/v1/stages/vehicules',
    { libelle: 'Clio', immatriculation: 'AB-123-CD', commune: 'Blois' });
  assert.equal(v.status, 201, v.text);
  assert.equal(v.json.commune, '41018');
  const page = await (await admin.get('/stages/logistique')).text();
  assert.match(page, /Clio \(AB-123-CD\), rattaché à Blois/);
  const h = await api('POST', '/api/v1/stages/vehicules',
    { libelle: 'Zoé', immatriculation: 'EF-456-GH', commune: 'saint denis' });
  assert.equal(h.status, 400, h.text);
  assert.equal(h.json.error.field, 'commune');
  assert.match(h.json.error.message, /plusieurs communes/);
  assert.match(h.json.error.message, /Saint-Denis \(93066\)/);
  assert.match(h.json.error.message, /Saint-Denis \(97411\)/);
  const bad = await api('POST', '/api/v1/stages/vehicules',
    { libelle: 'Zoé', immatriculation: 'EF-456-GH', commune: 'Bloiss' });
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.json.error.message, /commune inconnue/i);
  const code = await api('POST', '/api/v1/stages/vehicules',
    { libelle: 'Zoé', immatriculation: 'EF-456-GH', commune: '97411' });
  assert.equal(code.status, 201, code.text);
});

test('a 2019 semester is refused, a 2027 one opens', async () => {
  const p = await place('41018');
  const old = await api('POST', `/api/v1/stages/terrains/${p.json.id}/semestres`,
                        { semestre: '2019-05', capacite: 1 });
  assert.equal(old.status, 400, old.text);
  assert.equal(old.json.error.field, 'semestre');
  assert.match(old.json.error.message, /entre 2025 et 2029/);
  const ok = await api('POST', `/api/v1/stages/terrains/${p.json.id}/semestres`,
                       { semestre: '2027-05', capacite: 1 });
  assert.equal(ok.status, 201, ok.text);
});

test('the housing form keeps its input on error and shows every error at once', async () => {
  const r = await admin.post('/stages/logements', { nom: 'Maison des internes de Blois',
    commune: '99999', adresse: '3 rue du Bourg-Neuf', chambres: '0', loyer: '150' },
    { from: '/stages/logistique' });
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.ok(html.includes('value="Maison des internes de Blois"'), 'name kept');
  assert.ok(html.includes('value="3 rue du Bourg-Neuf"'), 'address kept');
  assert.ok(html.includes('value="150"'), 'rent kept');
  assert.match(html, /commune inconnue/i);
  assert.match(html, /entre 1 et 50/);
});

test('a housing sent twice is created once', async () => {
  const fields = { nom: 'Gîte du Vieux-Blois', commune: 'Blois', adresse: '', chambres: '2', loyer: '200' };
  const a = await admin.post('/stages/logements', fields, { from: '/stages/logistique' });
  assert.ok([302, 303].includes(a.status), `first: ${a.status}`);
  const b = await admin.post('/stages/logements', fields, { from: '/stages/logistique' });
  assert.ok([302, 303].includes(b.status), `second: ${b.status}`);
  const page = await (await admin.get('/stages/logistique')).text();
  assert.equal((page.match(/Gîte du Vieux-Blois — Chambre 1/g) || []).length, 1);
  assert.equal((page.match(/Gîte du Vieux-Blois — Chambre 2/g) || []).length, 1);
});

test('an offer shows the allowance, housing, vehicle and aids that go with it', async () => {
  const sc = await api('POST', '/api/v1/stages/dispositifs', { nom: 'Indemnité de stage',
    financeur: 'Département de Loir-et-Cher', departement: '41', niveaux: 'interne_mg',
    mensuel_centimes: 25000 });
  assert.equal(sc.status, 201, sc.text);
  const anon = new Client(server.url);
  const html = await (await anon.get('/stages/offres?semestre=2027-05')).text();
  assert.match(html, /Indemnité de stage :<\/strong> 250\u00a0€ par mois — Indemnité de stage \(Département de Loir-et-Cher\)/);
  assert.match(html, /Logement :<\/strong> 2 chambres libres dans le département tout le semestre, dès 200\u00a0€ par mois/);
  assert.match(html, /Véhicule :<\/strong> 1 véhicule de prêt dans le département/);
  assert.match(html, /href="\/aides\/simulateur\?profession=generaliste&amp;statut=interne&amp;stage=41018&amp;commune=41018"/);
  const r = await api('GET', '/api/v1/stages/offres?semestre=2027-05');
  const o = r.json.terrains[0];
  assert.equal(o.indemnite_mensuelle_centimes, 25000);
  assert.equal(o.chambres_libres_departement, 2);
  assert.equal(o.loyer_min_centimes, 20000);
  assert.equal(o.vehicules_departement, 1);
  assert.match(o.url_aides, /^\/aides\/simulateur\?/);
});

test('a trainee form sent twice creates one trainee', async () => {
  const fields = { prenom: 'Maëlle', nom: 'Doublon', courriel: 'maelle@exemple.fr',
                   ecole: 'Faculté de Tours', niveau: 'interne_mg' };
  const a = await admin.post('/stages/stagiaires/nouveau', fields, { from: '/stages/stagiaires/nouveau' });
  const b = await admin.post('/stages/stagiaires/nouveau', fields, { from: '/stages/stagiaires/nouveau' });
  assert.equal(a.status, 303);
  assert.equal(b.status, 303);
  assert.equal(a.headers.get('location'), b.headers.get('location'), 'the same trainee');
  const list = await api('GET', '/api/v1/stages/stagiaires');
  assert.equal(list.json.stagiaires.filter((t) => t.nom === 'Doublon').length, 1);
});

test('one territory: a placement site outside the instance territory is refused at the commune field', async () => {
  oasis('territoire', 'set', '01', '--db', server.dbPath);
  try {
    const out = await place('41018');
    assert.equal(out.status, 400, out.text);
    assert.equal(out.json.error.field, 'commune');
    assert.match(out.json.error.message, /hors du territoire de l'instance \(Ain\) : « 41018 »/);
    const inside = await place('01001');
    assert.equal(inside.status, 201, inside.text);
  } finally {
    oasis('territoire', 'set', '', '--db', server.dbPath);
  }
});
