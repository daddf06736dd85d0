// tests/api/cases_outcomes.test.mjs: a student's or an intern's dossier
// closes with an outcome of studies (stage effectué, engagement signé,
// poursuite d'études), offered first for them, and never counted as an
// installation (issue 13).  The database widened in place keeps its rows
// and its integrity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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
