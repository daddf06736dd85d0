// tests/api/workforce_fixture.mjs: the practitioners register's small world
// for tests/api/workforce.test.mjs and tests/e2e/workforce.test.mjs: an
// empty server database (clock pinned on 2026-03-02), the communes and COG
// fixtures, a DREES table where Ambérieu-en-Bugey (01004) has an official
// APL of 2.7 with three GPs (tests/fixtures/rpps_apl_2022.csv,
// rpps_supply.csv), the RPPS extraction of 2026 (tests/fixtures/
// rpps_register_2026.txt: five professions, a pharmacist and a
// paediatrician left out) and the default APL run stored.
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer } from './lib/server.mjs';

export const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
export const FIX = path.resolve('tests/fixtures');
export const NOW = '2026-03-02T09:00:00Z';

// Run the CLI with the pinned clock; asserts exit 0.
export function oasis(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, OASIS_NOW: NOW } });
  assert.equal(r.status, 0, `oasis ${args.join(' ')}: ${r.stderr}`);
  return r;
}

// Start the server on that world; returns { server, rppsSummary }.
export async function startWorkforceServer() {
  const server = await startServer({ env: { OASIS_NOW: NOW } });
  const db = ['--db', server.dbPath];
  oasis('import', 'communes', path.join(FIX, 'communes_small.csv'), ...db);
  oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024', ...db);
  oasis('import', 'population', path.join(FIX, 'rpps_apl_2022.csv'), '--vintage', '2022', ...db);
  oasis('import', 'apl-reference', path.join(FIX, 'rpps_apl_2022.csv'), '--vintage', '2022', ...db);
  oasis('import', 'supply', path.join(FIX, 'rpps_supply.csv'), '--vintage', '2019',
        '--column', 'generaliste', ...db);
  const r = oasis('import', 'rpps', path.join(FIX, 'rpps_register_2026.txt'), '--vintage', '2026', ...db);
  oasis('apl', ...db, '--vintage', '2022', '--store');
  return { server, rppsSummary: r.stderr };
}
