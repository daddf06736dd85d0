// tests/api/aid_seed.mjs: the aid catalogue (data/aids) and a few communes
// and territories (tests/aids/*.csv) in a test server's database, as
// tests/e2e/aids.test.mjs seeds them; for the aid applications' tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');

export function seedAids(dbPath) {
  const r = spawnSync(BIN, ['aids', 'load', '--db', dbPath, 'data/aids'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  let s = "INSERT INTO import_log(id, kind, file_name, sha256, n_rows) VALUES (1, 'communes', 'c.csv', '-', 0);";
  for (const l of fs.readFileSync('tests/aids/communes.csv', 'utf8').trim().split('\n').slice(1)) {
    const [code, name, dep, reg] = l.split(',');
    s += `INSERT INTO communes(code, type, name, dep, reg, import_id) VALUES (${q(code)}, 'COM', ${q(name)}, ${q(dep)}, ${q(reg)}, 1);`;
  }
  for (const l of fs.readFileSync('tests/aids/territoires.csv', 'utf8').trim().split('\n').slice(1)) {
    const [level, code, name, reg] = l.split(',');
    s += level === 'region'
      ? `INSERT INTO regions(code, name, import_id) VALUES (${q(code)}, ${q(name)}, 1);`
      : `INSERT INTO departements(code, name, reg, import_id) VALUES (${q(code)}, ${q(name)}, ${q(reg)}, 1);`;
  }
  execFileSync('sqlite3', [dbPath, s]);
}

