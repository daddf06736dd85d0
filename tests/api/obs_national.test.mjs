// The observatory on the national files: tools/initdb.sh imports them into
// the test server's database and stores the default runs; then the API
// answers for a whole département, a what-if touches only its neighbours,
// and `oasis validate-apl --db` gives the honest figure.  Skipped, with a
// message, when $OASIS_DATA_DIR or the npm COG package is absent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const DATA = process.env.OASIS_DATA_DIR;
const COG = 'node_modules/@etalab/decoupage-administratif/data/communes.json';
const missing = !DATA || !fs.existsSync(path.join(DATA, 'apl/apl_mg_2022_communes.csv'))
  ? `OASIS_DATA_DIR absent (${DATA || 'unset'})`
  : !fs.existsSync(COG) ? `${COG} absent (npm ci)` : null;
if (missing) console.log(`# obs_national: skipped: ${missing}`);

let server;
before(async () => {
  if (missing) return;
  server = await startServer();
  const r = spawnSync('bash', ['tools/initdb.sh', BIN, server.dbPath], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}, { timeout: 300000 });
after(async () => { await server?.stop(); });

test('national default runs: every commune zoned, a département map, contours', { skip: missing || false }, async () => {
  const f = await (await fetch(server.url + '/api/v1/territoires?millesime=2022')).json();
  assert.ok(f.communes > 34900, String(f.communes));
  const z = f.zones;
  // every commune with a DREES value is classed (indicatively: no arrêté)
  const nZoned = z.prioritaire.communes + z.complementaire.communes + z.hors_zonage.communes;
  assert.ok(nZoned > 34800 && nZoned <= f.communes, String(nZoned));
  assert.match(f.parametres, /actes par praticien/);
  // the national mean: the all-ages DREES 2023 series, said so
  assert.equal(f.moyenne_nationale.millesime, 2023);
  assert.equal(f.moyenne_nationale.apl.toFixed(2), '3.74');
  assert.match(f.moyenne_nationale.serie, /tous âges/);
  const map = await (await fetch(server.url + '/api/v1/indicateurs/departement/24?millesime=2022')).json();
  assert.ok(map.valeurs.length > 500);
  for (const v of map.valeurs) {
    if (v.valeur === null) continue;            // no DREES value: no figure, never 0
    const want = v.valeur < 2.5 ? 'sous_dense' : v.valeur < 4 ? 'intermediaire' : 'non_zone';
    assert.equal(v.zone.classe, want, v.code);
    assert.equal(v.zone.officiel, false);
  }
  const geo = await fetch(server.url + '/api/v1/contours/departement/24');
  assert.equal(geo.status, 200);
  assert.equal((await geo.json()).features.length, map.valeurs.length);
});

// An unsaved what-if of one more FTE in commune code, as an agent.
async function simulate(code) {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  const { csrf } = await (await c.get('/api/v1/moi')).json();
  const r = await c.fetch('/api/v1/scenarios/simulation', { method: 'POST',
    body: JSON.stringify({ changements: [{ code, etp: 1 }] }),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
  assert.equal(r.status, 200);
  return r.json();
}

test('a national what-if recomputes only the neighbours', { skip: missing || false }, async () => {
  const w = await simulate('24037');
  assert.ok(w.communes_recalculees > 1 && w.communes_recalculees < 500, String(w.communes_recalculees));
  assert.ok(w.communes.every((x) => x.apl_apres > x.apl_avant || x.apl_avant === null));
});

test('Blois: a scenario starts from the DREES 3.47, not our 4.15, and names the communes', { skip: missing || false }, async () => {
  const w = await simulate('41018');
  const blois = w.communes.find((x) => x.code === '41018');
  assert.equal(blois.nom, 'Blois');
  assert.equal(blois.apl_avant, 3.474);                  // DREES 2023
  assert.ok(Math.abs(blois.apl_estimation_avant - 3.474) > 0.3, String(blois.apl_estimation_avant));
  assert.ok(Math.abs(blois.apl_apres - (3.474 + blois.effet_simule)) < 1e-9);
  assert.equal(blois.zone_avant, 'intermédiaire (indicatif)');
  assert.equal(w.methode.base, 'APL DREES 2023');
});

test('Le Creusot: one class and one figure in the sheet, the map values and the export', { skip: missing || false }, async () => {
  const c = await (await fetch(server.url + '/api/v1/communes/71153')).json();
  assert.equal(c.apl, 2.1);
  assert.equal(c.zone.classe, 'sous_dense');
  assert.equal(c.zone.apl, 2.1);
  const m = await (await fetch(server.url + '/api/v1/indicateurs/departement/71')).json();
  const v = m.valeurs.find((x) => x.code === '71153');
  assert.equal(v.valeur, 2.1);
  assert.deepEqual(v.zone, c.zone);
  const csv = await (await fetch(server.url + '/api/v1/export/departement/71?format=csv')).text();
  const row = csv.split('\r\n').find((l) => l.startsWith('71153;'));
  assert.match(row, /^71153;Le Creusot;2,1;APL DREES 2023;sous_dense;non;/);
});

test('siting in Loir-et-Cher: ranked by the catchment population lifted, each pick explained', { skip: missing || false }, async () => {
  const s = await (await fetch(server.url + '/api/v1/implantation?territoire=departement:41&k=5')).json();
  assert.ok(s.choix.length >= 3, JSON.stringify(s.choix.map((p) => p.nom)));
  for (const p of [...s.choix, ...s.classement]) {
    assert.ok(p.bassin_population >= 5000, `${p.nom}: ${p.bassin_population}`);
    assert.match(p.raison, /^bassin de /);
  }
  for (const p of s.choix) {
    if (p.communes_sorties > 0) {
      assert.ok(p.communes_sorties_noms.length > 0);
      assert.ok(p.communes_sorties_noms.every((x) => x.code.startsWith('41')),
        'only the territory\'s communes count');
    }
  }
  for (let k = 1; k < s.classement.length; k++) {
    assert.ok(s.classement[k - 1].population_sortie_sous_dense >=
              s.classement[k].population_sortie_sous_dense);
  }
});

test('validate-apl from the database prints the honest figure', { skip: missing || false }, () => {
  const r = spawnSync(BIN, ['validate-apl', '--db', server.dbPath, '--reference-vintage', '2022',
                            '--calibrate-acts', '2022', '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/^France\s+(\d+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)%/m);
  assert.ok(m, r.stdout.slice(0, 300));
  assert.ok(Number(m[1]) > 34900);
  const pearson = Number(m[2]);
  assert.ok(pearson > 0 && pearson < 1, String(pearson));   // a proxy: far from 1.0
  console.log(`# validate-apl --db (2022, SIRENE proxy): ${m[0]}`);
});
