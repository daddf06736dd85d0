// tests/api/errors.test.mjs: malformed or refused requests get a clear 4xx
// (French page, or JSON under /api/) and never take the server down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

// Send raw bytes (fetch would re-encode a bad path) and return the status.
function rawStatus(request) {
  return new Promise((resolve, reject) => {
    const s = net.connect(server.port, '127.0.0.1', () => s.write(request));
    let data = '';
    s.on('data', (d) => { data += d.toString('latin1'); });
    s.on('end', () => resolve(Number(data.split(' ')[1])));
    s.on('error', reject);
  });
}

test('an unknown page is a French 404; under /api/ a JSON 404', async () => {
  const r = await fetch(server.url + '/pas-de-page-ici');
  assert.equal(r.status, 404);
  const html = await r.text();
  assert.match(html, /<html lang="fr"/);
  assert.match(html, /Page introuvable/);
  const api = await fetch(server.url + '/api/v1/rien');
  assert.equal(api.status, 404);
  assert.match(api.headers.get('content-type'), /^application\/json/);
  const body = await api.json();
  assert.equal(body.error.code, 'introuvable');
  assert.equal(body.error.field, null);
});

test('a wrong method is a 405 with Allow', async () => {
  const r = await fetch(server.url + '/healthz', { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow'), /GET/);
  assert.match(await r.text(), /Méthode non autorisée/);
  const api = await fetch(server.url + '/api/v1/moi', { method: 'PUT' });
  assert.equal(api.status, 405);
  assert.equal((await api.json()).error.code, 'methode_non_autorisee');
});

test('a body over the limit is refused with 413', async () => {
  const c = new Client(server.url);
  const big = 'x'.repeat(2 * 1024 * 1024);
  const r = await c.post('/connexion', { identifiant: 'admin', mot_de_passe: big });
  assert.equal(r.status, 413);
  assert.match(await r.text(), /trop volumineuse/);
  assert.equal((await fetch(server.url + '/healthz')).status, 200);
});

test('malformed UTF-8 in the path, the query or a form is a 400', async () => {
  assert.equal(await rawStatus('GET /%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 400);
  assert.equal(await rawStatus('GET /connexion?suite=%C3%28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 400);
  const q = await fetch(server.url + '/connexion?x=%ED%A0%80');   // a surrogate
  assert.equal(q.status, 400);
  assert.match(await q.text(), /UTF-8/);
  const api = await fetch(server.url + '/api/v1/moi?x=%C0%AF');    // overlong
  assert.equal(api.status, 400);
  assert.equal((await api.json()).error.code, 'saisie_invalide');

  const c = new Client(server.url);
  const token = await c.csrf();
  for (const body of [`csrf_token=${token}&identifiant=%FF&mot_de_passe=x`,
                      `csrf_token=${token}&identifiant=a%00b&mot_de_passe=x`,
                      `csrf_token=${token}&identifiant=%G1&mot_de_passe=x`]) {
    const r = await c.fetch('/connexion', { method: 'POST', body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 400, body);
  }
  assert.equal((await fetch(server.url + '/healthz')).status, 200);
});

test('multipart forms are parsed (login through multipart/form-data)', async () => {
  const c = new Client(server.url);
  const token = await c.csrf();
  const fd = new FormData();
  fd.set('csrf_token', token);
  fd.set('identifiant', 'admin');
  fd.set('mot_de_passe', server.adminPassword);
  fd.set('piece', new Blob(['\x00\x01binary']), 'note.bin');
  const r = await c.fetch('/connexion', { method: 'POST', body: fd });
  assert.equal(r.status, 303);
  assert.equal((await c.get('/api/v1/moi')).status, 200);
});

test('a truncated multipart body is a 400, not a crash', async () => {
  const c = new Client(server.url);
  await c.csrf();
  const r = await c.fetch('/connexion', { method: 'POST',
    headers: { 'Content-Type': 'multipart/form-data; boundary=XyZ' },
    body: '--XyZ\r\nContent-Disposition: form-data; name="identifiant"\r\n\r\nadmin' });
  assert.equal(r.status, 400);
});

test('garbage requests do not take the server down', async () => {
  for (const req of ['\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n',
                     'GET\r\n\r\n', 'POST /connexion HTTP/1.1\r\nHost: x\r\n' +
                     'Content-Length: 5\r\nContent-Type: application/json\r\n' +
                     'Connection: close\r\n\r\n{"a":']) {
    await rawStatus(req).catch(() => {});
  }
  assert.equal((await fetch(server.url + '/healthz')).status, 200);
});

test('HEAD is served by GET routes', async () => {
  const r = await fetch(server.url + '/connexion', { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal((await r.arrayBuffer()).byteLength, 0);
});

test('JSON API bodies: CSRF header, malformed JSON and bad UTF-8 are 4xx JSON', async () => {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  const { csrf } = await (await c.get('/api/v1/moi')).json();
  const post = (body, headers = {}) => c.fetch('/api/v1/moi', { method: 'POST', body,
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, ...headers } });

  const noCsrf = await c.fetch('/api/v1/moi', { method: 'POST', body: '{"name":"x"}',
    headers: { 'Content-Type': 'application/json' } });
  assert.equal(noCsrf.status, 403);
  assert.equal((await noCsrf.json()).error.code, 'csrf');

  for (const body of ['{"name":', '[1,2', '{"name":"a","name":"b"}',
                      Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a,
                                   0x22, 0xff, 0xfe, 0x22, 0x7d])]) {
    const r = await post(body);
    assert.equal(r.status, 400, String(body));
    const e = (await r.json()).error;
    assert.equal(e.code, 'json_invalide');
    assert.equal(typeof e.message, 'string');
  }
  const nul = await post('{"name":"a\\u0000b"}');
  assert.equal(nul.status, 400);
  assert.equal((await nul.json()).error.code, 'json_invalide');  // jansson refuses \u0000
  const long = await post(JSON.stringify({ name: 'é'.repeat(150) }));
  assert.equal(long.status, 400);
  assert.equal((await long.json()).error.field, 'nom');

  const ok = await post(JSON.stringify({ name: 'Adèle Admin' }));
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).user.name, 'Adèle Admin');
  assert.equal((await (await c.get('/api/v1/moi')).json()).name, 'Adèle Admin');
});
