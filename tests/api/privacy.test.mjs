// tests/api/privacy.test.mjs: an erased dossier leaves no byte of the
// person's identity in the database file nor in its WAL (secure_delete and
// a checkpoint right after the erasure), and the audit trail never held it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { startServer, Client } from './lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const NAME = 'Quatremarezephyrine';

function bytesOnDisk() {
  const parts = [server.dbPath, server.dbPath + '-wal']
    .filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  return Buffer.concat(parts);
}

test('an erased dossier leaves no trace of the name in the database file or its WAL', async () => {
  const agent = new Client(server.url);
  await agent.login(server.adminLogin, server.adminPassword);
  const csrf = (await (await agent.get('/api/v1/moi')).json()).csrf;
  const api = async (p, body) => {
    const r = await agent.fetch(p, { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
    return { status: r.status, body: await r.json() };
  };
  let r = await api('/api/v1/dossiers', {
    prenom: 'Ada', nom: NAME, email: `${NAME.toLowerCase()}@exemple.fr`,
    profession: 'medecin_generaliste', statut: 'interne', projet: 'installation',
    territoire_type: 'commune', territoire_code: '41018', territoire_nom: 'Blois',
    besoins: ['logement'], message: `Je suis ${NAME}.`, consentement: true });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id ?? r.body.dossier?.id;
  const ref = r.body.reference ?? r.body.dossier?.reference;
  assert.ok(bytesOnDisk().includes(NAME), 'the name was written');
  const audit = execFileSync('sqlite3', [server.dbPath,
    "SELECT group_concat(coalesce(before_json,'') || coalesce(after_json,'')) FROM audit_log"]).toString();
  assert.ok(!audit.includes(NAME), 'the audit trail holds no identity');

  r = await api(`/api/v1/dossiers/${id}/effacement`, { confirmation: ref });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const disk = bytesOnDisk();
  assert.ok(!disk.includes(NAME), 'no trace of the name in oasis.db or oasis.db-wal');
  assert.ok(!disk.includes(NAME.toLowerCase()), 'nor of the address');
});
