// tests/api/lockout-ip.test.mjs: failures counted per client address, across
// accounts (its own server: the address ends up throttled).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('many failures from one address, on any logins, throttle that address', async () => {
  const c = new Client(server.url);
  const token = await c.csrf();
  const attempt = (login, pw) => c.fetch('/connexion', { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identifiant: login, mot_de_passe: pw, csrf_token: token }).toString() });
  // Distinct logins (existing or not): no account reaches its own limit.
  for (let i = 0; i < 20; i++) {
    const r = await attempt(i % 2 ? `inconnu${i}` : 'admin' + (i ? i : ''), 'mauvais');
    assert.equal(r.status, 401, `failure ${i + 1}`);
  }
  // (the failures dated now, count untouched: the wait is measured, not
  // the password hashing of a slow ASan build on a loaded machine)
  execFileSync('sqlite3', [server.dbPath,
    `UPDATE login_failures SET last_at = ${Date.now()} WHERE kind = 'ip'`]);
  const r = await attempt('admin', server.adminPassword);
  assert.equal(r.status, 429, 'the right password waits too');
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after')) * 1000 + 200));
  const ok = await attempt('admin', server.adminPassword);
  assert.equal(ok.status, 303, 'after the delay the address may try again');
});

test('behind a local proxy, X-Forwarded-For tells clients apart', async () => {
  // The address 127.0.0.1 is throttled by the test above; a forwarded
  // client is another address and may log in.
  const c = new Client(server.url);
  const token = await c.csrf();
  const login = (ip) => c.fetch('/connexion', { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
    body: new URLSearchParams({ identifiant: 'admin', mot_de_passe: server.adminPassword,
                                csrf_token: token }).toString() });
  for (let i = 0; i < 20; i++) {
    const r = await c.fetch('/connexion', { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '203.0.113.7' },
      body: new URLSearchParams({ identifiant: `x${i}`, mot_de_passe: 'faux', csrf_token: token }).toString() });
    assert.equal(r.status, 401);
  }
  execFileSync('sqlite3', [server.dbPath,
    `UPDATE login_failures SET last_at = ${Date.now()} WHERE kind = 'ip'`]);
  assert.equal((await login('10.1.2.3, 203.0.113.7')).status, 429, 'the last entry counts');
  assert.equal((await login('203.0.113.8')).status, 303, 'another client is not throttled');
});
