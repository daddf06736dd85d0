// tests/api/cache.test.mjs: public pages served from memory until the data
// changes (issue 17: a shared campaign link must not saturate the server).
// Anonymous GETs only; never a page carrying a per-visitor token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('a public page is served from the cache, with an ETag and 304', async () => {
  const first = await fetch(server.url + '/observatoire');
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-cache'), null, 'the first visit renders');
  const body = await first.text();
  const second = await fetch(server.url + '/observatoire');
  assert.equal(second.headers.get('x-cache'), 'hit');
  assert.equal(await second.text(), body);
  const etag = second.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
  assert.match(second.headers.get('cache-control'), /no-cache/);
  assert.match(second.headers.get('content-security-policy'), /script-src 'self'/);
  const again = await fetch(server.url + '/observatoire', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  // a page's own headers come back with it (the widget's frame-ancestors)
  const w1 = await fetch(server.url + '/portail/widget');
  const w2 = await fetch(server.url + '/portail/widget');
  assert.equal(w2.headers.get('x-cache'), 'hit');
  assert.equal(w2.headers.get('content-security-policy'), w1.headers.get('content-security-policy'));
  assert.match(w2.headers.get('content-security-policy'), /frame-ancestors 'self'/);
  assert.equal(w2.headers.get('x-frame-options'), null);
  // the query string is part of the key
  const other = await fetch(server.url + '/observatoire?millesime=2022');
  assert.equal(other.headers.get('x-cache'), null);
});

test('any write, even from another process, makes the next visit render again', async () => {
  await fetch(server.url + '/aides');
  assert.equal((await fetch(server.url + '/aides')).headers.get('x-cache'), 'hit');
  execFileSync('sqlite3', [server.dbPath, "INSERT INTO settings(key, value) VALUES ('cache-test', '1') " +
                           "ON CONFLICT(key) DO UPDATE SET value = value || '1'"]);
  const after = await fetch(server.url + '/aides');
  assert.equal(after.headers.get('x-cache'), null, 'stale entry not served');
  assert.equal((await fetch(server.url + '/aides')).headers.get('x-cache'), 'hit');
});

test('signed-in users and pages with a token are never served from the cache', async () => {
  const c = new Client(server.url);
  await c.login('admin', server.adminPassword);
  await c.get('/observatoire');
  const r = await c.get('/observatoire');
  assert.equal(r.headers.get('x-cache'), null);
  assert.match(await r.text(), /Se déconnecter/);
  // An event page carries a registration form: its CSRF token is bound to
  // the visitor's own cookie, so the page is never shared.
  execFileSync('sqlite3', [server.dbPath, "INSERT INTO portal_events(id, kind, title, starts_on, capacity) " +
                           "VALUES (4242, 'salon', 'Salon de l''installation', '2099-05-01', 10)"]);
  const e1 = await fetch(server.url + '/portail/evenements/4242');
  assert.equal(e1.status, 200);
  const t1 = (await e1.text()).match(/name="csrf_token" value="([0-9a-f]+)"/)?.[1];
  assert.ok(t1, 'the page has a registration form');
  const e2 = await fetch(server.url + '/portail/evenements/4242');
  assert.equal(e2.headers.get('x-cache'), null);
  const t2 = (await e2.text()).match(/name="csrf_token" value="([0-9a-f]+)"/)?.[1];
  assert.notEqual(t1, t2, 'each visitor gets a token of their own');
  // and a GET form without a token (the simulator) may be shared
  await fetch(server.url + '/aides/simulateur');
  const s2 = await fetch(server.url + '/aides/simulateur');
  assert.equal(s2.headers.get('x-cache'), 'hit');
  assert.doesNotMatch(await s2.text(), /csrf_token/);
});
