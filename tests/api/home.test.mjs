// tests/api/home.test.mjs: the agent's home, /mon-espace (issues 14 and
// 18): the requests nobody has taken, my open dossiers, my late sub-tasks,
// what to follow up; agents only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

const NOW = '2026-03-10T09:00:00Z';
let server, agent, csrf;
before(async () => {
  server = await startServer({ env: { OASIS_NOW: NOW } });
  agent = new Client(server.url);
  await agent.login('admin', server.adminPassword);
  csrf = (await (await agent.get('/api/v1/moi')).json()).csrf;
});
after(async () => { await server?.stop(); });

async function api(method, p, body) {
  const r = await agent.fetch(p, { method, headers: { 'Content-Type': 'application/json',
    'X-CSRF-Token': csrf }, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, body: await r.json() };
}

const REQUEST = { prenom: 'Léa', nom: 'Martin', telephone: '05 55 12 34 56',
  profession: 'medecin_generaliste', statut: 'interne', projet: 'installation',
  territoire_type: 'indecis', besoins: ['logement', 'demarches'], consentement: true };

test('what is mine and what is due, in one page', async () => {
  const a = await api('POST', '/api/v1/dossiers', REQUEST);
  const b = await api('POST', '/api/v1/dossiers', { ...REQUEST, prenom: 'Noé' });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal(b.status, 201);
  let html = await (await agent.get('/mon-espace')).text();
  assert.match(html, /<h1>Mon espace<\/h1>/);
  assert.match(html, /href="\/accompagnement\/dossiers\?etat=nouveau&amp;agent=aucun">2<\/a>/);
  // take the first, give one of its sub-tasks a due date already past
  await api('POST', `/api/v1/dossiers/${a.body.id}/attribution`, { agent: 'moi' });
  await api('POST', `/api/v1/dossiers/${a.body.id}/etat`, { etat: 'en_cours' });
  const d = await api('GET', `/api/v1/dossiers/${a.body.id}`);
  const task = d.body.taches.find((t) => t.besoin === 'logement');
  await api('POST', `/api/v1/dossiers/${a.body.id}/taches/${task.id}`,
            { etat: 'en_cours', echeance: '2026-03-05' });
  html = await (await agent.get('/mon-espace')).text();
  assert.match(html, /agent=aucun">1<\/a>/, 'one request still waits for someone');
  assert.match(html, /agent=moi">1<\/a> <span class="stat-label">dossier ouvert à mon nom</, 'one dossier, in the singular');
  assert.match(html, new RegExp(`${a.body.reference}</a> — Logement : en retard depuis le 05/03/2026`));
  assert.match(html, /Mes dossiers ouverts/);
  assert.match(html, /aria-current="page">Mon espace</);
  // a request nobody took for days: reminded in words, never as a raw code
  execFileSync('sqlite3', [server.dbPath, "UPDATE case_dossiers SET created_at = " +
    `'2026-03-05T08:00:00Z' WHERE id = ${b.body.id}`]);
  html = await (await agent.get('/mon-espace')).text();
  assert.match(html, new RegExp(`${b.body.reference}</a> — nouveau : Reçue le 05/03/2026, prise par personne`));
  assert.match(html, /">0<\/a> <span class="stat-label">avis de partenaire non lu<\/span>/);
});

test('agents only', async () => {
  assert.equal((await new Client(server.url).get('/mon-espace')).status, 303);
  const r = await agent.post('/admin/utilisateurs', { identifiant: 'elu', nom: 'Élu',
    role: 'lecteur', mot_de_passe: 'motdepasse-elu-1' }, { from: '/admin' });
  assert.equal(r.status, 303);
  const reader = new Client(server.url);
  await reader.login('elu', 'motdepasse-elu-1');
  assert.equal((await reader.get('/mon-espace')).status, 403);
  assert.doesNotMatch(await (await reader.get('/')).text(), /Mon espace/);
});
