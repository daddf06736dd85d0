// tests/api/workforce_map.test.mjs: the structures directory as map layers:
// GET /api/v1/structures/carte answers GeoJSON points (public data: the
// organisation's name, kind and commune, its commune's point), filtered by
// département, commune and kind, with its provenance; and the commune sheet
// lists the commune's structures itself.  World: workforce_fixture.mjs plus
// the FINESS fixture and a teleconsultation point entered by an agent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Client } from './lib/server.mjs';
import { FIX, oasis, startWorkforceServer } from './workforce_fixture.mjs';

let server, agent, anon;

before(async () => {
  ({ server } = await startWorkforceServer());
  oasis('import', 'finess', path.join(FIX, 'finess_stock.csv'), '--db', server.dbPath);
  agent = new Client(server.url);
  await agent.login(server.adminLogin, server.adminPassword);
  anon = new Client(server.url);
  const r = await agent.fetch('/api/v1/structures', { method: 'POST',
    headers: { 'Content-Type': 'application/json',
               'X-CSRF-Token': await agent.csrf('/observatoire/praticiens/nouveau') },
    body: JSON.stringify({ type: 'teleconsultation', nom: 'Mairie — cabine', commune: '01001' }) });
  assert.equal(r.status, 201, await r.text());
});
after(async () => { await server?.stop(); });

async function carte(q) {
  const r = await anon.get('/api/v1/structures/carte' + q);
  return { status: r.status, body: await r.json(), prov: r.headers.get('x-provenance') };
}

test('the map layers of a département: one point a structure, at its commune, no person', async () => {
  const { status, body, prov } = await carte('?departement=01');
  assert.equal(status, 200);
  assert.equal(body.type, 'FeatureCollection');
  const kinds = body.features.map((f) => f.properties.type).sort();
  assert.deepEqual(kinds, ['cpts', 'msp', 'pharmacie', 'teleconsultation']);
  const msp = body.features.find((f) => f.properties.type === 'msp');
  assert.equal(msp.geometry.type, 'Point');
  assert.equal(msp.properties.commune, '01004');
  assert.equal(msp.properties.commune_nom, 'Ambérieu-en-Bugey');
  assert.equal(msp.properties.libelle_type, 'Maison de santé pluriprofessionnelle');
  assert.equal(msp.properties.position, 'commune');
  assert.deepEqual(Object.keys(msp.properties).sort(),
    ['commune', 'commune_nom', 'etp', 'finess', 'id', 'libelle_type', 'nom', 'position', 'type']);
  assert.match(decodeURIComponent(prov), /Structures : .*finess_stock\.csv/);
  assert.match(JSON.stringify(body.meta), /point de la commune/);
  // Paris' centre de santé is not in the Ain
  assert.ok(!body.features.some((f) => f.properties.commune === '75101'));
});

test('the layers filter by kind and commune; an unknown kind is refused at its field', async () => {
  let r = await carte('?departement=01&type=pharmacie');
  assert.deepEqual(r.body.features.map((f) => f.properties.nom), ["PHARMACIE DE L'ABERGEMENT"]);
  r = await carte('?commune=75101');
  assert.deepEqual(r.body.features.map((f) => f.properties.type), ['centre_sante']);
  r = await carte('?type=hopital');
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'saisie_invalide');
  assert.equal(r.body.error.field, 'type');
});

test('the commune sheet lists the structures of the commune', async () => {
  const html = await (await anon.get('/observatoire/communes/01004')).text();
  assert.match(html, /MAISON DE SANTE PLURIPROFESSIONNELLE D&#39;AMBÉRIEU — Maison de santé pluriprofessionnelle|MAISON DE SANTE PLURIPROFESSIONNELLE D&#x27;AMBÉRIEU — Maison de santé pluriprofessionnelle/);
  assert.match(html, /DU BUGEY — Communauté professionnelle territoriale de santé/);
  assert.match(html, /href="\/observatoire\/structures\?commune=01004"/);
  const other = await (await anon.get('/observatoire/communes/01001')).text();
  assert.match(other, /Mairie — cabine — Point de téléconsultation assistée/);
  assert.ok(!/MAISON DE SANTE/.test(other));
});
