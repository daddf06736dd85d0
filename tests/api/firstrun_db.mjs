// tests/api/firstrun_db.mjs: a real instance's database before its first
// run (the COG imported, no account), and the setup code its server
// printed; for tests/api/firstrun.test.mjs and tests/e2e/firstrun.test.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './demo_db.mjs';

const COG = path.resolve('node_modules/@etalab/decoupage-administratif/data');

// dir/oasis.db with the COG (every département and région, the communes
// of the Côte-d'Or): what the territory check reads.  Returns its path.
export function freshDb(dir) {
  const cog = path.join(dir, 'cog');
  fs.mkdirSync(cog);
  const read = (f) => JSON.parse(fs.readFileSync(path.join(COG, f), 'utf8'));
  fs.writeFileSync(path.join(cog, 'communes.json'),
    JSON.stringify(read('communes.json').filter((c) => c.departement === '21')));
  fs.writeFileSync(path.join(cog, 'epci.json'), '[]');
  for (const f of ['departements.json', 'regions.json']) {
    fs.copyFileSync(path.join(COG, f), path.join(cog, f));
  }
  const db = path.join(dir, 'oasis.db');
  run(['import', 'cog', cog, '--vintage', '2024', '--db', db]);
  return db;
}

// The one-time setup code server srv printed at start.
export function setupCode(srv) {
  const m = srv.log().match(/premiere-installation\?code=([0-9a-f]{24})/);
  assert.ok(m, `no setup code in the server's output:\n${srv.log()}`);
  return m[1];
}
