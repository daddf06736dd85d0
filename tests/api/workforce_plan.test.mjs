// tests/api/workforce_plan.test.mjs: patients without a médecin traitant
// in the plan's indicators: the dashboard (/plan) and GET /api/v1/plan give
// the territory's figure (count, share, source, date), read through
// workforce (wf_no_gp_of_territory), « non renseigné » when nothing was
// recorded; the latest year only; an EPCI's figure stands for its
// communes'; a figure outside the instance's territory is not counted.
// World: tests/api/workforce_fixture.mjs (Ain: 01001, 01004 in the EPCI
// 200029999; Paris).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './lib/server.mjs';
import { oasis, startWorkforceServer } from './workforce_fixture.mjs';

let server, agent;

async function noGp(body) {
  const r = await agent.fetch('/api/v1/praticiens/sans-medecin-traitant', { method: 'POST',
    headers: { 'Content-Type': 'application/json',
               'X-CSRF-Token': await agent.csrf('/observatoire/praticiens/nouveau') },
    body: JSON.stringify(body) });
  assert.equal(r.status, 200, await r.text());
}

async function plan() {
  const r = await agent.get('/api/v1/plan');
  assert.equal(r.status, 200);
  return (await r.json()).sans_medecin_traitant;
}

async function dashboard() {
  const r = await agent.get('/plan');
  assert.equal(r.status, 200);
  return r.text();
}

before(async () => {
  ({ server } = await startWorkforceServer());
  oasis('territoire', 'set', '01', '--db', server.dbPath);
  agent = new Client(server.url);
  await agent.login(server.adminLogin, server.adminPassword);
});
after(async () => { await server?.stop(); });

test('nothing recorded: « non renseigné »', async () => {
  assert.equal(await plan(), null);
  assert.match(await dashboard(), /non renseigné<\/span><span class="stat-label">patients sans médecin traitant : ni import ni saisie/);
});

test('the communes of the territory are summed, with their share, source and date', async () => {
  await noGp({ code: '01004', annee: 2025, patients: 2900, part: 0.2 });
  await noGp({ code: '01001', annee: 2025, patients: 100, part: 0.1 });
  await noGp({ code: '75101', annee: 2025, patients: 5000, part: 0.5 });   // outside
  const g = await plan();
  assert.equal(g.annee, 2025);
  assert.equal(g.patients, 3000);
  assert.ok(Math.abs(g.part - 3000 / (14500 + 1000)) < 1e-9, String(g.part));
  assert.equal(g.source, 'manuel');
  assert.equal(g.mise_a_jour, '2026-03-02');
  assert.deepEqual([g.communes, g.epci], [2, 0]);
  const html = await dashboard();
  assert.match(html, /3000 \(19,4 %\)<\/span><span class="stat-label">patients sans médecin traitant en 2025 \(source : saisie de l&#39;équipe, 2 commune\(s\), 0 EPCI ; mis à jour le 02\/03\/2026\)|3000 \(19,4 %\)<\/span><span class="stat-label">patients sans médecin traitant en 2025 \(source : saisie de l&#x27;équipe, 2 commune\(s\), 0 EPCI ; mis à jour le 02\/03\/2026\)/);
});

test("an EPCI's figure stands for its communes', and the latest year wins", async () => {
  await noGp({ code: '200029999', annee: 2025, patients: 3100 });
  let g = await plan();
  assert.equal(g.patients, 3100);
  assert.deepEqual([g.communes, g.epci], [0, 1]);
  assert.equal(g.part, null);                  // the EPCI's share is unknown
  await noGp({ code: '01004', annee: 2026, patients: 2800, part: 0.2 });
  g = await plan();
  assert.equal(g.annee, 2026);
  assert.equal(g.patients, 2800);
  assert.ok(Math.abs(g.part - 0.2) < 1e-9);
});
