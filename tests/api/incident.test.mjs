// tests/api/incident.test.mjs: a write that fails (the database stays
// locked by another process past the busy timeout) is rolled back and
// answered 500 with an incident id that the server log carries too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('a failed write is a 500 with an incident id, and nothing is half-written', async () => {
  const a = new Client(server.url);
  await a.login(server.adminLogin, server.adminPassword);
  const token = await a.csrf('/admin');
  // Another process takes the write lock and keeps it for 7 s (> 5 s busy timeout).
  const locker = spawn('sqlite3', [server.dbPath], { stdio: ['pipe', 'ignore', 'inherit'] });
  locker.stdin.write('BEGIN IMMEDIATE;\nINSERT INTO settings(key, value) VALUES (\'verrou\', \'1\');\n');
  await new Promise((r) => setTimeout(r, 300));
  const r = await a.post('/admin/utilisateurs',
    { identifiant: 'bloque', nom: 'x', role: 'lecteur', mot_de_passe: 'motdepasse-b' },
    { csrf: token });
  locker.stdin.end('ROLLBACK;\n');
  await new Promise((res) => locker.on('exit', res));
  assert.equal(r.status, 500);
  const id = r.headers.get('x-incident-id');
  assert.match(id, /^[0-9a-f]{12}$/);
  const html = await r.text();
  assert.ok(html.includes(id), 'the page shows the incident id');
  assert.doesNotMatch(html, /SQLITE|sqlite|database is locked/i, 'no internals on the page');
  assert.match(server.log(), new RegExp(`incident ${id}`));
  assert.match(server.log(), new RegExp(`POST /admin/utilisateurs 500 \\d+ \\d+us incident=${id}`));
  // Nothing was written, and the server still works.
  const list = await (await a.get('/admin')).text();
  assert.doesNotMatch(list, /bloque/);
  const retry = await a.post('/admin/utilisateurs',
    { identifiant: 'bloque', nom: 'x', role: 'lecteur', mot_de_passe: 'motdepasse-b' },
    { from: '/admin' });
  assert.equal(retry.status, 303);
});
