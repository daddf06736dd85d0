// tests/api/shutdown.test.mjs: SIGTERM lets an in-flight request finish,
// then the server checkpoints, exits 0, and the access log has one line per
// request with method, path, status, bytes and microseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './lib/server.mjs';

test('SIGTERM waits for the request in flight, then exits cleanly', async () => {
  const server = await startServer();
  const c = new Client(server.url);
  const token = await c.csrf();
  // A login costs an Argon2id hash: long enough to be in flight.
  const pending = c.fetch('/connexion', { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identifiant: 'admin', mot_de_passe: server.adminPassword,
                                csrf_token: token }).toString() });
  await new Promise((r) => setTimeout(r, 30));
  const stopped = server.stop();            // SIGTERM now
  const r = await pending;
  assert.equal(r.status, 303, 'the request in flight got its answer');
  await stopped;                            // throws unless exit status 0
  const log = server.log();
  assert.match(log, /arrêt demandé/);
  assert.match(log, /oasis : arrêté/);
  assert.match(log, /GET \/connexion 200 \d+ \d+us/);
  assert.match(log, /POST \/connexion 303 0 \d+us/);
  assert.ok(log.indexOf('arrêt demandé') < log.indexOf('POST /connexion 303'),
            'the login finished after the stop began');
  assert.doesNotMatch(log, new RegExp(server.adminPassword), 'no secret in the log');
});
