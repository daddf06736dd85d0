// tests/api/territory.test.mjs: one territory (issue 13).  It is set once
// (`oasis territoire set`, /admin/instance), unknown codes are refused, a
// région expands to its départements, and the plan counts only what lies
// inside: an installation in another département is not the territory's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

const FIX = path.resolve('tests/fixtures');
let server, agent, csrf;
const oasis = (...args) => spawnSync(process.env.OASIS_BIN, [...args, '--db', server.dbPath],
                                     { encoding: 'utf8' });

before(async () => {
  server = await startServer();
  assert.equal(oasis('import', 'cog', path.join(FIX, 'cog'), '--vintage', '2024').status, 0);
  assert.equal(oasis('import', 'communes', path.join(FIX, 'communes_small.csv')).status, 0);
  agent = new Client(server.url);
  await agent.login('admin', server.adminPassword);
  csrf = (await (await agent.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

async function api(method, p, body) {
  const r = await agent.fetch(p, { method, headers: { 'Content-Type': 'application/json',
    'X-CSRF-Token': csrf }, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, body: await r.json() };
}

// A dossier closed as an installation in commune zCode.
async function settledIn(code, n) {
  const r = await api('POST', '/api/v1/dossiers', { prenom: 'Dr', nom: `Test${n}`,
    email: `t${n}@exemple.fr`, profession: 'medecin_generaliste', statut: 'remplacant',
    projet: 'installation', territoire_type: 'commune', territoire_code: code,
    territoire_nom: 'x', besoins: ['lieu_exercice'], consentement: true });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  assert.equal((await api('POST', `/api/v1/dossiers/${id}/etat`, { etat: 'en_cours' })).status, 200);
  const c = await api('POST', `/api/v1/dossiers/${id}/etat`, { etat: 'clos', issue: 'installe',
    commune: code, date_installation: '2026-09-01' });
  assert.equal(c.status, 200, JSON.stringify(c.body));
}

test('the territory is set once, checked, and a région expands', () => {
  let r = oasis('territoire', 'show');
  assert.match(r.stdout, /aucun territoire/);
  r = oasis('territoire', 'set', '99');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /« 99 » n'est ni un département connu/);
  r = oasis('territoire', 'set', 'R84');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^R84\t.*\t\["01"\]$/m);
  r = oasis('territoire', 'set', '01', '27');
  assert.match(r.stdout, /^01 27\tAin, Eure\t\["01","27"\]$/m);
});

test('`oasis settings territory CODE…` sets it too; without a code it shows it', () => {
  let r = oasis('settings', 'territory', '27', '01');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^27 01\tEure, Ain\t\["27","01"\]$/m);
  assert.match(oasis('territoire', 'show').stdout, /^27 01\t/m);
  r = oasis('settings', 'territory');
  assert.match(r.stdout, /^27 01\t/m);
  r = oasis('settings', 'territory', '98');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /« 98 »/);
  r = oasis('settings', 'langue', 'fr');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: oasis settings territory/);
});

test('the plan counts the installations inside the territory only', async () => {
  await settledIn('01001', 1);          // Ain
  await settledIn('75056', 2);          // Paris: outside
  assert.equal(oasis('territoire', 'set', '01').status, 0);
  let plan = (await api('GET', '/api/v1/plan')).body;
  assert.equal(plan.medecins_installes, 1);
  assert.equal(oasis('territoire', 'set', '').status, 0);      // the whole of France
  plan = (await api('GET', '/api/v1/plan')).body;
  assert.equal(plan.medecins_installes, 2);
});

test('the admin sets it on /admin/instance; a wrong code is said at the field', async () => {
  let r = await agent.post('/admin/instance', { territoire: '01 99' }, { from: '/admin/instance' });
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, /id="f-territoire-err">[^<]*« 99 »/);
  r = await agent.post('/admin/instance', { territoire: '27' }, { from: '/admin/instance' });
  assert.equal(r.status, 303);
  assert.match(oasis('territoire', 'show').stdout, /^27\tEure/m);
});
