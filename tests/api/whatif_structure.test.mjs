// tests/api/whatif_structure.test.mjs: the what-if opens a structure with
// its FTE (« une MSP de 3 ETP à L'Abergement-Clémenciat »): the effect goes
// through the same model path as 3 doctors added (same communes, same
// figures), labelled « estimation oasis » and added to the official APL;
// the communes that change are listed by name; a saved scenario records
// the structure; a wrong kind or a structure without FTE is refused at its
// field, in French.  World: tests/api/workforce_fixture.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './lib/server.mjs';
import { startWorkforceServer } from './workforce_fixture.mjs';

let server, agent;

async function api(method, p, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = await agent.csrf('/observatoire/simulation');
  const r = await agent.fetch(p, { method, headers,
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, text };
}

before(async () => {
  ({ server } = await startWorkforceServer());
  agent = new Client(server.url);
  await agent.login(server.adminLogin, server.adminPassword);
});
after(async () => { await server?.stop(); });

const MSP = { code: '01001', etp: 3, structure: 'msp' };

test('a maison de santé of 3 FTE has the effect of 3 FTE, labelled « estimation oasis »', async () => {
  const s = await api('POST', '/api/v1/scenarios/simulation', { changements: [MSP] });
  assert.equal(s.status, 200, s.text);
  const plain = await api('POST', '/api/v1/scenarios/simulation',
    { changements: [{ code: '01001', etp: 3 }] });
  assert.deepEqual(s.body.structures_ajoutees, [{ type: 'msp',
    libelle_type: 'Maison de santé pluriprofessionnelle', commune: '01001',
    nom_commune: "L'Abergement-Clémenciat", etp: 3, effet: 'estimation oasis' }]);
  assert.deepEqual(plain.body.structures_ajoutees, []);
  assert.deepEqual(s.body.communes, plain.body.communes);
  const c = s.body.communes.find((x) => x.code === '01001');
  assert.equal(c.nom, "L'Abergement-Clémenciat");
  assert.equal(c.apl_avant, 2.3);                     // official DREES
  assert.ok(c.effet_simule > 0);
  assert.ok(Math.abs(c.apl_apres - (2.3 + c.effet_simule)) < 1e-9);
  assert.match(s.body.methode.libelle, /APL officielle \+ effet simulé/);
});

test('a wrong kind or a structure without FTE is refused at its field', async () => {
  let r = await api('POST', '/api/v1/scenarios/simulation',
    { changements: [{ code: '01001', etp: 1 }, { code: '01004', etp: 2, structure: 'pharmacie' }] });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'saisie_invalide');
  assert.equal(r.body.error.field, 'changements[1].structure');
  assert.match(r.body.error.message, /structure inconnue/);
  r = await api('POST', '/api/v1/scenarios/simulation',
    { changements: [{ code: '01001', etp: 0, structure: 'centre_sante' }] });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'changements[0].etp');
  assert.match(r.body.error.message, /au moins un ETP/);
});

test('a saved scenario records the structure, its page and its answer say so', async () => {
  const r = await api('POST', '/api/v1/scenarios', { nom: 'MSP de 3 ETP', changements: [MSP] });
  assert.equal(r.status, 201, r.text);
  const g = await api('GET', `/api/v1/scenarios/${r.body.id}`);
  assert.equal(g.status, 200);
  assert.equal(g.body.changements[0].structure, 'msp');
  assert.equal(g.body.changements[0].etp, 3);
  assert.equal(g.body.resultat.structures_ajoutees[0].effet, 'estimation oasis');
  const page = await (await agent.get(`/observatoire/scenarios/${r.body.id}`)).text();
  assert.match(page, /Maison de santé pluriprofessionnelle de 3,0 ETP à <strong>L&#39;Abergement-Clémenciat<\/strong>|Maison de santé pluriprofessionnelle de 3,0 ETP à <strong>L&#x27;Abergement-Clémenciat<\/strong>/);
  assert.match(page, /effet : estimation oasis/);
});

test('the what-if page opens a maison de santé and lists the communes that change by name', async () => {
  const form = await (await agent.get('/observatoire/simulation')).text();
  assert.match(form, /<option value="msp">Ouverture d'une maison de santé<\/option>/);
  const r = await agent.post('/observatoire/simulation',
    { code_1: '01001', type_1: 'msp', etp_1: '3', action: 'calculer' },
    { from: '/observatoire/simulation' });
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /Structures simulées/);
  assert.match(html, /Maison de santé pluriprofessionnelle de <strong>3,0 ETP<\/strong>/);
  assert.match(html, /« estimation oasis »/);
  assert.match(html, /Communes concernées : .*Abergement-Clémenciat/);
  assert.match(html, /<option value="msp" selected>/);
  const bad = await agent.post('/observatoire/simulation',
    { code_1: '01001', type_1: 'centre_sante', etp_1: '0', action: 'calculer' },
    { from: '/observatoire/simulation' });
  assert.equal(bad.status, 400);
  const badHtml = await bad.text();
  assert.match(badHtml, /Ligne 1, ETP : une maison ou un centre de santé ouvert compte au moins un ETP/);
  assert.match(badHtml, /id="etp_1"[^>]*aria-invalid="true"/);
});
