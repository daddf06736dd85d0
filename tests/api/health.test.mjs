// tests/api/health.test.mjs: /healthz proves the write path too (a full disk
// used to leave it saying "ok"), /readyz says when the server can serve, and
// OASIS_ACCESS_LOG=0 silences the access log (issue 17).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from './lib/server.mjs';

let server;
before(async () => { server = await startServer({ env: { OASIS_ACCESS_LOG: '0' } }); });
after(async () => { await server?.stop(); });

test('healthz turns 503 when writes fail, readyz stays 200', async () => {
  let r = await fetch(server.url + '/healthz');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ok\n');
  assert.equal((await fetch(server.url + '/readyz')).status, 200);
  // Every write now fails, as on a full disk.
  execFileSync('sqlite3', [server.dbPath,
    "CREATE TRIGGER full_disk BEFORE UPDATE ON health_probe BEGIN SELECT RAISE(FAIL, 'disque plein'); END;"]);
  await new Promise((res) => setTimeout(res, 5200));      // past the 5 s cache
  r = await fetch(server.url + '/healthz');
  assert.equal(r.status, 503);
  assert.match(await r.text(), /écriture impossible/);
  assert.equal((await fetch(server.url + '/readyz')).status, 200, 'reads still work');
  execFileSync('sqlite3', [server.dbPath, 'DROP TRIGGER full_disk;']);
  await new Promise((res) => setTimeout(res, 5200));
  assert.equal((await fetch(server.url + '/healthz')).status, 200, 'and it recovers');
});

test('OASIS_ACCESS_LOG=0: no access log lines', async () => {
  await fetch(server.url + '/aides');
  assert.doesNotMatch(server.log(), /GET \/aides 200/);
});
