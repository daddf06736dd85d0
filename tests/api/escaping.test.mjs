// tests/api/escaping.test.mjs: user data is stored verbatim and never comes
// back unescaped: SQL-shaped text and an XSS payload list, through the
// admin pages (display names), the audit journal and echoed form values.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';

let server, admin;
before(async () => {
  server = await startServer();
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
});
after(async () => { await server?.stop(); });

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '</textarea><script>alert(document.cookie)</script>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '" autofocus onfocus="alert(1)',
  '<body onload=alert(1)>',
];
const SQL = "Robert'); DROP TABLE users;-- \" OR 1=1 --";

function htmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// Raw payloads that must never appear in a page (markup-bearing ones).
function assertNoRaw(html, payloads) {
  for (const p of payloads) {
    if (/[<>"']/.test(p)) assert.ok(!html.includes(p), `unescaped: ${p}`);
  }
}

test('display names are stored verbatim and shown escaped', async () => {
  const names = [...XSS, SQL];
  for (let i = 0; i < names.length; i++) {
    const r = await admin.post('/admin/utilisateurs',
      { identifiant: `u${i}`, nom: names[i], role: 'lecteur', mot_de_passe: 'motdepasse-u' },
      { from: '/admin' });
    assert.equal(r.status, 303, names[i]);
  }
  const html = await (await admin.get('/admin')).text();
  assertNoRaw(html, names);
  for (const n of names) {
    const esc = htmlEscape(n);
    assert.ok(html.includes(esc) || html.includes(esc.replace(/&#39;/g, '&#x27;')),
              `escaped form of ${n}`);
  }
  // The database holds the exact text (the users table is still there).
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-bk-')), 'copie');
  execFileSync(process.env.OASIS_BIN, ['backup', copy, '--db', server.dbPath]);
  const list = execFileSync(process.env.OASIS_BIN, ['user', 'list', '--db',
                                                    path.join(copy, 'oasis.db')]).toString();
  for (const n of names) assert.ok(list.includes(n), `verbatim: ${n}`);
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
});

test('the journal shows the payloads escaped, and its filters too', async () => {
  const html = await (await admin.get('/admin/journal?entite=user')).text();
  assertNoRaw(html, XSS);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  for (const p of XSS) {
    const r = await admin.get('/admin/journal?entite=' + encodeURIComponent(p));
    assert.equal(r.status, 200);
    const page = await r.text();
    assertNoRaw(page, [p]);
    assert.match(page, /Aucune modification ne correspond/);
  }
  const bad = await admin.get('/admin/journal?du=' + encodeURIComponent("2024-01-01' OR 1=1"));
  assert.equal(bad.status, 400);
});

test('echoed form values and query values are escaped', async () => {
  for (const p of [...XSS, SQL]) {
    const c = new Client(server.url);
    const r = await c.post('/connexion', { identifiant: p, mot_de_passe: 'x' });
    assert.equal(r.status, 401);
    const html = await r.text();
    assertNoRaw(html, [p]);
    const s = await c.get('/connexion?suite=' + encodeURIComponent('/' + p));
    assertNoRaw(await s.text(), [p]);
  }
});

test('a display name set through the JSON API is escaped in every page frame', async () => {
  const { csrf } = await (await admin.get('/api/v1/moi')).json();
  for (const p of XSS) {
    const r = await admin.fetch('/api/v1/moi', { method: 'POST', body: JSON.stringify({ name: p }),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
    assert.equal(r.status, 200);
    assert.equal((await r.json()).user.name, p, 'stored verbatim');
    for (const page of ['/', '/admin', '/connexion', '/admin/journal', '/page-absente']) {
      assertNoRaw(await (await admin.get(page)).text(), [p]);
    }
  }
});

test('an SQL-shaped login is just a wrong login', async () => {
  const c = new Client(server.url);
  const r = await c.post('/connexion', { identifiant: "admin' --", mot_de_passe: "' OR '1'='1" });
  assert.equal(r.status, 401);
  assert.equal((await c.get('/api/v1/moi')).status, 401);
});

test('an invalid account form is a 400 that names the problem', async () => {
  const r = await admin.post('/admin/utilisateurs',
    { identifiant: 'Pas Valide', nom: 'x', role: 'lecteur', mot_de_passe: 'motdepasse-u' },
    { from: '/admin' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /identifiant invalide/);
  const dup = await admin.post('/admin/utilisateurs',
    { identifiant: 'u0', nom: 'x', role: 'lecteur', mot_de_passe: 'motdepasse-u' },
    { from: '/admin' });
  assert.equal(dup.status, 400);
  assert.match(await dup.text(), /existe déjà/);
});
