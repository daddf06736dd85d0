// tests/api/obs_pages_fixture.mjs: the observatory's small world for the
// page tests (tests/api/obs_pages.test.mjs, tests/e2e/obs.test.mjs), built
// as tests/api/obs_api.test.mjs builds its own: an empty server database,
// the small fixtures of tests/fixtures imported with the CLI, the default
// run stored with `oasis apl --db … --store`, and tiny contour files
// (squares) under a temporary OASIS_DATA_DIR.
//
// What the fixtures give (tests/unit/test_obs.c): 01001 has no GP within
// reach (APL 0, sous-dense), 01004 has 27 SIRENE units, 75101/75102 reach
// each other; 4500 acts per unit; EPCI 200029999 holds 01001 and 01004.
// With { practitioners: true } the practitioners table (with birth years)
// is imported too: ages become known and the sheets show a projection.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { startServer } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const FIX = path.resolve('tests/fixtures');

function oasis(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `oasis ${args.join(' ')}: ${r.stderr}`);
  return r;
}

const square = (x, y, s = 1) => ({ type: 'Polygon',
  coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
const feat = (code, nom, g) => ({ type: 'Feature', properties: { code, nom }, geometry: g });
const fc = (features) => JSON.stringify({ type: 'FeatureCollection', features });

// Start a server on the fixture world; returns { server, stop }.
export async function startObsServer(env = {}, { practitioners = false } = {}) {
  const geoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-obsgeo-'));
  fs.mkdirSync(path.join(geoDir, 'geo'));
  fs.writeFileSync(path.join(geoDir, 'geo/regions-avec-outre-mer.geojson'), fc([
    feat('84', 'Auvergne-Rhône-Alpes', square(4, 45)),
    feat('11', 'Île-de-France', square(2, 48)),
    feat('28', 'Normandie', square(0, 49))]));
  fs.writeFileSync(path.join(geoDir, 'geo/departements-avec-outre-mer.geojson'), fc([
    feat('01', 'Ain', square(4.2, 45.2)), feat('75', 'Paris', square(2.2, 48.2)),
    feat('27', 'Eure', square(0.2, 49.2))]));
  fs.writeFileSync(path.join(geoDir, 'geo/communes_france_cog2024_simplifie.geojson.gz'),
    zlib.gzipSync(fc([feat('01001', "L'Abergement-Clémenciat", square(4.6, 45.6, 0.4)),
                      feat('01004', 'Ambérieu-en-Bugey', square(5.0, 45.6, 0.4)),
                      feat('75056', 'Paris', square(2.3, 48.8, 0.2))])));
  const server = await startServer({ env: { OASIS_DATA_DIR: geoDir, ...env } });
  const db = ['--db', server.dbPath];
  oasis('import', 'communes', path.join(FIX, 'communes_small.csv'), ...db);
  oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024', ...db);
  oasis('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022', ...db);
  oasis('import', 'apl-reference', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022', ...db);
  oasis('import', 'supply', path.join(FIX, 'supply_small.csv'), '--vintage', '2019',
        '--column', 'generaliste', ...db);
  if (practitioners) {
    oasis('import', 'practitioners', path.join(FIX, 'practitioners_small.csv'),
          '--vintage', '2024', '--col-id', 'rpps', '--col-commune', 'insee',
          '--col-birth', 'naissance', '--col-activity', 'actes',
          '--col-specialty', 'specialite', ...db);
  }
  const r = oasis('apl', ...db, '--vintage', '2022', '--store');
  assert.match(r.stderr, /enregistré/);
  return {
    server,
    async stop() {
      await server.stop();
      fs.rmSync(geoDir, { recursive: true, force: true });
    },
  };
}
