// `oasis import` as users run it: exit status 0 / 1 / 2, the summary line,
// and the file/line/column message of a bad file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const BIN = process.env.OASIS_BIN;
const FIX = path.resolve('tests/fixtures');

function oasis(...args) {
  return spawnSync(BIN, args, { encoding: 'utf8' });
}

test('imports, summarises, refuses bad input and bad usage', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-import-'));
  const db = path.join(dir, 't.db');
  let r = oasis('import', 'communes', path.join(FIX, 'communes_small.csv'), '--db', db);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /8 lignes lues, 7 gardées, 1 ignorées, [0-9.]+ s, sha256 [0-9a-f]{16}/);

  const bad = path.join(dir, 'matrix.csv');
  fs.writeFileSync(bad, 'origin,destination,minutes\n01001,01004,12\n01004,01001,-3\n');
  r = oasis('import', 'matrix', bad, '--db', db);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /matrix\.csv, ligne 3, colonne 3 \(minutes\) : durée négative/);

  r = oasis('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--db', db);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--vintage/);
  r = oasis('import', 'nope', 'x', '--db', db);
  assert.equal(r.status, 2);
  r = oasis('import', '--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /apl-reference/);
  fs.rmSync(dir, { recursive: true });
});
