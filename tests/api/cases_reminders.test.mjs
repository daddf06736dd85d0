// tests/api/cases_reminders.test.mjs: the "à relancer" basket across time.
// The same database is served three times with the clock (OASIS_NOW) moved:
// on the day of the request, 9 days later (first reminder) and 21 days
// later (second reminder); activity on a sub-task takes it out again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer, Client } from './lib/server.mjs';
import { startSmtp } from './lib/smtp.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');

let dir, dbPath;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-cases-'));
  dbPath = path.join(dir, 'oasis.db');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// Run fn(client) against a server whose clock says `now`.
async function at(now, fn) {
  const server = await startServer({ dbPath, env: { OASIS_NOW: now } });
  try {
    const c = new Client(server.url);
    await c.login(server.adminLogin, server.adminPassword);
    return await fn(c);
  } finally {
    await server.stop();
  }
}

async function api(c, method, p, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = await c.csrf('/accompagnement/nouveau');
  const r = await c.fetch(p, { method, headers,
    body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
}

let id, tasks;

test('day 0: a new dossier, taken by the agent, is not yet to chase', async () => {
  await at('2026-03-02T09:00:00Z', async (c) => {
    const r = await api(c, 'POST', '/api/v1/dossiers', {
      prenom: 'Nora', nom: 'Lefèvre', telephone: '0612345678',
      profession: 'sage_femme', statut: 'liberal', projet: 'installation',
      territoire_type: 'indecis', besoins: ['logement', 'decouverte'],
      consentement: true, canal: 'rencontre' });
    assert.equal(r.status, 201);
    id = r.body.id;
    const t = await api(c, 'POST', `/api/v1/dossiers/${id}/attribution`, { agent: 'moi' });
    tasks = Object.fromEntries(t.body.taches.map((x) => [x.besoin, x.id]));
    const b = await api(c, 'GET', '/api/v1/dossiers/relances');
    assert.deepEqual(b.body.a_relancer, []);
  });
});

test('day 9: the dossier and its two sub-tasks are in the basket (first reminder)', async () => {
  await at('2026-03-11T09:00:00Z', async (c) => {
    const b = await api(c, 'GET', '/api/v1/dossiers/relances');
    assert.deepEqual(b.body.a_relancer.map((x) => [x.tache, x.relance_jours]).sort(),
      [[null, 9], [tasks.decouverte, 9], [tasks.logement, 9]].sort());
    const home = await (await c.get('/accompagnement')).text();
    assert.match(home, /<caption>À relancer \(3\)<\/caption>/);
    assert.match(home, /1<sup>re<\/sup> relance \(9 j\)/);
    // working on housing takes that sub-task (and the dossier) out
    const r = await api(c, 'POST', `/api/v1/dossiers/${id}/taches/${tasks.logement}`,
                        { etat: 'en_cours' });
    assert.equal(r.status, 200);
    const after = await api(c, 'GET', '/api/v1/dossiers/relances');
    assert.deepEqual(after.body.a_relancer.map((x) => x.tache), [tasks.decouverte]);
  });
});

test('day 21: the daily digest lists the basket, by e-mail when SMTP is configured', async () => {
  const args = ['cases', 'relances', '--db', dbPath, '--now', '2026-03-23T09:00:00'];
  const out = execFileSync(BIN, args, { encoding: 'utf8' });
  assert.match(out, /^À relancer au 2026-03-23 : 3\n/);
  assert.match(out, /BD-2026-0001\tsous-tâche Découverte du territoire\tdepuis le 2026-03-02\t2e relance \(21 j\)/);
  assert.doesNotMatch(out, /Lefèvre|Nora/);          // no personal data
  const smtp = await startSmtp();
  try {
    // (asynchronously: the SMTP server answers from this very process)
    await promisify(execFile)(BIN, [...args, '--courriel', 'equipe@exemple.fr'], { encoding: 'utf8',
      env: { ...process.env, OASIS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
             OASIS_SMTP_FROM: 'guichet@exemple.fr' } });
    const mail = await smtp.waitFor(() => true);
    assert.equal(smtp.messages().length, 1);
    assert.match(mail.to, /equipe@exemple\.fr/);
    assert.match(mail.body, /2e relance \(21 j\)/);
  } finally {
    await smtp.stop();
  }
});

test('day 21: the untouched sub-task reaches the second reminder', async () => {
  await at('2026-03-23T09:00:00Z', async (c) => {
    const b = await api(c, 'GET', '/api/v1/dossiers/relances');
    const byTask = Object.fromEntries(b.body.a_relancer.map((x) => [x.tache ?? 'dossier', x.relance_jours]));
    assert.deepEqual(byTask, { [tasks.decouverte]: 21, [tasks.logement]: 9, dossier: 9 });
    // most idle first
    assert.equal(b.body.a_relancer[0].tache, tasks.decouverte);
    const home = await (await c.get('/accompagnement')).text();
    assert.match(home, /2<sup>e<\/sup> relance \(21 j\)/);
    // a closed dossier leaves the basket
    await api(c, 'POST', `/api/v1/dossiers/${id}/etat`, { etat: 'clos', issue: 'sans_suite' });
    assert.deepEqual((await api(c, 'GET', '/api/v1/dossiers/relances')).body.a_relancer, []);
  });
});
