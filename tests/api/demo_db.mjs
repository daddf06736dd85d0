// tests/api/demo_db.mjs: a database holding the living demonstration, for
// tests/api/demo.test.mjs and tests/e2e/demo.test.mjs.
//
// Built as tools/initdb.sh builds the default database, on the real open
// data ($OASIS_DATA_DIR, else ../shared/data) restricted to Saône-et-Loire
// (71) to stay fast: its communes, the COG of the npm package, the DREES
// table of 2023, the catalogues of data/, then `oasis demo load`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const BIN = process.env.OASIS_BIN || 'build/asan/oasis';
export const DATA = process.env.OASIS_DATA_DIR || path.resolve('../shared/data');
export const DEMO = path.resolve('data/demo');
const COG = path.resolve('node_modules/@etalab/decoupage-administratif/data');
export const hasData = fs.existsSync(path.join(DATA, 'communes/communes_coordonnees_cog2024.csv'));

// Run the oasis CLI; with ok, fail the test unless it exits 0.
export function run(args, { ok = true } = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  if (ok) assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

// Rows of a data/demo file as objects.
export function rows(file) {
  const [head, ...lines] = fs.readFileSync(path.join(DEMO, file), 'utf8')
    .trim().split('\n');
  const cols = head.split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i], v])));
}

// The lines of a CSV whose first cell (a commune code) is in Saône-et-Loire.
export function only71(src, dest) {
  const [head, ...lines] = fs.readFileSync(src, 'utf8').split('\n');
  fs.writeFileSync(dest, [head, ...lines.filter((l) => l.startsWith('71'))].join('\n') + '\n');
}

// Build dir/oasis.db with the demo loaded; returns its path.
export function buildDemoDb(dir) {
  const dbPath = path.join(dir, 'oasis.db');
  const cog = path.join(dir, 'cog');
  fs.mkdirSync(cog);
  const read = (f) => JSON.parse(fs.readFileSync(path.join(COG, f), 'utf8'));
  fs.writeFileSync(path.join(cog, 'communes.json'),
    JSON.stringify(read('communes.json').filter((c) => c.departement === '71')));
  fs.writeFileSync(path.join(cog, 'epci.json'), JSON.stringify(read('epci.json')
    .filter((e) => e.membres.some((m) => m.code.startsWith('71')))));
  for (const f of ['departements.json', 'regions.json']) {
    fs.copyFileSync(path.join(COG, f), path.join(cog, f));
  }
  const communes = path.join(dir, 'communes.csv');
  only71(path.join(DATA, 'communes/communes_coordonnees_cog2024.csv'), communes);
  const apl = path.join(dir, 'apl2023.csv');
  only71(path.join(DATA, 'apl/apl_mg_2023_communes.csv'), apl);
  const db = ['--db', dbPath];
  run(['import', 'communes', communes, '--vintage', '2024', ...db]);
  run(['import', 'cog', cog, '--vintage', '2024', ...db]);
  run(['import', 'population', apl, '--vintage', '2023', ...db]);
  run(['import', 'apl-reference', apl, '--vintage', '2023', ...db]);
  run(['centres', 'load', 'data/centres', ...db]);
  run(['aids', 'load', '--db', dbPath, 'data/aids']);
  run(['stages', 'load', '--aides', ...db]);
  run(['demo', 'load', ...db]);
  return dbPath;
}
