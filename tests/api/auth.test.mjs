// tests/api/auth.test.mjs: login, sessions, logout, CSRF, roles, lockout,
// against the real server (tests/api/lib/server.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function admin() {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  return c;
}

async function createUser(adminClient, login, role, name = '') {
  const r = await adminClient.post('/admin/utilisateurs',
    { identifiant: login, nom: name, role, mot_de_passe: 'motdepasse-' + login },
    { from: '/admin' });
  assert.equal(r.status, 303, `create ${login}`);
  return 'motdepasse-' + login;
}

test('/healthz answers ok, also to HEAD', async () => {
  const r = await fetch(server.url + '/healthz');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ok\n');
  const h = await fetch(server.url + '/healthz', { method: 'HEAD' });
  assert.equal(h.status, 200);
  assert.equal((await h.arrayBuffer()).byteLength, 0);
});

test('the login page is French and labelled', async () => {
  const html = await (await fetch(server.url + '/connexion')).text();
  for (const s of ['Connexion', 'Identifiant', 'Mot de passe', 'Se connecter',
                   'for="identifiant"', 'for="mot_de_passe"']) {
    assert.ok(html.includes(s), s);
  }
});

test('an anonymous visitor of a protected page is sent to the login page', async () => {
  const r = await fetch(server.url + '/admin', { redirect: 'manual' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/connexion?suite=%2Fadmin');
  const api = await fetch(server.url + '/api/v1/moi');
  assert.equal(api.status, 401);
  const body = await api.json();
  assert.equal(body.error.code, 'non_authentifie');
  assert.equal(typeof body.error.message, 'string');
  assert.ok('field' in body.error);
});

test('login sets a 256-bit HttpOnly SameSite session and follows suite', async () => {
  const c = new Client(server.url);
  const r = await c.post('/connexion', { identifiant: 'admin',
    mot_de_passe: server.adminPassword, suite: '/admin' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/admin');
  const cookie = r.headers.getSetCookie().find((s) => s.startsWith('oasis_session='));
  assert.match(cookie, /^oasis_session=[0-9a-f]{64};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/);
  const me = await (await c.get('/api/v1/moi')).json();
  assert.equal(me.login, 'admin');
  assert.equal(me.role, 'admin');
  assert.equal((await c.get('/admin')).status, 200);
});

test('suite never redirects to another site', async () => {
  const c = new Client(server.url);
  const r = await c.post('/connexion', { identifiant: 'admin',
    mot_de_passe: server.adminPassword, suite: '//evil.example/x' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/');
});

test('the cookie is Secure behind TLS (X-Forwarded-Proto: https)', async () => {
  const c = new Client(server.url);
  const token = await c.csrf();
  const r = await c.fetch('/connexion', { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded',
               'X-Forwarded-Proto': 'https' },
    body: new URLSearchParams({ identifiant: 'admin', mot_de_passe: server.adminPassword,
                                csrf_token: token }).toString() });
  assert.equal(r.status, 303);
  assert.match(r.headers.getSetCookie().join('\n'), /oasis_session=[0-9a-f]{64};[^\n]*Secure/);
});

test('a new login gets a new session id; logout ends the session', async () => {
  const c = new Client(server.url);
  await c.login('admin', server.adminPassword);
  const first = c.cookies.get('oasis_session');
  await c.login('admin', server.adminPassword);
  const second = c.cookies.get('oasis_session');
  assert.notEqual(first, second);
  const stale = await fetch(server.url + '/api/v1/moi',
                            { headers: { Cookie: `oasis_session=${first}` } });
  assert.equal(stale.status, 401, 'the replaced session no longer works');

  const r = await c.post('/deconnexion', {}, { from: '/admin' });
  assert.equal(r.status, 303);
  const after = await fetch(server.url + '/api/v1/moi',
                            { headers: { Cookie: `oasis_session=${second}` } });
  assert.equal(after.status, 401, 'the logged-out session no longer works');
  assert.equal((await c.get('/admin')).status, 303);
});

test('POSTs without a valid CSRF token are refused with 403', async () => {
  const anon = new Client(server.url);
  const noToken = await anon.post('/connexion',
    { identifiant: 'admin', mot_de_passe: server.adminPassword }, { csrf: false });
  assert.equal(noToken.status, 403);
  assert.match(await noToken.text(), /CSRF/);

  // A token is bound to its visitor: another visitor's token fails.
  const other = new Client(server.url);
  const foreign = await other.csrf();
  await anon.get('/connexion');
  const r = await anon.post('/connexion',
    { identifiant: 'admin', mot_de_passe: server.adminPassword }, { csrf: foreign });
  assert.equal(r.status, 403);

  const a = await admin();
  const forged = await a.post('/admin/utilisateurs',
    { identifiant: 'intrus', role: 'admin', mot_de_passe: 'motdepasse-x' }, { csrf: false });
  assert.equal(forged.status, 403);
  const wrong = await a.post('/admin/utilisateurs',
    { identifiant: 'intrus', role: 'admin', mot_de_passe: 'motdepasse-x' },
    { csrf: '0'.repeat(64) });
  assert.equal(wrong.status, 403);
  assert.doesNotMatch(await (await a.get('/admin')).text(), /intrus/);

  // The header works as well as the field (API clients).
  const { csrf } = await (await a.get('/api/v1/moi')).json();
  const viaHeader = await a.post('/admin/utilisateurs',
    { identifiant: 'par-entete', role: 'lecteur', mot_de_passe: 'motdepasse-x' },
    { csrf: false, headers: { 'X-CSRF-Token': csrf } });
  assert.equal(viaHeader.status, 303);
});

test('roles are enforced: lecteur and agent get 403 on admin pages', async () => {
  const a = await admin();
  const pwL = await createUser(a, 'lucie', 'lecteur', 'Lucie Lecteur');
  const pwG = await createUser(a, 'gael', 'agent', 'Gaël Agent');
  for (const [login, pw] of [['lucie', pwL], ['gael', pwG]]) {
    const c = new Client(server.url);
    await c.login(login, pw);
    assert.equal((await c.get('/api/v1/moi')).status, 200);
    const r = await c.get('/admin');
    assert.equal(r.status, 403, `${login} on /admin`);
    assert.match(await r.text(), /Accès refusé/);
    assert.equal((await c.get('/admin/journal')).status, 403);
    const post = await c.post('/admin/utilisateurs',
      { identifiant: 'x' + login, role: 'admin', mot_de_passe: 'motdepasse-x' }, { from: '/' });
    assert.equal(post.status, 403);
  }
});

test('admin changes a role and disables an account; both are audited', async () => {
  const a = await admin();
  const pw = await createUser(a, 'paul', 'lecteur');
  const c = new Client(server.url);
  await c.login('paul', pw);
  const page = await (await a.get('/admin')).text();
  const id = page.match(/<label for="role-(\d+)">Rôle de paul</)?.[1];
  assert.ok(id, 'paul has a role form');
  const changed = await a.post(`/admin/utilisateurs/${id}/role`, { role: 'agent' },
                               { from: '/admin' });
  assert.equal(changed.status, 303, await changed.text());
  assert.equal((await (await c.get('/api/v1/moi')).json()).role, 'agent');
  assert.equal((await a.post(`/admin/utilisateurs/${id}/etat`, { desactive: '1' },
                             { from: '/admin' })).status, 303);
  assert.equal((await c.get('/api/v1/moi')).status, 401, 'disabling ends sessions');
  const again = await new Client(server.url).post('/connexion',
    { identifiant: 'paul', mot_de_passe: pw });
  assert.equal(again.status, 401);
  const journal = await (await a.get('/admin/journal?entite=user')).text();
  assert.match(journal, /role/);
  assert.match(journal, /disable/);
  assert.match(journal, /&quot;role&quot;:&quot;agent&quot;/);
});

test('the last admin cannot be demoted', async () => {
  const a = await admin();
  const page = await (await a.get('/admin')).text();
  const id = page.match(/<label for="role-(\d+)">Rôle de admin</)?.[1];
  assert.ok(id);
  const r = await a.post(`/admin/utilisateurs/${id}/role`, { role: 'lecteur' }, { from: '/admin' });
  assert.equal(r.status, 403);
  assert.equal((await (await a.get('/api/v1/moi')).json()).role, 'admin');
});

test('no admin deactivates their own account; another admin can be', async () => {
  const a = await admin();
  const other = new Client(server.url);
  await other.login('admin2', await createUser(a, 'admin2', 'admin', 'Second admin'));
  const page = await (await a.get('/admin')).text();
  const idSelf = page.match(/<label for="role-(\d+)">Rôle de admin</)[1];
  const idOther = page.match(/<label for="role-(\d+)">Rôle de admin2</)[1];
  let r = await a.post(`/admin/utilisateurs/${idSelf}/etat`, { desactive: '1' }, { from: '/admin' });
  assert.equal(r.status, 403);
  assert.match(await r.text(), /vous ne pouvez pas désactiver votre propre compte/);
  r = await other.post(`/admin/utilisateurs/${idOther}/etat`, { desactive: '1' }, { from: '/admin' });
  assert.equal(r.status, 403, 'nor the second one his');
  r = await a.post(`/admin/utilisateurs/${idOther}/etat`, { desactive: '1' }, { from: '/admin' });
  assert.equal(r.status, 303);
  assert.equal((await other.get('/api/v1/moi')).status, 401, 'the disabled admin is signed out');
  assert.equal((await (await a.get('/api/v1/moi')).json()).role, 'admin');
});

test('repeated failures make the next attempt wait, then lock', async () => {
  const a = await admin();
  const pw = await createUser(a, 'victime', 'agent');
  const c = new Client(server.url);
  for (let i = 0; i < 3; i++) {
    const r = await c.post('/connexion', { identifiant: 'victime', mot_de_passe: 'faux-' + i });
    assert.equal(r.status, 401, `failure ${i + 1}`);
  }
  // Even the right password waits now.  (The wait runs from the last
  // failure; the failures are dated now, count untouched, so that the
  // password hashing of a slow ASan build on a loaded machine is not
  // mistaken for the wait.)
  const touch = () => execFileSync('sqlite3', [server.dbPath,
    `UPDATE login_failures SET last_at = ${Date.now()} WHERE kind IN ('pair', 'login')`]);
  touch();
  const blocked = await c.post('/connexion', { identifiant: 'victime', mot_de_passe: pw });
  assert.equal(blocked.status, 429);
  const wait1 = Number(blocked.headers.get('retry-after'));
  assert.ok(wait1 >= 1, `Retry-After ${wait1}`);
  assert.match(await blocked.text(), /Trop de tentatives/);
  await new Promise((r) => setTimeout(r, wait1 * 1000 + 100));
  const fourth = await c.post('/connexion', { identifiant: 'victime', mot_de_passe: 'faux-3' });
  assert.equal(fourth.status, 401);
  // The 4th failure costs 2 s: still refused after the 1 s of the 3rd.
  touch();
  await new Promise((r) => setTimeout(r, 1100));
  const blocked2 = await c.post('/connexion', { identifiant: 'victime', mot_de_passe: pw });
  assert.equal(blocked2.status, 429, 'the delay grows');
  // Other accounts from elsewhere are not affected.
  assert.equal((await new Client(server.url).post('/connexion',
    { identifiant: 'admin', mot_de_passe: server.adminPassword })).status, 303);
});

test('an unknown account id is a 404', async () => {
  const a = await admin();
  const r = await a.post('/admin/utilisateurs/999999/role', { role: 'agent' }, { from: '/admin' });
  assert.equal(r.status, 404);
  const bad = await a.post('/admin/utilisateurs/abc/etat', { desactive: '1' }, { from: '/admin' });
  assert.equal(bad.status, 404);
});
