// tests/api/cli.test.mjs: `oasis user …` and `oasis backup` on the database
// of a running server (WAL lets both work at once).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const oasis = (args, env = {}) =>
  spawnSync(process.env.OASIS_BIN, args, { env: { ...process.env, ...env } });

test('user add, then login; passwd changes it; disable ends it', async () => {
  let r = oasis(['user', 'add', 'berthe', '--role', 'agent', '--name', 'Berthe Agent',
                 '--db', server.dbPath], { OASIS_PASSWORD: 'premier-mot-de-passe' });
  assert.equal(r.status, 0, r.stderr.toString());
  const c = new Client(server.url);
  await c.login('berthe', 'premier-mot-de-passe');
  assert.equal((await (await c.get('/api/v1/moi')).json()).role, 'agent');

  r = oasis(['user', 'passwd', 'berthe', '--db', server.dbPath], { OASIS_PASSWORD: 'second-mot-de-passe' });
  assert.equal(r.status, 0, r.stderr.toString());
  assert.equal((await c.get('/api/v1/moi')).status, 401, 'a new password ends sessions');
  await new Client(server.url).login('berthe', 'second-mot-de-passe');

  r = oasis(['user', 'disable', 'berthe', '--db', server.dbPath]);
  assert.equal(r.status, 0);
  const list = oasis(['user', 'list', '--db', server.dbPath]).stdout.toString();
  assert.match(list, /^berthe\tagent\tdésactivé\tBerthe Agent$/m);
  const refused = await new Client(server.url).post('/connexion',
    { identifiant: 'berthe', mot_de_passe: 'second-mot-de-passe' });
  assert.equal(refused.status, 401);
});

test('bad uses exit 1 or 2 with a French message', () => {
  let r = oasis(['user', 'add', 'x', '--db', server.dbPath], { OASIS_PASSWORD: 'motdepasse' });
  assert.equal(r.status, 2);
  assert.match(r.stderr.toString(), /--role/);
  r = oasis(['user', 'add', 'court', '--role', 'agent', '--db', server.dbPath], { OASIS_PASSWORD: 'court' });
  assert.equal(r.status, 1);
  assert.match(r.stderr.toString(), /mot de passe trop court/);
  r = oasis(['user', 'passwd', 'inconnu', '--db', server.dbPath], { OASIS_PASSWORD: 'motdepasse' });
  assert.equal(r.status, 1);
  r = oasis(['user', 'frobnicate']);
  assert.equal(r.status, 2);
});

test('backup copies the live database', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-bk-'));
  const copy = path.join(dir, 'copie');
  const r = oasis(['backup', copy, '--db', server.dbPath]);
  assert.equal(r.status, 0, r.stderr.toString());
  const list = execFileSync(process.env.OASIS_BIN, ['user', 'list', '--db',
                                                    path.join(copy, 'oasis.db')]).toString();
  assert.match(list, /^admin\tadmin\tactif/m);
  assert.equal(oasis(['backup', copy, '--db', server.dbPath]).status, 1, 'never overwrites');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the command line audits its changes', async () => {
  const a = new Client(server.url);
  await a.login(server.adminLogin, server.adminPassword);
  const html = await (await a.get('/admin/journal?entite=user')).text();
  assert.match(html, /\(ligne de commande\)/);
  assert.match(html, /password/);
});
