// tests/api/apl_cli.test.mjs: `oasis apl` on files as an analyst uses it
// (issue 16): matrix headers under the names peers write, PySAL's default
// E2SFCA as a preset (bounds inclusive), any step table (bounds exclusive
// by default), full-precision output, and an error naming the columns found.
// Expected values are computed here, independently, from the definition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-apl-'));
const put = (name, text) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
// three communes; times (origin = demand, destination = supply), on band bounds
const pairs = [['A', 'A', 0], ['A', 'B', 10], ['A', 'C', 20], ['B', 'B', 0], ['B', 'A', 10],
               ['B', 'C', 30], ['C', 'C', 0], ['C', 'A', 20], ['C', 'B', 15]];
const matrix = put('m.csv', 'from,to,cost\n' + pairs.map((p) => p.join(',')).join('\n') + '\n');
const demand = put('d.csv', 'id,population\nA,1000\nB,500\nC,250\n');
const supply = put('s.csv', 'id,supply\nA,9000\nB,4500\nC,0\n');
const pop = { A: 1000, B: 500, C: 250 }, sup = { A: 9000, B: 4500, C: 0 };

// E2SFCA by the book: R_j = S_j / sum_i w(t_ij) P_i; APL_i = sum_j w(t_ij) R_j
function e2sfca(w) {
  const R = {};
  for (const j of ['A', 'B', 'C']) {
    let d = 0;
    for (const [i, jj, t] of pairs) if (jj === j) d += w(t) * pop[i];
    R[j] = d > 0 ? sup[j] / d : 0;
  }
  const apl = {};
  for (const i of ['A', 'B', 'C']) {
    apl[i] = 0;
    for (const [ii, j, t] of pairs) if (ii === i) apl[i] += w(t) * R[j];
  }
  return apl;
}

function run(...args) {
  const r = spawnSync(process.env.OASIS_BIN, ['apl', '--matrix', matrix, '--demand', demand,
                      '--supply', supply, '--supply-unit', 'acts', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
  return { apl: Object.fromEntries(rows.map((c) => [c[0], Number(c[2])])), raw: rows, stderr: r.stderr };
}

const near = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

test("PySAL's default E2SFCA, bounds inclusive (cost <= 10 → 1)", () => {
  const want = e2sfca((t) => (t <= 10 ? 1 : t <= 20 ? 0.68 : t <= 30 ? 0.22 : 0));
  const got = run('--preset', 'pysal-e2sfca');
  for (const c of ['A', 'B', 'C']) assert.ok(near(got.apl[c], want[c]), `${c}: ${got.apl[c]} vs ${want[c]}`);
  assert.match(got.stderr, /steps 10:1,20:0\.68,30:0\.22 \(bornes incluses\)/);
});

test('a step table, bounds exclusive by default (the next band starts at the bound)', () => {
  const want = e2sfca((t) => (t < 10 ? 1 : t < 15 ? 0.6667 : t < 20 ? 0.3333 : 0));
  const got = run('--steps', '10:1,15:0.6667,20:0.3333');
  for (const c of ['A', 'B', 'C']) assert.ok(near(got.apl[c], want[c]), `${c}`);
  const incl = run('--steps', '10:1,15:0.6667,20:0.3333', '--boundary', 'inclusive');
  const wantIncl = e2sfca((t) => (t <= 10 ? 1 : t <= 15 ? 0.6667 : t <= 20 ? 0.3333 : 0));
  for (const c of ['A', 'B', 'C']) assert.ok(near(incl.apl[c], wantIncl[c]), `${c} inclusive`);
});

test('full precision by default, fixed decimals on demand', () => {
  const got = run('--preset', 'drees');
  const want = e2sfca((t) => (t < 10 ? 1 : t < 15 ? 2 / 3 : t < 20 ? 1 / 3 : 0));
  for (const c of ['A', 'B', 'C']) assert.ok(near(got.apl[c], want[c]));
  assert.ok(got.raw.some((r) => r[2].replace(/^[^.]*\.?/, '').length > 4), 'more than 4 decimals');
  const fixed = run('--preset', 'drees', '--precision', '2');
  for (const r of fixed.raw) assert.match(r[2], /^\d+\.\d{2}$/);
});

test('a matrix without the expected columns names what it found', () => {
  const bad = put('bad.csv', 'depart,arrivee,temps\nA,B,3\n');
  const r = spawnSync(process.env.OASIS_BIN, ['apl', '--matrix', bad, '--demand', demand,
                      '--supply', supply], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /trouvé : depart, arrivee, temps/);
  const steps = spawnSync(process.env.OASIS_BIN, ['apl', '--matrix', matrix, '--demand', demand,
                          '--supply', supply, '--steps', '10:1,5:2'], { encoding: 'utf8' });
  assert.equal(steps.status, 2);
  assert.match(steps.stderr, /--steps : bande 2/);
});
