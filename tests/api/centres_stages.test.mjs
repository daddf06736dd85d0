// tests/api/centres_stages.test.mjs: the Stages API against the real server:
// places opened for a semester, interns assigned, capacity, a vehicle booked
// twice for overlapping dates (refused), allowances computed and paid, a
// former intern settled and the conversion rate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
let server, admin, csrf;

before(async () => {
  server = await startServer({ env: { OASIS_TODAY: '2026-11-23' } });
  // the Loir-et-Cher allowance is defined once, in its .aid file
  execFileSync(BIN, ['aids', 'load', '--db', server.dbPath, 'data/aids']);
  execFileSync(BIN, ['stages', 'load', '--aides', '--db', server.dbPath]);
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

// A JSON API call as the admin (or client): lib/server.mjs Client.api.
const api = (method, p, body, client = admin) => client.api(method, p, body);

let place, lea, hugo, ines, assignLea;

test('places are created and opened for a semester, interns assigned up to capacity', async () => {
  const p = await api('POST', '/api/v1/stages/terrains', {
    structure: 'MSP de Vendôme', commune: '41269', maitre_de_stage: 'Dr Lefèvre',
    niveau: 'interne_mg', capacite: 2 });
  assert.equal(p.status, 201, p.text);
  place = p.json.id;
  const bad = await api('POST', '/api/v1/stages/terrains', {
    structure: 'X', commune: '41269', maitre_de_stage: 'Dr X', niveau: 'chirurgien' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'niveau');
  const sem = await api('POST', `/api/v1/stages/terrains/${place}/semestres`,
                        { semestre: '2027-05', capacite: 1 });
  assert.equal(sem.status, 201, sem.text);
  const badSem = await api('POST', `/api/v1/stages/terrains/${place}/semestres`,
                           { semestre: '2027-06', capacite: 1 });
  assert.equal(badSem.status, 400);
  assert.equal(badSem.json.error.field, 'semestre');

  const mk = async (first) => (await api('POST', '/api/v1/stages/stagiaires', {
    prenom: first, nom: 'Test', ecole: 'Faculté de Tours',
    niveau: 'interne_mg', courriel: `${first.toLowerCase()}@exemple.fr` })).json.id;
  lea = await mk('Léa'); hugo = await mk('Hugo'); ines = await mk('Inès');

  // Léa: a past semester (Nov 2025 - Apr 2026), for the follow-up.
  const a1 = await api('POST', '/api/v1/stages/affectations', {
    stagiaire_id: lea, terrain_id: place, date_debut: '2025-11-10', date_fin: '2026-04-30' });
  assert.equal(a1.status, 201, a1.text);
  assert.equal(a1.json.semestre, '2025-11', 'the semester comes from the dates');
  assignLea = a1.json.id;
  // Hugo takes the only place opened for May 2027; Inès is refused.
  const a2 = await api('POST', '/api/v1/stages/affectations', {
    stagiaire_id: hugo, terrain_id: place, date_debut: '2027-05-03', date_fin: '2027-10-29' });
  assert.equal(a2.status, 201, a2.text);
  const full = await api('POST', '/api/v1/stages/affectations', {
    stagiaire_id: ines, terrain_id: place, date_debut: '2027-05-03', date_fin: '2027-10-29' });
  assert.equal(full.status, 400);
  assert.equal(full.json.error.field, 'terrain_id');
  const across = await api('POST', '/api/v1/stages/affectations', {
    stagiaire_id: ines, terrain_id: place, date_debut: '2026-10-01', date_fin: '2026-12-31' });
  assert.equal(across.status, 400);
  assert.equal(across.json.error.field, 'date_fin');

  const offers = await api('GET', '/api/v1/stages/offres?semestre=2027-05', undefined,
                           new Client(server.url));
  assert.equal(offers.status, 200);
  assert.equal(offers.json.terrains.length, 0, 'the only place is taken');
  await api('POST', `/api/v1/stages/terrains/${place}/semestres`,
            { semestre: '2027-05', capacite: 2 });
  const again = await api('GET', '/api/v1/stages/offres?semestre=2027-05');
  assert.equal(again.json.terrains.length, 1);
  assert.equal(again.json.terrains[0].libres, 1);
  assert.match(again.json.terrains[0].url_demande, /^\/demande\?projet=stage&/);
});

test('a vehicle booked twice for overlapping dates is refused, naming the field', async () => {
  const v = await api('POST', '/api/v1/stages/vehicules',
                      { libelle: 'Clio', immatriculation: 'GA-123-BC', commune: '41269' });
  assert.equal(v.status, 201, v.text);
  const b1 = await api('POST', '/api/v1/stages/reservations', {
    type: 'vehicule', ressource_id: v.json.id, stagiaire_id: hugo,
    date_debut: '2027-05-03', date_fin: '2027-06-30' });
  assert.equal(b1.status, 201, b1.text);
  const b2 = await api('POST', '/api/v1/stages/reservations', {
    type: 'vehicule', ressource_id: v.json.id, stagiaire_id: ines,
    date_debut: '2027-06-30', date_fin: '2027-07-31' });
  assert.equal(b2.status, 400);
  assert.equal(b2.json.error.field, 'date_debut');
  assert.match(b2.json.error.message, /2027-05-03/);
  const list = await api('GET', '/api/v1/stages/reservations?type=vehicule');
  assert.equal(list.json.reservations.length, 1, 'nothing half-saved');
  const b3 = await api('POST', '/api/v1/stages/reservations', {
    type: 'vehicule', ressource_id: v.json.id, stagiaire_id: ines,
    date_debut: '2027-07-01', date_fin: '2027-07-31' });
  assert.equal(b3.status, 201);

  const h = await api('POST', '/api/v1/stages/logements',
                      { nom: 'Maison des internes', commune: '41269' });
  assert.equal(h.status, 201);
  const r = await api('POST', `/api/v1/stages/logements/${h.json.id}/chambres`,
                      { libelle: 'Chambre 1', loyer_centimes: 15000 });
  assert.equal(r.status, 201);
  const offers = await api('GET', '/api/v1/stages/offres?semestre=2027-05');
  assert.equal(offers.json.chambres.length, 1, 'a free room is offered');
});

test('allowances are computed pro rata from the dates and logged when paid', async () => {
  const al = await api('GET', `/api/v1/stages/affectations/${assignLea}/indemnites`);
  assert.equal(al.status, 200, al.text);
  assert.equal(al.json.indemnites.length, 1, 'Loir-et-Cher scheme applies in 41');
  const line = al.json.indemnites[0];
  assert.equal(line.mensuel_centimes, 25000);
  // 10-30 Nov 2025: 21/30 of 250 = 175.00; Dec-Apr: 5 x 250.
  assert.equal(line.mois[0].jours, 21);
  assert.equal(line.mois[0].montant_centimes, 17500);
  assert.equal(line.du_centimes, 17500 + 5 * 25000);
  const pay = await api('POST', `/api/v1/stages/affectations/${assignLea}/paiements`,
    { dispositif_id: line.dispositif_id, montant_centimes: 100000, date_paiement: '2026-05-15',
      reference: 'M-2026-118' });
  assert.equal(pay.status, 201, pay.text);
  const over = await api('POST', `/api/v1/stages/affectations/${assignLea}/paiements`,
    { dispositif_id: line.dispositif_id, montant_centimes: 50000, date_paiement: '2026-05-16' });
  assert.equal(over.status, 400);
  assert.equal(over.json.error.field, 'montant_centimes');
  const after = await api('GET', `/api/v1/stages/affectations/${assignLea}/indemnites`);
  assert.equal(after.json.indemnites[0].paye_centimes, 100000);
  assert.equal(after.json.indemnites[0].reste_du_centimes, 142500 - 100000);
  const journal = await (await admin.get('/admin/journal?entite=allowance_payment')).text();
  assert.ok(journal.includes('M-2026-118') || journal.includes('100000'), 'payment audited');
});

test('a former intern marked as settled gives the conversion rate', async () => {
  let conv = await api('GET', '/api/v1/stages/conversion?par=terrain');
  assert.equal(conv.json.conversion.length, 1);
  assert.equal(conv.json.conversion[0].anciens, 1, 'only Léa has finished');
  assert.equal(conv.json.conversion[0].installes, 0);
  assert.equal(conv.json.conversion[0].taux_pct, 0);
  const bad = await api('POST', `/api/v1/stages/stagiaires/${lea}/devenir`,
                        { installe: true, commune: '' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'commune');
  const ok = await api('POST', `/api/v1/stages/stagiaires/${lea}/devenir`,
                       { installe: true, commune: '41269', date_installation: '2026-09-01' });
  assert.equal(ok.status, 200, ok.text);
  conv = await api('GET', '/api/v1/stages/conversion?par=terrain');
  assert.equal(conv.json.conversion[0].installes, 1);
  assert.equal(conv.json.conversion[0].taux_pct, 100);
  const bySem = await api('GET', '/api/v1/stages/conversion?par=semestre');
  assert.equal(bySem.json.conversion[0].cle, '2025-11');
  const page = await (await admin.get('/stages/suivi')).text();
  assert.ok(page.includes('100'), 'the rate is on the follow-up page');

  // The outcome links to Léa's request at the guichet unique; unknown
  // references and commitments are refused, naming the field, and the
  // outcome already saved stays as it was.
  const dossier = await api('POST', '/api/v1/dossiers', {
    prenom: 'Léa', nom: 'Durand', email: 'lea.durand@exemple.fr',
    profession: 'medecin_generaliste', statut: 'interne', projet: 'installation',
    territoire_type: 'commune', territoire_nom: 'Vendôme', territoire_code: '41269',
    besoins: ['aides', 'logement'], consentement: true });
  assert.equal(dossier.status, 201, dossier.text);
  const ref = dossier.json.reference;
  const unknown = await api('POST', `/api/v1/stages/stagiaires/${lea}/devenir`,
    { installe: true, commune: '41269', ref_dossier: 'BD-2019-9999' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.error.field, 'ref_dossier');
  const noCommit = await api('POST', `/api/v1/stages/stagiaires/${lea}/devenir`,
    { installe: true, commune: '41269', engagement_aide_id: 999 });
  assert.equal(noCommit.status, 400);
  assert.equal(noCommit.json.error.field, 'engagement_aide_id');
  let file = await api('GET', `/api/v1/stages/stagiaires/${lea}`);
  assert.equal(file.json.devenir.date_installation, '2026-09-01', 'nothing half-saved');
  assert.equal(file.json.devenir.ref_dossier, '');
  const linked = await api('POST', `/api/v1/stages/stagiaires/${lea}/devenir`,
    { installe: true, commune: '41269', date_installation: '2026-09-01', ref_dossier: ref });
  assert.equal(linked.status, 200, linked.text);
  file = await api('GET', `/api/v1/stages/stagiaires/${lea}`);
  assert.match(file.json.devenir.url_dossier, /^\/accompagnement\/dossiers\/\d+$/);
  const html = await (await admin.get(`/stages/stagiaires/${lea}`)).text();
  assert.ok(html.includes(`data-case-ref>${ref}</a>`), 'the file links to the dossier');
  assert.match(html, /— du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}, /, 'placement dates as people write them');
  assert.doesNotMatch(html, /du \d{4}-\d{2}-\d{2}/);
  const suivi = await (await admin.get('/stages/suivi')).text();
  assert.match(suivi, /Anciens stagiaires/);
  assert.match(suivi, new RegExp(`Léa Test</a></th><td>MSP de Vendôme, novembre 2025 – avril 2026</td><td>installé·e à [^<]+</td><td>${ref}</td>`));
});

test('the public offers page links to the guichet unique; back-office needs an agent', async () => {
  const anon = new Client(server.url);
  const html = await (await anon.get('/stages/offres?semestre=2027-05')).text();
  assert.ok(html.includes('MSP de Vendôme'));
  // "Demander cette place" opens the guichet unique's form, prefilled.
  const offers = await api('GET', '/api/v1/stages/offres?semestre=2027-05', undefined, anon);
  const url = offers.json.terrains[0].url_demande;
  assert.match(url, /^\/demande\?projet=stage&statut=interne&profession=medecin_generaliste/);
  assert.ok(html.includes(`href="${url.replaceAll('&', '&amp;')}"`), 'the page links to it');
  const form = await (await anon.get(url)).text();
  assert.match(form, /<option value="stage" selected/);
  assert.match(form, /<option value="interne" selected/);
  assert.match(form, /name="territoire_code" value="41269"/);
  assert.match(form, /name="besoins" value="lieu_exercice" checked/);
  assert.match(form, /Demande de place de stage : MSP de Vendôme \(Interne de médecine générale\), semestre mai – octobre 2027/);
  assert.match(offers.json.url_demande_logement, /besoins=logement/);
  assert.ok(html.includes('Maison des internes'));
  const r = await anon.get('/stages/stagiaires/1');
  assert.equal(r.status, 303, 'trainee files need a sign-in');
  const api401 = await api('GET', '/api/v1/stages/stagiaires', undefined, anon);
  assert.equal(api401.status, 401);
});

test('the former English input keys are still read, the answer marked deprecated', async () => {
  const r = await api('POST', '/api/v1/stages/terrains', {
    structure: 'Cabinet de Blois', commune: '41018', supervisor: 'Dr Morel',
    level: 'externe', capacity: 1 });
  assert.equal(r.status, 201, r.text);
  assert.match(r.headers.get('deprecation'), /^true/);
  assert.equal(r.json.maitre_de_stage, 'Dr Morel', 'answers use the French keys');
  assert.equal(r.json.supervisor, undefined);
  const bad = await api('POST', '/api/v1/stages/stagiaires', { ecole: 'Faculté de Tours' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json.error.errors.map((e) => e.field).sort(), ['nom', 'prenom'],
                   'every missing field at once');
});
