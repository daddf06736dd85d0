// tests/api/portal-plan.test.mjs: the health plan against the real server:
// roles, actions, budget lines (negative amounts refused, nothing saved),
// links, spending, indicators, and a dashboard whose totals equal the
// entries recorded, in the page, the JSON API and the XLSX export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import { startServer, Client } from './lib/server.mjs';

let server, admin, agent, reader;
before(async () => {
  server = await startServer();
  // the aid catalogue, so that links can name a real scheme
  execFileSync(process.env.OASIS_BIN || 'build/asan/oasis',
               ['aids', 'load', 'data/aids', '--db', server.dbPath]);
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  for (const [login, role] of [['agent2', 'agent'], ['elu', 'lecteur']]) {
    const r = await admin.post('/admin/utilisateurs',
      { identifiant: login, nom: login, role, mot_de_passe: 'motdepasse-' + login },
      { from: '/admin' });
    assert.equal(r.status, 303);
  }
  agent = new Client(server.url);
  await agent.login('agent2', 'motdepasse-agent2');
  reader = new Client(server.url);
  await reader.login('elu', 'motdepasse-elu');
});
after(async () => { await server?.stop(); });

// The files of a ZIP archive (an XLSX), read through its central directory.
function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nName = buf.readUInt16LE(p + 28), nExtra = buf.readUInt16LE(p + 30);
    const nComment = buf.readUInt16LE(p + 32), local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nName).toString();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = (method === 8 ? zlib.inflateRawSync(data) : data).toString();
    p += 46 + nName + nExtra + nComment;
  }
  return files;
}

const sql = (s) => execFileSync('sqlite3', [server.dbPath, s]).toString().trim();
const post = (client, path, fields, from) => client.post(path, fields, { from });

test('roles: officials read the dashboard, only agents write', async () => {
  const anon = new Client(server.url);
  let r = await anon.get('/plan');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/connexion/);
  r = await reader.get('/plan');
  assert.equal(r.status, 200);
  assert.match(await r.text(), /Aucune donnée pour l'instant/);
  assert.equal((await reader.get('/plan/actions')).status, 403);
  r = await reader.post('/plan/actions', { nom: 'X' }, { from: '/plan' });
  assert.equal(r.status, 403);
  assert.equal(sql('SELECT count(*) FROM plan_actions'), '0');
  r = await anon.get('/api/v1/plan');
  assert.equal(r.status, 401);
});

test('budget lines: negative and malformed amounts refused, nothing saved', async () => {
  let r = await post(agent, '/plan/actions',
    { nom: 'Bourses aux étudiants', objectif: '20 bourses par an' }, '/plan/actions');
  assert.equal(r.status, 303);
  const id = sql("SELECT id FROM plan_actions WHERE name='Bourses aux étudiants'");
  assert.equal(r.headers.get('location'), `/plan/actions/${id}`);
  const from = `/plan/actions/${id}`;

  // the former English keys are still read, the answer marked deprecated
  r = await post(agent, `/plan/actions/${id}/budget`, { year: '2026', amount: '1 200 000' }, from);
  assert.equal(r.status, 303);
  assert.match(r.headers.get('deprecation'), /^true/);
  r = await post(agent, `/plan/actions/${id}/budget`, { annee: '2027', montant: '-5 000' }, from);
  assert.equal(r.status, 400);
  let html = await r.text();
  assert.match(html, /montant négatif refusé/);
  assert.match(html, /id="f-montant" name="montant" value="-5 000" aria-invalid="true"/);
  r = await post(agent, `/plan/actions/${id}/budget`, { annee: '2027', montant: '12,345' }, from);
  assert.equal(r.status, 400);
  assert.match(await r.text(), /deux décimales au plus/);
  r = await post(agent, `/plan/actions/${id}/budget`, { annee: '1999', montant: '10' }, from);
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Année : entre 2000 et 2100/);
  assert.equal(sql(`SELECT group_concat(year || ':' || cents) FROM plan_budget`), '2026:120000000');

  // the JSON API applies the same rules
  const token = (await (await agent.get(from)).text()).match(/name="csrf_token" value="([0-9a-f]{64})"/)[1];
  const api = (body) => agent.fetch(`/api/v1/plan/actions/${id}/budget`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token } });
  r = await api({ annee: 2027, montant: -1 });
  assert.equal(r.status, 400);
  let e = (await r.json()).error;
  assert.equal(e.code, 'saisie_invalide');
  assert.equal(e.field, 'montant');
  assert.match(e.message, /négatif/);
  r = await api({ annee: 1999, montant: '-2,50' });
  assert.equal(r.status, 400);
  e = (await r.json()).error;               // every refused field at once
  assert.deepEqual(e.errors.map((x) => x.field), ['annee', 'montant']);
  r = await api({ annee: 2027, montant: '800 000,50' });
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { action: Number(id), annee: 2027,
                                     montant_centimes: 80000050 });
  r = await agent.fetch('/api/v1/plan/actions/999/budget', {
    method: 'POST', body: '{"annee":2027,"montant":1}',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token } });
  assert.equal(r.status, 404);
});

test('dashboard totals equal the entries recorded (page, JSON, XLSX)', async () => {
  const id1 = sql("SELECT id FROM plan_actions WHERE name='Bourses aux étudiants'");
  let r = await post(agent, '/plan/actions',
    { nom: 'Centres de santé départementaux', objectif: 'Salarier 10 médecins' }, '/plan/actions');
  assert.equal(r.status, 303);
  const id2 = sql("SELECT id FROM plan_actions WHERE name LIKE 'Centres%'");
  const f1 = `/plan/actions/${id1}`, f2 = `/plan/actions/${id2}`;
  for (const [id, from, fields] of [
    [id2, f2, { annee: '2026', montant: '2 500 000' }],
    [id2, f2, { annee: '2027', montant: '2 000 000,25' }]]) {
    assert.equal((await post(agent, `/plan/actions/${id}/budget`, fields, from)).status, 303);
  }
  const spends = [[id1, f1, '2026-03-01', '250 000,50', 'Bourses 2026, 1er versement'],
                  [id1, f1, '2026-09-01', '125 000', 'Bourses 2026, 2e versement'],
                  [id2, f2, '2026-06-30', '1 000 000', 'Salaires du 1er semestre'],
                  [id2, f2, '2027-01-31', '99,49', 'Fournitures']];
  for (const [id, from, date, amount, label] of spends) {
    r = await post(agent, `/plan/actions/${id}/depenses`, { date, montant: amount, libelle: label }, from);
    assert.equal(r.status, 303, label);
  }
  r = await post(agent, `/plan/actions/${id1}/depenses`, { date: '2026-04-01', montant: '-10', libelle: 'Erreur' }, f1);
  assert.equal(r.status, 400);
  assert.match(await r.text(), /montant négatif refusé/);
  r = await post(agent, `/plan/actions/${id1}/depenses`, { date: '2026-02-30', montant: '10', libelle: 'Date' }, f1);
  assert.equal(r.status, 400);
  assert.equal(sql('SELECT count(*) FROM plan_spending'), '4');

  for (const [path, from, fields] of [
    [`/plan/actions/${id1}/indicateurs`, f1, { code: 'etudiants', annee: '2026', valeur: '18' }],
    [`/plan/actions/${id1}/indicateurs`, f1, { code: 'installes', annee: '2026', valeur: '2' }],
    [`/plan/actions/${id2}/indicateurs`, f2, { code: 'installes', annee: '2026', valeur: '3' }],
    [`/plan/actions/${id2}/indicateurs`, f2, { code: 'installes', annee: '2026', valeur: '4' }],  // replaces 3
    ['/plan/indicateurs', '/plan/actions', { code: 'installes', annee: '2027', valeur: '1' }]]) {
    assert.equal((await post(agent, path, fields, from)).status, 303, JSON.stringify(fields));
  }
  r = await post(agent, '/plan/indicateurs', { code: 'installes', annee: '2027', valeur: '-1' }, '/plan/actions');
  assert.equal(r.status, 400);

  r = await post(agent, `/plan/actions/${id1}/liens`, { type: 'aide', cible: 'bourse-41', libelle: '' }, f1);
  assert.equal(r.status, 400, 'a scheme the aids catalogue does not hold');
  assert.match(await r.text(), /Objet inconnu/);
  r = await post(agent, `/plan/actions/${id1}/liens`,
                 { objet: 'aide:loir-et-cher-bourse-internes', libelle: 'Bourse départementale' }, f1);
  assert.equal(r.status, 303);
  r = await post(agent, `/plan/actions/${id1}/liens`, { objet: 'aide:loir-et-cher-bourse-internes', libelle: '' }, f1);
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Ce lien existe déjà/);
  r = await post(agent, `/plan/actions/${id1}/liens`, { kind: 'fusée', target: 'x', label: '' }, f1);   // former keys
  assert.equal(r.status, 400);

  // expected totals from the entries, computed here independently
  const budget = 120000000 + 80000050 + 250000000 + 200000025;
  const spent = 25000050 + 12500000 + 100000000 + 9949;
  const settled = 2 + 4 + 1;
  const j = await (await reader.get('/api/v1/plan')).json();
  assert.equal(j.budget_centimes, budget);
  assert.equal(j.depense_centimes, spent);
  assert.equal(j.indicateurs.installes, settled);
  assert.equal(j.indicateurs.etudiants, 18);
  assert.equal(j.medecins_installes, settled);
  assert.equal(j.cout_par_medecin_centimes, Math.round(spent / settled));
  // no payment logged in the modules: every cent is a manual entry
  assert.deepEqual(j.depenses_par_source, { aides_centimes: 0, stages_centimes: 0,
    centres_centimes: 0, manuel_centimes: spent, recettes_centres_centimes: 0 });
  assert.deepEqual(j.annees.map((y) => [y.annee, y.budget_centimes, y.depense_centimes,
                                        y.indicateurs.installes]),
    [[2026, 370000000, 137500050, 6], [2027, 280000075, 9949, 1]]);
  const a1 = j.actions.find((a) => a.nom === 'Bourses aux étudiants');
  assert.equal(a1.depense_centimes, 37500050);
  assert.equal(a1.cout_par_medecin_centimes, 18750025);
  // one vocabulary: every key French snake_case ASCII
  const keys = (o) => (o && typeof o === 'object')
    ? Object.entries(o).flatMap(([k, v]) => [...(Array.isArray(o) ? [] : [k]), ...keys(v)]) : [];
  for (const k of keys(j)) assert.match(k, /^[a-z0-9_]+$/, k);

  const html = await (await reader.get('/plan')).text();
  const nb = (s) => s.replace(/\u202f/g, ' ').replace(/\u00a0/g, ' ');
  const text = nb(html);
  assert.match(text, /6 500 000,75 €<\/span><span class="stat-label">budget total du plan/);
  assert.match(text, /1 375 099,99 €<\/span><span class="stat-label">dépensés, soit 21 % du budget/);
  assert.match(text, /196 442,86 €<\/span><span class="stat-label">dépensés par médecin installé/);
  assert.match(html, /<svg class="plan-chart"[^>]*role="img" aria-labelledby="g-annees-t"/);
  assert.match(html, /<caption id="t-annees">Budget, dépenses et résultats par année<\/caption>/);
  assert.match(html, /<svg class="plan-chart"[^>]*role="img" aria-labelledby="g-actions-t"/);
  assert.match(text, /<tfoot><tr><th scope="row">Total<\/th><td class="num"[^>]*>6 500 000,75 €<\/td><td class="num"[^>]*>1 375 099,99 €<\/td><td class="num"[^>]*>7<\/td>/);
  assert.match(text, /Saisies de l&#39;équipe<\/th><td class="num">1 375 099,99 €/);

  r = await reader.get('/plan/export.xlsx');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'),
               'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(r.headers.get('content-disposition'), /filename="plan-sante.xlsx"/);
  const buf = Buffer.from(await r.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
  const xl = unzip(buf);
  assert.match(xl['xl/workbook.xml'],
               /name="Synthèse".*name="Actions".*name="Années".*name="Accès aux soins"/s);
  assert.match(xl['xl/sharedStrings.xml'], /Bourses aux étudiants/);
  // Synthèse (header row first, as every export): B2 budget and B3
  // spending in euros, B4 doctors settled; the title and territory are
  // on the Provenance sheet
  const cell = (ref) => xl['xl/worksheets/sheet1.xml'].match(
    new RegExp(`<c r="${ref}"[^>]*><v>([^<]*)</v>`))?.[1];
  assert.equal(Number(cell('B2')), budget / 100);
  assert.equal(Number(cell('B3')), spent / 100);
  assert.equal(Number(cell('B4')), settled);
  assert.match(xl['xl/workbook.xml'], /name="Provenance"/);
  assert.match(xl['xl/sharedStrings.xml'], /Plan santé du territoire/);

  // deleting an entry changes the totals at once
  const sid = sql("SELECT id FROM plan_spending WHERE label='Fournitures'");
  r = await post(agent, `/plan/actions/${id2}/depenses/${sid}/supprimer`, {}, f2);
  assert.equal(r.status, 303);
  const j2 = await (await reader.get('/api/v1/plan')).json();
  assert.equal(j2.depense_centimes, spent - 9949);
  // every write is in the journal
  assert.ok(Number(sql("SELECT count(*) FROM audit_log WHERE entity='plan_action'")) >= 12);
  assert.equal(sql("SELECT count(*) FROM audit_log WHERE entity='plan_output'"), '5');
});

test('unknown actions answer 404', async () => {
  assert.equal((await agent.get('/plan/actions/999')).status, 404);
  assert.equal((await agent.get('/plan/actions/abc')).status, 404);
  const r = await post(agent, '/plan/actions/999/budget', { annee: '2026', montant: '1' }, '/plan/actions');
  assert.equal(r.status, 404);
});

test('the XLSX export writes text as text: an action named =, +, - or @ is never a formula', async () => {
  for (const nom of ['=1+1', '+33', '-2+3', '@SOMME(A1)']) {
    const r = await post(agent, '/plan/actions', { nom, objectif: '=HYPERLINK("x")' }, '/plan/actions');
    assert.equal(r.status, 303, nom);
  }
  const r = await reader.get('/plan/export.xlsx');
  assert.equal(r.status, 200);
  const xl = unzip(Buffer.from(await r.arrayBuffer()));
  for (const [name, xml] of Object.entries(xl)) {
    if (name.startsWith('xl/worksheets/')) assert.doesNotMatch(xml, /<f[ >]/, name);
  }
  for (const v of ['=1+1', '+33', '-2+3', '@SOMME(A1)', '=HYPERLINK("x")']) {
    assert.ok(xl['xl/sharedStrings.xml'].includes(`<t>${v}</t>`), v);
  }
});

test('spending: dated 2099, negative and without object refused at once, each at its field, input kept', async () => {
  let r = await post(agent, '/plan/actions', { nom: 'Dépenses datées', objectif: '' }, '/plan/actions');
  assert.equal(r.status, 303);
  const id = r.headers.get('location').match(/(\d+)$/)[1];
  const from = `/plan/actions/${id}`;
  const before = sql('SELECT count(*) FROM plan_spending');
  r = await post(agent, `${from}/depenses`, { date: '2099-01-15', montant: '-5', libelle: ' ' }, from);
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, /id="f-date-err">[^<]*trop lointaine/i);
  assert.match(html, /id="f-montant-err">[^<]*/);
  assert.match(html, /id="f-libelle-err">[^<]*objet de la dépense/i);
  assert.match(html, /value="2099-01-15"/, 'the date typed is kept');
  assert.equal(sql('SELECT count(*) FROM plan_spending'), before);
  r = await post(agent, `${from}/depenses`, { date: '1999-12-31', montant: '10', libelle: 'Avant' }, from);
  assert.equal(r.status, 400);
  assert.match(await r.text(), /id="f-date-err">[^<]*trop ancienne/i);
  r = await post(agent, `${from}/depenses`, { date: '2026-03-01', montant: '10', libelle: 'Salon' }, from);
  assert.equal(r.status, 303);
  // the action page shows it as people write dates
  assert.match(await (await agent.get(from)).text(), /<td data-label="Date">01\/03\/2026<\/td>/);
});

test('deleting an action asks first: nothing is deleted until « Oui, supprimer »', async () => {
  let r = await post(agent, '/plan/actions', { nom: 'À supprimer', objectif: '' }, '/plan/actions');
  const id = r.headers.get('location').match(/(\d+)$/)[1];
  r = await post(agent, `/plan/actions/${id}/supprimer`, {}, `/plan/actions/${id}`);
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /Supprimer l'action «\u00a0À supprimer\u00a0»\u00a0\?/);
  assert.match(html, /name="confirmer" value="oui"/);
  assert.equal(sql(`SELECT count(*) FROM plan_actions WHERE id = ${id}`), '1');
  r = await post(agent, `/plan/actions/${id}/supprimer`, { confirmer: 'oui' }, `/plan/actions/${id}`);
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT count(*) FROM plan_actions WHERE id = ${id}`), '0');
});
