// tests/api/cases_outcomes.test.mjs: a student's or an intern's dossier
// closes with an outcome of studies (stage effectué, engagement signé,
// poursuite d'études), offered first for them, and never counted as an
// installation (issue 13).  The database widened in place keeps its rows
// and its integrity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';

let server, agent, csrf;
before(async () => {
  server = await startServer({ env: { OASIS_NOW: '2026-03-02T09:00:00Z' } });
  agent = new Client(server.url);
  await agent.login('admin', server.adminPassword);
  csrf = (await (await agent.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

async function api(method, p, body) {
  const r = await agent.fetch(p, { method, body: body && JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
  return { status: r.status, body: await r.json() };
}

const sql = (s) => execFileSync('sqlite3', [server.dbPath, s], { encoding: 'utf8' }).trim();

async function dossier(statut) {
  const r = await api('POST', '/api/v1/dossiers', { prenom: 'Léo', nom: 'Martin',
    email: `leo.${statut}@exemple.fr`, profession: 'medecin_generaliste', statut,
    projet: 'stage', territoire_type: 'commune', territoire_code: '71153',
    territoire_nom: 'Le Creusot', besoins: ['aides'], consentement: true });
  assert.equal(r.status, 201);
  return r.body.id;
}

test('a student\'s dossier offers the outcomes of studies first', async () => {
  const id = await dossier('etudiant');
  const html = await (await agent.get(`/accompagnement/dossiers/${id}`)).text();
  const options = [...html.match(/<select id="f-issue"[^>]*>(.*?)<\/select>/s)[1]
    .matchAll(/<option value="([a-z_]*)"/g)].map((m) => m[1]);
  assert.deepEqual(options.slice(0, 4), ['', 'stage', 'engagement_signe', 'poursuite_etudes']);
  const other = await dossier('liberal');
  const html2 = await (await agent.get(`/accompagnement/dossiers/${other}`)).text();
  assert.match(html2, /<select id="f-issue"[^>]*><option value="">—<\/option><option value="installe">/);
});

test('engagement signé and poursuite d\'études close a dossier, and are no installation', async () => {
  const a = await dossier('etudiant');
  const b = await dossier('interne');
  let r = await api('POST', `/api/v1/dossiers/${a}/etat`, { etat: 'clos', issue: 'engagement_signe' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.issue.code, 'engagement_signe');
  r = await api('POST', `/api/v1/dossiers/${b}/etat`, { etat: 'clos', issue: 'poursuite_etudes' });
  assert.equal(r.status, 200);
  r = await api('POST', `/api/v1/dossiers/${b}/etat`, { etat: 'en_cours', raison: 'erreur' });
  assert.equal(r.status, 200);
  r = await api('POST', `/api/v1/dossiers/${b}/etat`, { etat: 'clos', issue: 'diplome' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'issue');
  const s = (await api('GET', '/api/v1/dossiers/statistiques')).body;
  const issues = s.comptes.filter((c) => c.dimension === 'issue').map((c) => c.code);
  assert.deepEqual(issues.sort(), ['engagement_signe']);
  assert.deepEqual(s.installations_par_commune, []);
  assert.equal(sql('PRAGMA integrity_check'), 'ok');
  assert.match(sql("SELECT sql FROM sqlite_schema WHERE name = 'case_dossiers'"),
               /'sans_suite', 'engagement_signe', 'poursuite_etudes'\)\)/);
});

test('one territory: an installation outside the instance territory is said apart in the statistics', async () => {
  // the COG, so that the territory and its communes are known
  const BIN = process.env.OASIS_BIN || 'build/asan/oasis';
  const db = ['--db', server.dbPath];
  const communes = path.join(path.dirname(server.dbPath), 'communes-71-47.csv');
  fs.writeFileSync(communes, 'code_insee,type,code_parent,dep,reg,nom,lat,lon\n' +
    '71153,COM,,71,27,Le Creusot,46.8,4.42\n47323,COM,,47,75,Villeneuve-sur-Lot,44.41,0.7\n');
  execFileSync(BIN, ['import', 'communes', communes, '--vintage', '2024', ...db]);
  execFileSync(BIN, ['import', 'cog', 'node_modules/@etalab/decoupage-administratif/data',
                     '--vintage', '2024', ...db]);
  execFileSync(BIN, ['territoire', 'set', '71', ...db]);
  try {
    const inside = await dossier('remplacant');
    const outside = await dossier('remplacant');
    for (const [id, commune] of [[inside, '71153'], [outside, '47323']]) {
      const r = await api('POST', `/api/v1/dossiers/${id}/etat`, { etat: 'clos', issue: 'installe',
        commune, date_installation: '2026-02-01' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const s = (await api('GET', '/api/v1/dossiers/statistiques')).body;
    assert.deepEqual(s.installations_par_commune, [{ commune: '71153', installations: 1 }]);
    assert.equal(s.installations_hors_territoire, 1);
    const html = await (await agent.get('/accompagnement/statistiques')).text();
    assert.match(html, /Hors territoire, non comptées : 1 installation dans une commune extérieure/);
  } finally {
    execFileSync(BIN, ['territoire', 'set', '', ...db]);
  }
});
