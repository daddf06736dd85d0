// tests/api/workforce.test.mjs: the practitioners register against the real
// server: the RPPS fixture (five professions) imported with the CLI into a
// small world whose official APL of Ambérieu-en-Bugey (01004) is 2.7 with
// three GPs (tests/fixtures/rpps_*); the DREES counting rules at each
// boundary through the API; the team's entries and their French errors;
// names for agents only and small cells hidden from the public; the radar
// listing a doctor aged 66 whose departure drops 01004 below 2.5 with an
// open dossier of a candidate; a re-import that flags who left and keeps
// the team's entries; the forecast that now runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Client } from './lib/server.mjs';
import { BIN, FIX, oasis, startWorkforceServer } from './workforce_fixture.mjs';

let server, agent, anon;

async function api(c, method, p, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = await c.csrf('/observatoire/praticiens/nouveau');
  const r = await c.fetch(p, { method, headers,
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, text };
}

async function byRpps(rpps) {
  const r = await api(agent, 'GET', '/api/v1/praticiens');
  assert.equal(r.status, 200);
  const p = r.body.praticiens.find((x) => x.rpps === rpps);
  assert.ok(p, `${rpps} in the register`);
  return p;
}

before(async () => {
  let summary;
  ({ server, rppsSummary: summary } = await startWorkforceServer());
  assert.match(summary, /13 lignes lues, 6 gardées, 7 ignorées/);
  assert.match(summary, /au registre, hors APL généralistes/);
  agent = new Client(server.url);
  await agent.login(server.adminLogin, server.adminPassword);
  anon = new Client(server.url);
});
after(async () => { await server?.stop(); });

test('the register holds the five professions of the extraction, not pharmacists nor specialists', async () => {
  const r = await api(agent, 'GET', '/api/v1/praticiens');
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 10);
  const profs = new Set(r.body.praticiens.map((p) => p.profession));
  assert.deepEqual([...profs].sort(), ['dentiste', 'infirmier', 'kine', 'mg', 'sage_femme']);
  assert.ok(!r.body.praticiens.some((p) => p.nom === 'MOREAU' || p.nom === 'MERCIER'));
  const petit = r.body.praticiens.find((p) => p.nom === 'PETIT');
  assert.equal(petit.centre_sante, true);           // salaried, "CENTRE DE SANTE" site
  const f = await api(agent, 'GET', '/api/v1/praticiens?profession=infirmier&commune=01004');
  assert.deepEqual(f.body.praticiens.map((p) => p.nom), ['LAMBERT']);
  const bad = await api(agent, 'GET', '/api/v1/praticiens?profession=pharmacien');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'profession');
});

test('each DREES counting rule applies at its boundaries', async () => {
  const p = await byRpps('810000000103');
  const cases = [
    [{ actes: 0 }, 0], [{ actes: 249 }, 0], [{ actes: 250 }, 3600],
    [{ actes: 3600 }, 3600], [{ actes: 3601 }, 3601], [{ actes: 6000 }, 6000],
    [{ actes: 6001 }, 6000], [{ actes: 9000, nouvel_installe: true }, 5400],
    [{ actes: 100, nouvel_installe: true }, 5400],
    [{ actes: 8000, nouvel_installe: false, centre_sante: true }, 8000],
    [{ actes: 200, centre_sante: true }, 200],
    [{ actes: null, centre_sante: false }, 4500],
    [{ etp: 0.5 }, 2250],
  ];
  for (const [body, want] of cases) {
    const r = await api(agent, 'POST', `/api/v1/praticiens/${p.id}`, body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.actes_comptes, want, `${JSON.stringify(body)}: ${r.body.regle}`);
    assert.ok(r.body.regle.length > 10);
  }
  // the keys a JSON body leaves out are kept
  const back = await api(agent, 'GET', `/api/v1/praticiens/${p.id}`);
  assert.equal(back.body.etp, 0.5);
  assert.equal(back.body.nom, 'BERNARD');
});

test('bad entries are refused field by field, in French', async () => {
  const p = await byRpps('810000000103');
  const r = await api(agent, 'POST', `/api/v1/praticiens/${p.id}`, {
    annee_naissance: 1800, actes: -5, commune_2: '99999', nouveaux_patients: 'peut-etre',
    date_retraite: '31/02/2030x' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'saisie_invalide');
  const fields = r.body.error.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['actes', 'annee_naissance', 'commune_2', 'date_retraite', 'nouveaux_patients']);
  const both = await api(agent, 'POST', `/api/v1/praticiens/${p.id}`,
    { nouvel_installe: true, centre_sante: true });
  assert.equal(both.status, 400);
  assert.equal(both.body.error.field, 'nouvel_installe');
  assert.match(both.body.error.message, /centre de santé/);
  // an RPPS person's identity is the extraction's
  const id = await api(agent, 'POST', `/api/v1/praticiens/${p.id}`, { nom: 'AUTRE' });
  assert.equal(id.status, 200);
  assert.equal(id.body.nom, 'BERNARD');
});

test('a manual entry is created, and refused without its required fields', async () => {
  const bad = await api(agent, 'POST', '/api/v1/praticiens', { profession: 'pharmacien', commune: '12345' });
  assert.equal(bad.status, 400);
  const fields = bad.body.error.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['commune', 'nom', 'profession']);
  const r = await api(agent, 'POST', '/api/v1/praticiens', {
    profession: 'kine', nom: 'NOUVEL', prenom: 'Inès', commune: '01001', annee_naissance: 1990 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.origine, 'manuel');
  assert.equal(r.body.rpps, null);
  assert.equal(r.body.commune_nom, "L'Abergement-Clémenciat");
});

test('names are for agents: the public sees counts, cells under 5 hidden', async () => {
  assert.equal((await anon.get('/api/v1/praticiens')).status, 401);
  assert.equal((await anon.get('/observatoire/praticiens')).status, 303);   // to the login
  const pub = await anon.get('/api/v1/praticiens/communes/01004');
  assert.equal(pub.status, 200);
  const text = await pub.text();
  assert.ok(!/MARTIN|DURAND|810000000101/.test(text), 'no name in the public answer');
  const body = JSON.parse(text);
  assert.equal(body.praticiens, undefined);
  const mg = body.professions.find((p) => p.code === 'mg');
  assert.equal(mg.effectif, null);                  // 3 GPs: hidden
  assert.equal(mg.masque, true);
  const page = await (await anon.get('/observatoire/praticiens/commune/01004')).text();
  assert.ok(!/MARTIN/.test(page));
  assert.match(page, /&lt; 5/);
  const ag = await api(agent, 'GET', '/api/v1/praticiens/communes/01004');
  assert.equal(ag.body.professions.find((p) => p.code === 'mg').effectif, 3);
  assert.ok(ag.body.praticiens.some((p) => p.nom === 'MARTIN'));
  const agPage = await (await agent.get('/observatoire/praticiens/commune/01004')).text();
  assert.match(agPage, /MARTIN/);
  assert.equal((await anon.get('/api/v1/praticiens/communes/99999')).status, 404);
});

test('the radar lists a doctor aged 66 whose departure drops 01004 below 2.5, with a candidate', async () => {
  const martin = await byRpps('810000000101');
  let r = await api(agent, 'POST', `/api/v1/praticiens/${martin.id}`, { annee_naissance: 1960, actes: 5000 });
  assert.equal(r.status, 200, r.text);
  const roux = await byRpps('810000000105');
  r = await api(agent, 'POST', `/api/v1/praticiens/${roux.id}`, { annee_naissance: 1958 });
  assert.equal(r.status, 200);
  const d = await api(agent, 'POST', '/api/v1/dossiers', {
    prenom: 'Camille', nom: 'Leroy', email: 'camille.leroy@exemple.fr',
    telephone: '04 74 12 34 56', profession: 'medecin_generaliste', statut: 'remplacant',
    projet: 'installation', territoire_type: 'commune', territoire_nom: 'Ambérieu-en-Bugey',
    territoire_code: '01004', date_souhaitee: '2026-09', message: 'Reprise de patientèle.',
    besoins: ['lieu_exercice'], canal: 'telephone', consentement: true });
  assert.equal(d.status, 201, d.text);
  r = await api(agent, 'GET', '/api/v1/praticiens/radar');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.departs_proches, 2);          // MARTIN (2027) and ROUX (2025)
  assert.equal(r.body.radar.length, 1, JSON.stringify(r.body));
  const row = r.body.radar[0];
  assert.equal(row.praticien.nom, 'MARTIN');
  assert.equal(row.age, 66);
  assert.equal(row.annee_depart, 2027);
  assert.equal(row.commune_touchee, '01004');
  assert.equal(row.apl_officielle, true);
  assert.equal(row.apl_avant, 2.7);
  assert.ok(row.apl_apres < 2.5, `APL after ${row.apl_apres}`);
  assert.ok(row.dossiers_candidats.some((c) => c.id === d.body.id));
  assert.equal((await api(agent, 'GET', '/api/v1/praticiens/radar?age_retraite=80')).status, 400);
  assert.equal((await anon.get('/api/v1/praticiens/radar')).status, 401);
  const page = await (await agent.get('/observatoire/radar')).text();
  assert.match(page, /MARTIN/);
  assert.match(page, /66 ans/);
});

test('demography: share of GPs aged 60+ and departures under each assumption', async () => {
  const r = await api(agent, 'GET', '/api/v1/praticiens/demographie');
  assert.equal(r.status, 200);
  assert.equal(r.body.annee, 2026);
  assert.equal(r.body.generalistes.effectif, 5);
  assert.equal(r.body.generalistes.age_connu, 2);
  assert.equal(r.body.generalistes.part_60_ans_et_plus, 1);
  const at = (age) => r.body.projection.find((p) => p.age === age);
  assert.equal(at(65).departs_5_ans, 2);            // 2025 and 2023
  assert.equal(at(70).departs_5_ans, 2);            // 2030 and 2028
  assert.equal(at(70).departs_10_ans, 2);
  const pub = await (await anon.get('/api/v1/praticiens/demographie')).json();
  assert.equal(pub.generalistes.part_60_ans_et_plus, null);   // under 5 of known age
  assert.equal(pub.projection[0].departs_5_ans, null);
  assert.equal((await anon.get('/observatoire/demographie')).status, 200);
});

test('the forecast runs once the team gave birth years', async () => {
  const r = await (await anon.get('/api/v1/communes/01004')).json();
  assert.equal(r.projection.ages_connus, true, JSON.stringify(r.projection));
});

test('a re-import flags who left, keeps him and the team entries', async () => {
  const before = await byRpps('810000000101');
  oasis('import', 'rpps', path.join(FIX, 'rpps_register_2027.txt'), '--vintage', '2027',
        '--db', server.dbPath);
  const martin = await byRpps('810000000101');
  assert.equal(martin.id, before.id);
  assert.equal(martin.absent_depuis, '2026-03-02');
  assert.equal(martin.annee_naissance, 1960);
  const durand = await byRpps('810000000102');
  assert.equal(durand.commune, '01001');
  assert.equal(durand.absent_depuis, null);
  const radar = await api(agent, 'GET', '/api/v1/praticiens/radar');
  assert.ok(!radar.body.radar.some((x) => x.praticien.nom === 'MARTIN'));
});

test('structures: a FINESS extraction as published, and a teleconsultation point added by hand', async () => {
  const r = oasis('import', 'finess', path.join(FIX, 'finess_stock.csv'), '--db', server.dbPath);
  assert.match(r.stderr, /7 lignes lues, 4 gardées, 3 ignorées/);
  const list = await (await anon.get('/api/v1/structures?commune=01004')).json();
  assert.deepEqual(list.structures.map((s) => s.type).sort(), ['cpts', 'msp']);
  const msp = list.structures.find((s) => s.type === 'msp');
  assert.equal(msp.nom, "MAISON DE SANTE PLURIPROFESSIONNELLE D'AMBÉRIEU");   // from Latin-1
  assert.equal(msp.finess, '010012345');
  const bad = await api(agent, 'POST', '/api/v1/structures', { type: 'hopital', commune: '0100' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.error.errors.map((e) => e.field).sort(), ['commune', 'nom', 'type']);
  const ok = await api(agent, 'POST', '/api/v1/structures', {
    type: 'teleconsultation', nom: 'Mairie — cabine de téléconsultation', commune: '01001' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.origine, 'manuel');
  const anonPost = await anon.fetch('/api/v1/structures', { method: 'POST', body: '{}',
    headers: { 'Content-Type': 'application/json' } });
  assert.ok([401, 403].includes(anonPost.status));
  const page = await (await anon.get('/observatoire/structures?commune=01001')).text();
  assert.match(page, /cabine de téléconsultation/);
  assert.match(page, /PHARMACIE DE L&#39;ABERGEMENT|PHARMACIE DE L&#x27;ABERGEMENT|PHARMACIE DE L'ABERGEMENT/);
  // a malformed extraction is refused whole, with its line
  const fs = await import('node:fs');
  const os = await import('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-finess-'));
  const badFile = path.join(dir, 'bad.csv');
  fs.writeFileSync(badFile, 'finess;etalab;100;2026-01-15\nstructureet;0100;x\n');
  const b = spawnSync(BIN, ['import', 'finess', badFile, '--db', server.dbPath], { encoding: 'utf8' });
  assert.equal(b.status, 1);
  assert.match(b.stderr, /ligne 2.*32/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('patients without a médecin traitant: entered for a commune, shown on its page', async () => {
  const bad = await api(agent, 'POST', '/api/v1/praticiens/sans-medecin-traitant',
    { code: '123', annee: 1990, patients: -3, part: 2 });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.error.errors.map((e) => e.field).sort(), ['annee', 'code', 'part', 'patients']);
  const r = await api(agent, 'POST', '/api/v1/praticiens/sans-medecin-traitant',
    { code: '01004', annee: 2025, patients: 2900, part: 0.2 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.niveau, 'commune');
  const c = await (await anon.get('/api/v1/praticiens/communes/01004')).json();
  assert.equal(c.sans_medecin_traitant.patients, 2900);
  assert.equal(c.sans_medecin_traitant.part, 0.2);
  const page = await (await anon.get('/observatoire/praticiens/commune/01004')).text();
  assert.match(page, /2900<\/strong> patients sans médecin traitant en 2025/);
  assert.match(page, /20,0 %/);
  assert.match(page, /MAISON DE SANTE/);
});

test('the public demography hides every small count, the agent sees them', async () => {
  const pub = await (await anon.get('/api/v1/praticiens/demographie?departement=01')).json();
  const ag = (await api(agent, 'GET', '/api/v1/praticiens/demographie?departement=01')).body;
  // after the 2027 extraction: DURAND and BERNARD in the Ain, ages unknown
  assert.equal(ag.generalistes.effectif, 2);
  assert.equal(pub.generalistes.effectif, null);
  const small = (n) => n > 0 && n < 5;
  assert.equal(pub.generalistes.age_connu, small(ag.generalistes.age_connu) ? null : ag.generalistes.age_connu);
  pub.projection.forEach((p, i) => {
    const n = ag.projection[i].generalistes_places;
    assert.equal(p.generalistes_places, small(n) ? null : n);
  });
  const mg = pub.professions.find((p) => p.code === 'mg');
  assert.equal(mg.effectif, null);
  assert.ok(mg.tranches.every((t) => t.effectif === 0 || t.effectif === null));
  assert.equal((await anon.get('/api/v1/praticiens/demographie?departement=1234')).status, 400);
});

test('the list answers at most "limite" people and says it cut', async () => {
  const r = await api(agent, 'GET', '/api/v1/praticiens?limite=3');
  assert.equal(r.status, 200);
  assert.equal(r.body.praticiens.length, 3);
  assert.equal(r.body.tronque, true);
  const all = await api(agent, 'GET', '/api/v1/praticiens');
  assert.equal(all.body.tronque, false);
  const bad = await api(agent, 'GET', '/api/v1/praticiens?limite=0');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'limite');
});

test('a reader (lecteur) sees counts like the public, never names', async () => {
  const r = await agent.post('/admin/utilisateurs',
    { identifiant: 'lecteur1', nom: 'Lou Lecteur', role: 'lecteur', mot_de_passe: 'motdepasse-lecteur1' },
    { from: '/admin' });
  assert.equal(r.status, 303);
  const reader = new Client(server.url);
  await reader.login('lecteur1', 'motdepasse-lecteur1');
  assert.equal((await reader.get('/api/v1/praticiens')).status, 403);
  assert.equal((await reader.get('/api/v1/praticiens/radar')).status, 403);
  const text = await (await reader.get('/api/v1/praticiens/communes/01004')).text();
  assert.ok(!/MARTIN|BERNARD|LAMBERT/.test(text));
  const page = await (await reader.get('/observatoire/praticiens/commune/01004')).text();
  assert.ok(!/BERNARD|LAMBERT/.test(page));
});
