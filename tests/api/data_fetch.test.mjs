// `oasis data fetch` against a local HTTP server on 127.0.0.1 serving a
// mirror of $OASIS_DATA_DIR: files are checked by sha256 and only a
// verified file ever appears in the destination.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';

const BIN = process.env.OASIS_BIN;
const DATA = process.env.OASIS_DATA_DIR;
const FILE = 'apl/apl_mg_parametres_drees.csv';
const hasData = !!DATA && fs.existsSync(path.join(DATA, FILE));

let server;
let base;
const hits = [];

before(async () => {
  assert.ok(BIN, 'OASIS_BIN must point at the oasis binary');
  server = http.createServer((req, res) => {
    hits.push(req.url);
    // /good/<path> serves the real file, /bad/<path> a tampered copy.
    const m = req.url.match(/^\/(good|bad)\/(.+)$/);
    const file = m && DATA ? path.join(DATA, decodeURIComponent(m[2])) : null;
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    let body = fs.readFileSync(file);
    if (m[1] === 'bad') body = Buffer.concat([body, Buffer.from('x')]);
    res.writeHead(200, { 'content-length': body.length });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

// Asynchronous on purpose: the server lives in this process's event loop.
function fetchData(dest, ...args) {
  return new Promise((resolve) => {
    const child = spawn(BIN, ['data', 'fetch', '--dest', dest, ...args], {
      env: { ...process.env, OASIS_DATA_DIR: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

function tmpDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-fetch-'));
}

test('downloads a listed file from a mirror and verifies its sha256',
  { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
    const dest = tmpDir();
    const r = await fetchData(dest, '--base-url', `${base}/good`, '--only', FILE);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /vérifié/);
    assert.deepEqual(fs.readFileSync(path.join(dest, FILE)),
      fs.readFileSync(path.join(DATA, FILE)));
    // A second run finds the file present and asks the server nothing.
    const before = hits.length;
    const again = await fetchData(dest, '--base-url', `${base}/good`, '--only', FILE);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /déjà présent/);
    assert.equal(hits.length, before);
    fs.rmSync(dest, { recursive: true });
  });

test('rejects a file whose sha256 differs and leaves nothing behind',
  { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
    const dest = tmpDir();
    const r = await fetchData(dest, '--base-url', `${base}/bad`, '--only', FILE);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /sha256 inattendue/);
    assert.equal(fs.existsSync(path.join(dest, FILE)), false);
    assert.equal(fs.existsSync(path.join(dest, FILE + '.part')), false);
    fs.rmSync(dest, { recursive: true });
  });

test('reports a missing file on the server with exit status 1', async () => {
  const dest = tmpDir();
  const r = await fetchData(dest, '--base-url', `${base}/nowhere`, '--only', FILE);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /échec du téléchargement/);
  assert.equal(fs.existsSync(path.join(dest, FILE)), false);
  fs.rmSync(dest, { recursive: true });
});

test('refuses a file that is not in the list (usage, exit 2)', async () => {
  const dest = tmpDir();
  const r = await fetchData(dest, '--base-url', base, '--only', 'etc/passwd');
  assert.equal(r.status, 2);
  fs.rmSync(dest, { recursive: true });
});
