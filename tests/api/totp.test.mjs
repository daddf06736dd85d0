// tests/api/totp.test.mjs: the optional second factor (RFC 6238, SHA-256).
// An admin turns it on from /compte with the key shown as text, a wrong
// first code is refused at the field; the login then asks a code after
// the password (no session before it), a code works once, a recovery code
// once; wrong codes count as failed logins; turning it off needs the
// password.  Codes are computed here with node's own HMAC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, acc = 0;
  const out = [];
  for (const ch of s.replace(/[ =-]/g, '').toUpperCase()) {
    acc = (acc << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((acc >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

function totp(key, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha256', key).update(msg).digest();
  const o = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 30000);

async function passwordStep(c) {
  return c.post('/connexion', { identifiant: server.adminLogin, mot_de_passe: server.adminPassword });
}

function ticketFields(html) {
  return {
    ticket: html.match(/name="ticket" value="([^"]+)"/)[1],
    suite: html.match(/name="suite" value="([^"]*)"/)[1],
  };
}

let key, recovery;

test('turning the second factor on: key as text and otpauth URI, the first code confirms', async () => {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  let html = await (await c.get('/compte')).text();
  assert.match(html, /<h2 id="double-authentification">Double authentification<\/h2>/);
  assert.match(html, /Activer la double authentification/);
  let r = await c.post('/compte/double-authentification', {}, { from: '/compte' });
  assert.equal(r.status, 200);
  html = await r.text();
  const secret = html.match(/<code class="secret">([A-Z2-7 ]+)<\/code>/)[1];
  assert.match(html, new RegExp(`otpauth://totp/oasis:admin\\?secret=${secret.replace(/ /g, '')}` +
    '&amp;issuer=oasis&amp;algorithm=SHA256&amp;digits=6&amp;period=30'));
  key = base32Decode(secret);
  assert.equal(key.length, 32);

  const wrong = totp(key, stepNow() + 5);
  r = await c.post('/compte/double-authentification/activer', { code: wrong }, { from: '/compte' });
  assert.equal(r.status, 400);
  html = await r.text();
  assert.match(html, /id="f-code-err">Code à 6 chiffres : incorrect/);
  assert.match(html, new RegExp(secret), 'the same key is shown again');

  r = await c.post('/compte/double-authentification/activer', { code: totp(key, stepNow()) },
    { from: '/compte' });
  assert.equal(r.status, 200);
  html = await r.text();
  recovery = [...html.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
  assert.equal(recovery.length, 10);
  assert.match(await (await c.get('/compte')).text(), /est <strong>activée<\/strong>/);
});

test('the login asks the code after the password; a code works once', async () => {
  const c = new Client(server.url);
  let r = await passwordStep(c);
  assert.equal(r.status, 200, 'no redirect: the code is asked');
  assert.ok(!c.cookies.has('oasis_session'), 'no session before the code');
  const html = await r.text();
  assert.match(html, /<label for="code">Code de vérification<\/label>/);
  const fields = ticketFields(html);

  r = await c.post('/connexion/code', { ...fields, code: '000000' }, { from: '/connexion' });
  assert.equal(r.status, 401);
  assert.match(await r.text(), /Code incorrect ou déjà utilisé/);
  assert.ok(!c.cookies.has('oasis_session'));

  // the step the activation used is spent: the next one is accepted
  const code = totp(key, stepNow() + 1);
  r = await c.post('/connexion/code', { ...fields, code }, { from: '/connexion' });
  assert.equal(r.status, 303);
  assert.ok(c.cookies.has('oasis_session'));
  assert.equal((await c.get('/api/v1/moi')).status, 200);

  const again = new Client(server.url);
  const f2 = ticketFields(await (await passwordStep(again)).text());
  r = await again.post('/connexion/code', { ...f2, code }, { from: '/connexion' });
  assert.equal(r.status, 401, 'the same code twice is refused');
});

test('a forged or altered ticket is refused', async () => {
  const c = new Client(server.url);
  const f = ticketFields(await (await passwordStep(c)).text());
  const [id, exp, mac] = f.ticket.split('.');
  const r = await c.post('/connexion/code',
    { ...f, ticket: `${id}.${Number(exp) + 3600}.${mac}`, code: totp(key, stepNow()) },
    { from: '/connexion' });
  assert.equal(r.status, 400);
  assert.ok(!c.cookies.has('oasis_session'));
});

test('a recovery code logs in once', async () => {
  const c = new Client(server.url);
  let f = ticketFields(await (await passwordStep(c)).text());
  let r = await c.post('/connexion/code', { ...f, code: recovery[0].toUpperCase() }, { from: '/connexion' });
  assert.equal(r.status, 303);
  const d = new Client(server.url);
  f = ticketFields(await (await passwordStep(d)).text());
  r = await d.post('/connexion/code', { ...f, code: recovery[0] }, { from: '/connexion' });
  assert.equal(r.status, 401);
});

test('turning it off needs the password; then the login asks no code', async () => {
  const c = new Client(server.url);
  const f = ticketFields(await (await passwordStep(c)).text());
  let r = await c.post('/connexion/code', { ...f, code: recovery[1] }, { from: '/connexion' });
  assert.equal(r.status, 303);
  r = await c.post('/compte/double-authentification/desactiver', { mot_de_passe_2fa: 'faux' },
    { from: '/compte' });
  assert.equal(r.status, 400);
  r = await c.post('/compte/double-authentification/desactiver',
    { mot_de_passe_2fa: server.adminPassword }, { from: '/compte' });
  assert.equal(r.status, 303);
  const d = new Client(server.url);
  assert.equal((await passwordStep(d)).status, 303);
});
