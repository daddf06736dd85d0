// tests/api/follow.test.mjs: the requester's space (issue 14), with e-mail
// through a real SMTP server (aiosmtpd).  A request gets an acknowledgment
// carrying a private follow-up link and echoing nothing the requester
// typed; the link shows where the request stands, takes a reply and a
// document; an agent's message reaches the requester; the agent revokes or
// renews the link; a wrong, revoked or erased link is a plain 404; the
// token never reaches the access log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './lib/server.mjs';
import { startSmtp } from './lib/smtp.mjs';

let server, smtp, agent, csrf;
before(async () => {
  smtp = await startSmtp();
  server = await startServer({ env: { OASIS_SMTP_URL: smtp.url,
                                      OASIS_SMTP_FROM: 'guichet@exemple.fr' } });
  agent = new Client(server.url);
  await agent.login('admin', server.adminPassword);
  csrf = (await (await agent.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); await smtp?.stop(); });

const REQUEST = {
  prenom: 'Gagnez 1000 EUR', nom: 'sur http://evil.example', email: 'camille@exemple.fr',
  profession: 'medecin_generaliste', statut: 'interne', projet: 'installation',
  territoire_type: 'commune', territoire_code: '41018', territoire_nom: 'Blois',
  besoins: ['logement'], message: 'Achetez ici http://evil.example', consentement: true,
};

async function anonymousRequest(body) {
  const c = new Client(server.url);
  const token = await c.csrf('/demande');
  const r = await c.fetch('/api/v1/dossiers', { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token } });
  return { status: r.status, body: await r.json() };
}

let followUrl, ref, dossierId;

test('a request gets a follow-up link, by e-mail, echoing nothing typed', async () => {
  const r = await anonymousRequest(REQUEST);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  ref = r.body.reference;
  followUrl = r.body.suivi_url;
  assert.match(followUrl, new RegExp(`^${server.url}/suivi/[0-9a-f]{64}$`));
  const m = await smtp.waitFor((x) => x.subject.includes(ref));
  assert.equal(m.subject, `Votre demande d'accompagnement ${ref}`);
  assert.ok(m.body.includes(followUrl), m.body);
  assert.match(m.to, /camille@exemple\.fr/);
  for (const typed of ['Gagnez', 'evil.example', 'Achetez']) {
    assert.ok(!m.body.includes(typed), `the mail echoes « ${typed} »`);
  }
  dossierId = (await (await agent.fetch(`/api/v1/dossiers?q=${ref}`)).json()).dossiers[0].id;
});

test('the link shows the request, takes a reply and a document', async () => {
  const c = new Client(server.url);
  let r = await c.get(new URL(followUrl).pathname);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  let html = await r.text();
  assert.match(html, new RegExp(`Suivi de votre demande <span class="nowrap">${ref}`));
  assert.match(html, /Votre demande est enregistrée/);
  assert.match(html, /Logement : <strong>à faire<\/strong>/);
  const fd = new FormData();
  fd.set('csrf_token', html.match(/name="csrf_token" value="([0-9a-f]{64})"/)[1]);
  fd.set('texte', 'Voici mon attestation.');
  fd.set('fichier', new Blob([Buffer.from('%PDF-1.4\n% attestation\n')], { type: 'application/pdf' }),
         'attestation.pdf');
  r = await c.fetch(new URL(followUrl).pathname + '/messages', { method: 'POST', body: fd });
  assert.equal(r.status, 303);
  html = await (await c.get(new URL(followUrl).pathname + '?envoye=1')).text();
  assert.match(html, /votre message est transmis/);
  assert.match(html, /Voici mon attestation\./);
  assert.match(html, /attestation\.pdf/);
  // the agent sees both in the dossier
  const page = await (await agent.get(`/accompagnement/dossiers/${dossierId}`)).text();
  assert.match(page, /Voici mon attestation\./);
  assert.match(page, /attestation\.pdf/);
  assert.match(page, /Lien de suivi du demandeur : <strong>actif<\/strong>/);
  assert.match(page, /envoyé/);
  // an empty reply is refused, saying why
  const fd2 = new FormData();
  fd2.set('csrf_token', fd.get('csrf_token'));
  r = await c.fetch(new URL(followUrl).pathname + '/messages', { method: 'POST', body: fd2 });
  assert.equal(r.status, 400);
});

test("an agent's message reaches the requester by e-mail", async () => {
  const r = await agent.post(`/accompagnement/dossiers/${dossierId}/messages`,
    { sens: 'sortant', texte: 'Bonjour, pouvez-vous envoyer votre diplôme ?', courriel: '1' },
    { from: `/accompagnement/dossiers/${dossierId}` });
  assert.equal(r.status, 303);
  const m = await smtp.waitFor((x) => x.subject === `Votre dossier ${ref} : nouveau message`);
  assert.match(m.body, /pouvez-vous envoyer votre diplôme/);
  const html = await (await new Client(server.url).get(new URL(followUrl).pathname)).text();
  assert.match(html, /Le guichet unique, le/);
});

test('wrong, revoked and renewed links; the token is never logged', async () => {
  const path = new URL(followUrl).pathname;
  const unknown = await fetch(server.url + '/suivi/' + '0'.repeat(64));
  const nopage = await fetch(server.url + '/pas-de-page');
  assert.equal(unknown.status, 404);
  assert.equal(nopage.status, 404);
  assert.equal((await fetch(server.url + '/suivi/abc')).status, 404);
  // revoked by the agent: the same 404
  let r = await agent.post(`/accompagnement/dossiers/${dossierId}/suivi`, { action: 'revoquer' },
                           { from: `/accompagnement/dossiers/${dossierId}` });
  assert.equal(r.status, 303);
  assert.equal((await fetch(server.url + path)).status, 404);
  // a new one, mailed; the old one stays dead
  r = await agent.post(`/accompagnement/dossiers/${dossierId}/suivi`, { action: 'nouveau' },
                       { from: `/accompagnement/dossiers/${dossierId}` });
  assert.equal(r.status, 303);
  const m = await smtp.waitFor((x) => x.subject.includes('votre lien de suivi'));
  const fresh = m.body.match(/\/suivi\/([0-9a-f]{64})/)[0];
  assert.notEqual(fresh, path);
  assert.equal((await fetch(server.url + fresh)).status, 200);
  assert.equal((await fetch(server.url + path)).status, 404);
  // no token in the server's log
  assert.doesNotMatch(server.log(), /\/suivi\/[0-9a-f]{64}/);
  assert.match(server.log(), /GET \/suivi\/\{jeton\} 200/);
  // erased with the dossier (GDPR)
  r = await agent.fetch(`/api/v1/dossiers/${dossierId}/effacement`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: JSON.stringify({ confirmation: ref }) });
  assert.equal(r.status, 200, await r.text());
  assert.equal((await fetch(server.url + fresh)).status, 404);
});

test('without a mail server, messages wait, shown as not sent', async () => {
  const s2 = await startServer();
  try {
    const c = new Client(s2.url);
    const token = await c.csrf('/demande');
    const r = await c.fetch('/api/v1/dossiers', { method: 'POST', body: JSON.stringify(
      { ...REQUEST, email: 'autre@exemple.fr' }),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token } });
    assert.equal(r.status, 201);
    const a = new Client(s2.url);
    await a.login('admin', s2.adminPassword);
    const id = (await (await a.get('/api/v1/dossiers')).json()).dossiers[0].id;
    const page = await (await a.get(`/accompagnement/dossiers/${id}`)).text();
    assert.match(page, /non envoyé \(pas de serveur de courriel\)/);
  } finally {
    await s2.stop();
  }
});
