// tests/api/account.test.mjs: passwords (issue 17): weak ones refused,
// self-service change on /compte (current password asked, other sessions
// closed), the administrator's reset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function admin() {
  const a = new Client(server.url);
  await a.login('admin', server.adminPassword);
  return a;
}

test('weak passwords are refused when an account is made', async () => {
  const a = await admin();
  for (const [pw, why] of [['12345678', /trop court/], ['aaaaaaaa', /trop court/],
                           ['password', /trop court/], ['password1234', /trop courant/],
                           ['aaaaaaaaaaaaaaaa', /trop simple/]]) {
    const r = await a.post('/admin/utilisateurs',
      { identifiant: 'faible', nom: '', role: 'agent', mot_de_passe: pw }, { from: '/admin' });
    assert.equal(r.status, 400, pw);
    assert.match(await r.text(), why);
  }
});

test('a user changes their own password; other sessions end', async () => {
  const a = await admin();
  let r = await a.post('/admin/utilisateurs',
    { identifiant: 'camille', nom: 'Camille', role: 'agent',
      mot_de_passe: 'premier-mot-de-passe' }, { from: '/admin' });
  assert.equal(r.status, 303);
  const other = new Client(server.url);
  await other.login('camille', 'premier-mot-de-passe');
  const me = new Client(server.url);
  await me.login('camille', 'premier-mot-de-passe');
  const page = await (await me.get('/compte')).text();
  assert.match(page, /<h1>Mon compte<\/h1>/);
  assert.match(page, /href="\/compte"/, 'the header links to the account page');
  // wrong current password, weak and mismatched new ones: all said at once
  r = await me.post('/compte/mot-de-passe',
    { actuel: 'pas-le-bon', mot_de_passe: 'court', confirmation: 'autre' }, { from: '/compte' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Mot de passe actuel : incorrect/);
  r = await me.post('/compte/mot-de-passe',
    { actuel: 'premier-mot-de-passe', mot_de_passe: 'nouveau mot de passe sûr',
      confirmation: 'nouveau mot de passe sur' }, { from: '/compte' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /les deux mots de passe diffèrent/);
  r = await me.post('/compte/mot-de-passe',
    { actuel: 'premier-mot-de-passe', mot_de_passe: 'password12345',
      confirmation: 'password12345' }, { from: '/compte' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /trop courant/);
  r = await me.post('/compte/mot-de-passe',
    { actuel: 'premier-mot-de-passe', mot_de_passe: 'nouveau mot de passe sûr',
      confirmation: 'nouveau mot de passe sûr' }, { from: '/compte' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/compte?fait=1');
  assert.equal((await me.get('/api/v1/moi')).status, 200, 'this session goes on');
  assert.equal((await other.get('/api/v1/moi')).status, 401, 'the other one is closed');
  await new Client(server.url).login('camille', 'nouveau mot de passe sûr');
  // the journal records the change, never the password
  const journal = await (await a.get('/admin/journal?entite=user')).text();
  assert.match(journal, /password/);
  assert.doesNotMatch(journal, /nouveau mot de passe/);
});

test('the administrator resets a password; anonymous and readers cannot', async () => {
  const a = await admin();
  await a.post('/admin/utilisateurs', { identifiant: 'oubli', nom: '', role: 'lecteur',
    mot_de_passe: 'mot-de-passe-oublie' }, { from: '/admin' });
  const id = (await (await a.get('/admin')).text()).match(/for="mdp-(\d+)">Nouveau mot de passe de oubli</)?.[1];
  assert.ok(id);
  let r = await a.post(`/admin/utilisateurs/${id}/mot-de-passe`, { mot_de_passe: 'court' }, { from: '/admin' });
  assert.equal(r.status, 400);
  r = await a.post(`/admin/utilisateurs/${id}/mot-de-passe`,
    { mot_de_passe: 'remis à zéro par admin' }, { from: '/admin' });
  assert.equal(r.status, 303);
  const reader = new Client(server.url);
  await reader.login('oubli', 'remis à zéro par admin');
  r = await reader.post(`/admin/utilisateurs/${id}/mot-de-passe`,
    { mot_de_passe: 'je me donne les droits' }, { from: '/compte' });
  assert.equal(r.status, 403);
  assert.equal((await fetch(server.url + '/compte', { redirect: 'manual' })).status, 303);
  assert.equal((await a.post('/admin/utilisateurs/999999/mot-de-passe',
    { mot_de_passe: 'remis à zéro par admin' }, { from: '/admin' })).status, 404);
});
