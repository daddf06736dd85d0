// tests/api/aid_applications.test.mjs: an aid application instructed to a
// signed commitment (issue 14, item 3).  From a dossier of the guichet
// unique, an agent files a Le Creusot student aid with the requester's
// profile (the simulation stored with it), tracks its documents, puts it on
// a commission's agenda, grants it, prints the decision letter and the
// convention, records the signature: the commitment and its payment
// schedule appear in the register, linked to the application and the
// dossier.  Each move is logged with who and when and audited; every bad
// input is refused at its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';
import { seedAids } from './aid_seed.mjs';

let server, agent, csrf;
const sql = (s) => execFileSync('sqlite3', [server.dbPath, s]).toString().trim();

before(async () => {
  server = await startServer({ env: { OASIS_NOW: '2026-03-02T09:00:00Z' } });
  seedAids(server.dbPath);
  agent = new Client(server.url);
  await agent.login('admin', server.adminPassword);
  csrf = (await (await agent.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

const post = (p, fields) => agent.post(p, fields, { csrf });
// Page text with the apostrophe as typed (the pages escape it as &#39;).
const text = async (r) => (await r.text()).replace(/&#39;/g, "'");

let dossierId, applicId;

test('the dossier page offers an application with the requester\'s profile', async () => {
  const r = await agent.fetch('/api/v1/dossiers', { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: JSON.stringify({ prenom: 'Inès', nom: 'Moreau', email: 'ines@exemple.fr',
      profession: 'medecin_generaliste', statut: 'etudiant', projet: 'stage',
      territoire_type: 'commune', territoire_code: '71153', territoire_nom: 'Le Creusot',
      besoins: ['aides'], consentement: true }) });
  assert.equal(r.status, 201);
  dossierId = (await r.json()).id;
  const html = await text(await agent.get(`/accompagnement/dossiers/${dossierId}`));
  assert.match(html, /Demandes d'aide \(0\)/);
  assert.match(html, /<option value="creusot-etudiants">/);
  assert.match(html, /name="beneficiaire" value="Inès Moreau"/);
  assert.match(html, /<option value="medecin-generaliste" selected>/);
  assert.match(html, /name="commune" value="71153"/);
});

test('filing: every bad field at once; a profile the simulation refuses is refused', async () => {
  let r = await post('/instruction/demandes', { dossier: dossierId, aide: '', beneficiaire: '',
    profession: 'medecin-generaliste', statut: 'etudiant', commune: '71153' });
  assert.equal(r.status, 400);
  let html = await r.text();
  assert.match(html, /id="f-aide-err"/);
  assert.match(html, /id="f-beneficiaire-err"/);
  // a 1st-year student: not eligible (the scheme starts in 2nd year)
  r = await post('/instruction/demandes', { dossier: dossierId, aide: 'creusot-etudiants',
    beneficiaire: 'Inès Moreau', profession: 'medecin-generaliste', statut: 'etudiant',
    annee: '1', commune: '71153' });
  assert.equal(r.status, 400);
  html = await text(r);
  assert.match(html, /id="f-aide-err">D'après la simulation, ce profil n'y a pas droit/);
  assert.match(html, /name="beneficiaire" value="Inès Moreau"/);
  assert.equal(sql('SELECT count(*) FROM aid_applications'), '0');
});

test('filed with the simulation; documents tracked; complete only when all arrived', async () => {
  let r = await post('/instruction/demandes', { dossier: dossierId, aide: 'creusot-etudiants',
    beneficiaire: 'Inès Moreau', profession: 'medecin-generaliste', statut: 'etudiant',
    annee: '3', pass_las: 'oui', commune: '71153' });
  assert.equal(r.status, 303, await r.text());
  applicId = Number(r.headers.get('location').match(/\/instruction\/demandes\/(\d+)$/)[1]);
  const sim = JSON.parse(sql(`SELECT simulation FROM aid_applications WHERE id = ${applicId}`));
  assert.equal(sim.aides.find((a) => a.id === 'creusot-etudiants').verdict, 'éligible');
  assert.equal(sql(`SELECT dossier_id || ' ' || place FROM aid_applications WHERE id = ${applicId}`),
               `${dossierId} 71153`);
  let html = await (await agent.get(`/instruction/demandes/${applicId}`)).text();
  assert.match(html, /Pièces justificatives \(4 manquantes\)/);
  assert.match(html, /Simulation du dépôt : <strong>éligible<\/strong>/);
  // not complete yet
  r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'complete' });
  assert.equal(r.status, 400);
  assert.match(await text(r), /<a href="#f-etat">Il manque 4 pièces justificatives/);
  for (const id of sql(`SELECT id FROM aid_application_docs WHERE application_id = ${applicId}`).split('\n')) {
    r = await post(`/instruction/demandes/${applicId}/pieces/${id}`, { recu_le: '2026-03-02' });
    assert.equal(r.status, 303);
  }
  r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'complete' });
  assert.equal(r.status, 303);
  // a jump is refused
  r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'convention_signee' });
  assert.equal(r.status, 400);
  assert.match(await text(r), /Une demande complète ne peut pas passer à l'état « convention signée »/);
});

let sessionId;

test('the commission: a session, its agenda, the decision, the minutes', async () => {
  let r = await post('/instruction/commissions', { date: '2026-13-45', titre: '' });
  assert.equal(r.status, 400);
  let html = await r.text();
  assert.match(html, /id="f-date-err"/);
  assert.match(html, /id="f-titre-err"/);
  r = await post('/instruction/commissions', { date: '2026-03-16', titre: 'Commission santé' });
  assert.equal(r.status, 303);
  sessionId = Number(r.headers.get('location').match(/(\d+)$/)[1]);
  r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'en_commission' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /id="f-commission-err">Choisissez la séance/);
  r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'en_commission', commission: sessionId });
  assert.equal(r.status, 303);
  r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'accordee', montant: '0' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /id="f-montant-err"/);
  r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'accordee', montant: '10 800' });
  assert.equal(r.status, 303);
  html = await (await agent.get(`/instruction/commissions/${sessionId}`)).text();
  assert.match(html, /Ordre du jour et décisions \(1\)/);
  assert.match(html, /10\s800\s€/);
  r = await agent.get(`/instruction/commissions/${sessionId}/proces-verbal?format=csv`);
  assert.equal(r.status, 200);
  const csv = (await r.text()).replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'Demande;Aide;Bénéficiaire;Décision;Montant accordé;Motifs');
  assert.match(lines[1], /;Inès Moreau;accordée;10800,00;/);
  assert.equal((await agent.get(`/instruction/commissions/${sessionId}/proces-verbal?format=pdf`)).status, 400);
});

test('decision letter and convention print the scheme\'s commitment terms', async () => {
  let html = await text(await agent.get(`/instruction/demandes/${applicId}/decision`));
  assert.match(html, /class="print-doc"/);
  assert.match(html, /La commission réunie le 16\/03\/2026/);
  assert.match(html, /<strong id="montant">10\s800\s€<\/strong>/);
  assert.match(html, /5 ans/);
  html = await text(await agent.get(`/instruction/demandes/${applicId}/convention`));
  assert.match(html, /Convention d'attribution d'aide/);
  assert.match(html, /Ville du Creusot/);
  assert.match(html, /Article 2 — Engagements/);
});

test('signature: the commitment and its schedule in the register, linked both ways', async () => {
  let r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'convention_signee',
    signature: '2026-03-20', debut: '2029-11-01', fin: '2029-10-31', lieu: '71153' });
  assert.equal(r.status, 400);
  assert.match(await text(r), /id="f-fin-err">La fin de l'engagement doit suivre son début/);
  assert.equal(sql('SELECT count(*) FROM aid_commitment'), '0');
  r = await post(`/instruction/demandes/${applicId}/etat`, { etat: 'convention_signee',
    signature: '2026-03-20', debut: '2029-11-01', fin: '2034-10-31', lieu: '71153' });
  assert.equal(r.status, 303, await r.text());
  const commitmentId = Number(sql(`SELECT commitment_id FROM aid_applications WHERE id = ${applicId}`));
  assert.ok(commitmentId > 0);
  assert.equal(sql(`SELECT aid || '|' || beneficiary || '|' || amount_cents || '|' || place FROM aid_commitment WHERE id = ${commitmentId}`),
               'creusot-etudiants|Inès Moreau|1080000|71153');
  // 9 months of 1,200 € from April 2026: the grant exactly
  assert.equal(sql(`SELECT count(*) || ' ' || sum(amount_cents) || ' ' || min(due_on) FROM aid_schedule WHERE commitment_id = ${commitmentId}`),
               '9 1080000 2026-04-01');
  const html = await (await agent.get(`/instruction/demandes/${applicId}`)).text();
  assert.match(html, new RegExp(`href="/aides/engagements/${commitmentId}">engagement n° ${commitmentId}`));
  assert.match(html, new RegExp(`href="/accompagnement/dossiers/${dossierId}"`));
  assert.match(html, /Échéancier des versements/);
  const page = await text(await agent.get(`/accompagnement/dossiers/${dossierId}`));
  assert.match(page, /Demandes d'aide \(1\)/);
  assert.match(page, new RegExp(`href="/aides/engagements/${commitmentId}"`));
  const reg = await (await agent.get(`/aides/engagements/${commitmentId}`)).text();
  assert.match(reg, /Inès Moreau/);
  // every move logged with who, and audited without the beneficiary
  assert.equal(sql(`SELECT group_concat(to_state || ':' || actor_name, ',') FROM aid_application_log WHERE application_id = ${applicId}`),
               'deposee:Administrateur,complete:Administrateur,en_commission:Administrateur,accordee:Administrateur,convention_signee:Administrateur');
  const audit = sql(`SELECT group_concat(after_json, ' ') FROM audit_log WHERE entity = 'demande_aide'`);
  assert.match(audit, /convention_signee/);
  assert.doesNotMatch(audit, /Moreau/);
});

test('from the simulator\'s result: its query opens the filing form, prefilled', async () => {
  const q = new URLSearchParams({ aide: 'creusot-etudiants', profession: 'medecin-generaliste',
    statut: 'etudiant', annee: '3', pass_las: 'oui', commune: '71153' });
  const html = await text(await agent.get(`/instruction/demandes/nouvelle?${q}`));
  assert.match(html, /<option value="creusot-etudiants" selected>/);
  assert.match(html, /<option value="medecin-generaliste" selected>/);
  assert.match(html, /name="annee" value="3"/);
  assert.match(html, /name="pass_las" value="1" checked|name="pass_las"[^>]*checked/);
  assert.match(html, /name="commune" value="71153"/);
  assert.doesNotMatch(html, /field-error/);
  // agents only
  assert.equal((await new Client(server.url).get(`/instruction/demandes/nouvelle?${q}`)).status, 303);
});

test('the JSON API mirrors the pages: the application, its documents, moves and schedule', async () => {
  let r = await agent.get(`/api/v1/demandes-aide?dossier=${dossierId}`);
  assert.equal(r.status, 200);
  const list = await r.json();
  assert.equal(list.nombre, 1);
  assert.equal(list.demandes[0].etat, 'convention_signee');
  r = await agent.get(`/api/v1/demandes-aide/${applicId}`);
  const a = await r.json();
  assert.equal(a.montant_accorde_centimes, 1080000);
  assert.equal(a.dossier, dossierId);
  assert.equal(a.pieces.length, 4);
  assert.ok(a.pieces.every((p) => p.recue_le === '2026-03-02'));
  assert.deepEqual(a.historique.map((e) => e.vers),
                   ['deposee', 'complete', 'en_commission', 'accordee', 'convention_signee']);
  assert.equal(a.echeancier.reduce((s, e) => s + e.montant_centimes, 0), 1080000);
  assert.equal(a.profil.commune, '71153');
  assert.equal((await agent.get('/api/v1/demandes-aide?etat=inconnu')).status, 400);
  assert.equal((await agent.get('/api/v1/demandes-aide/999')).status, 404);
  assert.equal((await new Client(server.url).get('/api/v1/demandes-aide')).status, 401);
});

test('erasing the dossier erases its applications\' profile; the register keeps a signed one\'s name', async () => {
  // a second dossier, its application filed but not signed
  let r = await agent.fetch('/api/v1/dossiers', { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: JSON.stringify({ prenom: 'Jules', nom: 'Petit', email: 'jules@exemple.fr',
      profession: 'medecin_generaliste', statut: 'etudiant', projet: 'stage',
      territoire_type: 'commune', territoire_code: '71153', territoire_nom: 'Le Creusot',
      besoins: ['aides'], consentement: true }) });
  const other = await r.json();
  r = await post('/instruction/demandes', { dossier: other.id, aide: 'creusot-etudiants',
    beneficiaire: 'Jules Petit', profession: 'medecin-generaliste',
    statut: 'etudiant', annee: '4', pass_las: 'oui', commune: '71153' });
  assert.equal(r.status, 303);
  for (const [id, ref] of [[other.id, other.reference], [dossierId, null]]) {
    const reference = ref || (await (await agent.get(`/api/v1/dossiers/${id}`)).json()).reference;
    r = await agent.fetch(`/api/v1/dossiers/${id}/effacement`, { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ confirmation: reference }) });
    assert.equal(r.status, 200, await r.text());
  }
  assert.equal(sql(`SELECT beneficiary || '|' || profile || '|' || simulation FROM aid_applications WHERE dossier_id = ${other.id}`),
               'anonymisé|{}|{}');
  assert.equal(sql(`SELECT beneficiary || '|' || profile FROM aid_applications WHERE id = ${applicId}`),
               'Inès Moreau|{}');
  assert.doesNotMatch(sql('SELECT group_concat(profile || simulation) FROM aid_applications'), /71153/);
});
