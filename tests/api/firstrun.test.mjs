// tests/api/firstrun.test.mjs: the first-run page of a real instance.
//
// A database with the COG imported and no account (what `oasis init
// --territory` leaves), served without OASIS_ADMIN_PASSWORD: every page
// redirects to /premiere-installation, which takes the one-time code the
// server printed on stderr, creates the first administrator (the account
// rules of everywhere else, every error at once, at its field), sets the
// territory (a COG code, validated, named), logs the administrator in and
// then answers 404, also after a restart.  CSRF and the rate limit of
// public writes apply.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';
import { freshDb, setupCode } from './firstrun_db.mjs';
import { buildDemoDb, hasData } from './demo_db.mjs';

let dir, dbPath, server;

const GOOD = { identifiant: 'c.martin', nom: 'Claire Martin', courriel: 'claire.martin@exemple.fr',
               mot_de_passe: 'Orties-et-Pissenlits-21', confirmation: 'Orties-et-Pissenlits-21',
               territoire: '21' };

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-firstrun-'));
  dbPath = freshDb(dir);
  server = await startServer({ dbPath, env: { OASIS_ADMIN_PASSWORD: '',
                                              OASIS_LIMIT_PER_ADDRESS: '8/600' } });
});
after(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('without an administrator every page leads to the first-run page, which needs no code to be read', async () => {
  const c = new Client(server.url);
  for (const p of ['/', '/observatoire', '/admin', '/connexion', '/portail/communes/21231']) {
    const r = await c.get(p);
    assert.equal(r.status, 303, p);
    assert.equal(r.headers.get('location'), '/premiere-installation', p);
  }
  assert.equal((await c.get('/healthz')).status, 200);
  assert.equal((await c.get('/static/css/oasis.css')).status, 200);
  const r = await c.get('/premiere-installation');
  assert.equal(r.status, 200);
  const html = await r.text();
  for (const s of ['Première installation', 'name="code"', 'name="identifiant"', 'name="courriel"',
                   'name="mot_de_passe"', 'name="territoire"']) {
    assert.ok(html.includes(s), s);
  }
  assert.doesNotMatch(html, new RegExp(setupCode(server)), 'the page never shows the code');
  const pre = await (await c.get(`/premiere-installation?code=${setupCode(server)}`)).text();
  assert.match(pre, new RegExp(`name="code" value="${setupCode(server)}"`), 'the printed address fills the code in');
});

test('a POST without its CSRF token is refused', async () => {
  const c = new Client(server.url);
  const r = await c.post('/premiere-installation', { ...GOOD, code: setupCode(server) }, { csrf: false });
  assert.equal(r.status, 403);
});

test('every bad field is named at once, the values kept, the passwords never echoed', async () => {
  const c = new Client(server.url);
  const r = await c.post('/premiere-installation', {
    code: '0'.repeat(24), identifiant: 'Claire Martin!', nom: 'Claire', courriel: 'claire@',
    mot_de_passe: 'court', confirmation: 'autre', territoire: '99' }, { from: '/premiere-installation' });
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, /Code d&#39;installation incorrect/);
  for (const f of ['code', 'identifiant', 'courriel', 'mot_de_passe', 'confirmation']) {
    assert.match(html, new RegExp(`id="f-${f}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-${f}"`), f);
  }
  assert.match(html, /value="Claire Martin!"/);
  assert.doesNotMatch(html, /value="court"/);
  // a right code and a good account, but an unknown territory: named
  const t = await c.post('/premiere-installation', { ...GOOD, code: setupCode(server), territoire: '99' },
                         { from: '/premiere-installation' });
  assert.equal(t.status, 400);
  const th = await t.text();
  assert.match(th, /id="f-territoire"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-territoire"/);
  assert.match(th, /« 99 » n&#39;est ni un/);
  // and nothing was created meanwhile
  const again = await c.get('/premiere-installation');
  assert.equal(again.status, 200);
});

test('the first administrator is created, logged in, the territory set; then the page is gone', async () => {
  const c = new Client(server.url);
  const r = await c.post('/premiere-installation', { ...GOOD, code: setupCode(server) },
                         { from: '/premiere-installation' });
  assert.equal(r.status, 303, await r.text());
  assert.equal(r.headers.get('location'), '/admin');
  const admin = await c.get('/admin');
  assert.equal(admin.status, 200, 'logged in as the new administrator');
  assert.match(await admin.text(), /c\.martin/);
  const inst = await (await c.get('/admin/instance')).text();
  assert.match(inst, /name="territoire" value="21"/);
  const me = await (await c.get('/api/v1/moi')).json();
  assert.equal(me.login, 'c.martin');
  assert.equal(me.name, 'Claire Martin');
  assert.equal(me.role, 'admin');
  // gone, for everyone, with or without the code
  const anon = new Client(server.url);
  assert.equal((await anon.get('/premiere-installation')).status, 404);
  assert.equal((await anon.get(`/premiere-installation?code=${setupCode(server)}`)).status, 404);
  const home = await anon.get('/');
  assert.equal(home.status, 200, 'the site is served');
  const p = await anon.post('/premiere-installation', { ...GOOD, identifiant: 'intrus', code: setupCode(server) },
                            { from: '/connexion' });
  assert.equal(p.status, 404);
  await anon.login('c.martin', GOOD.mot_de_passe);
  // the audit names the first run, without the password
  const log = await (await c.get('/admin/journal')).text();
  assert.match(log, /first_run/);
  assert.doesNotMatch(log, /Orties-et-Pissenlits/);
});

test('after a restart there is no first-run page and no setup code', async () => {
  await server.stop();
  server = await startServer({ dbPath, env: { OASIS_ADMIN_PASSWORD: '' } });
  assert.doesNotMatch(server.log(), /premiere-installation|code d'installation/);
  const c = new Client(server.url);
  assert.equal((await c.get('/premiere-installation')).status, 404);
  assert.equal((await c.get('/')).status, 200);
  await c.login('c.martin', GOOD.mot_de_passe);
});

test('wrong codes are rate-limited like other public writes', async () => {
  const d2 = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-firstrun-limit-'));
  const srv = await startServer({ dbPath: freshDb(d2), env: { OASIS_ADMIN_PASSWORD: '',
                                                             OASIS_LIMIT_PER_ADDRESS: '3/600' } });
  try {
    const c = new Client(srv.url);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/premiere-installation', { ...GOOD, code: 'f'.repeat(24) },
                             { from: '/premiere-installation' });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses.slice(0, 3), [400, 400, 400]);
    assert.ok(statuses.slice(3).every((s) => s === 429), `past the limit: ${statuses}`);
  } finally {
    await srv.stop();
    fs.rmSync(d2, { recursive: true, force: true });
  }
});

test('the demo database keeps its printed admin password: no first-run page there',
     { skip: !hasData && 'OASIS_DATA_DIR absent' }, async () => {
  const d3 = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-firstrun-demo-'));
  const srv = await startServer({ dbPath: buildDemoDb(d3), env: { OASIS_ADMIN_PASSWORD: '' } });
  try {
    const m = srv.log().match(/compte « admin » créé, mot de passe : (\S+)/);
    assert.ok(m, srv.log());
    assert.doesNotMatch(srv.log(), /premiere-installation/);
    const c = new Client(srv.url);
    assert.equal((await c.get('/premiere-installation')).status, 404);
    assert.equal((await c.get('/portail')).status, 200);
    await c.login('admin', m[1]);
  } finally {
    await srv.stop();
    fs.rmSync(d3, { recursive: true, force: true });
  }
});
