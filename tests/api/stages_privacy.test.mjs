// tests/api/stages_privacy.test.mjs: trainees' personal data (issue 17,
// item 8): the audit trail holds ids and field names, never the identity;
// the read-only role sees the conversion rates, not the names; an agent (or
// the API) erases a trainee's identity on request, its audit copies too,
// and the statistics keep counting; `oasis stages anonymise` erases the
// trainees whose retention period is over.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
let server, admin, reader, csrf, place, camille, noe;
const sql = (s) => execFileSync('sqlite3', [server.dbPath, s]).toString().trim();

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
  const r = await admin.post('/admin/utilisateurs', { identifiant: 'elu-stages', nom: 'Élu',
    role: 'lecteur', mot_de_passe: 'motdepasse-lecteur-stages' }, { from: '/admin' });
  assert.equal(r.status, 303);
  reader = new Client(server.url);
  await reader.login('elu-stages', 'motdepasse-lecteur-stages');
  const p = await api('POST', '/api/v1/stages/terrains', { structure: 'MSP de Montoire',
    commune: '41149', maitre_de_stage: 'Dr Roux', niveau: 'interne_mg', capacite: 2 });
  assert.equal(p.status, 201, p.text);
  place = p.json.id;
  const mk = async (prenom, nom) => {
    const t = await api('POST', '/api/v1/stages/stagiaires', { prenom, nom,
      ecole: 'Faculté de Tours', niveau: 'interne_mg', courriel: `${nom.toLowerCase()}@exemple.fr`,
      telephone: '06 12 34 56 78' });
    assert.equal(t.status, 201, t.text);
    const a = await api('POST', '/api/v1/stages/affectations', { stagiaire_id: t.json.id,
      terrain_id: place, date_debut: '2025-11-10', date_fin: '2026-04-30' });
    assert.equal(a.status, 201, a.text);
    return t.json.id;
  };
  camille = await mk('Camille', 'Martinvast');
  noe = await mk('Noé', 'Quillebeuf');
});
after(async () => { await server?.stop(); });

// A JSON API call as the admin (or client): lib/server.mjs Client.api.
const api = (method, p, body, client = admin) => client.api(method, p, body);

test('the audit trail of a trainee holds field names, not the identity', () => {
  const trail = sql("SELECT group_concat(coalesce(after_json, ''), ' ') FROM audit_log WHERE entity = 'trainee'");
  assert.ok(trail.includes('"champs"'), trail);
  assert.ok(!trail.includes('Martinvast') && !trail.includes('exemple.fr') && !trail.includes('06 12'), trail);
});

test('the read-only role sees the conversion rates, not the trainees\u2019 names', async () => {
  const forAgent = await (await admin.get('/stages/suivi')).text();
  assert.ok(forAgent.includes('Camille Martinvast'), 'an agent follows each trainee');
  const forReader = await reader.get('/stages/suivi');
  assert.equal(forReader.status, 200);
  const html = await forReader.text();
  assert.ok(html.includes('Taux de conversion'));
  assert.ok(!html.includes('Martinvast') && !html.includes('Quillebeuf'), 'no name for the read-only role');
  const conv = await reader.get('/api/v1/stages/conversion');
  assert.equal(conv.status, 200);
  assert.ok(!(await conv.text()).includes('Martinvast'));
});

test('an agent erases a trainee\u2019s identity on request, after confirming; the counts stay', async () => {
  const noBox = await admin.post(`/stages/stagiaires/${camille}/effacement`, {},
                                 { from: `/stages/stagiaires/${camille}` });
  assert.equal(noBox.status, 400);
  assert.match(await noBox.text(), /cocher la case pour confirmer/);
  assert.equal(sql(`SELECT last_name FROM trainee WHERE id = ${camille}`), 'Martinvast');
  const ok = await admin.post(`/stages/stagiaires/${camille}/effacement`, { confirmer: '1' },
                              { from: `/stages/stagiaires/${camille}` });
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT first_name || '|' || last_name || '|' || coalesce(email, '') || '|' ||
                    coalesce(phone, '') || '|' || erased_on FROM trainee WHERE id = ${camille}`),
               '||||2026-11-23');
  const page = await (await admin.get(`/stages/stagiaires/${camille}`)).text();
  assert.match(page, /Données personnelles effacées le 23\/11\/2026/);
  const trail = sql(`SELECT group_concat(coalesce(before_json, '') || coalesce(after_json, ''), ' ')
                     FROM audit_log WHERE entity = 'trainee' AND entity_id = ${camille}`);
  assert.ok(!trail.includes('Martinvast'), trail);
  assert.ok(trail.includes('champs_effaces'), trail);
  const suivi = await (await admin.get('/stages/suivi')).text();
  assert.ok(!suivi.includes('Martinvast'));
  assert.ok(suivi.includes(`stagiaire n° ${camille} (données effacées)`));
  const conv = await api('GET', '/api/v1/stages/conversion');
  assert.equal(conv.json.conversion[0].anciens, 2, 'the erased trainee still counts');
});

test('the API erases too, and erasing twice changes nothing', async () => {
  const r = await api('POST', `/api/v1/stages/stagiaires/${noe}/effacement`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.efface_le, '2026-11-23');
  const again = await api('POST', `/api/v1/stages/stagiaires/${noe}/effacement`, {});
  assert.equal(again.status, 200, again.text);
  const missing = await api('POST', '/api/v1/stages/stagiaires/99999/effacement', {});
  assert.equal(missing.status, 404, missing.text);
});

test('`oasis stages anonymise` erases the trainees whose retention is over', () => {
  sql(`INSERT INTO trainee(id, first_name, last_name, email, school, level)
       VALUES (500, 'Ancien', 'Stagiairedelongue', 'ancien@exemple.fr', 'Faculté de Tours', 'interne_mg');
       INSERT INTO assignment(trainee_id, place_id, semester, start_on, end_on)
       VALUES (500, ${place}, '2020-05', '2020-05-04', '2020-10-30');
       INSERT INTO trainee(id, first_name, last_name, school, level)
       VALUES (501, 'Récente', 'Stagiairerecente', 'Faculté de Tours', 'interne_mg');
       INSERT INTO assignment(trainee_id, place_id, semester, start_on, end_on)
       VALUES (501, ${place}, '2022-05', '2022-05-02', '2022-10-28');`);
  const r = spawnSync(BIN, ['stages', 'anonymise', '--db', server.dbPath, '--now', '2026-11-23'],
                      { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^1 stagiaire\(s\) anonymisé\(s\)/);
  assert.equal(sql('SELECT erased_on FROM trainee WHERE id = 500'), '2026-11-23');
  assert.equal(sql('SELECT last_name FROM trainee WHERE id = 501'), 'Stagiairerecente', 'within 5 years');
  assert.equal(sql("SELECT count(*) FROM audit_log WHERE entity = 'trainee' AND entity_id = 500 AND action = 'erase'"), '1');
  const one = spawnSync(BIN, ['stages', 'effacer', '501', '--db', server.dbPath], { encoding: 'utf8' });
  assert.equal(one.status, 0, one.stderr);
  assert.equal(sql('SELECT last_name FROM trainee WHERE id = 501'), '');
  const bad = spawnSync(BIN, ['stages', 'effacer', '--db', server.dbPath], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
