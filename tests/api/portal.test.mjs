// tests/api/portal.test.mjs: the public portal and its back-office against
// the real server: territory settings (colours, origins), Markdown pages
// (draft/published, raw HTML shown escaped), events and registrations
// (invalid e-mail, consent, duplicates, past events, CSV export), commune
// pages, the widget's framing policy, the JSON API, roles and the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server, admin, agent;
before(async () => {
  server = await startServer();
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  const r = await admin.post('/admin/utilisateurs',
    { identifiant: 'agent1', nom: 'Agente', role: 'agent', mot_de_passe: 'motdepasse-agent' },
    { from: '/admin' });
  assert.equal(r.status, 303);
  agent = new Client(server.url);
  await agent.login('agent1', 'motdepasse-agent');
});
after(async () => { await server?.stop(); });

// A date n days from today (UTC) as YYYY-MM-DD.
function day(n) {
  return new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
}

function sql(statement) {
  return execFileSync('sqlite3', [server.dbPath, statement]).toString().trim();
}

const SETTINGS = {
  nom: 'Loir-et-Cher', accroche: 'Bienvenue Docteur !', logo: '',
  couleur_principale: '#1f3f8f', couleur_secondaire: '#146346',
  presentation: 'Un département qui vous attend.', pourquoi_md: '- **Des aides**',
  contact: 'Écrivez-nous.', origines_widget: '',
};

test('home page: default texts, honest empty states, no link to absent modules', async () => {
  const r = await fetch(server.url + '/portail');
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /Venez exercer chez nous/);
  assert.match(html, /Aucune donnée pour l&#39;instant : le territoire de l&#39;instance/);
  assert.match(html, /Aucune rencontre n'est prévue/);
  // modules not in this build are announced, not linked (no 404 for users)
  for (const p of ['/centres/postes', '/stages/offres']) {
    const status = (await fetch(server.url + p)).status;
    if (status === 404) assert.ok(!html.includes(`href="${p}"`), p);
  }
  assert.match(html, /href="\/portail\/pages\/accessibilite"/);
});

test('settings: only admins; bad colour and disallowed origins refused, nothing saved', async () => {
  const anon = new Client(server.url);
  let r = await anon.get('/portail/admin');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/connexion/);
  r = await agent.post('/portail/admin/reglages', SETTINGS, { from: '/portail/admin' });
  assert.equal(r.status, 403);

  r = await admin.post('/portail/admin/reglages',
    { ...SETTINGS, nom: 'Refusé', couleur_principale: '#ffff00' }, { from: '/portail/admin' });
  assert.equal(r.status, 400);
  let html = await r.text();
  assert.match(html, /couleur trop claire : contraste de 1,1:1/i);
  assert.match(html, /value="Refusé"/, 'the form keeps what was typed');

  for (const [origin, why] of [['http://partenaire.example', /https:\/\//],
                               ['https://partenaire.example/page', /sans chemin/],
                               ['https://*.example.org', /sans chemin ni \*/],
                               ['javascript:alert(1)', /commencer par https/]]) {
    r = await admin.post('/portail/admin/reglages',
      { ...SETTINGS, origines_widget: `https://ok.example\n${origin}` },
      { from: '/portail/admin' });
    assert.equal(r.status, 400, origin);
    html = await r.text();
    assert.match(html, /origine refusée/i, origin);
    assert.match(html, why, origin);
  }
  assert.equal(sql("SELECT value FROM portal_settings WHERE key='name'"), 'Votre territoire');

  r = await admin.post('/portail/admin/reglages',
    { ...SETTINGS, origines_widget: 'https://www.mairie-exemple.fr/\nHTTPS://Hopital.example:8443\n' },
    { from: '/portail/admin' });
  assert.equal(r.status, 303);
  html = await (await fetch(server.url + '/portail')).text();
  assert.match(html, /Bienvenue Docteur !/);
  assert.match(html, /<p class="eyebrow">Loir-et-Cher<\/p>/);
  assert.match(html, /--blue:#1f3f8f/);
  assert.equal(sql("SELECT count(*) FROM audit_log WHERE entity='portal_settings'"), '1');

  // The widget may be framed by the listed origins only.
  r = await fetch(server.url + '/portail/widget');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-security-policy'),
    "frame-ancestors 'self' https://www.mairie-exemple.fr https://hopital.example:8443");
  assert.equal(r.headers.get('x-frame-options'), null);
  assert.match(await r.text(), /<p class="eyebrow">Loir-et-Cher<\/p>\n<h1[^>]*>Les aides pour vous installer/);
  // every other page still refuses framing
  r = await fetch(server.url + '/portail');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
});

test('Markdown pages: draft hidden, published page shows raw HTML escaped', async () => {
  const body = '# Vivre ici\n\nDu **soleil**.\n\n<script>alert("xss")</script>\n\n' +
               'Un [lien piégé](javascript:alert(1)) et <img src=x onerror=alert(2)>.';
  let r = await agent.post('/portail/admin/pages',
    { titre: 'Vivre ici', slug: 'vivre-ici', texte_md: body, etat: 'brouillon' },
    { from: '/portail/admin/pages/nouvelle' });
  assert.equal(r.status, 303);
  const id = sql("SELECT id FROM portal_pages WHERE slug='vivre-ici'");
  assert.equal((await fetch(server.url + '/portail/pages/vivre-ici')).status, 404);
  assert.equal((await agent.get('/portail/pages/vivre-ici')).status, 200, 'agents preview drafts');

  r = await agent.post(`/portail/admin/pages/${id}`,
    { titre: 'Vivre ici', slug: 'vivre-ici', texte_md: body, etat: 'publie' },
    { from: `/portail/admin/pages/${id}` });
  assert.equal(r.status, 303);
  r = await fetch(server.url + '/portail/pages/vivre-ici');
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<h2>Vivre ici<\/h2>/, 'Markdown headings go below the page h1');
  assert.match(html, /<strong>soleil<\/strong>/);
  assert.match(html, /&lt;script&gt;alert\(&quot;xss&quot;\)&lt;\/script&gt;/);
  assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/);
  assert.ok(!html.includes('<script>alert'), 'no live script');
  assert.ok(!html.includes('<img src=x'), 'no live img');
  assert.ok(!/href="javascript:/i.test(html), 'no javascript: link');
  const actions = sql(`SELECT group_concat(action) FROM audit_log WHERE entity='portal_page' AND entity_id=${id}`);
  assert.equal(actions, 'create,publish');

  // the JSON API serves the same page, HTML included
  const j = await (await fetch(server.url + '/api/v1/portail/pages/vivre-ici')).json();
  assert.equal(j.texte_md, body);
  assert.ok(!j.html.includes('<script>'));
});

test('pages: bad slug, taken slug and missing title refused with the field named', async () => {
  let r = await agent.post('/portail/admin/pages',
    { titre: '', slug: 'Mauvaise Adresse', texte_md: 'x', etat: 'publie' },
    { from: '/portail/admin/pages/nouvelle' });
  assert.equal(r.status, 400);
  let html = await r.text();
  assert.match(html, /Indiquez le titre/);
  assert.match(html, /Adresse invalide/);
  assert.match(html, /aria-invalid="true" aria-describedby="f-slug-err"/);
  r = await agent.post('/portail/admin/pages',
    { titre: 'Autre', slug: 'vivre-ici', texte_md: 'x', etat: 'publie' },
    { from: '/portail/admin/pages/nouvelle' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Cette adresse est déjà prise/);
  assert.equal(sql("SELECT count(*) FROM portal_pages WHERE title='Autre'"), '0');
  assert.equal((await fetch(server.url + '/portail/pages/inconnue')).status, 404);
});

test('events: past date refused; registration validated, kept, exported', async () => {
  let r = await agent.post('/portail/admin/evenements',
    { type: 'salon', titre: 'Salon passé', date: day(-3), heure: '', lieu: 'Blois',
      places: '0', texte_md: '', publie: '1' },
    { from: '/portail/admin/evenements/nouveau' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Cette date est passée/);
  assert.equal(sql('SELECT count(*) FROM portal_events'), '0');

  r = await agent.post('/portail/admin/evenements',
    { type: 'congres', titre: 'Congrès de médecine générale', date: day(30), heure: '09:30',
      lieu: 'Tours', places: '2', texte_md: 'Stand **41**', publie: '1' },
    { from: '/portail/admin/evenements/nouveau' });
  assert.equal(r.status, 303);
  const id = sql("SELECT id FROM portal_events WHERE kind='congres'");
  const cal = await (await fetch(server.url + '/portail/evenements')).text();
  assert.match(cal, /Congrès de médecine générale/);
  // the candidate's calendar file
  r = await fetch(server.url + `/portail/evenements/${id}/agenda.ics`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
  const ics = await r.text();
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /\r\nSUMMARY:Congrès de médecine générale\r\n/);
  assert.match(ics, new RegExp(`\\r\\nDTSTART;TZID=Europe/Paris:${day(30).replace(/-/g, '')}T093000\\r\\n`));
  assert.match(ics, /\r\nBEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n/);
  assert.match(ics, /\r\nLOCATION:Tours\r\n/);
  assert.equal((await fetch(server.url + '/portail/evenements/999/agenda.ics')).status, 404);

  const visitor = new Client(server.url);
  const from = `/portail/evenements/${id}`;
  r = await visitor.post(`/portail/evenements/${id}/inscription`,
    { name: 'Dr Léa Martin', email: 'lea.martin@exemple', profile: 'medecin', consent: '1' },
    { from });
  assert.equal(r.status, 400);
  assert.match(r.headers.get('deprecation') ?? '', /^true/, 'former English keys still read, marked');
  let html = await r.text();
  assert.match(html, /Adresse électronique invalide/);
  assert.match(html, /value="Dr Léa Martin"/, 'the name typed is kept');
  assert.match(html, /value="lea.martin@exemple"/, 'the address typed is kept');
  assert.match(html, /<option value="medecin" selected>/);

  r = await visitor.post(`/portail/evenements/${id}/inscription`,
    { nom: 'Dr Léa Martin', courriel: 'lea.martin@exemple.fr', profil: 'medecin' }, { from });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Cochez la case/);
  assert.equal(sql('SELECT count(*) FROM portal_registrations'), '0');

  r = await visitor.post(`/portail/evenements/${id}/inscription`,
    { nom: 'Dr Léa Martin', courriel: 'lea.martin@exemple.fr', profil: 'medecin', consentement: '1' },
    { from });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/portail/evenements/${id}?inscription=ok#inscription`);
  html = await (await visitor.get(`/portail/evenements/${id}?inscription=ok`)).text();
  assert.match(html, /Votre inscription est enregistrée/);

  // the same address again (another visitor): the same answer as a new
  // one, nothing added — the form is no oracle of who registered (issue 17)
  const other = new Client(server.url);
  r = await other.post(`/portail/evenements/${id}/inscription`,
    { nom: 'Léa', courriel: 'LEA.MARTIN@exemple.fr', profil: 'medecin', consentement: '1' }, { from });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/portail/evenements/${id}?inscription=ok#inscription`);
  assert.equal(sql('SELECT count(*) FROM portal_registrations'), '1');

  // audit: the registration is recorded without the person's identity
  const after = sql("SELECT after_json FROM audit_log WHERE entity='portal_registration'");
  assert.ok(!after.includes('lea'), after);

  // JSON API registration fills the last place, then the event is full
  const api = new Client(server.url);
  const token = (await (await api.get(from)).text()).match(/name="csrf_token" value="([0-9a-f]{64})"/)[1];
  const post = (body) => api.fetch(`/api/v1/portail/evenements/${id}/inscriptions`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token } });
  r = await post({ nom: 'Paul', courriel: 'paul@', profil: 'pirate', consentement: false });
  assert.equal(r.status, 400);
  let e = (await r.json()).error;
  assert.equal(e.code, 'saisie_invalide');
  assert.equal(e.field, 'courriel');
  assert.deepEqual(e.errors.map((x) => x.field), ['courriel', 'profil', 'consentement'],
    'every refused field at once');
  r = await post({ name: 'Paul', email: 'paul@', profile: 'interne', consent: true });
  assert.equal(r.status, 400);
  assert.match(r.headers.get('deprecation') ?? '', /^true/);
  assert.equal((await r.json()).error.field, 'courriel');
  // the API, too, answers a known address exactly as a new one
  r = await post({ nom: 'P.', courriel: 'lea.martin@exemple.fr', profil: 'interne', consentement: true });
  assert.equal(r.status, 201);
  const known = await r.json();
  assert.equal(sql('SELECT count(*) FROM portal_registrations'), '1');
  r = await post({ nom: 'Paul Durand', courriel: 'paul.durand@exemple.fr', profil: 'interne', consentement: true });
  assert.equal(r.status, 201);
  const fresh = await r.json();
  assert.equal(fresh.evenement_id, Number(id));
  assert.deepEqual(known, fresh);
  r = await post({ nom: 'Zoé', courriel: 'zoe@exemple.fr', profil: 'interne', consentement: true });
  assert.equal(r.status, 400);
  assert.match((await r.json()).error.message, /complet/i);
  r = await api.fetch('/api/v1/portail/evenements/999/inscriptions', {
    method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token } });
  assert.equal(r.status, 404);
  assert.equal((await r.json()).error.code, 'introuvable');

  // registrants: list and CSV for the team only
  assert.equal((await visitor.get(`/portail/admin/evenements/${id}/inscrits.csv`)).status, 303);
  r = await agent.get(`/portail/admin/evenements/${id}/inscrits.csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="inscrits-evenement-/);
  assert.match(decodeURIComponent(r.headers.get('x-provenance')), /inscriptions à « Congrès de médecine générale »/);
  const bytes = new Uint8Array(await r.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const csv = new TextDecoder().decode(bytes.slice(3));
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], "Nom;Adresse électronique;Profil;Inscrit le;Événement;Date de l'événement");
  assert.equal(lines.length, 3);
  assert.match(lines[1], /^Dr Léa Martin;lea.martin@exemple.fr;Médecin;/);
  assert.match(lines[2], /^Paul Durand;paul.durand@exemple.fr;Interne;/);

  // right to erasure: the team erases Paul's registration; the journal
  // keeps ids only
  const rid = sql("SELECT id FROM portal_registrations WHERE email='paul.durand@exemple.fr'");
  r = await agent.post(`/portail/admin/evenements/${id}/inscrits/${rid}/supprimer`, {},
                       { from: `/portail/admin/evenements/${id}` });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT count(*) FROM portal_registrations WHERE event_id=${id}`), '1');
  assert.equal(sql(`SELECT action FROM audit_log WHERE entity='portal_registration' AND entity_id=${rid} ORDER BY id DESC LIMIT 1`), 'erase');
  assert.equal(sql("SELECT count(*) FROM audit_log WHERE before_json LIKE '%paul%' OR after_json LIKE '%paul%'"), '0');
  r = await agent.post(`/portail/admin/evenements/${id}/inscrits/${rid}/supprimer`, {},
                       { from: `/portail/admin/evenements/${id}` });
  assert.equal(r.status, 404);
  r = await visitor.post(`/portail/admin/evenements/${id}/inscrits/1/supprimer`, {}, { from });
  assert.equal(r.status, 303, 'anonymous: to the login page');
  assert.equal(sql(`SELECT count(*) FROM portal_registrations WHERE event_id=${id}`), '1');
});

test('an event already past refuses registrations, on the page and in the API', async () => {
  let r = await agent.post('/portail/admin/evenements',
    { type: 'lycee', titre: 'Lycée Augustin-Thierry', date: day(10), heure: '',
      lieu: 'Blois', places: '0', texte_md: '', publie: '1' },
    { from: '/portail/admin/evenements/nouveau' });
  assert.equal(r.status, 303);
  const id = sql("SELECT id FROM portal_events WHERE kind='lycee'");
  const visitor = new Client(server.url);
  const token = await visitor.csrf(`/portail/evenements/${id}`);   // form still open
  sql(`UPDATE portal_events SET starts_on='${day(-1)}' WHERE id=${id}`);   // time passes
  const html = await (await visitor.get(`/portail/evenements/${id}`)).text();
  assert.match(html, /les inscriptions sont closes/);
  r = await visitor.post(`/portail/evenements/${id}/inscription`,
    { nom: 'Jeanne', courriel: 'jeanne@exemple.fr', profil: 'lyceen', consentement: '1' },
    { csrf: token });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Cet événement est passé/);
  assert.equal(sql(`SELECT count(*) FROM portal_registrations WHERE event_id=${id}`), '0');
  const j = await (await fetch(server.url + '/api/v1/portail/evenements')).json();
  assert.ok(!j.evenements.some((e) => e.id === Number(id)), 'past events leave the calendar');
});

test('commune pages: unknown → 404; a fiche shows honest indicator states', async () => {
  // no commune imported in this database: 41018 is unknown until a fiche exists
  for (const code of ['99999', '4101', 'abcde', '41018']) {
    assert.equal((await fetch(server.url + `/portail/communes/${code}`)).status, 404, code);
  }
  let r = await fetch(server.url + '/api/v1/portail/communes/99999');
  assert.equal(r.status, 404);
  assert.match((await r.json()).error.message, /^Commune inconnue/);

  r = await agent.post('/portail/admin/communes',
    { code: '41018', nom: 'Blois', epci: 'Agglopolys', texte_md: 'Ville **royale**',
      contact: 'Mme Dupont, 02 54 00 00 00' }, { from: '/portail/admin/communes?nouvelle=1' });
  assert.equal(r.status, 303);
  r = await agent.post('/portail/admin/communes',
    { code: '41018', nom: 'Blois bis', epci: '', texte_md: '', contact: '' },
    { from: '/portail/admin/communes?nouvelle=1' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /déjà une fiche/i);
  r = await agent.post('/portail/admin/communes',
    { code: '4A018', nom: 'X', epci: '', texte_md: '', contact: '' },
    { from: '/portail/admin/communes?nouvelle=1' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Code commune invalide/);

  r = await fetch(server.url + '/portail/communes/41018');
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<h1>S'installer à Blois<\/h1>/);
  assert.match(html, /<strong>royale<\/strong>/);
  assert.match(html, /Aucune donnée pour l'instant : ni le zonage de l'ARS ni l'APL de la DREES/);
  assert.match(html, /Mme Dupont/);
  const j = await (await fetch(server.url + '/api/v1/portail/communes/41018')).json();
  assert.equal(j.nom, 'Blois');
  assert.equal(j.apl, null);
  assert.equal(j.zone.classe, 'inconnu');
  r = await fetch(server.url + '/portail/epci?nom=Agglopolys');
  assert.equal(r.status, 200);
  assert.match(await r.text(), /href="\/portail\/communes\/41018"/);
  assert.equal((await fetch(server.url + '/portail/epci?nom=Inconnu')).status, 404);
  r = await fetch(server.url + '/portail/communes?code=41018', { redirect: 'manual' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/portail/communes/41018');
});

test('JSON API mirrors the portal', async () => {
  const j = await (await fetch(server.url + '/api/v1/portail')).json();
  assert.equal(j.territoire.nom, 'Loir-et-Cher');
  assert.ok(j.pages.some((p) => p.slug === 'vivre-ici'));
  assert.ok(j.evenements.some((e) => e.type === 'congres' && e.inscrits === 1));
  const r = await fetch(server.url + '/api/v1/portail/pages/inconnue');
  assert.equal(r.status, 404);
  assert.equal((await r.json()).error.code, 'introuvable');
});

test('the registrants CSV never lets a name run as a formula', async () => {
  sql("INSERT INTO portal_events(id, kind, title, starts_on, capacity) " +
      "VALUES (777, 'salon', 'Salon des internes', '2099-05-01', 10)");
  const v = new Client(server.url);
  const token = (await (await v.get('/portail/evenements/777')).text())
    .match(/name="csrf_token" value="([0-9a-f]{64})"/)[1];
  for (const [i, nom] of ['=HYPERLINK("http://x")', '+33 6', '-2+3', '@SOMME(A1)'].entries()) {
    const r = await v.fetch('/api/v1/portail/evenements/777/inscriptions', { method: 'POST',
      body: JSON.stringify({ nom, courriel: `x${i}@exemple.fr`, profil: 'interne', consentement: true }),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token } });
    assert.equal(r.status, 201, nom);
  }
  const r = await agent.get('/portail/admin/evenements/777/inscrits.csv');
  const lines = (await r.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1);
  assert.equal(lines.length, 4);
  for (const l of lines) assert.match(l, /^"?'[=+\-@]/, l);
});

test('registrants are erased 12 months after their event (oasis portail purger)', () => {
  sql("INSERT INTO portal_events(id, kind, title, starts_on, capacity) " +
      "VALUES (778, 'salon', 'Salon passé', '2025-01-10', 0)");
  sql("INSERT INTO portal_registrations(event_id, name, email, profile, consent_at) " +
      "VALUES (778, 'Ancien Inscrit', 'ancien@exemple.fr', 'interne', '2025-01-01T10:00:00Z')");
  const before = Number(sql('SELECT count(*) FROM portal_registrations WHERE event_id = 777'));
  assert.ok(before > 0);
  const bin = process.env.OASIS_BIN || 'build/asan/oasis';
  const r = spawnSync(bin, ['portail', 'purger', '--now', '2026-03-02', '--db', server.dbPath],
                      { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^1 inscription\(s\) effacée\(s\) : rencontres tenues avant le 2025-03-02$/m);
  assert.equal(sql('SELECT count(*) FROM portal_registrations WHERE event_id = 778'), '0');
  assert.equal(Number(sql('SELECT count(*) FROM portal_registrations WHERE event_id = 777')), before);
  // twice is harmless; a bad duration is refused
  assert.match(spawnSync(bin, ['portail', 'purger', '--now', '2026-03-02', '--db', server.dbPath],
                         { encoding: 'utf8' }).stdout, /^0 inscription/);
  assert.equal(spawnSync(bin, ['portail', 'purger', '--mois', '0', '--db', server.dbPath]).status, 2);
});
