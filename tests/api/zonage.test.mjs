// tests/api/zonage.test.mjs: the official zonage as data (issue 13):
// `oasis zonage import` reads an ARS arrêté's per-commune table (all or
// nothing, provenance logged), a later arrêté supersedes an earlier one,
// and `oasis zonage show` gives the one classification with its source:
// the arrêté when imported, else the DREES APL against the thresholds
// labelled indicative, never our model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const FIX = path.resolve('tests/fixtures');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-zonage-'));
const db = path.join(dir, 'z.db');
const oasis = (...args) => spawnSync(process.env.OASIS_BIN, args, { encoding: 'utf8' });
const show = (code, ...more) => {
  const r = oasis('zonage', 'show', code, '--db', db, ...more);
  assert.equal(r.status, 0, r.stderr);
  const [label, json] = r.stdout.trim().split('\n');
  return { label, zone: JSON.parse(json) };
};

test('without an arrêté: the DREES APL, labelled indicative; never ZIP/ZAC', () => {
  assert.equal(oasis('import', 'communes', path.join(FIX, 'communes_small.csv'), '--db', db).status, 0);
  const r = oasis('import', 'apl-reference', path.join(FIX, 'apl_small_2022.csv'),
                  '--vintage', '2022', '--db', db);
  assert.equal(r.status, 0, r.stderr);
  let { label, zone } = show('01001');                         // APL 1.89
  assert.equal(zone.classe, 'sous_dense');
  assert.equal(zone.officiel, false);
  assert.equal(zone.millesime, 2022);
  assert.equal(zone.apl, 1.89);
  assert.equal(zone.source, 'APL DREES 2022');
  assert.match(label, /classement indicatif d'après l'APL DREES 2022 \(1,89 ; seuils 2,50 et 4,00\) — zonage officiel non importé/);
  assert.doesNotMatch(label, /ZIP|ZAC|ZAR/);
  ({ zone } = show('01004'));                                  // APL 3.646
  assert.equal(zone.classe, 'intermediaire');
  ({ zone, label } = show('75056'));                           // no DREES row
  assert.equal(zone.classe, 'inconnu');
  assert.match(label, /Aucune donnée officielle/);
});

test('an arrêté imported: its class, its date; a later one supersedes', () => {
  const f1 = path.join(dir, 'ars-2023.csv');
  fs.writeFileSync(f1, "code_commune;zone;date_arrete;reference\n" +
    "01001;Zone d'intervention prioritaire;15/06/2023;ARS-ARA 2023-17\n" +
    "01004;hors zonage;15/06/2023;ARS-ARA 2023-17\n");
  let r = oasis('zonage', 'import', f1, '--db', db);
  assert.equal(r.status, 0, r.stderr);
  let { label, zone } = show('01001');
  assert.equal(zone.classe, 'ZIP');
  assert.equal(zone.officiel, true);
  assert.equal(zone.apl, 1.89, 'the official APL beside the official class');
  assert.match(label, /Zone d'intervention prioritaire \(ZIP\) — zonage officiel, arrêté de l'ARS du 15\/06\/2023 \(ARS-ARA 2023-17\)/);
  assert.equal(show('01004').zone.classe, 'HORS');
  // a later arrêté moves 01004 to ZAC; the first one stays as history
  const f2 = path.join(dir, 'ars-2025.csv');
  fs.writeFileSync(f2, 'code_commune,zone,date_arrete,reference\n01004,ZAC,2025-01-10,ARS-ARA 2025-2\n');
  assert.equal(oasis('zonage', 'import', f2, '--db', db).status, 0);
  ({ zone } = show('01004'));
  assert.equal(zone.classe, 'ZAC');
  const hist = spawnSync('sqlite3', [db, "SELECT count(*) FROM zonage WHERE commune = '01004'"],
                         { encoding: 'utf8' }).stdout.trim();
  assert.equal(hist, '2');
  // importing the same file again adds nothing
  assert.equal(oasis('zonage', 'import', f2, '--db', db).status, 0);
  assert.equal(spawnSync('sqlite3', [db, 'SELECT count(*) FROM zonage'], { encoding: 'utf8' }).stdout.trim(), '3');
  // another profession has its own classes
  const f3 = path.join(dir, 'ars-sf.csv');
  fs.writeFileSync(f3, 'code_commune,zone,profession\n01004,très sous-dotée,sage-femme\n');
  assert.equal(oasis('zonage', 'import', f3, '--db', db).status, 0);
  assert.equal(show('01004', '--profession', 'sage-femme').zone.classe, 'TRES_SOUS_DOTEE');
  assert.equal(show('01004').zone.classe, 'ZAC');
  // the provenance is logged
  assert.match(spawnSync('sqlite3', [db, "SELECT group_concat(kind) FROM import_log WHERE kind = 'zonage'"],
                         { encoding: 'utf8' }).stdout, /zonage/);
});

test('a bad row refuses the whole file, naming line and column', () => {
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(bad, 'code_commune,zone\n01001,ZAC\n01004,zone bleue\n');
  const r = oasis('zonage', 'import', bad, '--db', db);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ligne 3/);
  assert.match(r.stderr, /zone inconnue « zone bleue »/);
  assert.equal(show('01001').zone.classe, 'ZIP', 'nothing of the file was kept');
  const date = path.join(dir, 'date.csv');
  fs.writeFileSync(date, 'code_commune,zone,date_arrete\n01001,ZAC,31/02/2024x\n');
  assert.match(oasis('zonage', 'import', date, '--db', db).stderr, /date invalide/);
  assert.equal(oasis('zonage', 'list', 'x', '--db', db).status, 2);
});

test('the dossier panel shows the one classification, its source named', async () => {
  const { startServer, Client } = await import('./lib/server.mjs');
  const server = await startServer({ dbPath: db });
  try {
    const agent = new Client(server.url);
    await agent.login('admin', server.adminPassword);
    const me = await (await agent.get('/api/v1/moi')).json();
    const mk = async (code, nom) => {
      const r = await agent.fetch('/api/v1/dossiers', { method: 'POST', headers: {
        'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf }, body: JSON.stringify({
        prenom: 'Camille', nom: 'Durand', email: `c${code}@exemple.fr`, profession: 'medecin_generaliste',
        statut: 'interne', projet: 'installation', territoire_type: 'commune', territoire_code: code,
        territoire_nom: nom, besoins: ['lieu_exercice'], consentement: true }) });
      assert.equal(r.status, 201, await r.clone().text());
      return (await r.json()).id;
    };
    let html = await (await agent.get(`/accompagnement/dossiers/${await mk('01001', 'Abergement')}`)).text();
    assert.match(html, /<dt>Zonage<\/dt><dd>Zone d&#39;intervention prioritaire \(ZIP\) — zonage officiel, arrêté de l&#39;ARS du 15\/06\/2023|<dt>Zonage<\/dt><dd>Zone d'intervention prioritaire \(ZIP\) — zonage officiel/);
    assert.match(html, /APL médecins généralistes \(DREES 2022\)/);
    html = await (await agent.get(`/accompagnement/dossiers/${await mk('27676', 'Les Trois Lacs')}`)).text();
    assert.match(html, /classement indicatif d(&#39;|')après l(&#39;|')APL DREES 2022/);
    assert.doesNotMatch(html, /<dd>[^<]*\(ZIP\)/, 'no official word for a computed class');
  } finally {
    await server.stop();
  }
});

test('/admin/zonage: an admin uploads an arrêté; a bad one is refused at the field, all or nothing', async () => {
  const { startServer, Client } = await import('./lib/server.mjs');
  const server = await startServer({ dbPath: db });
  try {
    const admin = new Client(server.url);
    await admin.login('admin', server.adminPassword);
    const upload = async (name, text, fields = {}) => {
      const fd = new FormData();
      fd.set('csrf_token', await admin.csrf('/admin/zonage'));
      fd.set('fichier', new Blob([text], { type: 'text/csv' }), name);
      for (const [k, v] of Object.entries(fields)) fd.set(k, v);
      return admin.fetch('/admin/zonage', { method: 'POST', body: fd });
    };
    let page = await (await admin.get('/admin/zonage')).text();
    assert.match(page, /<h1>Zonage officiel de l(&#39;|')ARS<\/h1>/);
    assert.match(page, /enctype="multipart\/form-data"/);
    // a bad row: 400, the message at the file field with its line, nothing kept
    let r = await upload('ars 2026.csv', 'code_commune;zone;date_arrete;reference\n' +
      '27676;ZIP;01/02/2026;ARS-NOR 2026-1\n01004;zone bleue;01/02/2026;ARS-NOR 2026-1\n');
    assert.equal(r.status, 400);
    page = await r.text();
    assert.match(page, /id="f-fichier-err">[^<]*ligne 3[^<]*zone inconnue « zone bleue »/);
    assert.equal(show('27676').zone.classe, 'sous_dense', 'nothing of the file was kept');
    r = await upload('vide.csv', '');
    assert.equal(r.status, 400);
    assert.match(await r.text(), /id="f-fichier-err">choisissez le fichier CSV/);
    r = await upload('ok.csv', 'code_commune;zone\n27676;ZIP\n', { millesime: '1900' });
    assert.equal(r.status, 400);
    assert.match(await r.text(), /id="f-millesime-err"/);
    // a good file: imported, logged under its own name, audited, listed
    r = await upload('ars 2026.csv', 'code_commune;zone;date_arrete;reference\n' +
      '27676;ZIP;01/02/2026;ARS-NOR 2026-1\n', { millesime: '2026' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/admin/zonage?importees=1');
    const z = show('27676').zone;
    assert.equal(z.classe, 'ZIP');
    assert.match(z.libelle, /arrêté de l'ARS du 01\/02\/2026 \(ARS-NOR 2026-1\)/);
    const q = (sql) => spawnSync('sqlite3', [db, sql], { encoding: 'utf8' }).stdout.trim();
    assert.equal(q("SELECT file_name FROM import_log WHERE kind = 'zonage' ORDER BY id DESC LIMIT 1"),
      'ars_2026.csv');
    assert.match(q("SELECT after_json FROM audit_log WHERE entity = 'zonage' ORDER BY id DESC LIMIT 1"),
      /"lignes":1/);
    page = await (await admin.get('/admin/zonage?importees=1')).text();
    assert.match(page, /Arrêté importé : 1 commune\./);
    assert.match(page, /<td data-label="Référence">ARS-NOR 2026-1<\/td>/);
    // not for agents
    spawnSync(process.env.OASIS_BIN, ['user', 'add', 'agent-z', '--role', 'agent', '--db', db],
      { env: { ...process.env, OASIS_PASSWORD: 'agent-zonage-123' } });
    const agent = new Client(server.url);
    await agent.login('agent-z', 'agent-zonage-123');
    assert.equal((await agent.get('/admin/zonage')).status, 403);
  } finally {
    await server.stop();
  }
});
