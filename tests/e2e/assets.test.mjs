// tests/e2e/assets.test.mjs: embedded static files over HTTP: content
// types, strong ETags, 304 on If-None-Match, caching headers, 404s.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer } from '../api/lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('the stylesheet is served as embedded, with a strong ETag', async () => {
  const r = await fetch(server.url + '/static/css/oasis.css');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/css/);
  const etag = r.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  assert.match(r.headers.get('cache-control'), /max-age=\d+/);
  assert.equal(await r.text(), fs.readFileSync('web/css/oasis.css', 'utf8'));

  const again = await fetch(server.url + '/static/css/oasis.css',
                            { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal((await again.arrayBuffer()).byteLength, 0);

  const stale = await fetch(server.url + '/static/css/oasis.css',
                            { headers: { 'If-None-Match': '"0000000000000000"' } });
  assert.equal(stale.status, 200);
});

test('versioned URLs are immutable; the logo is SVG', async () => {
  const home = await (await fetch(server.url + '/')).text();
  const m = home.match(/\/static\/css\/oasis\.css\?v=([0-9a-f]{16})/);
  assert.ok(m, 'the layout links the stylesheet with ?v=');
  const r = await fetch(server.url + m[0]);
  assert.match(r.headers.get('cache-control'), /immutable/);
  const stale = await fetch(server.url + '/static/css/oasis.css?v=0000000000000000');
  assert.doesNotMatch(stale.headers.get('cache-control'), /immutable/);
  const logo = await fetch(server.url + '/static/img/logo.svg');
  assert.equal(logo.status, 200);
  assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
});

test('unknown or traversing asset paths are 404', async () => {
  for (const p of ['/static/css/nope.css', '/static/css/..%2F..%2Fetc%2Fpasswd',
                   '/static/img/..']) {
    const r = await fetch(server.url + p);
    assert.equal(r.status, 404, p);
  }
});
