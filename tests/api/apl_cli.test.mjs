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

// Honest gaps (issue 16): every demand id in the output, a reason when the
// APL is empty or 0, the intra-commune time a parameter, the supply unit said.
function runOn(files, ...args) {
  const r = spawnSync(process.env.OASIS_BIN, ['apl', '--matrix', files.matrix, '--demand', files.demand,
                      '--supply', files.supply, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const head = lines[0].split(',');
  const rows = Object.fromEntries(lines.slice(1).map((l) => {
    const c = l.split(',');
    return [c[0], Object.fromEntries(head.map((h, k) => [h, c[k]]))];
  }));
  return { rows, stderr: r.stderr };
}

const gaps = {
  matrix: put('g-m.csv', 'origin,destination,minutes\nA,A,0\nA,B,10\nB,B,0\nB,A,10\nC,C,25\n'),
  demand: put('g-d.csv', 'id,population\nA,1000\nB,500\nC,100\nZ,77\n'),
  supply: put('g-s.csv', 'id,supply\nA,9000\nB,4500\n'),
};

test('a demand id absent from the matrix is in the output, APL empty, with the reason', () => {
  const { rows, stderr } = runOn(gaps, '--supply-unit', 'acts');
  assert.deepEqual(Object.keys(rows), ['A', 'B', 'C', 'Z']);
  assert.equal(rows.Z.apl, '');
  assert.equal(rows.Z.population, '77.000');
  assert.equal(rows.Z.motif, 'absente de la matrice de temps');
  assert.match(stderr, /1 commune\(s\) de la demande absente de la matrice/);
  // C reaches only itself, where there is no doctor: 0, not empty, and why
  assert.equal(rows.C.apl, '0');
  assert.equal(rows.C.motif, 'aucune offre à portée');
  assert.equal(rows.A.motif, '');
});

test('--self-minutes sets the trip to itself; « matrice » keeps only the file\'s self pairs', () => {
  const dflt = runOn(gaps, '--supply-unit', 'acts').rows;
  // DREES weights: A, B at 0 min (1) and 10 min (2/3) from each other
  const R = { A: 9000 / (1000 + 500 * 2 / 3), B: 4500 / (500 + 1000 * 2 / 3) };
  assert.ok(near(Number(dflt.A.apl), R.A + (2 / 3) * R.B));
  const at12 = runOn(gaps, '--supply-unit', 'acts', '--self-minutes', '12').rows;
  // every trip now at 10 or 12 min: weight 2/3 each, so R_j = S_j / (2/3 * 1500)
  const R12 = { A: 9000 / (2 / 3 * 1500), B: 4500 / (2 / 3 * 1500) };
  assert.ok(near(Number(at12.A.apl), (2 / 3) * (R12.A + R12.B)), at12.A.apl);
  const asGiven = runOn(gaps, '--supply-unit', 'acts', '--self-minutes', 'matrice');
  // C's only pair is itself at 25 min, beyond 20: it reaches nothing
  assert.equal(asGiven.rows.C.apl, '');
  assert.match(asGiven.rows.C.motif, /aucun trajet depuis la commune/);
  assert.match(asGiven.stderr, /trajet interne paires de la matrice/);
  const bad = spawnSync(process.env.OASIS_BIN, ['apl', '--matrix', gaps.matrix, '--demand', gaps.demand,
                        '--supply', gaps.supply, '--self-minutes', 'x'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--self-minutes/);
});

test('the supply unit is never assumed silently', () => {
  const { rows, stderr } = runOn(gaps);
  assert.match(stderr, /offre lue comme des effectifs \(--supply-unit count, par défaut\) : 1 = 4500 actes/);
  assert.match(stderr, /offre en effectifs/);
  assert.equal(rows.A.offre_commune, String(9000 * 4500) + '.0');
  const acts = runOn(gaps, '--supply-unit', 'acts');
  assert.doesNotMatch(acts.stderr, /lue comme des effectifs/);
  assert.match(acts.stderr, /offre en actes/);
});

// `oasis apl --db` without flags is the stored default run, the one the UI
// shows: here stored with a calibrated supply unit, a 30-minute binary
// catchment -- none of them the defaults -- and compared bit for bit with
// the stored apl_result rows (read exactly with SQLite's ieee754()).
const FIX = path.resolve('tests/fixtures');
function oasisOk(...args) {
  const r = spawnSync(process.env.OASIS_BIN, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `oasis ${args.join(' ')}: ${r.stderr}`);
  return r;
}
function csvRows(text) {
  const lines = text.trim().split('\n');
  const head = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((c, k) => [head[k], c])));
}

test('oasis apl --db with no flags reproduces the stored default run, parameters on stderr', () => {
  const dbPath = path.join(dir, 'stored.db');
  const db = ['--db', dbPath];
  oasisOk('import', 'communes', path.join(FIX, 'communes_small.csv'), ...db);
  oasisOk('import', 'population', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022', ...db);
  oasisOk('import', 'apl-reference', path.join(FIX, 'apl_small_2022.csv'), '--vintage', '2022', ...db);
  oasisOk('import', 'supply', path.join(FIX, 'supply_small.csv'), '--vintage', '2019',
          '--column', 'generaliste', ...db);
  oasisOk('apl', ...db, '--vintage', '2022', '--calibrate-acts', '2022', '--tmax', '30',
          '--decay', 'step', '--store', '--quiet');
  const r = oasisOk('apl', ...db);
  assert.match(r.stderr, /calcul enregistré n° \d+ \(défaut du millésime 2022/);
  assert.match(r.stderr, /"decay":"step"/);
  assert.match(r.stderr, /"tmax":30/);
  assert.match(r.stderr, /identiques au calcul enregistré/);
  const stored = spawnSync('sqlite3', [dbPath, "SELECT x.commune, ieee754(x.apl), x.zone FROM apl_result x"
    + ' JOIN apl_run r ON r.id = x.run_id AND r.is_default = 1'], { encoding: 'utf8' });
  assert.equal(stored.status, 0, stored.stderr);
  const zones = ['sous-dense', 'intermédiaire', 'non zoné'];
  const want = Object.fromEntries(stored.stdout.trim().split('\n').map((l) => {
    const [code, ieee, zone] = l.split('|');
    const [, mant, exp] = ieee.match(/ieee754\((-?\d+),(-?\d+)\)/);
    return [code, { apl: Number(mant) * 2 ** Number(exp), zone: zones[Number(zone)] }];
  }));
  const got = csvRows(r.stdout);
  assert.equal(got.length, Object.keys(want).length);
  assert.ok(got.some((c) => Number(c.apl) > 0));
  for (const c of got) {
    assert.equal(Number(c.apl), want[c.code].apl, `${c.code}: ${c.apl}`);
    assert.equal(c.zone, want[c.code].zone, c.code);
  }

  // --explain on the same run: contributions sum to the APL
  const ex = oasisOk('apl', ...db, '--explain', '75101');
  const rows = csvRows(ex.stdout);
  const total = rows.pop();
  assert.equal(total.offre_code, 'total');
  assert.equal(Number(total.contribution), want['75101'].apl);
  assert.ok(rows.length >= 2, 'both arrondissements contribute');
  let sum = 0;
  for (const c of rows) {
    assert.equal(Number(c.poids), 1);                      // binary catchment
    assert.ok(Number(c.minutes) <= 30);
    assert.ok(near(Number(c.ratio), Number(c.offre_actes) / Number(c.demande_ponderee)));
    sum += Number(c.contribution);
  }
  assert.ok(near(sum, want['75101'].apl), `${sum}`);
  assert.match(ex.stderr, /APL de 75101/);
  const unknown = spawnSync(process.env.OASIS_BIN, ['apl', ...db, '--explain', '00000'], { encoding: 'utf8' });
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /« 00000 » inconnue/);
});

test('oasis apl --explain on files: which supply, which time, which weight', () => {
  const r = spawnSync(process.env.OASIS_BIN, ['apl', '--matrix', matrix, '--demand', demand,
                      '--supply', supply, '--supply-unit', 'acts', '--explain', 'C'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rows = csvRows(r.stdout);
  const total = rows.pop();
  // C reaches A at 20 min (DREES: weight 0, out) and B at 15 min (1/3)
  assert.deepEqual(rows.map((c) => [c.offre_code, c.minutes, Number(c.poids)]), [['B', '15', 1 / 3]]);
  const want = e2sfca((t) => (t < 10 ? 1 : t < 15 ? 2 / 3 : t < 20 ? 1 / 3 : 0));
  assert.ok(near(Number(total.contribution), want.C));
  const gap = spawnSync(process.env.OASIS_BIN, ['apl', '--matrix', gaps.matrix, '--demand', gaps.demand,
                        '--supply', gaps.supply, '--explain', 'Z'], { encoding: 'utf8' });
  assert.equal(gap.status, 1);
  assert.match(gap.stderr, /« Z » absente de la matrice de temps/);
});

test('--cache DIR: the second run reads the parsed matrix back, same output; a changed matrix is read again', () => {
  const cache = path.join(dir, 'cache');
  const m = put('c-m.csv', 'origin,destination,minutes\nA,B,10\nB,A,10\nC,A,12.5\n');
  const args = ['apl', '--matrix', m, '--demand', demand, '--supply', supply, '--supply-unit', 'acts',
                '--cache', cache];
  const first = spawnSync(process.env.OASIS_BIN, args, { encoding: 'utf8' });
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /matrice gardée dans le cache/);
  const second = spawnSync(process.env.OASIS_BIN, args, { encoding: 'utf8' });
  assert.match(second.stderr, /matrice lue depuis le cache/);
  assert.equal(second.stdout, first.stdout);
  fs.writeFileSync(m, 'origin,destination,minutes\nA,B,16\nB,A,16\nC,A,12.5\n');
  const third = spawnSync(process.env.OASIS_BIN, args, { encoding: 'utf8' });
  assert.match(third.stderr, /matrice gardée dans le cache/);
  assert.notEqual(third.stdout, first.stdout);
});

test('a large matrix read by the fast path gives the very output of the same matrix read by the exact path', () => {
  // 600 communes x 500 destinations = 300 000 pairs (above the band table's
  // threshold); the plain file takes the fast path, the same values quoted
  // take the general one for every row; CRLF and odd rows mixed in
  const n = 600, plain = ['origin,destination,minutes'], quoted = ['origin,destination,minutes'];
  const code = (i) => String(10000 + i);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 500; k++) {
      const j = (i + k * 7) % n;
      let t = (((i * 31 + j * 17) % 400) / 10).toFixed(1);
      if ((i + k) % 997 === 0) t = '1.5e1';                   // an exponent
      if ((i + k) % 991 === 0) t = '14.999999999999999';      // a long decimal
      const eol = (i + k) % 11 === 0 ? '\r' : '';
      plain.push(`${code(i)},${code(j)},${t}${eol}`);
      quoted.push(`"${code(i)}","${code(j)}","${t}"${eol}`);
    }
  }
  const a = put('big-plain.csv', plain.join('\n'));            // no final newline
  const b = put('big-quoted.csv', quoted.join('\n') + '\n');
  const d = put('big-d.csv', 'id,population\n' + [...Array(n).keys()].map((i) => `${code(i)},${100 + (i * 37) % 900}`).join('\n') + '\n');
  const s = put('big-s.csv', 'id,supply\n' + [...Array(n).keys()].map((i) => `${code(i)},${(i * 13) % 7}`).join('\n') + '\n');
  for (const model of [[], ['--preset', 'pysal-e2sfca'], ['--decay', 'gaussian', '--tmax', '30']]) {
    const out = (m) => {
      const r = spawnSync(process.env.OASIS_BIN, ['apl', '--matrix', m, '--demand', d, '--supply', s,
                          '--supply-unit', 'count', '--quiet', ...model], { encoding: 'utf8', maxBuffer: 1 << 26 });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    const fast = out(a), exact = out(b);
    assert.equal(fast.split('\n').length, n + 2);
    assert.equal(fast, exact, `model ${model.join(' ')}`);
  }
});
