// tests/api/centres_jobs.test.mjs: a centre vacancy says what it offers
// (issue 18): contract, gross yearly salary range, start date, benefits, on
// the public page (with schema.org JobPosting structured data) and in the
// API; incoherent salaries are refused at their field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './lib/server.mjs';

let server, admin, csrf, siteId;

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
  const n = await api('POST', '/api/v1/centres/reseaux', { code: 'JOB71', nom: 'Réseau test' });
  const c = await api('POST', '/api/v1/centres', { reseau_id: n.json.id, code: 'JOB71-A', nom: 'Centre de Tournus' });
  const s = await api('POST', `/api/v1/centres/${c.json.id}/sites`,
    { code: 'JOB71-S', type: 'principal', nom: 'Site de Tournus', commune: '71543' });
  siteId = s.json.id;
});
after(async () => { await server?.stop(); });

// A JSON API call as the admin (or client): lib/server.mjs Client.api.
const api = (method, p, body, client = admin) => client.api(method, p, body);

test('a vacancy shows its contract, salary range, start date and benefits, with JobPosting data', async () => {
  const v = await api('POST', '/api/v1/centres/postes', {
    site_id: siteId, categorie: 'medecin', intitule: 'Médecin généraliste salarié', etp: 0.8,
    description: 'Consultations, visites à domicile.', contrat: 'cdi',
    salaire_min_centimes: 6000000, salaire_max_centimes: 7500000,
    date_prise_de_poste: '2027-03-01', avantages: 'Logement de fonction, véhicule de service' });
  assert.equal(v.status, 201, v.text);
  assert.equal(v.json.contrat, 'cdi');
  assert.equal(v.json.salaire_min_centimes, 6000000);
  assert.equal(v.json.date_prise_de_poste, '2027-03-01');
  const anon = new Client(server.url);
  const html = await (await anon.get('/centres/postes')).text();
  assert.match(html, /<dt>Contrat<\/dt><dd>CDI<\/dd>/);
  assert.match(html, /<dt>Salaire brut annuel<\/dt><dd>60\u202f000\u00a0€ à 75\u202f000\u00a0€<\/dd>/);
  assert.match(html, /<dt>Prise de poste<\/dt><dd>01\/03\/2027<\/dd>/);
  assert.match(html, /<dt>Avantages<\/dt><dd>Logement de fonction, véhicule de service<\/dd>/);
  const m = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s);
  assert.ok(m, 'JobPosting structured data');
  const ld = JSON.parse(m[1]);
  assert.equal(ld.length, 1);
  assert.equal(ld[0]['@type'], 'JobPosting');
  assert.equal(ld[0].title, 'Médecin généraliste salarié');
  assert.equal(ld[0].datePosted, '2026-11-23');
  assert.equal(ld[0].jobStartDate, '2027-03-01');
  assert.deepEqual(ld[0].employmentType, ['PART_TIME']);
  assert.equal(ld[0].hiringOrganization.name, 'Centre de Tournus');
  assert.equal(ld[0].jobLocation.address.addressCountry, 'FR');
  assert.equal(ld[0].baseSalary.currency, 'EUR');
  assert.equal(ld[0].baseSalary.value.minValue, 60000);
  assert.equal(ld[0].baseSalary.value.maxValue, 75000);
  assert.equal(ld[0].jobBenefits, 'Logement de fonction, véhicule de service');
});

test('a salary range upside down, a bad contract or start date is refused at its field', async () => {
  const base = { site_id: siteId, categorie: 'medecin', intitule: 'Poste' };
  const r1 = await api('POST', '/api/v1/centres/postes',
    { ...base, salaire_min_centimes: 7000000, salaire_max_centimes: 5000000 });
  assert.equal(r1.status, 400, r1.text);
  assert.equal(r1.json.error.field, 'salaire_max_centimes', 'named as the client sent it');
  const r2 = await api('POST', '/api/v1/centres/postes', { ...base, contrat: 'stage' });
  assert.equal(r2.status, 400, r2.text);
  assert.equal(r2.json.error.field, 'contrat');
  const r3 = await api('POST', '/api/v1/centres/postes', { ...base, date_prise_de_poste: '2027-02-30' });
  assert.equal(r3.status, 400, r3.text);
  assert.equal(r3.json.error.field, 'date_prise_de_poste');
});

test('the vacancy form keeps the salary typed in euros', async () => {
  const r = await admin.post('/centres/postes/nouveau', { site_id: String(siteId),
    categorie: 'medecin', intitule: '', etp: '1', contrat: 'cdd', salaire_min: '55 000',
    salaire_max: '65 000', date_publication: '2026-11-23' }, { from: '/centres/postes/nouveau' });
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, /name="salaire_min"[^>]*value="55000"|value="55000"[^>]*name="salaire_min"/);
});

test('a description holding </script> stays inside the JobPosting data', async () => {
  const evil = 'Poste </script><script>alert(1)</script> à pourvoir';
  const v = await api('POST', '/api/v1/centres/postes', { site_id: siteId, categorie: 'paramedical',
    intitule: 'Infirmier·e', description: evil });
  assert.equal(v.status, 201, v.text);
  const html = await (await new Client(server.url).get('/centres/postes')).text();
  assert.ok(!html.includes('<script>alert(1)'), 'nothing closes the data island');
  const m = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s);
  const ld = JSON.parse(m[1]);
  assert.ok(ld.some((j) => j.description === evil), 'the text comes back whole');
});
