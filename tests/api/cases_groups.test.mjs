// tests/api/cases_groups.test.mjs: instructor groups by territory and need
// route new requests (issue 14, item 4): the form refuses a bad group at
// its fields; a new request goes to the group that fits it best, shown on
// the dossier, counted on the agents' home, reminded to its members only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './lib/server.mjs';

let server, admin, csrf;
before(async () => {
  server = await startServer({ env: { OASIS_NOW: '2026-03-02T09:00:00Z' } });
  admin = new Client(server.url);
  await admin.login('admin', server.adminPassword);
  csrf = (await (await admin.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

const text = async (r) => (await r.text()).replace(/&#39;/g, "'");

test('a group is refused at its fields, then created', async () => {
  let r = await admin.post('/admin/utilisateurs', { identifiant: 'claire', nom: 'Claire Martin',
    role: 'agent', mot_de_passe: 'motdepasse-claire' }, { from: '/admin' });
  assert.equal(r.status, 303);
  r = await admin.post('/accompagnement/groupes', { nom: '', territoires: '71',
    membres: 'claire, personne' }, { csrf });
  assert.equal(r.status, 400);
  let html = await text(r);
  assert.match(html, /id="f-nom-err"/);
  assert.match(html, /name="membres" value="claire, personne"/);
  r = await admin.post('/accompagnement/groupes', { nom: 'Saône-et-Loire', territoires: '71',
    membres: 'claire, personne' }, { csrf });
  assert.equal(r.status, 400);
  assert.match(await text(r), /id="f-membres-err">Compte inconnu : personne\./);
  const body = new URLSearchParams({ nom: 'Saône-et-Loire logement', territoires: '71',
    membres: 'claire', csrf_token: csrf });
  body.append('besoins', 'logement');
  r = await admin.fetch('/accompagnement/groupes', { method: 'POST', body: body.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 303);
  r = await admin.post('/accompagnement/groupes', { nom: 'Toute l\'équipe', territoires: '',
    membres: 'admin' }, { csrf });
  assert.equal(r.status, 303);
  html = await text(await admin.get('/accompagnement/groupes'));
  assert.match(html, /<th scope="row">Saône-et-Loire logement<\/th><td>71<\/td><td>logement<\/td><td>claire<\/td>/);
});

test('a new request goes to the group that fits it, and to its members', async () => {
  const c = new Client(server.url);
  const token = await c.csrf('/demande');
  const r = await c.fetch('/api/v1/dossiers', { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
    body: JSON.stringify({ prenom: 'Inès', nom: 'Moreau', email: 'ines@exemple.fr',
      profession: 'medecin_generaliste', statut: 'etudiant', projet: 'stage',
      territoire_type: 'commune', territoire_code: '71153', territoire_nom: 'Le Creusot',
      besoins: ['logement'], consentement: true }) });
  assert.equal(r.status, 201);
  const ref = (await r.json()).reference;
  const list = await (await admin.get(`/api/v1/dossiers?q=${ref}`)).json();
  const id = list.dossiers[0].id;
  let html = await text(await admin.get(`/accompagnement/dossiers/${id}`));
  assert.match(html, /Groupe d'instruction : <a href="\/accompagnement\/groupes">Saône-et-Loire logement<\/a>/);
  html = await text(await admin.get('/accompagnement'));
  assert.match(html, /groupe=1">1<\/a> <span class="stat-label">nouvelles demandes du groupe Saône-et-Loire logement/);
  assert.match(html, /<span class="stat-value" id="nb-avis">0<\/span>/);
  html = await text(await admin.get('/accompagnement/dossiers?groupe=1'));
  assert.match(html, new RegExp(ref));
  html = await text(await admin.get('/accompagnement/dossiers?groupe=2'));
  assert.doesNotMatch(html, new RegExp(ref));
});

test('untaken two days later: in the group members\' reminders, not the others\'', async () => {
  const later = await startServer({ dbPath: server.dbPath,
                                    env: { OASIS_NOW: '2026-03-05T09:00:00Z' } });
  try {
    const claire = new Client(later.url);
    await claire.login('claire', 'motdepasse-claire');
    let b = await (await claire.get('/api/v1/dossiers/relances')).json();
    assert.deepEqual(b.a_relancer.map((x) => [x.type, x.libelle]),
                     [['non_attribue', 'Reçue le 02/03/2026, prise par personne']]);
    const a = new Client(later.url);
    await a.login('admin', later.adminPassword);
    b = await (await a.get('/api/v1/dossiers/relances')).json();
    assert.deepEqual(b.a_relancer, []);
  } finally {
    await later.stop();
  }
});
