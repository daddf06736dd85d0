// tests/api/limits.test.mjs: anonymous public writes are rate-limited per
// client address, per target (one event's registrations) and per e-mail
// address; past a limit the API answers 429 with Retry-After and a page asks
// an accessible challenge that lets exactly one request through.  A scripted
// client plays several addresses through X-Forwarded-For (trusted from the
// loopback proxy only).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

let server, target;
before(async () => {
  server = await startServer({ env: { OASIS_LIMIT_PER_ADDRESS: '3/600',
    OASIS_LIMIT_PER_TARGET: '0', OASIS_LIMIT_PER_EMAIL: '2/3600' } });
  target = await startServer({ env: { OASIS_LIMIT_PER_ADDRESS: '0',
    OASIS_LIMIT_PER_TARGET: '3/600', OASIS_LIMIT_PER_EMAIL: '0' } });
});
after(async () => { await server?.stop(); await target?.stop(); });

const REQUEST = {
  prenom: 'Camille', nom: 'Durand', email: 'camille@exemple.fr',
  profession: 'medecin_generaliste', statut: 'interne', projet: 'installation',
  territoire_type: 'commune', territoire_code: '41018', territoire_nom: 'Blois',
  besoins: ['logement'], message: 'Installation.', consentement: true,
};

function sql(srv, statement) {
  return execFileSync('sqlite3', [srv.dbPath, statement]).toString().trim();
}

// An anonymous visitor behind the local proxy, as address ip.
async function visitor(srv, ip, from = '/demande') {
  const c = new Client(srv.url);
  const html = await (await c.get(from)).text();
  c.token = html.match(/name="csrf_token" value="([0-9a-f]{64})"/)[1];
  c.ip = ip;
  c.api = (p, body) => c.fetch(p, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': c.token,
               'X-Forwarded-For': ip } });
  c.form = (p, fields) => c.fetch(p, { method: 'POST',
    body: new URLSearchParams({ ...fields, csrf_token: c.token }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip } });
  return c;
}

const WORDS = { vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
  un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9 };
// "quarante-sept" → 47, "soixante et un" → 61: what a person reads.
function spelt(words) {
  return words.split(/[- ]/).filter((w) => w !== 'et').reduce((n, w) => n + WORDS[w], 0);
}

// The challenge page's form as a browser would post it, with answer.
function challengeFields(html, answer) {
  const fields = {};
  const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  const words = html.match(/Écrivez en chiffres le nombre « ([a-z -]+) »/)[1];
  fields.defi_reponse = answer ?? String(spelt(words));
  return fields;
}

test('the API answers 429 with Retry-After past the per-address limit; other addresses go on', async () => {
  const c = await visitor(server, '198.51.100.1');
  for (let i = 0; i < 3; i++) {
    const r = await c.api('/api/v1/dossiers', { ...REQUEST, email: `a${i}@exemple.fr` });
    assert.equal(r.status, 201, `request ${i + 1}`);
  }
  const r = await c.api('/api/v1/dossiers', { ...REQUEST, email: 'a9@exemple.fr' });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
  const e = (await r.json()).error;
  assert.equal(e.code, 'trop_de_requetes');
  assert.match(e.message, /Trop de demandes/);
  assert.equal(sql(server, "SELECT count(*) FROM case_dossiers WHERE email = 'a9@exemple.fr'"), '0');
  const other = await visitor(server, '198.51.100.2');
  assert.equal((await other.api('/api/v1/dossiers', { ...REQUEST, email: 'b@exemple.fr' })).status, 201);
});

test('a signed-in agent is never limited', async () => {
  const agent = new Client(server.url);
  await agent.login(server.adminLogin, server.adminPassword);
  const csrf = (await (await agent.get('/api/v1/moi')).json()).csrf;
  for (let i = 0; i < 5; i++) {
    const r = await agent.fetch('/api/v1/dossiers', { method: 'POST',
      body: JSON.stringify({ ...REQUEST, email: `agent${i}@exemple.fr` }),
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf,
                 'X-Forwarded-For': '198.51.100.1' } });
    assert.equal(r.status, 201, `request ${i + 1}`);
  }
});

test('the form past the limit asks a question in words, keeps the input, and lets one answer through', async () => {
  const c = await visitor(server, '198.51.100.3');
  const fields = { ...REQUEST, besoins: 'logement', consentement: '1', message: 'Texte <b>"gardé"</b>' };
  for (let i = 0; i < 3; i++) {
    const r = await c.form('/demande', { ...fields, email: `c${i}@exemple.fr`, prenom: '' });
    assert.equal(r.status, 400, 'a refused form counts too');
  }
  let r = await c.form('/demande', { ...fields, email: 'c@exemple.fr' });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  let html = await r.text();
  assert.match(html, /<label for="f-defi_reponse">Écrivez en chiffres le nombre « [a-z -]+ »<\/label>/);
  assert.match(html, /<input type="hidden" name="message" value="Texte &lt;b&gt;&quot;gardé&quot;&lt;\/b&gt;">/,
    'the typed text comes back escaped');
  assert.equal(sql(server, "SELECT count(*) FROM case_dossiers WHERE email = 'c@exemple.fr'"), '0');

  // a wrong answer: the question again, with an error at the field
  r = await c.form('/demande', challengeFields(html, '7'));
  assert.equal(r.status, 429);
  html = await r.text();
  assert.match(html, /role="alert"/);
  assert.match(html, /aria-invalid="true"/);
  assert.equal(sql(server, "SELECT count(*) FROM case_dossiers WHERE email = 'c@exemple.fr'"), '0');

  // the right answer: the request goes through once
  const answered = challengeFields(html);
  r = await c.form('/demande', answered);
  assert.equal(r.status, 303, 'the dossier is created');
  assert.match(r.headers.get('location'), /^\/demande\/merci/);
  assert.equal(sql(server, "SELECT count(*) FROM case_dossiers WHERE email = 'c@exemple.fr'"), '1');
  // the same answer again is a used token
  r = await c.form('/demande', { ...answered, email: 'c2@exemple.fr' });
  assert.equal(r.status, 429);
  assert.equal(sql(server, "SELECT count(*) FROM case_dossiers WHERE email = 'c2@exemple.fr'"), '0');
});

test('one mailbox gets at most N acknowledgments, whatever the address, with no challenge', async () => {
  for (let i = 0; i < 2; i++) {
    const c = await visitor(server, `198.51.100.${10 + i}`);
    const r = await c.api('/api/v1/dossiers', { ...REQUEST, email: 'Victime@exemple.fr' });
    assert.equal(r.status, 201, `request ${i + 1}`);
  }
  const c = await visitor(server, '198.51.100.20');
  const r = await c.api('/api/v1/dossiers', { ...REQUEST, email: 'victime@EXEMPLE.fr' });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) > 60);
  const e = (await r.json()).error;
  assert.equal(e.code, 'trop_de_requetes');
  assert.equal(e.field, 'email');
  const page = await c.form('/demande', { ...REQUEST, besoins: 'logement', consentement: '1',
                                          email: 'victime@exemple.fr' });
  assert.equal(page.status, 429);
  assert.doesNotMatch(await page.text(), /defi_reponse/, 'no challenge opens a mailbox');
  assert.equal(sql(server, "SELECT count(*) FROM case_dossiers WHERE lower(email) = 'victime@exemple.fr'"), '2');
});

test('one event takes N registrations in a window from any addresses, then asks', async () => {
  const agent = new Client(target.url);
  await agent.login(target.adminLogin, target.adminPassword);
  const when = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  let r = await agent.post('/portail/admin/evenements',
    { type: 'salon', titre: 'Salon des internes', date: when, heure: '09:30', lieu: 'Blois',
      places: '50', texte_md: '', publie: '1' }, { from: '/portail/admin/evenements/nouveau' });
  assert.equal(r.status, 303);
  const id = sql(target, 'SELECT id FROM portal_events');
  const from = `/portail/evenements/${id}`;
  const reg = (i) => ({ nom: `Interne ${i}`, courriel: `interne${i}@exemple.fr`, profil: 'interne',
                        consentement: true });
  for (let i = 0; i < 3; i++) {
    const c = await visitor(target, `192.0.2.${i + 1}`, from);
    r = await c.api(`/api/v1/portail/evenements/${id}/inscriptions`, reg(i));
    assert.equal(r.status, 201, `registration ${i + 1}`);
  }
  const c = await visitor(target, '192.0.2.50', from);
  r = await c.api(`/api/v1/portail/evenements/${id}/inscriptions`, reg(4));
  assert.equal(r.status, 429, 'a fourth address is held back on this event');
  r = await c.form(`/portail/evenements/${id}/inscription`, { ...reg(5), consentement: '1' });
  assert.equal(r.status, 429);
  const html = await r.text();
  r = await c.form(`/portail/evenements/${id}/inscription`, challengeFields(html));
  assert.equal(r.status, 303, 'a person who answers registers');
  assert.equal(sql(target, 'SELECT count(*) FROM portal_registrations'), '4');
});

test("a requester's follow-up thread takes N messages in a window, then asks", async () => {
  const c = await visitor(target, '192.0.2.80');
  let r = await c.api('/api/v1/dossiers', { ...REQUEST, email: 'suivi@exemple.fr' });
  assert.equal(r.status, 201);
  const follow = new URL((await r.json()).suivi_url).pathname;
  const page = await (await c.get(follow)).text();
  const token = page.match(/name="csrf_token" value="([0-9a-f]{64})"/)[1];
  const post = (texte, extra = {}) => c.fetch(`${follow}/messages`, { method: 'POST',
    body: new URLSearchParams({ csrf_token: token, texte, ...extra }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded',
               'X-Forwarded-For': '192.0.2.80' } });
  for (let i = 1; i <= 3; i++) assert.equal((await post(`Message ${i}`)).status, 303, `message ${i}`);
  r = await post('Message 4');
  assert.equal(r.status, 429, 'a fourth message in the window is held back');
  const html = await r.text();
  assert.match(html, /Écrivez en chiffres/);
  r = await post('Message 4', challengeFields(html));
  assert.equal(r.status, 303, 'a person who answers is let through');
  const n = sql(target, "SELECT count(*) FROM case_messages WHERE body LIKE 'Message %'");
  assert.equal(n, '4');
});
