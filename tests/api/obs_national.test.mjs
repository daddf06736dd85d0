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
  assert.equal(z.sous_dense.communes + z.intermediaire.communes + z.non_zone.communes, f.communes);
  assert.match(f.parametres, /actes par praticien/);
  const map = await (await fetch(server.url + '/api/v1/indicateurs/departement/24?millesime=2022')).json();
  assert.ok(map.valeurs.length > 500);
  for (const v of map.valeurs) {
    assert.ok(Number.isFinite(v.valeur), v.code);
    const want = v.valeur < 2.5 ? 'sous-dense' : v.valeur < 4 ? 'intermédiaire' : 'non zoné';
    assert.equal(v.zone, want, v.code);
  }
  const geo = await fetch(server.url + '/api/v1/contours/departement/24');
  assert.equal(geo.status, 200);
  assert.equal((await geo.json()).features.length, map.valeurs.length);
});

test('a national what-if recomputes only the neighbours', { skip: missing || false }, async () => {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  const { csrf } = await (await c.get('/api/v1/moi')).json();
  const r = await c.fetch('/api/v1/scenarios/simulation', { method: 'POST',
    body: JSON.stringify({ changements: [{ code: '24037', etp: 1 }] }),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
  assert.equal(r.status, 200);
  const w = await r.json();
  assert.ok(w.communes_recalculees > 1 && w.communes_recalculees < 500, String(w.communes_recalculees));
  assert.ok(w.communes.every((x) => x.apl_apres > x.apl_avant));
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
