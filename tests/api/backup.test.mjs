// tests/api/backup.test.mjs: `oasis backup` takes the database and the
// dossiers' attachments together, while the server writes; `oasis restore`
// puts both back and a server on the restored copy serves the documents
// (issue 17: a restored backup used to answer 500 for every attachment).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-bk-'));
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); fs.rmSync(tmp, { recursive: true, force: true }); });

const oasis = (args) => spawnSync(process.env.OASIS_BIN, args, { encoding: 'utf8' });

const REQUEST = {
  prenom: 'Camille', nom: 'Durand', email: 'camille.durand@exemple.fr',
  telephone: '05 55 12 34 56', profession: 'medecin_generaliste',
  statut: 'interne', projet: 'installation', territoire_type: 'commune',
  territoire_nom: 'Aurillac', territoire_code: '15014',
  date_souhaitee: '2027-09', message: 'Installation en MSP.', consentement: true,
  besoins: ['lieu_exercice'],
};

async function dossierWithDocument(agent, bytes) {
  const me = await (await agent.get('/api/v1/moi')).json();
  const r = await agent.fetch('/api/v1/dossiers', { method: 'POST', body: JSON.stringify(REQUEST),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf } });
  assert.equal(r.status, 201, await r.clone().text());
  const id = (await r.json()).id;
  const fd = new FormData();
  fd.set('csrf_token', await agent.csrf(`/accompagnement/dossiers/${id}`));
  fd.set('fichier', new Blob([bytes], { type: 'application/pdf' }), 'diplome.pdf');
  const up = await agent.fetch(`/accompagnement/dossiers/${id}/pieces`, { method: 'POST', body: fd });
  assert.equal(up.status, 303);
  return id;
}

for (const kind of ['dir', 'tar']) {
  test(`backup (${kind}) under writes, restore, documents served`, async () => {
    const agent = new Client(server.url);
    await agent.login('admin', server.adminPassword);
    const pdf = Buffer.from(`%PDF-1.4\n% attestation ${kind}\n`);
    const id = await dossierWithDocument(agent, pdf);
    // Writes go on during the backup: a stream of API calls.
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing && n < 200) {
        await agent.fetch('/api/v1/moi', { method: 'POST',
          body: JSON.stringify({ name: `Admin ${n++}` }),
          headers: { 'Content-Type': 'application/json',
                     'X-CSRF-Token': (await (await agent.get('/api/v1/moi')).json()).csrf } });
      }
    })();
    const dest = path.join(tmp, kind === 'tar' ? 'sauvegarde.tar' : 'sauvegarde');
    // a killed earlier run left a partial copy: it does not block this one
    fs.mkdirSync(dest + '.partial');
    fs.writeFileSync(path.join(dest + '.partial', 'oasis.db'), 'à moitié');
    const r = oasis(['backup', dest, '--db', server.dbPath]);
    writing = false;
    await writer;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /1 pièce\(s\) jointe\(s\)|[1-9] pièce/);
    assert.ok(!fs.existsSync(dest + '.partial'));
    assert.equal(oasis(['backup', dest, '--db', server.dbPath]).status, 1, 'never overwrites');
    // Restore into a new place and serve it.
    const where = path.join(tmp, `restaure-${kind}`);
    fs.mkdirSync(where);
    const db = path.join(where, 'oasis.db');
    const rr = oasis(['restore', dest, '--db', db]);
    assert.equal(rr.status, 0, rr.stderr);
    assert.equal(oasis(['restore', dest, '--db', db]).status, 1, 'an existing base needs --force');
    const copy = await startServer({ dbPath: db, adminPassword: server.adminPassword });
    try {
      const c = new Client(copy.url);
      await c.login('admin', server.adminPassword);
      const d = await (await c.get(`/api/v1/dossiers/${id}`)).json();
      assert.equal(d.pieces.length, 1);
      const dl = await c.get(`/accompagnement/dossiers/${id}/pieces/${d.pieces[0].id}`);
      assert.equal(dl.status, 200);
      assert.deepEqual(Buffer.from(await dl.arrayBuffer()), pdf);
    } finally {
      await copy.stop();
    }
  });
}

test('a damaged archive is refused with the reason', async () => {
  const bad = path.join(tmp, 'abime.tar');
  fs.writeFileSync(bad, Buffer.alloc(1024, 7));
  const r = oasis(['restore', bad, '--db', path.join(tmp, 'x.db')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /archive abîmée/);
});
