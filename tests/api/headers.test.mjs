// tests/api/headers.test.mjs: security headers on every page, HSTS behind
// TLS, OASIS_COOKIE_SECURE, and the 30-minute idle session (issue 17).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer({ env: { OASIS_COOKIE_SECURE: '1' } }); });
after(async () => { await server?.stop(); });

test('pages carry a script-tight CSP, framing refused, no powerful features', async () => {
  for (const p of ['/', '/observatoire', '/aides', '/connexion', '/pas-de-page']) {
    const r = await fetch(server.url + p);
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/, p);
    assert.match(csp, /script-src 'self';/, p);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe/, p);
    assert.match(csp, /frame-ancestors 'none'/, p);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', p);
    assert.match(r.headers.get('permissions-policy'), /geolocation=\(\)/, p);
    assert.equal(r.headers.get('strict-transport-security'), null, `${p}: no HSTS over plain HTTP`);
  }
  const tls = await fetch(server.url + '/', { headers: { 'X-Forwarded-Proto': 'https' } });
  assert.match(tls.headers.get('strict-transport-security'), /max-age=\d{7,}/);
});

test('OASIS_COOKIE_SECURE=1 marks cookies Secure even without TLS', async () => {
  const r = await fetch(server.url + '/connexion');
  const cookies = r.headers.getSetCookie().join('\n');
  assert.match(cookies, /oasis_csrf=[^\n]*; Secure/);
});

test('a session idle for more than 30 minutes ends', async () => {
  const c = new Client(server.url);
  await c.login('admin', server.adminPassword);
  assert.equal((await c.get('/api/v1/moi')).status, 200);
  execFileSync('sqlite3', [server.dbPath, 'UPDATE sessions SET seen_at = seen_at - 29 * 60']);
  assert.equal((await c.get('/api/v1/moi')).status, 200, '29 minutes: still signed in');
  execFileSync('sqlite3', [server.dbPath, 'UPDATE sessions SET seen_at = seen_at - 31 * 60']);
  assert.equal((await c.get('/api/v1/moi')).status, 401, '31 minutes: signed out');
});
