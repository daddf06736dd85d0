// tests/api/cases.test.mjs: the guichet unique against the real server —
// the public form (inline errors, kept values, one dossier per submission),
// roles, the agent's journey through the JSON API (take, sub-tasks, hand-off
// to a partner, closing as "installé"), statistics, exports, attachments,
// GDPR export/erasure and the retention job with a controlled clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { startServer, Client } from './lib/server.mjs';
import { startSmtp } from './lib/smtp.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
const NOW = '2026-03-02T09:00:00Z';   // the server's clock (OASIS_NOW)

let server;
before(async () => { server = await startServer({ env: { OASIS_NOW: NOW } }); });
after(async () => { await server?.stop(); });

const VALID = {
  prenom: 'Camille', nom: 'Durand', email: 'camille.durand@exemple.fr',
  telephone: '05 55 12 34 56', profession: 'medecin_generaliste',
  statut: 'interne', projet: 'installation', territoire_type: 'commune',
  territoire_nom: 'Aurillac', territoire_code: '15014',
  date_souhaitee: '2026-09', message: 'Installation en MSP.', consentement: '1',
};

// POST the public form with repeated "besoins" and the page's own tokens.
async function postRequest(c, fields, needs, tokens) {
  const body = new URLSearchParams(fields);
  for (const n of needs) body.append('besoins', n);
  body.set('csrf_token', tokens.csrf);
  body.set('jeton', tokens.jeton);
  return c.fetch('/demande', { method: 'POST', body: body.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

async function formTokens(c, p = '/demande') {
  const html = await (await c.get(p)).text();
  const csrf = html.match(/name="csrf_token" value="([0-9a-f]{64})"/)[1];
  const jeton = html.match(/name="jeton" value="([0-9a-f]{32})"/)[1];
  return { csrf, jeton, html };
}

async function admin() {
  const c = new Client(server.url);
  await c.login(server.adminLogin, server.adminPassword);
  return c;
}

async function createUser(adminClient, login, role, name) {
  const r = await adminClient.post('/admin/utilisateurs',
    { identifiant: login, nom: name, role, mot_de_passe: 'motdepasse-' + login },
    { from: '/admin' });
  assert.equal(r.status, 303, `create ${login}`);
  const c = new Client(server.url);
  await c.login(login, 'motdepasse-' + login);
  return c;
}

// JSON call with the session's CSRF token in the header.
async function api(c, method, p, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = await c.csrf('/accompagnement/nouveau');
  const r = await c.fetch(p, { method, headers,
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

function sqlite(sql) {
  return execFileSync('sqlite3', [server.dbPath, sql], { encoding: 'utf8' });
}

let agent;              // Claire Martin, agent
let dossierId;          // the journey's dossier

test('the public form: invalid fields get inline French messages and keep what was typed', async () => {
  const c = new Client(server.url);
  const t = await formTokens(c);
  assert.match(t.html, /Demande d'accompagnement/);
  assert.match(t.html, /conservées <strong>3 ans après la clôture du dossier<\/strong>/);
  const r = await postRequest(c, { ...VALID, prenom: '', email: 'camille@exemple',
    territoire_code: '1501', consentement: '' }, [], t);
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, /id="f-prenom-err">Indiquez votre prénom\./);
  assert.match(html, /id="f-email-err">Adresse électronique invalide/);
  assert.match(html, /id="f-territoire_code-err">Code commune invalide/);
  assert.match(html, /id="f-besoins-err">Cochez au moins un besoin\./);
  assert.match(html, /id="f-consentement-err">/);
  assert.match(html, /Enregistrement refusé : plusieurs erreurs/);
  const box = html.match(/<div class="alert alert-error"[^>]*>.*?<\/div>/s)[0];
  assert.equal(box.match(/<li><a href="#f-/g).length, 5);
  // what was typed is still there, escaped
  assert.match(html, /name="nom" value="Durand"/);
  assert.match(html, /name="email" value="camille@exemple"/);
  assert.match(html, /<option value="interne" selected>/);
  assert.match(html, new RegExp(`name="jeton" value="${t.jeton}"`));
  assert.equal(html.match(/aria-invalid="true"/g).length >= 4, true);
});

test('the public form can arrive prefilled from another page (simulator, vacant post)', async () => {
  const c = new Client(server.url);
  const q = new URLSearchParams({ profession: 'medecin_generaliste', statut: 'interne',
    territoire_type: 'commune', territoire_code: '71153', territoire_nom: 'Le Creusot',
    besoins: 'aides,logement', message: 'Aides simulées : <b>CESP</b>' });
  const r = await c.get('/demande?' + q);
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<option value="medecin_generaliste" selected>/);
  assert.match(html, /<option value="interne" selected>/);
  assert.match(html, /value="71153"/);
  assert.match(html, /name="besoins" value="aides" checked>/);
  assert.match(html, /name="besoins" value="logement" checked>/);
  assert.doesNotMatch(html, /name="besoins" value="demarches" checked>/);
  assert.match(html, /Aides simulées : &lt;b&gt;CESP&lt;\/b&gt;/);
  assert.doesNotMatch(html, /class="field field-error"/);    // nothing checked before posting
});

test('a valid request creates one dossier even when sent twice', async () => {
  const c = new Client(server.url);
  const t = await formTokens(c);
  const r1 = await postRequest(c, VALID, ['logement', 'demarches', 'emploi_conjoint'], t);
  assert.equal(r1.status, 303);
  assert.match(r1.headers.get('location'),
               new RegExp(`^/demande/merci\\?ref=BD-2026-0001&jeton=${t.jeton}$`));
  const r2 = await postRequest(c, VALID, ['logement', 'demarches', 'emploi_conjoint'], t);
  assert.equal(r2.status, 303);
  assert.equal(r2.headers.get('location'), r1.headers.get('location'));
  const page = await (await c.get(r1.headers.get('location'))).text();
  assert.match(page, /id="reference">BD-2026-0001</);
  // no SMTP configured: no acknowledgment promised, and no error
  assert.doesNotMatch(page, /accusé de réception/);
  // the thanks page is no oracle: a reference without its form's token, an
  // existing one or not, is the same 404 (issue 17)
  const unknown = await new Client(server.url).get('/demande/merci?ref=BD-2026-0999');
  const known = await new Client(server.url).get('/demande/merci?ref=BD-2026-0001');
  const wrong = await new Client(server.url).get(`/demande/merci?ref=BD-2026-0001&jeton=${'0'.repeat(32)}`);
  assert.equal(unknown.status, 404);
  assert.equal(known.status, 404);
  assert.equal(wrong.status, 404);
  assert.equal(await known.text(), await unknown.text());
  assert.equal(sqlite("SELECT count(*) FROM case_dossiers").trim(), '1');
});

test('roles: the back-office is closed to the public and to readers', async () => {
  const anon = new Client(server.url);
  const list = await anon.get('/accompagnement/dossiers');
  assert.ok([302, 303].includes(list.status), `anonymous list: ${list.status}`);
  assert.equal((await anon.get('/api/v1/dossiers')).status, 401);
  assert.equal((await anon.get('/accompagnement')).status, 200);   // public intro
  const a = await admin();
  const reader = await createUser(a, 'lea', 'lecteur', 'Léa Petit');
  assert.equal((await reader.get('/api/v1/dossiers')).status, 403);
  assert.equal((await reader.get('/api/v1/dossiers/statistiques')).status, 200);
  agent = await createUser(a, 'claire', 'agent', 'Claire Martin');
  assert.equal((await agent.get('/api/v1/dossiers')).status, 200);
});

test('a POST without CSRF token is refused', async () => {
  const r = await agent.fetch('/api/v1/dossiers', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(r.status, 403);
});

test('the JSON API validates every field of a request', async () => {
  const r = await api(agent, 'POST', '/api/v1/dossiers', { ...VALID,
    email: '', telephone: '123', besoins: ['piscine'], consentement: true });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'saisie_invalide');
  // every refused field at once, each with its French message
  const msg = (f) => r.body.error.errors.find((e) => e.field === f)?.message;
  assert.match(msg('telephone'), /10 chiffres/);
  assert.match(msg('besoins'), /Besoin inconnu/);
});

test('the hotline records the channel of a phone request', async () => {
  const r = await api(agent, 'POST', '/api/v1/dossiers', { ...VALID,
    prenom: 'Louis', nom: 'Bernard', email: 'louis.bernard@exemple.fr',
    profession: 'infirmier', canal: 'telephone', besoins: ['scolarisation'],
    consentement: true });
  assert.equal(r.status, 201);
  assert.equal(r.body.reference, 'BD-2026-0002');
  assert.equal(r.body.canal, 'telephone');
  const list = await api(agent, 'GET', '/api/v1/dossiers?canal=telephone');
  assert.equal(list.body.nombre, 1);
  assert.equal(list.body.par_etat.nouveau, 1);
});

test('an agent takes the dossier, works the sub-tasks, hands one off and closes it as installé', async () => {
  const list = await api(agent, 'GET', '/api/v1/dossiers?q=BD-2026-0001');
  dossierId = list.body.dossiers[0].id;
  let r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/attribution`, { agent: 'moi' });
  assert.equal(r.status, 200);
  assert.equal(r.body.agent.nom, 'Claire Martin');
  r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/etat`,
                { etat: 'en_cours', raison: 'Premier appel' });
  assert.equal(r.status, 200);
  assert.equal(r.body.premier_contact_le, NOW);
  const tasks = Object.fromEntries(r.body.taches.map((t) => [t.besoin, t]));
  assert.deepEqual(Object.keys(tasks).sort(), ['demarches', 'emploi_conjoint', 'logement']);
  r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/taches/${tasks.demarches.id}`,
                { etat: 'fait', echeance: '2026-03-20', notes: 'Inscription ordinale faite' });
  assert.equal(r.status, 200);
  // a partner of the directory, suggested for housing in the Cantal
  const p = await api(agent, 'POST', '/api/v1/partenaires', { nom: 'Action Logement Cantal',
    type: 'logement', themes: 'logement', territoires: '15', email: 'contact@al15.exemple.fr' });
  assert.equal(p.status, 201);
  const sug = await api(agent, 'GET', '/api/v1/partenaires?besoin=logement&territoire=15014');
  assert.deepEqual(sug.body.partenaires.map((x) => x.nom), ['Action Logement Cantal']);
  r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/taches/${tasks.logement.id}/partenaire`,
                { partenaire: p.body.id, relance: '2026-03-16' });
  assert.equal(r.status, 200);
  const housing = r.body.taches.find((t) => t.besoin === 'logement');
  assert.equal(housing.etat, 'partenaire');
  assert.equal(housing.partenaire.nom, 'Action Logement Cantal');
  assert.equal(housing.relance, '2026-03-16');
  // a hand-off without follow-up date is refused, with the field named
  r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/taches/${tasks.emploi_conjoint.id}/partenaire`,
                { partenaire: p.body.id });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'relance');
  await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/taches/${tasks.emploi_conjoint.id}`,
            { etat: 'fait' });
  await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/notes`, { texte: 'Conjoint kiné' });
  // closing without the installation's commune is refused
  r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/etat`,
                { etat: 'clos', issue: 'installe' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'commune');
  r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/etat`,
                { etat: 'clos', issue: 'installe', commune: '15014',
                  date_installation: '2026-09-01', raison: 'Installée en MSP' });
  assert.equal(r.status, 200);
  assert.equal(r.body.etat, 'clos');
  assert.deepEqual(r.body.issue, { code: 'installe', commune: '15014', date: '2026-09-01' });
  assert.deepEqual(r.body.historique.map((h) => [h.de, h.vers, h.par]),
    [[null, 'nouveau', 'demandeur'], ['nouveau', 'en_cours', 'Claire Martin'],
     ['en_cours', 'clos', 'Claire Martin']]);
  assert.equal(r.body.historique[2].raison, 'Installée en MSP');
  // a closed dossier only reopens, and only with a reason
  r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/etat`, { etat: 'en_cours' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'raison');
});

test('the statistics reflect the journey', async () => {
  const r = await api(agent, 'GET', '/api/v1/dossiers/statistiques');
  assert.equal(r.status, 200);
  assert.equal(r.body.demandes, 2);
  const count = (dim, code) => r.body.comptes
    .filter((x) => x.dimension === dim && x.code === code)
    .reduce((s, x) => s + x.nombre, 0);
  assert.equal(count('profession', 'medecin_generaliste'), 1);
  assert.equal(count('canal', 'telephone'), 1);
  assert.equal(count('besoin', 'logement'), 1);
  assert.equal(count('issue', 'installe'), 1);
  assert.equal(r.body.delai_cloture_jours.n, 1);
  assert.deepEqual(r.body.installations_par_commune, [{ commune: '15014', installations: 1 }]);
  const page = await (await agent.get('/accompagnement/statistiques')).text();
  assert.match(page, /<caption id="stat-profession">/);
  assert.match(page, /<th scope="row">installé·e<\/th>/);
});

test('every opening of a dossier is logged and every write audited without personal data', async () => {
  const before = (await api(agent, 'GET', `/api/v1/dossiers/${dossierId}`)).body.ouvertures;
  await agent.get(`/accompagnement/dossiers/${dossierId}`);
  const after = (await api(agent, 'GET', `/api/v1/dossiers/${dossierId}`)).body.ouvertures;
  assert.equal(after, before + 2);
  const actions = sqlite(`SELECT action FROM audit_log WHERE entity = 'dossier' AND entity_id = ${dossierId} ORDER BY id`)
    .trim().split('\n');
  assert.deepEqual(actions, ['create', 'assign', 'transition', 'task', 'handoff',
                             'task', 'note', 'transition']);
  assert.equal(sqlite("SELECT count(*) FROM audit_log WHERE after_json LIKE '%Durand%' OR after_json LIKE '%exemple.fr%'").trim(), '0');
});

test('the list filters, counts per state, saves filters per user and exports CSV and XLSX', async () => {
  const html = await (await agent.get('/accompagnement/dossiers?etat=clos')).text();
  assert.match(html, /1 dossier</);
  assert.match(html, /clos : <strong>1<\/strong>/);
  assert.match(html, /nouveau : <strong>1<\/strong>/);
  const save = await agent.post('/accompagnement/filtres',
    { nom_filtre: 'Mes clos', etat: 'clos', agent: 'moi' }, { from: '/accompagnement/dossiers' });
  assert.equal(save.status, 303);
  assert.equal(save.headers.get('location'), '/accompagnement/dossiers?etat=clos&agent=moi');
  assert.match(await (await agent.get('/accompagnement/dossiers')).text(), />Mes clos</);
  const adm = await admin();
  const admList = await (await adm.get('/accompagnement/dossiers')).text();
  assert.doesNotMatch(admList, />Mes clos</);
  // « Reçu le » as users write dates, never ISO
  assert.match(admList, /<\/a><\/th><td>\d{2}\/\d{2}\/\d{4}<\/td>/);
  assert.doesNotMatch(admList, /<td>\d{4}-\d{2}-\d{2}<\/td>/);
  // another agent's dossiers: the agent filter lists whoever holds one
  const claireId = sqlite("SELECT id FROM users WHERE login = 'claire'").trim();
  assert.match(admList, new RegExp(`<option value="${claireId}">Claire Martin</option>`));
  const byAgent = await api(adm, 'GET', `/api/v1/dossiers?agent=${claireId}`);
  assert.deepEqual(byAgent.body.dossiers.map((d) => d.reference), ['BD-2026-0001']);
  assert.equal((await api(adm, 'GET', '/api/v1/dossiers?agent=aucun')).body.nombre, 1);
  const body = new URLSearchParams({ csrf_token: await agent.csrf('/accompagnement/dossiers'),
                                     format: 'csv', etat: '' });
  for (const col of ['reference', 'nom', 'email', 'besoins']) body.append('colonnes', col);
  const csv = await agent.fetch('/accompagnement/dossiers/export', { method: 'POST',
    body: body.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  assert.equal(lines[0], 'Référence;Nom;Courriel;Besoins');
  assert.equal(lines.length, 3);
  assert.ok(lines.includes('BD-2026-0001;Durand;camille.durand@exemple.fr;Démarches administratives et ordinales, Logement, Emploi du conjoint'));
  body.set('format', 'xlsx');
  const xlsx = await agent.fetch('/accompagnement/dossiers/export', { method: 'POST',
    body: body.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(xlsx.status, 200);
  const xb = Buffer.from(await xlsx.arrayBuffer());
  assert.equal(xb.subarray(0, 2).toString(), 'PK');
  const none = new URLSearchParams({ csrf_token: await agent.csrf('/accompagnement/dossiers'), format: 'csv' });
  const bad = await agent.fetch('/accompagnement/dossiers/export', { method: 'POST',
    body: none.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(bad.status, 400);
});

test('attachments: checked, stored with their checksum, refused with the reason', async () => {
  const pdf = Buffer.from('%PDF-1.4\n% diplôme\n');
  const upload = async (name, data, type) => {
    const fd = new FormData();
    fd.set('csrf_token', await agent.csrf(`/accompagnement/dossiers/${dossierId}`));
    fd.set('fichier', new Blob([data], { type }), name);
    return agent.fetch(`/accompagnement/dossiers/${dossierId}/pieces`, { method: 'POST', body: fd });
  };
  let r = await upload('diplome.pdf', pdf, 'application/pdf');
  assert.equal(r.status, 303);
  const d = (await api(agent, 'GET', `/api/v1/dossiers/${dossierId}`)).body;
  assert.equal(d.pieces.length, 1);
  assert.equal(d.pieces[0].sha256, crypto.createHash('sha256').update(pdf).digest('hex'));
  assert.equal(d.pieces[0].taille, pdf.length);
  const dl = await agent.get(`/accompagnement/dossiers/${dossierId}/pieces/${d.pieces[0].id}`);
  assert.equal(dl.status, 200);
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), pdf);
  r = await upload('virus.exe', Buffer.from('MZ...'), 'application/octet-stream');
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Type de fichier refusé/);
  r = await upload('faux.pdf', Buffer.from('\x89PNG....'), 'application/pdf');
  assert.equal(r.status, 400);
  assert.match(await r.text(), /ne correspond pas/);
  r = await upload('gros.pdf', Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]), 'application/pdf');
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Fichier trop volumineux/);
});

test('GDPR: export of the person in JSON, then erasure keeps the statistics', async () => {
  const ex = await agent.get(`/accompagnement/dossiers/${dossierId}/rgpd.json`);
  assert.equal(ex.status, 200);
  const data = JSON.parse(await ex.text());
  assert.equal(data.dossiers.length, 1);
  assert.equal(data.dossiers[0].email, 'camille.durand@exemple.fr');
  assert.equal(data.dossiers[0].notes[0].texte, 'Conjoint kiné');
  const statsBefore = (await api(agent, 'GET', '/api/v1/dossiers/statistiques')).body;
  let r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/effacement`, { confirmation: 'non' });
  assert.equal(r.status, 400);
  r = await api(agent, 'POST', `/api/v1/dossiers/${dossierId}/effacement`, { confirmation: 'BD-2026-0001' });
  assert.equal(r.status, 200);
  assert.equal(r.body.dossiers_anonymises, 1);
  const d = (await api(agent, 'GET', `/api/v1/dossiers/${dossierId}`)).body;
  for (const k of ['prenom', 'nom', 'email', 'telephone', 'message']) assert.equal(d[k], '', k);
  assert.equal(d.notes.length, 0);
  assert.equal(d.pieces.length, 0);
  assert.equal(d.anonymise_le, NOW);
  assert.equal(d.profession, 'medecin_generaliste');
  const statsAfter = (await api(agent, 'GET', '/api/v1/dossiers/statistiques')).body;
  assert.deepEqual(statsAfter, statsBefore);
});

test('the retention job anonymises dossiers closed 3 years ago, not before', async () => {
  const r = await api(agent, 'POST', '/api/v1/dossiers', { ...VALID, prenom: 'Inès',
    nom: 'Moreau', email: 'ines.moreau@exemple.fr', besoins: ['aides'], canal: 'courriel',
    consentement: true });
  const id = r.body.id;
  await api(agent, 'POST', `/api/v1/dossiers/${id}/etat`, { etat: 'clos', issue: 'abandon' });
  const statsBefore = (await api(agent, 'GET', '/api/v1/dossiers/statistiques')).body;
  const run = (now) => execFileSync(BIN, ['cases', 'anonymise', '--db', server.dbPath, '--now', now],
                                    { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' } });
  assert.match(run('2029-03-02T08:59:59'), /^0 dossier/);
  assert.equal((await api(agent, 'GET', `/api/v1/dossiers/${id}`)).body.nom, 'Moreau');
  assert.match(run('2029-03-02T09:00:00'), /^1 dossier/);
  const d = (await api(agent, 'GET', `/api/v1/dossiers/${id}`)).body;
  assert.equal(d.nom, '');
  assert.equal(d.email, '');
  assert.equal(d.issue.code, 'abandon');
  assert.deepEqual((await api(agent, 'GET', '/api/v1/dossiers/statistiques')).body, statsBefore);
  assert.match(run('2035-01-01'), /^0 dossier/);   // nothing left to do
});

test('the hotline form (HTML) records the channel and shows inline errors too', async () => {
  const t = await formTokens(agent, '/accompagnement/nouveau');
  assert.match(t.html, /<select id="f-canal" name="canal"/);
  const send = (fields) => {
    const body = new URLSearchParams({ ...fields, csrf_token: t.csrf, jeton: t.jeton });
    body.append('besoins', 'aides');
    return agent.fetch('/accompagnement/nouveau', { method: 'POST', body: body.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  };
  const bad = await send({ ...VALID, canal: 'pigeon', email: '', telephone: '' });
  assert.equal(bad.status, 400);
  const html = await bad.text();
  assert.match(html, /id="f-canal-err">Choisissez le canal/);
  assert.match(html, /id="f-email-err">Indiquez une adresse électronique ou un numéro/);
  const ok = await send({ ...VALID, prenom: 'Hugo', nom: 'Roux', email: 'hugo.roux@exemple.fr',
                          canal: 'rencontre' });
  assert.equal(ok.status, 303);
  const id = ok.headers.get('location').match(/^\/accompagnement\/dossiers\/(\d+)$/)[1];
  const d = (await api(agent, 'GET', `/api/v1/dossiers/${id}`)).body;
  assert.equal(d.canal, 'rencontre');
  assert.equal(d.historique[0].par, 'Claire Martin');
});

test('the side panel shows the commune\'s APL when the observatory tables have it', async () => {
  const list = await api(agent, 'GET', '/api/v1/dossiers?q=BD-2026-0002');
  const id = list.body.dossiers[0].id;
  let html = await (await agent.get(`/accompagnement/dossiers/${id}`)).text();
  assert.match(html, /<dt>APL<\/dt><dd>pas de donnée<\/dd>/);
  sqlite("INSERT INTO import_log(id, kind, file_name, sha256, n_rows) VALUES (900, 'test', 't', 'x', 1);"
       + "INSERT INTO communes(code, type, name, dep, import_id) VALUES ('15014', 'COM', 'Aurillac', '15', 900);"
       + "INSERT INTO apl_reference(vintage, commune, apl, import_id) VALUES (2022, '15014', 2.31, 900);");
  html = await (await agent.get(`/accompagnement/dossiers/${id}`)).text();
  assert.match(html, /<dd>Aurillac \(15\)<\/dd>/);
  assert.match(html, /APL médecins généralistes \(DREES 2022\)<\/dt><dd>2,31 consultations/);
  // issue 13: a class computed from the APL is labelled indicative, never
  // with the arrêté's words (it used to say « zone d'intervention prioritaire »)
  assert.match(html, /<dt>Zonage<\/dt><dd>Sous-dense — classement indicatif d&#39;après l&#39;APL DREES 2022 \(2,31 ; seuils 2,50 et 4,00\) — zonage officiel non importé<\/dd>/);
  assert.doesNotMatch(html, /intervention prioritaire/);
});

test('with SMTP configured, the requester gets an acknowledgment with the reference', async () => {
  const smtp = await startSmtp();
  const s2 = await startServer({ env: { OASIS_NOW: NOW,
    OASIS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, OASIS_SMTP_FROM: 'guichet@exemple.fr' } });
  try {
    const c = new Client(s2.url);
    const t = await formTokens(c);
    const r = await postRequest(c, VALID, ['aides'], t);
    assert.equal(r.status, 303);
    const page = await (await c.get(r.headers.get('location'))).text();
    assert.match(page, /accusé de réception/);
    // sent by the outbox thread, through a real SMTP server (aiosmtpd)
    const mail = await smtp.waitFor((x) => x.subject.includes('BD-2026-0001'));
    assert.match(mail.to, /camille\.durand@exemple\.fr/);
    assert.equal(mail.subject, "Votre demande d'accompagnement BD-2026-0001");
    assert.match(mail.body, /référence BD-2026-0001/);
    assert.match(mail.body, /conservées 3 ans/);
    assert.match(mail.body, /\/suivi\/[0-9a-f]{64}/);
    // an agent's message goes out by e-mail and counts as the first contact
    const a = new Client(s2.url);
    await a.login(s2.adminLogin, s2.adminPassword);
    const page1 = await (await a.get('/accompagnement/dossiers/1')).text();
    assert.match(page1, /Envoyer aussi par courriel à camille\.durand@exemple\.fr/);
    const m = await a.post('/accompagnement/dossiers/1/messages',
      { sens: 'sortant', texte: 'Bonjour,\nje vous appelle demain.', courriel: '1' },
      { from: '/accompagnement/dossiers/1' });
    assert.equal(m.status, 303);
    const sent = await smtp.waitFor((x) => x.subject.includes('nouveau message'));
    assert.match(sent.body, /Bonjour,\nje vous appelle demain\./);
    const d = (await api(a, 'GET', '/api/v1/dossiers/1')).body;
    assert.equal(d.messages[0].courriel, true);
    assert.equal(d.premier_contact_le, NOW);
  } finally {
    await smtp.stop();
    await s2.stop();
  }
});

test('the CSV export leaves no cell a spreadsheet would run: =, +, - and @ come out inert', async () => {
  const s2 = await startServer({ env: { OASIS_NOW: NOW } });
  try {
    const a = new Client(s2.url);
    await a.login(s2.adminLogin, s2.adminPassword);
    const r = await api(a, 'POST', '/api/v1/dossiers', { ...VALID,
      prenom: '=HYPERLINK("http://exemple.invalid","x")', nom: '+33 6 12',
      territoire_nom: '@SOMME(A1:A9)', territoire_code: '', message: '',
      besoins: ['aides'], consentement: true });
    assert.equal(r.status, 201);
    // a name starting with "-" too (a second dossier: one field each)
    assert.equal((await api(a, 'POST', '/api/v1/dossiers', { ...VALID, email: '',
      nom: '-2+3', besoins: ['logement'], consentement: true })).status, 201);
    const body = new URLSearchParams({ csrf_token: await a.csrf('/accompagnement/dossiers'),
                                       format: 'csv' });
    for (const col of ['prenom', 'nom', 'territoire']) body.append('colonnes', col);
    const csv = await a.fetch('/accompagnement/dossiers/export', { method: 'POST',
      body: body.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(csv.status, 200);
    const text = Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8');
    const lines = text.trim().split('\r\n');
    assert.equal(lines[0], 'Prénom;Nom;Territoire');
    // every cell as a spreadsheet reads it: quotes removed, "" unescaped
    const cells = lines.slice(1).flatMap((l) => l.match(/("([^"]|"")*"|[^;]*)(;|$)/g)
      .filter((c) => c !== '').map((c) => c.replace(/;$/, '')
        .replace(/^"(.*)"$/s, '$1').replace(/""/g, '"')));
    for (const v of ['=HYPERLINK("http://exemple.invalid","x")', '+33 6 12', '@SOMME(A1:A9)', '-2+3']) {
      assert.ok(cells.includes(`'${v}`), `${v} neutralised in ${JSON.stringify(cells)}`);
      assert.ok(!cells.includes(v), `${v} never raw`);
    }
    for (const c of cells) assert.doesNotMatch(c, /^[=+\-@\t\r]/);
  } finally {
    await s2.stop();
  }
});
