// tests/api/cases_partners.test.mjs: partners answer inside the guichet
// (issue 14), with e-mail through a real SMTP server (aiosmtpd).  Handing a
// sub-task to a partner's contact mails them a private link; the partner
// gives an avis there without an account (every error at its field); the
// avis lands in the dossier, the team's mailbox is told, the partner's delay
// is in the statistics; the link dies when the sub-task goes elsewhere and
// never reaches the log.  The requester's reply keeps the agents' upload
// checks, refused at the field, and nothing half-written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';
import { startSmtp } from './lib/smtp.mjs';

let server, smtp, agent, csrf;
before(async () => {
  smtp = await startSmtp();
  server = await startServer({ env: { OASIS_SMTP_URL: smtp.url,
                                      OASIS_SMTP_FROM: 'guichet@exemple.fr',
                                      OASIS_GUICHET_EMAIL: 'equipe@exemple.fr',
                                      OASIS_NOW: '2026-03-02T09:00:00Z' } });
  agent = new Client(server.url);
  await agent.login('admin', server.adminPassword);
  csrf = (await (await agent.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); await smtp?.stop(); });

async function api(method, p, body) {
  const r = await agent.fetch(p, { method, body: body && JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf } });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

const PDF = () => new Blob([Buffer.from('%PDF-1.4\n% avis\n')], { type: 'application/pdf' });

let ref, dossierId, followPath, tasks, partnerId;

test('a request, and the requester\'s reply refused at the field, nothing half-written', async () => {
  const c = new Client(server.url);
  const token = await c.csrf('/demande');
  const r = await c.fetch('/api/v1/dossiers', { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
    body: JSON.stringify({ prenom: 'Inès', nom: 'Moreau', email: 'ines@exemple.fr',
      profession: 'medecin_generaliste', statut: 'etudiant', projet: 'stage',
      territoire_type: 'commune', territoire_code: '71153', territoire_nom: 'Le Creusot',
      besoins: ['logement', 'aides'], consentement: true }) });
  assert.equal(r.status, 201);
  const b = await r.json();
  ref = b.reference;
  followPath = new URL(b.suivi_url).pathname;
  dossierId = (await api('GET', `/api/v1/dossiers?q=${ref}`)).body.dossiers[0].id;
  tasks = Object.fromEntries((await api('GET', `/api/v1/dossiers/${dossierId}`)).body.taches
    .map((t) => [t.besoin, t.id]));
  // a program is no document: refused at the field, the text kept, nothing stored
  let html = await (await c.get(followPath)).text();
  const fd = new FormData();
  fd.set('csrf_token', html.match(/name="csrf_token" value="([0-9a-f]{64})"/)[1]);
  fd.set('texte', 'Voici mon certificat de scolarité.');
  fd.set('fichier', new Blob([Buffer.from('MZ\x90\x00binaire')], { type: 'application/pdf' }),
         'certificat.pdf');
  const bad = await c.fetch(followPath + '/messages', { method: 'POST', body: fd });
  assert.equal(bad.status, 400);
  html = await bad.text();
  assert.match(html, /id="f-fichier-err">[^<]*(contenu|Type)/);
  assert.match(html, /<textarea id="f-texte" name="texte"[^>]*>Voici mon certificat de scolarité\.<\/textarea>/);
  assert.match(html, /5 Mo au plus/);
  const page = await (await agent.get(`/accompagnement/dossiers/${dossierId}`)).text();
  assert.doesNotMatch(page, /Voici mon certificat/);
  // the same with a real PDF goes through, and the team's mailbox is told
  fd.set('fichier', PDF(), 'certificat.pdf');
  const ok = await c.fetch(followPath + '/messages', { method: 'POST', body: fd });
  assert.equal(ok.status, 303);
  const m = await smtp.waitFor((x) => x.subject === `Dossier ${ref} : le demandeur a répondu`);
  assert.match(m.to, /equipe@exemple\.fr/);
  assert.match(m.body, new RegExp(`/accompagnement/dossiers/${dossierId}`));
  assert.doesNotMatch(m.body, /certificat de scolarité/);   // never the text itself
});

test('a hand-off mails the partner\'s contact a private link, echoing nothing typed', async () => {
  let r = await api('POST', '/api/v1/partenaires', { nom: 'Creusot Habitat', type: 'logement',
    themes: 'logement', territoires: '71', email: 'accueil@creusot-habitat.exemple.fr' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  partnerId = r.body.id;
  const other = await api('POST', '/api/v1/partenaires', { nom: 'Autre partenaire', type: 'autre',
    themes: 'emploi_conjoint', territoires: '', email: 'autre@exemple.fr' });
  r = await agent.post(`/accompagnement/partenaires/${partnerId}/contacts`,
    { contact_nom: 'Paul Girard', contact_role: 'Chargé de location',
      contact_email: 'paul.girard@creusot-habitat.exemple.fr' },
    { from: `/accompagnement/partenaires/${partnerId}` });
  assert.equal(r.status, 303);
  const page = await (await agent.get(`/accompagnement/dossiers/${dossierId}`)).text();
  const contactId = page.match(/<option value="(\d+)">Paul Girard \(paul\.girard@/)[1];
  // a contact of another partner is refused at its field
  r = await api('POST', `/api/v1/dossiers/${dossierId}/taches/${tasks.logement}/partenaire`,
                { partenaire: other.body.id, contact: Number(contactId), relance: '2026-03-10' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'contact');
  r = await api('POST', `/api/v1/dossiers/${dossierId}/taches/${tasks.logement}/partenaire`,
                { partenaire: partnerId, contact: Number(contactId), relance: '2026-03-10' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const m = await smtp.waitFor((x) => x.subject === `Guichet unique : une demande vous est confiée (${ref})`);
  assert.match(m.to, /paul\.girard@creusot-habitat\.exemple\.fr/);
  assert.match(m.body, /Logement/);
  assert.match(m.body, /le 10\/03\/2026/);
  for (const typed of ['Inès', 'Moreau', 'ines@', 'Creusot Habitat']) {
    assert.ok(!m.body.includes(typed), `the mail says « ${typed} »`);
  }
  const link = m.body.match(new RegExp(`${server.url}(/avis/[0-9a-f]{64})`))[1];
  global.partnerLink = link;
});

test('the partner answers without an account: errors at the field, then the avis lands', async () => {
  const link = global.partnerLink;
  const p = new Client(server.url);
  let r = await p.get(link);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  let html = await r.text();
  assert.match(html, /Demande confiée à Creusot Habitat/);
  assert.match(html, new RegExp(`Logement — dossier <span class="nowrap">${ref}`));
  assert.match(html, /Réponse attendue le<\/dt><dd>10\/03\/2026/);
  assert.doesNotMatch(html, /Inès|Moreau|ines@exemple/);    // a partner sees the sub-task only
  // no verdict and a bad file: both errors at once, the text kept
  const fd = new FormData();
  fd.set('csrf_token', html.match(/name="csrf_token" value="([0-9a-f]{64})"/)[1]);
  fd.set('texte', 'Un T2 meublé est libre rue de la Gare dès avril.');
  fd.set('fichier', new Blob([Buffer.from('pas un pdf')], { type: 'text/plain' }), 'offre.txt');
  r = await p.fetch(link, { method: 'POST', body: fd });
  assert.equal(r.status, 400);
  html = await r.text();
  assert.match(html, /id="f-avis-err">Choisissez votre avis/);
  assert.match(html, /id="f-fichier-err">Type de fichier refusé/);
  assert.match(html, /Un T2 meublé est libre rue de la Gare dès avril\.<\/textarea>/);
  // the answer, with its document
  fd.set('avis', 'favorable');
  fd.set('fichier', PDF(), 'offre.pdf');
  r = await p.fetch(link, { method: 'POST', body: fd });
  assert.equal(r.status, 303);
  html = await (await p.get(link + '?envoye=1')).text();
  assert.match(html, /votre avis est transmis/);
  assert.match(html, /Favorable, le 02\/03\/2026 : Un T2 meublé/);
  // the team is told, without the partner's text
  const m = await smtp.waitFor((x) => x.subject.startsWith(`Dossier ${ref} : avis`));
  assert.equal(m.subject, `Dossier ${ref} : avis « Favorable » de Creusot Habitat (Logement)`);
  assert.match(m.to, /equipe@exemple\.fr/);
  assert.doesNotMatch(m.body, /rue de la Gare/);
  // in the dossier, new once, then read
  let page = await (await agent.get(`/accompagnement/dossiers/${dossierId}`)).text();
  assert.match(page, /Avis des partenaires \(1\)/);
  assert.match(page, /<span class="badge">nouveau<\/span>/);
  assert.match(page, /Un T2 meublé est libre rue de la Gare dès avril\./);
  assert.match(page, /offre\.pdf/);
  page = await (await agent.get(`/accompagnement/dossiers/${dossierId}`)).text();
  assert.doesNotMatch(page, /<span class="badge">nouveau<\/span>/);
  // the partner's delay in the statistics
  const s = await api('GET', '/api/v1/dossiers/statistiques');
  assert.deepEqual(s.body.delais_partenaires.map((x) => [x.partenaire, x.confiees, x.avis]),
                   [['Creusot Habitat', 1, 1]]);
  assert.equal(s.body.delais_partenaires[0].mediane_jours, 0);
  const stats = await (await agent.get('/accompagnement/statistiques')).text();
  assert.match(stats, /Délais des partenaires/);
});

test('the partner link dies when the sub-task goes elsewhere; it is never logged', async () => {
  const link = global.partnerLink;
  const other = (await api('GET', '/api/v1/partenaires')).body.partenaires
    .find((x) => x.nom === 'Autre partenaire');
  const r = await api('POST', `/api/v1/dossiers/${dossierId}/taches/${tasks.logement}/partenaire`,
                      { partenaire: other.id, relance: '2026-03-12' });
  assert.equal(r.status, 200);
  assert.equal((await fetch(server.url + link)).status, 404);
  assert.equal((await fetch(server.url + '/avis/' + 'f'.repeat(64))).status, 404);
  assert.doesNotMatch(server.log(), /\/avis\/[0-9a-f]{64}/);
  assert.match(server.log(), /\/avis\/\{jeton\}/);
  // a sent e-mail leaves no link in the database: only hashes stay there
  const states = () => execFileSync('sqlite3', [server.dbPath,
    "SELECT state || ':' || length(body) FROM case_outbox ORDER BY id"], { encoding: 'utf8' })
    .trim().split('\n');
  for (let i = 0; i < 100 && !states().every((x) => x.startsWith('envoye')); i++) {
    await new Promise((res) => setTimeout(res, 100));     // the sender thread's pace
  }
  assert.ok(states().every((x) => x === 'envoye:0'), states().join(' '));
  const links = execFileSync('sqlite3', [server.dbPath,
    "SELECT count(*) FROM case_outbox WHERE body LIKE '%/avis/%' OR body LIKE '%/suivi/%'"],
    { encoding: 'utf8' });
  assert.equal(links.trim(), '0');
});
