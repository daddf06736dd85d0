// tests/api/workforce_forecast.test.mjs: the observatory's projection at 5
// and 10 years takes, per GP, the retirement date the team declared in the
// register, else the age assumption; the API and the commune sheet say how
// many departures came from each, and the APL stays « officielle + effet
// simulé ».  World: tests/api/workforce_fixture.mjs (model vintage 2022, so
// the horizons are 2027 and 2032).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './lib/server.mjs';
import { startWorkforceServer } from './workforce_fixture.mjs';

let server, agent, anon;

async function api(method, p, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = await agent.csrf('/observatoire/praticiens/nouveau');
  const r = await agent.fetch(p, { method, headers,
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, text };
}

async function person(rpps) {
  const r = await api('GET', '/api/v1/praticiens');
  return r.body.praticiens.find((x) => x.rpps === rpps);
}

async function setPerson(rpps, body) {
  const p = await person(rpps);
  const r = await api('POST', `/api/v1/praticiens/${p.id}`, body);
  assert.equal(r.status, 200, r.text);
}

async function projection(age = 67) {
  const r = await anon.get(`/api/v1/communes/01004?age_retraite=${age}`);
  assert.equal(r.status, 200);
  return (await r.json()).projection;
}

before(async () => {
  ({ server } = await startWorkforceServer());
  agent = new Client(server.url);
  await agent.login(server.adminLogin, server.adminPassword);
  anon = new Client(server.url);
  // MARTIN (01004) born 1960: 67 in 2027; ROUX (two sites, Paris) born 1958
  await setPerson('810000000101', { annee_naissance: 1960 });
  await setPerson('810000000105', { annee_naissance: 1958 });
});
after(async () => { await server?.stop(); });

test('without a declared date every departure comes from the age assumption, a person with two sites once', async () => {
  const p = await projection();
  assert.equal(p.ages_connus, true);
  assert.equal(p.dates_declarees, 0);
  assert.deepEqual(p.projections[0].departs, { total: 2, date_declaree: 0, hypothese_age: 2 });
  assert.deepEqual(p.projections[1].departs, { total: 2, date_declaree: 0, hypothese_age: 2 });
});

test('a declared retirement date replaces the age assumption, and a date alone places a GP of unknown age', async () => {
  const before = await projection();
  // MARTIN declares mid-2031: still there in 2027, gone by 2032
  await setPerson('810000000101', { date_retraite: '2031-06-30' });
  // DURAND (01004), no birth year, declares the end of 2026: gone by 2027
  await setPerson('810000000102', { date_retraite: '2026-12-31' });
  const p = await projection();
  assert.equal(p.dates_declarees, 2);
  assert.deepEqual(p.projections[0].departs, { total: 2, date_declaree: 1, hypothese_age: 1 });
  assert.deepEqual(p.projections[1].departs, { total: 3, date_declaree: 2, hypothese_age: 1 });
  assert.match(p.note, /date de retraite déclarée au registre \(2 praticien/);
  // the APL is the official DREES figure plus the simulated effect
  for (const y of p.projections) {
    assert.ok(Math.abs(y.apl - (2.7 + y.effet_simule)) < 0.011, JSON.stringify(y));
  }
  // 2032: MARTIN and DURAND gone in both runs (before: MARTIN at 67 and
  // DURAND kept, now both by their dates): three GPs of 01004 become one
  assert.ok(p.projections[1].effet_simule < before.projections[1].effet_simule,
            `${p.projections[1].effet_simule} vs ${before.projections[1].effet_simule}`);
  // at 70 ROUX (69 in 2027) stays: only DURAND's date by 2027
  const at70 = await projection(70);
  assert.deepEqual(at70.projections[0].departs, { total: 1, date_declaree: 1, hypothese_age: 0 });
});

test('the commune sheet says how many departures come from declared dates and from the assumption', async () => {
  const r = await anon.get('/observatoire/communes/01004');
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /partent à 67 ans \(ou à la date de retraite déclarée au registre\)/);
  assert.match(html, /d'ici 2027, <strong>1<\/strong> à la date déclarée et <strong>1<\/strong> à 67 ans/);
  assert.match(html, /d'ici 2032, <strong>2<\/strong> et <strong>1<\/strong>/);
});
