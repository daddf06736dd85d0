// The observatory's JSON API (/api/v1: territories, communes, indicators,
// contours, simulations, scenarios, siting, exports) against the real
// server.  The server's database starts empty: the small fixtures of
// tests/fixtures are imported with the CLI and the default run stored
// with `oasis apl --db … --store`, as tools/initdb.sh does.  Contours come
// from tiny GeoJSON files written here (the communes file gzipped).
//
// Expected values are computed by hand from the fixtures (see
// tests/unit/test_obs.c): 01001 has no GP within reach (estimate 0),
// 01004 (+ its déléguée 01099) has 27 SIRENE units, 75101/75102 reach
// each other; 4500 acts per unit.  Official first (issue 13): `apl` is the
// DREES value of apl_small_2022.csv (01001: 1.89), `zone` the object of
// zoning_of() (indicative class of the DREES APL here, no arrêté), and the
// model's value is `apl_estimation`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';
import { csvRow } from './obs_csv.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const FIX = path.resolve('tests/fixtures');
const P01001 = 810.855, P01004 = 14002.685 + 100.5, P27676 = 1500.25;
const P75101 = 15880.362, P75102 = 20012.5;
const ALL = P01001 + P01004 + P27676 + P75101 + P75102;
// DREES APL and standardised population of the nodes (apl_small_2022.csv)
const REF = { '01001': [1.89, 810.855], '01004': [3.646, 14002.685],
  '27676': [2.2, 1500.25], '75101': [6.18, 15880.362], '75102': [5.9, 20012.5] };
const refMean = (codes) => codes.reduce((s, c) => s + REF[c][0] * REF[c][1], 0) /
  codes.reduce((s, c) => s + REF[c][1], 0);

let server, geoDir;

function oasis(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `oasis ${args.join(' ')}: ${r.stderr}`);
  return r;
}

const square = (x, y) => ({ type: 'Polygon',
  coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
const feat = (code, nom, g) => ({ type: 'Feature', properties: { code, nom }, geometry: g });
const fc = (features) => JSON.stringify({ type: 'FeatureCollection', features });

before(async () => {
  geoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-geo-'));
  fs.mkdirSync(path.join(geoDir, 'geo'));
  fs.writeFileSync(path.join(geoDir, 'geo/regions-avec-outre-mer.geojson'), fc([
    feat('84', 'Auvergne-Rhône-Alpes', square(4, 45)),
    feat('11', 'Île-de-France', square(2, 48)),
    feat('28', 'Normandie', square(0, 49))]));
  fs.writeFileSync(path.join(geoDir, 'geo/departements-avec-outre-mer.geojson'), fc([
    feat('01', 'Ain', square(4.2, 45.2)), feat('75', 'Paris', square(2.2, 48.2)),
    feat('27', 'Eure', square(0.2, 49.2))]));
  fs.writeFileSync(path.join(geoDir, 'geo/communes_france_cog2024_simplifie.geojson.gz'),
    zlib.gzipSync(fc([feat('01001', "L'Abergement-Clémenciat", square(4.9, 46.1)),
                      feat('01004', 'Ambérieu-en-Bugey', square(5.3, 45.9)),
                      feat('75056', 'Paris', square(2.3, 48.8))])));
  server = await startServer({ env: { OASIS_DATA_DIR: geoDir } });
  const db = ['--db', server.dbPath];
  oasis('import', 'communes', path.join(FIX, 'communes_small.csv'), ...db);
  oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024', ...db);
  oasis('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022', ...db);
  oasis('import', 'apl-reference', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022', ...db);
  oasis('import', 'supply', path.join(FIX, 'supply_small.csv'), '--vintage', '2019',
        '--column', 'generaliste', ...db);
  const r = oasis('apl', ...db, '--vintage', '2022', '--store');
  assert.match(r.stderr, /enregistré/);
});

after(async () => {
  await server?.stop();
  fs.rmSync(geoDir, { recursive: true, force: true });
});

const near = (a, b, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);
const getJson = async (p, status = 200) => {
  const r = await fetch(server.url + p);
  assert.equal(r.status, status, p);
  assert.match(r.headers.get('content-type'), /json/);
  return r.json();
};

async function agent() {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  const { csrf } = await (await c.get('/api/v1/moi')).json();
  c.postJson = (p, body) => c.fetch(p, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
  return c;
}

test('vintages and France with its régions', async () => {
  const v = await getJson('/api/v1/millesimes');
  assert.equal(v.millesimes[0].millesime, 2022);
  assert.equal(v.millesimes[0].calcul_par_defaut.offre, 'generaliste');
  const f = await getJson('/api/v1/territoires');
  assert.equal(f.niveau, 'france');
  assert.equal(f.communes, 5);
  near(f.apl, refMean(Object.keys(REF)));
  assert.equal(f.apl_source, 'APL DREES 2022');
  near(f.apl_estimation, 154 * 4500 / ALL);
  assert.equal(f.estimation.libelle, 'estimation oasis');
  assert.match(f.estimation.validation, /comparée à l'APL DREES 2022 sur 5 communes/);
  // the national mean: the all-ages DREES series, named, over the whole table
  assert.match(f.moyenne_nationale.serie, /tous âges/);
  near(f.moyenne_nationale.apl, (1.89 * 810.855 + 3.646 * 14002.685 + 2.5 * 100.5 +
    2.2 * 1500.25 + 6.18 * 15880.362 + 5.9 * 20012.5 + 10) /
    (810.855 + 14002.685 + 100.5 + 1500.25 + 15880.362 + 20012.5 + 10));
  assert.deepEqual(f.enfants.map((e) => e.code), ['11', '28', '84']);
  assert.equal(f.millesime, 2022);
  assert.match(f.provenance, /supply_small\.csv \(sha256 [0-9a-f]{16}/);
  assert.match(f.parametres, /drees, 20 min/);
});

test('a département, an EPCI, and unknown codes named in 404s', async () => {
  const d = await getJson('/api/v1/territoires/departement/01');
  assert.equal(d.nom, 'Ain');
  near(d.apl, refMean(['01001', '01004']));
  near(d.apl_estimation, 27 * 4500 / (P01001 + P01004));
  assert.equal(d.parent.code, '84');
  assert.equal(d.zones.prioritaire.communes, 1);
  assert.equal(d.zone, undefined, 'no class computed for an area');
  assert.deepEqual(d.enfants.map((e) => e.code), ['200029999']);
  const e = await getJson('/api/v1/territoires/epci/200029999');
  assert.equal(e.communes, 2);
  const nf = await getJson('/api/v1/territoires/departement/99', 404);
  assert.equal(nf.error.code, 'introuvable');      // formerly code_inconnu
  assert.equal(nf.error.field, 'code');
  assert.match(nf.error.message, /99/);
  const nl = await getJson('/api/v1/territoires/canton/1', 404);
  assert.equal(nl.error.code, 'introuvable');      // formerly niveau_inconnu
  assert.equal(nl.error.field, 'niveau');
  const bad = await getJson('/api/v1/territoires?millesime=deux', 400);
  assert.equal(bad.error.code, 'saisie_invalide');
  assert.equal(bad.error.field, 'millesime');
  // a vintage never imported: data missing (docs/conventions.md), 409
  const none = await getJson('/api/v1/territoires?millesime=2031', 409);
  assert.equal(none.error.code, 'donnees_absentes');
  assert.equal(none.error.field, 'millesime');
  assert.match(none.error.message, /2031/);
  const ind = await getJson('/api/v1/indicateurs?indicateur=xyz', 400);
  assert.equal(ind.error.code, 'saisie_invalide'); // formerly indicateur_inconnu
  assert.equal(ind.error.field, 'indicateur');
});

test('commune sheet: official APL and zone object first, the estimate named', async () => {
  const c = await getJson('/api/v1/communes/01001');
  assert.equal(c.apl, 1.89);
  assert.equal(c.apl_source, 'APL DREES 2022');
  assert.equal(c.apl_millesime, 2022);
  assert.equal(c.apl_estimation, 0);
  assert.equal(c.estimation.libelle, 'estimation oasis');
  assert.deepEqual(c.zone, { classe: 'sous_dense', officiel: false, niveau: 2,
    libelle: "Sous-dense — classement indicatif d'après l'APL DREES 2022 (1,89 ; " +
      'seuils 2,50 et 4,00) — zonage officiel non importé',
    source: 'APL DREES 2022', millesime: 2022, apl: 1.89 });
  assert.ok(!JSON.stringify(c).match(/ZIP|ZAC|ZAR/), 'no official word for a computed class');
  assert.equal(c.zone_code, undefined);
  assert.equal(c.rang, 1);
  assert.equal(c.rang_sur, 5);
  assert.equal(c.departement.code, '01');
  near(c.comparaison_apl.france, refMean(Object.keys(REF)));
  assert.deepEqual(c.historique, [{ millesime: 2022, apl: 1.89, apl_estimation: 0 }]);
  assert.equal(c.projection.ages_connus, false);
  assert.match(c.projection.note, /âges des praticiens inconnus/);
  assert.equal(c.effectif_accessible, 0);
  const p1 = await getJson('/api/v1/communes/75101');
  assert.equal(p1.effectif, 87);
  assert.equal(p1.effectif_accessible, 127);          // 75102 is within reach
  assert.equal(p1.communes_accessibles_avec_offre, 2);
  const alias = await getJson('/api/v1/communes/01099');
  assert.equal(alias.code, '01004');
  assert.equal(alias.apl, 3.646);
  near(alias.apl_estimation, 27 * 4500 / P01004);
  assert.equal(alias.zone.classe, 'intermediaire');
  const nf = await getJson('/api/v1/communes/99999', 404);
  assert.match(nf.error.message, /99999/);
});

test('indicators of the children of an area, and bad indicator', async () => {
  const p = await getJson('/api/v1/indicateurs/departement/75');
  assert.equal(p.niveau_valeurs, 'commune');
  assert.deepEqual(p.valeurs.map((v) => v.code), ['75101', '75102']);
  assert.equal(p.valeurs[0].valeur, 6.18);                 // the DREES value
  assert.deepEqual(p.apl_officielle, { source: 'APL DREES 2022', millesime: 2022 });
  assert.equal(p.valeurs[0].zone.classe, 'non_zone');
  assert.equal(p.valeurs[0].zone.officiel, false);
  const e = await getJson('/api/v1/indicateurs/departement/75?indicateur=apl_estimation');
  near(e.valeurs[0].valeur, 127 * 4500 / (P75101 + P75102));
  assert.match(e.libelle, /estimation oasis/);
  const f = await getJson('/api/v1/indicateurs?indicateur=population');
  assert.equal(f.niveau_valeurs, 'region');
  near(f.valeurs.find((v) => v.code === '84').valeur, P01001 + P01004);
  const s = await getJson('/api/v1/indicateurs/departement/01?indicateur=part60');
  assert.equal(s.valeurs[0].valeur, null);
  assert.match(s.note, /âges/);
  const bad = await getJson('/api/v1/indicateurs?indicateur=bonheur', 400);
  assert.equal(bad.error.field, 'indicateur');
  const ev = await getJson('/api/v1/indicateurs?indicateur=evolution', 400);
  assert.equal(ev.error.field, 'depuis');
  const same = await getJson('/api/v1/indicateurs/departement/01?indicateur=evolution&depuis=2022');
  assert.equal(same.valeurs[0].valeur, 0);
});

test('contours: régions, départements of a région, communes of a département', async () => {
  let r = await fetch(server.url + '/api/v1/contours');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /geo\+json/);
  assert.equal((await r.json()).features.length, 3);
  const reg = await (await fetch(server.url + '/api/v1/contours/region/84')).json();
  assert.deepEqual(reg.features.map((f) => f.properties.code), ['01']);
  const dep = await (await fetch(server.url + '/api/v1/contours/departement/01')).json();
  assert.deepEqual(dep.features.map((f) => f.properties.code), ['01001', '01004']);
  r = await fetch(server.url + '/api/v1/contours/departement/42');
  assert.equal(r.status, 404);
  assert.match((await r.json()).error.message, /42/);
});

test('contours missing: 409 donnees_absentes saying so, no crash', async () => {
  const s = await startServer({ env: { OASIS_DATA_DIR: '/nonexistent-oasis' } });
  try {
    const r = await fetch(s.url + '/api/v1/contours/departement/01');
    assert.equal(r.status, 409);
    const e = (await r.json()).error;
    assert.equal(e.code, 'donnees_absentes');   // formerly contours_indisponibles
    assert.match(e.message, /contours indisponibles/);
    assert.equal((await fetch(s.url + '/healthz')).status, 200);
  } finally {
    await s.stop();
  }
});

test('simulation: +1 FTE lifts 01001 out of sous-dense; bad input names the field', async () => {
  const anon = await fetch(server.url + '/api/v1/scenarios/simulation', { method: 'POST',
    body: '{}', headers: { 'Content-Type': 'application/json' } });
  assert.equal(anon.status, 401);
  const c = await agent();
  let r = await c.postJson('/api/v1/scenarios/simulation', { changements: [{ code: '01001', etp: 1 }] });
  assert.equal(r.status, 200);
  const w = await r.json();
  assert.equal(w.communes_recalculees, 1);
  assert.equal(w.changements_de_zone, 1);
  assert.equal(w.communes_changeant_de_zone[0].code, '01001');
  // anchored: the DREES APL (1.89) + the effect the engine computes
  const z = w.communes_changeant_de_zone[0];
  assert.equal(z.zone_avant, 'sous-dense (indicatif)');
  assert.equal(z.zone_apres, 'non zoné (indicatif)');
  assert.equal(z.nom, "L'Abergement-Clémenciat");
  assert.equal(z.apl_avant, 1.89);
  near(z.effet_simule, 4500 / P01001);
  near(z.apl_apres, 1.89 + 4500 / P01001);
  near(z.apl_estimation_apres, 4500 / P01001);
  assert.match(w.methode.libelle, /APL officielle \+ effet simulé/);
  near(w.population_sortie_sous_dense, P01001);
  r = await c.postJson('/api/v1/scenarios/simulation', { changements: [{ code: '01001', etp: '1,5' }] });
  near((await r.json()).communes[0].apl_apres, 1.89 + 1.5 * 4500 / P01001);

  const cases = [
    [{ code: '01004', etp: -28 }, 'changements[0].etp', /négatif/],
    [{ code: '01004', etp: 'deux' }, 'changements[0].etp', /deux/],
    [{ code: '99999', etp: 1 }, 'changements[0].code', /99999/],
    [{ code: '27676', etp: 0, antenne: true }, 'changements[0].etp', /antenne/],
  ];
  for (const [change, field, msg] of cases) {
    r = await c.postJson('/api/v1/scenarios/simulation', { changements: [change] });
    assert.equal(r.status, 400, JSON.stringify(change));
    const e = (await r.json()).error;
    assert.equal(e.code, 'saisie_invalide');
    assert.equal(e.field, field);
    assert.match(e.message, msg);
  }
  // the former spellings "changes" and "fte" are still read, marked deprecated
  r = await c.postJson('/api/v1/scenarios/simulation', { changes: [{ code: '01001', fte: 1 }] });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('deprecation'), 'true');
  near((await r.json()).communes[0].effet_simule, 4500 / P01001);
  r = await c.postJson('/api/v1/scenarios/simulation', { changements: [] });
  assert.equal((await r.json()).error.field, 'changements');
});

test('scenarios: saved, listed, compared, exported, deleted; refused ones leave nothing', async () => {
  const c = await agent();
  let r = await c.postJson('/api/v1/scenarios', { nom: 'Antenne Clémenciat',
    changements: [{ code: '01001', etp: 2, antenne: true }] });
  assert.equal(r.status, 201);
  const a = (await r.json()).id;
  r = await c.postJson('/api/v1/scenarios', { nom: 'Paris moins', changements: [{ code: '75101', etp: -10 }] });
  const b = (await r.json()).id;
  r = await c.postJson('/api/v1/scenarios', { nom: 'Trop', changements: [
    { code: '01001', etp: 1 }, { code: '75102', etp: -41 }] });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.field, 'changements[1].etp');
  r = await c.postJson('/api/v1/scenarios', { nom: '', changements: [{ code: '01001', etp: 1 }] });
  assert.equal((await r.json()).error.field, 'nom');
  const list = await (await c.get('/api/v1/scenarios')).json();
  assert.deepEqual(list.scenarios.map((s) => s.nom), ['Paris moins', 'Antenne Clémenciat']);
  assert.equal(list.scenarios[1].auteur, 'admin');

  const one = await (await c.get(`/api/v1/scenarios/${a}`)).json();
  assert.equal(one.changements[0].antenne, true);
  near(one.resultat.communes[0].apl_apres, 1.89 + 2 * 4500 / P01001);
  const cmp = await (await c.get(`/api/v1/scenarios/comparaison?ids=${a},${b}`)).json();
  assert.equal(cmp.scenarios.length, 2);
  assert.equal(cmp.scenarios[1].resultat.communes.length, 2);

  r = await c.get(`/api/v1/scenarios/${a}/export?format=csv&territoire=departement:01`);
  assert.equal(r.status, 200);
  const csv = await r.text();
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  const head = lines[0];
  assert.match(head, /^code;/);
  assert.match(head, /apl_avant;apl_apres;effet_simule;zone_avant;zone_apres$/);
  const cols = head.split(';');
  const row = csvRow(lines.find((l) => l.startsWith('01001;')));
  const fr = (x) => x.toFixed(4).replace(/0+$/, '').replace('.', ',');
  assert.equal(row[cols.indexOf('apl_avant')], '1,89');
  assert.equal(row[cols.indexOf('apl_apres')], fr(1.89 + 2 * 4500 / P01001));
  assert.equal(row[cols.indexOf('zone_avant')], 'sous-dense (indicatif)');
  assert.equal(row[cols.indexOf('zone_apres')], 'non zoné (indicatif)');

  r = await c.postJson(`/api/v1/scenarios/${b}/suppression`, {});
  assert.equal(r.status, 200);
  r = await c.get(`/api/v1/scenarios/${b}`);
  assert.equal(r.status, 404);
  const gone = (await r.json()).error;
  assert.equal(gone.code, 'introuvable');        // formerly scenario_inconnu
  assert.equal(gone.field, 'id');
  assert.match(gone.message, new RegExp(String(b)));
  r = await c.get('/api/v1/scenarios/abc');
  assert.equal(r.status, 404);
});

test('siting: a lone hamlet is no candidate, the objective is stated; bad input is refused', async () => {
  // 01001 (811 inhabitants, nobody else within reach) lies below the
  // minimum catchment: it is not a candidate, and 01004 lifts no one
  const s = await getJson('/api/v1/implantation?territoire=departement:01&etp=1&k=3');
  assert.equal(s.objectif.bassin_minimum, 5000);
  assert.match(s.objectif.libelle, /population standardisée de leur bassin/);
  assert.deepEqual(s.choix, []);
  assert.deepEqual(s.classement.map((p) => p.code), ['01004']);
  assert.ok(s.classement[0].bassin_population >= 5000);
  assert.match(s.classement[0].raison, /bassin de 14\s?\d{3} habitants/);
  assert.equal((await getJson('/api/v1/implantation?territoire=departement:01&etp=abc', 400))
    .error.field, 'etp');
  const k0 = (await getJson('/api/v1/implantation?territoire=departement:01&k=0', 400)).error;
  assert.equal(k0.code, 'saisie_invalide');      // formerly k_invalide
  assert.equal(k0.field, 'k');
  const fr = (await getJson('/api/v1/implantation?territoire=france', 400)).error;
  assert.equal(fr.code, 'saisie_invalide');      // formerly territoire_trop_grand
  assert.equal(fr.field, 'territoire');
  assert.match((await getJson('/api/v1/implantation?territoire=departement:99', 404))
    .error.message, /99/);
  const r = await fetch(server.url + '/api/v1/implantation?territoire=departement:75&k=1&format=csv');
  const csv = await r.text();
  assert.match(csv.split('\r\n')[0], /apl_avant;apl_apres;bassin_population;raison$/);
  assert.match(decodeURIComponent(r.headers.get('x-provenance')), /objectif : classer les communes/);
});

test('exports carry provenance: CSV with BOM and ;, XLSX, GeoJSON with contours', async () => {
  let r = await fetch(server.url + '/api/v1/export/departement/01?format=csv');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-disposition'), /apl-departement-01-2022\.csv/);
  const buf = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = buf.toString('utf8').slice(1).split('\r\n');
  // the header row first, no "# " lines: provenance in X-Provenance
  assert.match(lines[0], /^code;nom;apl;apl_source;zone;zone_officielle;zone_libelle;rang;population;effectif;densite_10000;apl_estimation;offre;demande$/);
  assert.ok(!lines.some((l) => l.startsWith('#')));
  const prov = decodeURIComponent(r.headers.get('x-provenance')).split(' | ');
  assert.match(prov[0], /^APL 2022/);
  assert.ok(prov.some((l) => /^population : apl_small_2022\.csv/.test(l)));
  const row = csvRow(lines.find((l) => l.startsWith('01004;')));
  const api = await getJson('/api/v1/communes/01004');
  assert.equal(row[2], '3,646');
  assert.equal(row[3], 'APL DREES 2022');
  assert.equal(row[4], api.zone.classe);
  assert.equal(row[6], api.zone.libelle);
  assert.equal(row[11], api.apl_estimation.toFixed(4).replace('.', ','));

  r = await fetch(server.url + '/api/v1/export?format=xlsx&contenu=territoires');
  assert.equal(r.status, 200);
  const x = Buffer.from(await r.arrayBuffer());
  assert.equal(x.subarray(0, 2).toString(), 'PK');

  r = await fetch(server.url + '/api/v1/export/departement/01?format=geojson');
  const g = await r.json();
  assert.ok(g.meta.provenance.some((l) => /apl_small_2022\.csv/.test(l)));
  assert.equal(g.features.length, 2);
  assert.equal(g.features[0].geometry.type, 'Polygon');
  assert.equal(g.features[0].properties.zone, 'sous_dense');
  assert.equal(g.features[0].properties.apl, 1.89);

  const bad = await getJson('/api/v1/export/departement/01?format=pdf', 400);
  assert.equal(bad.error.field, 'format');
  await getJson('/api/v1/export/departement/99?format=csv', 404);
});

test('oasis apl --db: exit 1 on an empty database, 2 on bad usage; validate-apl --db', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-apldb-'));
  const run = (...a) => spawnSync(BIN, a, { encoding: 'utf8' });
  let r = run('apl', '--db', path.join(dir, 'e.db'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /aucune commune en base/);
  r = run('apl', '--db', path.join(dir, 'e.db'), '--vintage', 'abc');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--vintage/);
  r = run('validate-apl', '--db', server.dbPath);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--reference-vintage/);
  r = run('validate-apl', '--db', server.dbPath, '--reference-vintage', '2022', '--quiet');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^France\s+5\s/m);       // the 5 communes of both tables
  r = run('apl', '--db', server.dbPath, '--out', path.join(dir, 'o.csv'), '--quiet');
  assert.equal(r.status, 0, r.stderr);
  const rows = fs.readFileSync(path.join(dir, 'o.csv'), 'utf8').trim().split('\n');
  assert.equal(rows.length, 6);
  assert.match(rows.find((l) => l.startsWith('01001,')), /,0,sous-dense,/);   // full precision
  fs.rmSync(dir, { recursive: true });
});

test('a read-only account runs an unsaved what-if and sees the communes named, never saves', async () => {
  const r0 = spawnSync(BIN, ['user', 'add', 'elue', '--role', 'lecteur', '--db', server.dbPath],
    { encoding: 'utf8', env: { ...process.env, OASIS_PASSWORD: 'lecture-seule-1234' } });
  assert.equal(r0.status, 0, r0.stderr);
  const c = new Client(server.url);
  await c.login('elue', 'lecture-seule-1234');
  const { csrf } = await (await c.get('/api/v1/moi')).json();
  const post = (p, body) => c.fetch(p, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
  let r = await post('/api/v1/scenarios/simulation', { changements: [{ code: '75101', etp: 2 }] });
  assert.equal(r.status, 200);
  const w = await r.json();
  assert.deepEqual(w.communes.map((x) => x.nom).sort(),
    ['Paris 1er Arrondissement', 'Paris 2e Arrondissement']);
  r = await post('/api/v1/scenarios', { nom: 'Non', changements: [{ code: '75101', etp: 2 }] });
  assert.equal(r.status, 403);
  assert.equal((await r.json()).error.code, 'interdit');
  // the page: the form without the save button, the result with names
  r = await c.get('/observatoire/simulation?commune=75101');
  assert.equal(r.status, 200);
  let html = await r.text();
  assert.doesNotMatch(html, /value="enregistrer"/);
  assert.match(html, /lecture seule/);
  r = await c.post('/observatoire/simulation', { code_1: '75101', type_1: 'etp', etp_1: '2',
    action: 'calculer' }, { from: '/observatoire/simulation' });
  assert.equal(r.status, 200);
  html = await r.text();
  assert.match(html, /Communes concernées : <a href="\/observatoire\/communes\/7510[12]">Paris [12]/);
  assert.match(html, /APL officielle \+ effet simulé/);
  r = await c.post('/observatoire/simulation', { code_1: '75101', type_1: 'etp', etp_1: '2',
    action: 'enregistrer', nom: 'Non' }, { from: '/observatoire/simulation' });
  assert.equal(r.status, 403);
  const list = await (await c.get('/api/v1/scenarios')).json();
  assert.ok(!list.scenarios.some((s) => s.nom === 'Non'));
});

test('an arrêté imported: its class in the sheet, the map values and the export, under its name', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-ars-'));
  const f = path.join(dir, 'ars.csv');
  fs.writeFileSync(f, 'code_commune;zone;date_arrete;reference\n01004;ZAC;12/03/2024;ARS-ARA 2024-5\n');
  oasis('zonage', 'import', f, '--db', server.dbPath);
  const c = await getJson('/api/v1/communes/01004');
  assert.equal(c.zone.classe, 'ZAC');
  assert.equal(c.zone.officiel, true);
  assert.match(c.zone.libelle, /^Zone d'action complémentaire \(ZAC\) — zonage officiel, arrêté de l'ARS du 12\/03\/2024 \(ARS-ARA 2024-5\)$/);
  assert.equal(c.apl, 3.646, 'the official APL stays beside the official class');
  const ind = await getJson('/api/v1/indicateurs/departement/01?indicateur=zone');
  assert.equal(ind.valeurs.find((v) => v.code === '01004').zone.classe, 'ZAC');
  assert.equal(ind.valeurs.find((v) => v.code === '01001').zone.classe, 'sous_dense');
  const r = await fetch(server.url + '/api/v1/export/departement/01?format=csv');
  const lines = (await r.text()).replace(/^\uFEFF/, '').split('\r\n');
  const row = csvRow(lines.find((l) => l.startsWith('01004;')));
  assert.deepEqual(row.slice(4, 6), ['ZAC', 'oui']);
  const page = await (await fetch(server.url + '/observatoire/departements/01')).text();
  assert.match(page, /<span class="badge badge-intermediaire" title="Zone d(&#39;|')action complémentaire \(ZAC\)[^"]*">ZAC<\/span>/);
  fs.rmSync(dir, { recursive: true });
});

test('the instance territory: its own figures, counted over its communes only', async () => {
  let f = await getJson('/api/v1/territoires');
  assert.equal(f.territoire_instance, null);
  oasis('settings', 'territory', '01', '--db', server.dbPath);
  try {
    f = await getJson('/api/v1/territoires');
    const t = f.territoire_instance;
    assert.equal(t.nom, 'Ain');
    assert.deepEqual(t.departements, ['01']);
    assert.equal(t.communes, 2);
    near(t.apl, refMean(['01001', '01004']));
    near(t.part_population_zone_prioritaire, P01001 / (P01001 + P01004));
    const home = await (await fetch(server.url + '/observatoire')).text();
    assert.match(home, /<h2 id="territoire" class="card-title">Votre territoire : Ain<\/h2>/);
    assert.match(home, /href="\/observatoire\/implantation\?territoire=departement:01">où agir/);
  } finally {
    oasis('settings', 'territory', '', '--db', server.dbPath);
  }
});
