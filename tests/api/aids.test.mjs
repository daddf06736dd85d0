// tests/api/aids.test.mjs: the aids module against the real server — the
// public simulator (page, shareable URL, POST /api/v1/simulations equal to
// `oasis aids simulate`), bad input named by field, the catalogue (filters,
// detail, CSV/XLSX read back), the back-office (roles, CSRF, validation,
// nothing half-saved, export writes the same file), and the commitments
// register with the 12,000 € → 7,333.33 € pro rata breach.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, Client } from './lib/server.mjs';

const BIN = process.env.OASIS_BIN || path.resolve('build/asan/oasis');
let server, admin, agent, reader;

const sql = (s) => execFileSync('sqlite3', [server.dbPath, s]).toString().trim();
function oasis(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `oasis ${args.join(' ')}: ${r.stderr}`);
  return r;
}

// The communes of tests/aids/communes.csv, as the territory module and
// the DREES import would have stored them (code, name, dep, reg, APL).
function loadCommunes() {
  const lines = fs.readFileSync('tests/aids/communes.csv', 'utf8').trim().split('\n').slice(1);
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  let s = "INSERT INTO import_log(id, kind, file_name, sha256, n_rows) VALUES (1, 'communes', 'c.csv', '-', 0);";
  for (const l of lines) {
    const [code, name, dep, reg, , apl, vintage] = l.split(',');
    s += `INSERT INTO communes(code, type, name, dep, reg, import_id) VALUES (${q(code)}, 'COM', ${q(name)}, ${q(dep)}, ${q(reg)}, 1);`;
    // the official DREES APL table, as `oasis import apl` fills it
    if (apl) s += `INSERT INTO apl_reference(vintage, commune, name, apl, import_id) VALUES (${vintage}, ${q(code)}, ${q(name)}, ${apl}, 1);`;
  }
  // names of their départements and régions (tests/aids/territoires.csv)
  for (const l of fs.readFileSync('tests/aids/territoires.csv', 'utf8').trim().split('\n').slice(1)) {
    const [level, code, name, reg] = l.split(',');
    s += level === 'region'
      ? `INSERT INTO regions(code, name, import_id) VALUES (${q(code)}, ${q(name)}, 1);`
      : `INSERT INTO departements(code, name, reg, import_id) VALUES (${q(code)}, ${q(name)}, ${q(reg)}, 1);`;
  }
  // postal codes, and two real homonyms for the commune search
  s += "UPDATE communes SET postal_codes = '71200' WHERE code = '71153';";
  s += "UPDATE communes SET postal_codes = '71000' WHERE code = '71270';";
  // Blois's EPCI (CA de Blois « Agglopolys ») for the dashboard by EPCI
  s += "INSERT INTO epci(code, name, type, import_id) VALUES ('200030385', 'CA de Blois', 'CA', 1);";
  s += "UPDATE communes SET epci = '200030385' WHERE code = '41018';";
  s += "INSERT INTO communes(code, type, name, dep, reg, postal_codes, import_id) VALUES ('93066', 'COM', 'Saint-Denis', '93', '11', '93200 93210', 1), ('97411', 'COM', 'Saint-Denis', '974', '04', '97400 97490', 1);";
  sql(s);
}

before(async () => {
  server = await startServer();
  oasis('aids', 'load', '--db', server.dbPath, 'data/aids');
  loadCommunes();
  admin = new Client(server.url);
  await admin.login(server.adminLogin, server.adminPassword);
  for (const [login, role] of [['agent-aides', 'agent'], ['elu-aides', 'lecteur']]) {
    const r = await admin.post('/admin/utilisateurs',
      { identifiant: login, nom: login, role, mot_de_passe: 'motdepasse-' + login },
      { from: '/admin' });
    assert.equal(r.status, 303);
  }
  agent = new Client(server.url);
  await agent.login('agent-aides', 'motdepasse-agent-aides');
  reader = new Client(server.url);
  await reader.login('elu-aides', 'motdepasse-elu-aides');
});
after(async () => { await server?.stop(); });

const simulate = (body) => fetch(server.url + '/api/v1/simulations', {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

test('POST /api/v1/simulations gives the same JSON as oasis aids simulate', async () => {
  const r = await simulate({ profession: 'médecin généraliste', statut: 'étudiant·e', annee: 3,
                             pass_las: true, commune: '71153', debut: '2026-09' });
  assert.equal(r.status, 200);
  const j = await r.json();
  const cli = JSON.parse(oasis('aids', 'simulate', '--db', server.dbPath, '--profession',
    'médecin généraliste', '--status', 'étudiant·e', '--year', '3', '--pass-las',
    '--commune', '71153', '--start', '2026-09').stdout);
  assert.deepEqual(j, cli);
  // one classification (zoning_of): no arrêté imported, so the DREES class,
  // labelled indicative, never the regulatory word ZIP
  assert.equal(j.commune.zone.classe, 'sous_dense');
  assert.equal(j.commune.zone.officiel, false);
  assert.equal(j.commune.zone.source, 'APL DREES 2023');
  assert.equal(j.commune.zone.millesime, 2023);
  assert.match(j.commune.zone.libelle, /classement indicatif d'après l'APL DREES 2023 .* zonage officiel non importé/);
  assert.doesNotMatch(JSON.stringify(j.commune), /ZIP|ZAC/);
  assert.equal(j.commune.apl, 2.1);
  const creusot = j.aides.find((s) => s.id === 'creusot-etudiants');
  assert.equal(creusot.verdict, 'éligible');
  assert.ok(creusot.raisons.length > 0);
  assert.ok(j.meilleure.aides.includes('creusot-etudiants'));
  assert.ok(Number.isInteger(j.meilleure.total_centimes));
  // texts name the territories, codes stay in their own fields
  assert.equal(j.commune.dep_nom, 'Saône-et-Loire');
  assert.equal(j.commune.reg_nom, 'Bourgogne-Franche-Comté');
  assert.equal(creusot.engagement.lieux, 'commune Le Creusot (71153)');
  assert.deepEqual(creusot.engagement.lieux_codes, [{ niveau: 'commune', code: '71153', nom: 'Le Creusot' }]);
  const equip = j.aides.find((s) => s.id === 'loir-et-cher-aide-equipement');
  assert.ok(equip.raisons.some((x) => x.texte === "La commune Le Creusot (71153) est hors du territoire de l'aide : département Loir-et-Cher (41)."),
            JSON.stringify(equip.raisons));
  assert.ok(!j.aides.some((s) => s.raisons.some((x) => /(département|région) \d/.test(x.texte))));
  // a commune given by its name resolves to the same code
  const j2 = await (await simulate({ profession: 'medecin-generaliste', statut: 'etudiant',
    annee: '3', pass_las: 'oui', commune: 'Le Creusot', debut: '2026-09' })).json();
  assert.deepEqual(j2, j);
  // year 1: the Creusot aid starts in year 2
  const j3 = await (await simulate({ profession: 'médecin généraliste', statut: 'étudiant·e',
    annee: 1, commune: '71153' })).json();
  assert.equal(j3.aides.find((s) => s.id === 'creusot-etudiants').verdict, 'non éligible');
});

test('commune search: accents, case, hyphens, postal code; homonyms listed', async () => {
  const base = { profession: 'médecin généraliste', statut: 'étudiant·e', annee: 3 };
  for (const [typed, code] of [['le creusot', '71153'], ['LE-CREUSOT', '71153'], ['  Le  Creusot ', '71153'],
                               ['macon', '71270'], ['MÂCON', '71270'], ['71200', '71153'], ['71000', '71270'],
                               ['creusot', '71153'], ['Mâcon (71270)', '71270']]) {
    const r = await simulate({ ...base, commune: typed });
    assert.equal(r.status, 200, typed);
    assert.equal((await r.json()).commune.code, code, typed);
  }
  // two communes named Saint-Denis: the error lists both to pick from
  let r = await simulate({ ...base, commune: 'saint denis' });
  assert.equal(r.status, 400);
  const e = (await r.json()).error;
  assert.equal(e.field, 'commune');
  assert.match(e.message, /plusieurs communes/);
  assert.deepEqual(e.choix.map((c) => c.code).sort(), ['93066', '97411']);
  assert.equal(e.choix.find((c) => c.code === '97411').codes_postaux, '97400 97490');
  // the page offers one link per commune, each a working simulator URL
  const anon = new Client(server.url);
  r = await anon.get('/aides/simulateur?profession=medecin-generaliste&statut=etudiant&annee=3&commune=Saint-Denis');
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, /Plusieurs communes correspondent/);
  const links = [...html.matchAll(/<li><a href="(\/aides\/simulateur\?[^"]+)">Saint-Denis \((\d+)\)<\/a>/g)];
  assert.deepEqual(links.map((m) => m[2]).sort(), ['93066', '97411']);
  const pick = await anon.get(links.find((m) => m[2] === '97411')[1].replace(/&amp;/g, '&'));
  assert.equal(pick.status, 200);
  assert.match(await pick.text(), /Vos aides pour Saint-Denis \(97411\)/);
  // a postal code of no commune
  r = await simulate({ ...base, commune: '00000' });
  assert.equal(r.status, 400);
  assert.match((await r.json()).error.message, /inconnue/);
});

test('bad simulator input is refused with the field named', async () => {
  const cases = [
    [{ profession: 'médecin généraliste', statut: 'étudiant·e', annee: 3, commune: '99999' }, 'commune', /inconnue/],
    [{ profession: 'médecin généraliste', statut: 'étudiant·e', annee: 3, commune: 'Atlantide' }, 'commune', /inconnue/],
    [{ profession: 'médecin généraliste', statut: 'interne', annee: 1, commune: '71153' }, 'annee', /./],
    [{ profession: 'astronaute', statut: 'interne', commune: '71153' }, 'profession', /inconnue/],
    [{ statut: 'interne', commune: '71153' }, 'profession', /profession/],
    [{ profession: 'sage-femme', statut: 'étudiant·e', annee: 3, commune: '71153', debut: '2026-13' }, 'debut', /AAAA-MM/],
    [{ profession: 'sage-femme', statut: 'étudiant·e', annee: 3, commune: '71153', pass_las: 'peut-être' }, 'pass_las', /oui ou non/],
  ];
  for (const [body, field, re] of cases) {
    const r = await simulate(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    const e = (await r.json()).error;
    assert.equal(e.field, field, JSON.stringify(body));
    assert.match(e.message, re);
  }
  const r = await fetch(server.url + '/api/v1/simulations', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: '[1]' });
  assert.equal(r.status, 400);
});

test('the simulator page: shareable URL, result by porteur, prefilled request link', async () => {
  const anon = new Client(server.url);
  const q = 'profession=medecin-generaliste&statut=etudiant&annee=3&pass_las=oui&commune=71153&debut=2026-09';
  let r = await anon.get('/aides/simulateur?' + q);
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<h1>Quelles aides pour moi \?<\/h1>/);
  assert.match(html, /Vos aides pour Le Creusot \(71153\)/);
  assert.match(html, /Sous-dense \(indicatif\)/);
  assert.match(html, /classement indicatif d&#39;après l&#39;APL DREES 2023/);
  assert.doesNotMatch(html, /zone d&#39;intervention prioritaire|ZIP :/);
  assert.match(html, /APL officielle \(DREES 2023\) : <strong>2,10<\/strong>/);
  assert.match(html, /Ville du Creusot — commune/);
  assert.match(html, /Pourquoi \?/);
  assert.match(html, /Le Creusot \(71153\) est hors du territoire de l&#39;aide : département Loir-et-Cher \(41\)/);
  assert.match(html, /Exercer 5 ans : commune Le Creusot \(71153\)/);
  assert.doesNotMatch(html, /(département|région) \d/);
  assert.match(html, /Montant mois par mois/);
  assert.match(html, /href="\/demande\?profession=medecin_generaliste&amp;statut=etudiant&amp;projet=installation&amp;territoire_type=commune&amp;territoire_code=71153/);
  // the guichet unique's form comes back prefilled from that link
  const link = html.match(/href="(\/demande\?[^"]+)"/)[1].replace(/&amp;/g, '&');
  const form = await (await anon.get(link)).text();
  assert.match(form, /value="medecin_generaliste" selected/);
  assert.match(form, /name="territoire_code" value="71153"/);
  // the portal's link with a commune only prefills the form
  r = await anon.get('/aides/simulateur?commune=41018&profil=interne');
  const h2 = await r.text();
  assert.equal(r.status, 200);
  assert.match(h2, /name="commune" value="41018"/);
  assert.match(h2, /<option value="interne" selected>/);
  assert.doesNotMatch(h2, /Vos aides pour/);
  // POST redirects to the shareable GET URL (CSRF checked)
  r = await anon.post('/aides/simulateur', { profession: 'medecin-generaliste', statut: 'etudiant',
    annee: '3', pass_las: 'oui', commune: '71153' }, { from: '/demande' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/aides\/simulateur\?profession=medecin-generaliste&statut=etudiant&annee=3&pass_las=oui&commune=71153#resultat$/);
  r = await anon.post('/aides/simulateur', { profession: 'x' }, { csrf: false });
  assert.equal(r.status, 403);
  // an unknown commune: 400 with the field marked and what was typed kept
  r = await anon.get('/aides/simulateur?profession=medecin-generaliste&statut=etudiant&annee=3&commune=99999');
  assert.equal(r.status, 400);
  const h3 = await r.text();
  assert.match(h3, /<a href="#f-commune">Commune inconnue/);
  assert.match(h3, /name="commune" value="99999"[^>]* aria-invalid="true"/);
});

test('catalogue: filters, detail, 404, CSV and XLSX read back', async () => {
  const anon = new Client(server.url);
  let j = await (await anon.get('/api/v1/aides')).json();
  assert.equal(j.nombre, 10);
  j = await (await anon.get('/api/v1/aides?porteur=departement&avantage=vehicule')).json();
  assert.deepEqual(j.aides.map((a) => a.id), ['loir-et-cher-indemnite-stage']);
  j = await (await anon.get('/api/v1/aides?territoire=71153')).json();
  const ids = j.aides.map((a) => a.id);
  assert.ok(ids.includes('creusot-etudiants') && ids.includes('cesp'));
  assert.ok(!ids.includes('loir-et-cher-bourse-internes'));
  j = await (await anon.get('/api/v1/aides?profession=sage-femme')).json();
  assert.ok(j.aides.every((a) => a.professions.includes('sage-femme')));
  let r = await anon.get('/aides?q=creusot');
  let html = await r.text();
  assert.match(html, /<h2 id="titre-liste">1 aide<\/h2>/);
  r = await anon.get('/aides/creusot-etudiants');
  assert.equal(r.status, 200);
  html = await r.text();
  assert.match(html, /<h1>Aide aux étudiants en médecine et en odontologie de la ville du Creusot<\/h1>/);
  assert.match(html, /<strong>/);                      // Markdown rendered
  assert.match(html, /cumulable avec <a href="\/aides\/cesp">/);
  assert.doesNotMatch(html, /Gestion/);                // no back-office for the public
  assert.equal((await anon.get('/aides/inconnue')).status, 404);
  assert.equal((await anon.get('/api/v1/aides/inconnue')).status, 404);

  r = await anon.get('/aides/export.csv?porteur=departement');
  assert.equal(r.status, 200);
  const buf = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = buf.subarray(3).toString().trim().split('\r\n');
  assert.match(rows[0], /^Identifiant;Nom;État;Porteur;/);
  const nDep = (await (await anon.get('/api/v1/aides?porteur=departement')).json()).nombre;
  assert.equal(rows.length, 1 + nDep);
  assert.ok(rows.slice(1).every((l) => l.split(';')[3] === 'département'));
  const bourse = rows.find((l) => l.startsWith('loir-et-cher-bourse-internes;'));
  assert.match(bourse, /;12000,00;3;/);
  // what to do next travels with the catalogue (issue 18)
  assert.match(rows[0], /;Source;Contact;Bénéficiaires;Démarche;Page officielle;Vérifiée le$/);
  assert.match(rows.find((l) => l.startsWith('loir-et-cher-maisons-de-sante;')),
               /collectivités \(communes, EPCI\).*;Le financement est demandé par la commune/);

  r = await anon.get('/aides/export.xlsx');
  assert.equal(r.status, 200);
  const x = Buffer.from(await r.arrayBuffer());
  assert.equal(x.subarray(0, 2).toString(), 'PK');
  const xl = unzip(x);
  assert.match(xl['xl/workbook.xml'], /name="Aides"/);
  assert.match(xl['xl/sharedStrings.xml'], /Contrat d&apos;engagement de service public|Contrat d'engagement de service public/);
});

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

const prorata = {
  id: 'test-bourse-prorata', nom: 'Bourse d\'essai au prorata', etat: 'brouillon',
  porteur: 'departement', 'porteur-code': '41', 'porteur-nom': 'Département de Loir-et-Cher',
  territoire: 'département 41', professions: 'medecin-generaliste', statuts: 'interne',
  conditions: 'pass-las\n', 'cumulable-avec': 'cesp', 'non-cumulable-avec': '',
  'valide-du': '', 'valide-au': '', source: 'Essai', contact: 'Mission santé',
  avantages: '[avantage]\ntype: argent\nlibellé: Bourse\nmontant: 12000\npériodicité: unique\n',
  engagement: 'durée: 3 ans\nlieu: département 41\nremboursement: prorata\n',
  description: 'Une **bourse** d\'essai.\n\n<script>alert(1)</script>\n',
};

test('back-office: roles, CSRF, field-named validation, nothing half-saved, export = file', async () => {
  const anon = new Client(server.url);
  let r = await anon.get('/aides/nouvelle');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/connexion/);
  assert.equal((await reader.get('/aides/nouvelle')).status, 403);
  r = await reader.post('/aides/nouvelle', prorata, { from: '/aides' });
  assert.equal(r.status, 403);
  r = await agent.post('/aides/nouvelle', prorata, { csrf: false });
  assert.equal(r.status, 403);
  const count = () => Number(sql('SELECT count(*) FROM aid_scheme'));
  const n0 = count();
  // a negative amount in the benefits: 400, the field and line named, nothing saved
  r = await agent.post('/aides/nouvelle', { ...prorata,
    avantages: prorata.avantages.replace('12000', '-12000') }, { from: '/aides/nouvelle' });
  assert.equal(r.status, 400);
  let html = await r.text();
  assert.match(html, /<a href="#f-avantages">Les avantages, ligne 4 \(montant\) : montant négatif/);
  assert.match(html, /<textarea id="f-avantages" name="avantages" rows="4" aria-invalid="true"/);
  assert.equal(count(), n0);
  // an unknown cumulation id, a missing profession, a line break in a one-line field
  for (const [patch, field] of [[{ 'cumulable-avec': 'nulle-part' }, 'cumulable-avec'],
                                [{ professions: '' }, 'professions'],
                                [{ nom: 'a\nétat: publié' }, 'nom'],
                                [{ territoire: 'commune 123' }, 'territoire']]) {
    r = await agent.post('/aides/nouvelle', { ...prorata, ...patch }, { from: '/aides/nouvelle' });
    assert.equal(r.status, 400, field);
    assert.match(await r.text(), new RegExp(`href="#f-${field}"`), field);
  }
  assert.equal(count(), n0);
  // valid: saved as a draft, invisible to the public
  r = await agent.post('/aides/nouvelle', prorata, { from: '/aides/nouvelle' });
  assert.equal(r.status, 303);
  assert.equal(count(), n0 + 1);
  assert.equal((await anon.get('/aides/test-bourse-prorata')).status, 404);
  // the same id again is refused
  r = await agent.post('/aides/nouvelle', prorata, { from: '/aides/nouvelle' });
  assert.equal(r.status, 400);
  // publish: now public; raw HTML of the description is shown as text
  r = await agent.post('/aides/test-bourse-prorata/etat', { etat: 'publie' }, { from: '/aides/test-bourse-prorata' });
  assert.equal(r.status, 303);
  html = await (await anon.get('/aides/test-bourse-prorata')).text();
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(html, /<script>alert/);
  // archived → draft only; published → draft is refused
  r = await agent.post('/aides/test-bourse-prorata/etat', { etat: 'brouillon' }, { from: '/aides/test-bourse-prorata' });
  assert.equal(r.status, 400);
  // edit form shows the same values; saving it unchanged keeps the same text
  const before = sql("SELECT text FROM aid_scheme WHERE id='test-bourse-prorata'");
  html = await (await agent.get('/aides/test-bourse-prorata/modifier')).text();
  assert.match(html, /name="porteur-code" value="41"/);
  assert.match(html, /<textarea id="f-engagement"[^>]*>durée: 3 ans\nlieu: département 41\nremboursement: prorata\n<\/textarea>/);
  const { id, ...edit } = prorata;
  r = await agent.post('/aides/test-bourse-prorata/modifier', { ...edit, etat: 'publie' },
                       { from: '/aides/test-bourse-prorata/modifier' });
  assert.equal(r.status, 303);
  assert.equal(sql("SELECT text FROM aid_scheme WHERE id='test-bourse-prorata'"), before);
  // the file download and `oasis aids export` write that same text
  const file = await (await agent.get('/aides/test-bourse-prorata/fichier')).text();
  assert.equal(file.trim(), before);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-aids-export-'));
  oasis('aids', 'export', '--db', server.dbPath, dir);
  assert.equal(fs.readFileSync(path.join(dir, 'test-bourse-prorata.aid'), 'utf8'), file);
  assert.equal(fs.readFileSync(path.join(dir, 'cesp.aid'), 'utf8'),
               fs.readFileSync('data/aids/cesp.aid', 'utf8').replace(/^#.*\n/gm, ''));
  fs.rmSync(dir, { recursive: true, force: true });
  // JSON API write: agents only, errors name the field
  const tok = await agent.csrf('/aides/nouvelle');
  r = await agent.fetch('/api/v1/aides', { method: 'POST', headers: { 'Content-Type': 'application/json',
    'X-CSRF-Token': tok }, body: JSON.stringify({ fichier: file.replace('montant: 12000', 'montant: -5') }) });
  assert.equal(r.status, 400);
  const eFile = (await r.json()).error;
  assert.equal(eFile.field, 'montant');
  assert.match(eFile.message, /^fichier, ligne \d+ \(montant\) : montant négatif \(-5\)$/);
  r = await agent.fetch('/api/v1/aides', { method: 'POST', headers: { 'Content-Type': 'application/json',
    'X-CSRF-Token': tok }, body: JSON.stringify({ fichier: '' }) });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.field, 'fichier');
  r = await fetch(server.url + '/api/v1/aides', { method: 'POST', body: '{}' ,
    headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 401);
  // the audit log names the scheme, never a person
  assert.ok(Number(sql("SELECT count(*) FROM audit_log WHERE entity='aid_scheme'")) >= 3);
});

test('commitments register: record, pay, breach → 7,333.33 € pro rata; alerts, dashboard, exports', async () => {
  const anon = new Client(server.url);
  assert.equal((await anon.get('/aides/engagements')).status, 303);
  assert.equal((await reader.get('/aides/engagements')).status, 403);
  assert.equal((await reader.get('/aides/engagements/tableau-de-bord')).status, 200);
  const from = '/aides/engagements/nouveau';
  const fields = { aide: 'test-bourse-prorata', beneficiaire: 'Camille Martin', signature: '2024-01-10',
                   debut: '2024-02-01', fin: '2027-02-01', lieu: '41018', montant: '12 000' };
  const n = () => Number(sql('SELECT count(*) FROM aid_commitment'));
  // bad input: negative amount, unknown commune, end before start
  for (const [patch, field] of [[{ montant: '-12000' }, 'montant'], [{ lieu: '99999' }, 'lieu'],
                                [{ fin: '2023-01-01' }, 'fin'], [{ aide: '' }, 'aide']]) {
    const r = await agent.post(from, { ...fields, ...patch }, { from });
    assert.equal(r.status, 400, field);
    assert.match(await r.text(), new RegExp(`href="#f-${field}"`), field);
  }
  assert.equal(n(), 0);
  assert.equal((await reader.post(from, fields, { from: '/aides' })).status, 403);
  let r = await agent.post(from, fields, { from });
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/aides\/engagements\/\d+$/);
  r = await agent.post(loc + '/paiements', { date: '2024-02-01', montant: '12 000' }, { from: loc });
  assert.equal(r.status, 303);
  r = await agent.post(loc + '/paiements', { date: '2024-02-01', montant: '-5' }, { from: loc });
  assert.equal(r.status, 400);
  r = await agent.post(loc + '/rupture', { date: '2025-04-01' }, { from: loc });
  assert.equal(r.status, 303);
  const html = await (await agent.get(loc)).text();
  assert.match(html, /<dd id="montant-du"><strong>7\u202f333,33\u00a0€<\/strong><\/dd>/);
  assert.match(html, /rompu/);
  const id = loc.split('/').pop();
  const j = await (await agent.get('/api/v1/engagements/' + id)).json();
  assert.equal(j.du_centimes, 733333);
  assert.equal(j.montant_centimes, 1200000);
  assert.equal(j.verse_centimes, 1200000);
  assert.equal(j.journal[0].montant_centimes, 1200000);
  assert.equal(j.statut, 'rompu');
  assert.equal(j.journal.length, 1);
  // JSON API: create, proof, close; a second breach is refused
  const tok = await agent.csrf(from);
  const api = (p, body) => agent.fetch(p, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': tok } });
  r = await api('/api/v1/engagements', { ...fields, beneficiaire: 'Dominique Petit', montant: -1 });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.field, 'montant');
  r = await api('/api/v1/engagements', { ...fields, beneficiaire: 'Dominique Petit', montant: 12000,
                                         signature: '2025-01-10', debut: '2025-02-01', fin: '2026-03-01' });
  assert.equal(r.status, 201);
  const c2 = await r.json();
  assert.equal(c2.statut, 'en cours');
  assert.equal(c2.montant_centimes, 1200000);       // euros under the form's key
  // integer cents under montant_centimes; every bad field at once
  r = await api('/api/v1/engagements', { ...fields, beneficiaire: '', montant: undefined,
                                         montant_centimes: 250050, lieu: '99999', fin: 'x' });
  assert.equal(r.status, 400);
  const e4 = (await r.json()).error;
  assert.equal(e4.code, 'saisie_invalide');
  assert.deepEqual(e4.errors.map((x) => x.field).sort(), ['beneficiaire', 'fin', 'lieu']);
  r = await api('/api/v1/engagements', { ...fields, beneficiaire: 'Alex Roux', montant: undefined,
                                         montant_centimes: 250050 });
  assert.equal(r.status, 201);
  const c3 = await r.json();
  assert.equal(c3.montant_centimes, 250050);
  sql(`DELETE FROM aid_commitment WHERE id = ${c3.id}`);
  r = await api(`/api/v1/engagements/${id}/rupture`, { date: '2025-05-01' });
  assert.equal(r.status, 400);
  // alerts on 2026-02-10: c2 ends within 90 days and has no proof for 12 months
  const al = await (await agent.get('/api/v1/engagements/alertes?date=2026-02-10')).json();
  const mine = al.alertes.filter((a) => a.id === c2.id);
  assert.equal(mine.length, 2);
  r = await api(`/api/v1/engagements/${c2.id}/attestations`, { date: '2026-01-10' });
  assert.equal(r.status, 200);
  const al2 = await (await agent.get('/api/v1/engagements/alertes?date=2026-02-10')).json();
  assert.equal(al2.alertes.filter((a) => a.id === c2.id).length, 1);
  // dashboard: one professional bound, 12,000 € committed, 7,333.33 € due
  const pf = await (await reader.get('/api/v1/engagements/portefeuille?date=2026-01-15')).json();
  assert.equal(pf.porteurs.length, 1);
  assert.equal(pf.porteurs[0].engage_centimes, 1200000);
  assert.equal(pf.porteurs[0].professionnels_engages, 1);
  assert.equal(pf.porteurs[0].du_centimes, 733333);
  // and by département of the commune of practice (Blois: 41)
  assert.deepEqual(pf.departements.map((d) => [d.code, d.engage_centimes, d.rompus]), [['41', 1200000, 1]]);
  const dash = await (await reader.get('/aides/engagements/tableau-de-bord')).text();
  assert.match(dash, /Engagements par département d&#39;exercice/);
  // and by EPCI and région, with names
  const row = (d) => [d.code, d.nom, d.engage_centimes / 100, d.rompus];
  assert.deepEqual(pf.departements.map(row), [['41', 'Loir-et-Cher', 12000, 1]]);
  assert.deepEqual(pf.epci.map(row), [['200030385', 'CA de Blois', 12000, 1]]);
  assert.deepEqual(pf.regions.map(row), [['24', 'Centre-Val de Loire', 12000, 1]]);
  assert.equal(pf.regions[0].porteur, 'région');
  assert.match(dash, /<caption id="titre-epci">Engagements par EPCI d&#39;exercice<\/caption>/);
  assert.match(dash, /<caption id="titre-region">Engagements par région d&#39;exercice<\/caption>/);
  assert.match(dash, /data-label="Région">Centre-Val de Loire — 24<\/th>/);
  assert.match(dash, /data-label="EPCI">CA de Blois — 200030385<\/th>/);
  // the dashboard's export: every grouping, one table
  r = await reader.get('/aides/engagements/tableau-de-bord.csv');
  assert.equal(r.status, 200);
  const pfRows = Buffer.from(await r.arrayBuffer()).subarray(3).toString().trim().split('\r\n');
  assert.match(pfRows[0], /^Regroupement;Code;Nom;En cours;/);
  const groups = pfRows.slice(1).map((l) => l.split(';').slice(0, 3).join(';'));
  assert.ok(groups.includes('EPCI;200030385;CA de Blois'), groups.join('|'));
  assert.ok(groups.includes('département;41;Loir-et-Cher'), groups.join('|'));
  assert.ok(groups.includes('région;24;Centre-Val de Loire'), groups.join('|'));
  assert.ok(groups.some((g) => g.startsWith('porteur;41;')), groups.join('|'));
  r = await reader.get('/aides/engagements/tableau-de-bord.xlsx');
  assert.equal(r.status, 200);
  assert.match(unzip(Buffer.from(await r.arrayBuffer()))['xl/sharedStrings.xml'], /Centre-Val de Loire/);
  assert.doesNotMatch(dash, /Camille|Dominique/);
  // filters and exports
  let list = await (await agent.get('/api/v1/engagements?statut=rompu')).json();
  assert.deepEqual(list.engagements.map((e) => e.id), [Number(id)]);
  r = await agent.get('/aides/engagements/export.csv?statut=en-cours');
  const rows = Buffer.from(await r.arrayBuffer()).subarray(3).toString().trim().split('\r\n');
  assert.equal(rows.length, 2);
  assert.match(rows[1], /Dominique Petit/);
  r = await agent.get('/aides/engagements/export.xlsx');
  const xl = unzip(Buffer.from(await r.arrayBuffer()));
  assert.match(xl['xl/sharedStrings.xml'], /Camille Martin/);
  assert.match(xl['xl/worksheets/sheet1.xml'], /<v>7333.33<\/v>/);
  r = await api(`/api/v1/engagements/${c2.id}/cloture`, { statut: 'honore' });
  assert.equal((await r.json()).statut, 'honoré');
  // no personal data in the audit log
  assert.ok(Number(sql("SELECT count(*) FROM audit_log WHERE entity='aid_commitment'")) >= 6);
  assert.equal(sql("SELECT count(*) FROM audit_log WHERE entity='aid_commitment' AND (coalesce(after_json,'') LIKE '%Martin%' OR coalesce(after_json,'') LIKE '%Petit%')"), '0');
});

test('commitments register: 50 a page, count, links that keep the filters', async () => {
  // 118 more commitments honoured at Mâcon (the register holds 2 before)
  sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 118)
       INSERT INTO aid_commitment(aid, beneficiary, signed_on, start_on, end_on, place, amount_cents, repay, status)
       SELECT 'test-bourse-prorata', 'Bénéficiaire ' || i, '2023-01-01', '2023-02-01', '2026-02-01',
              '71270', 100000, 'prorata', 'honoré' FROM k`);
  const total = Number(sql('SELECT count(*) FROM aid_commitment'));
  assert.equal(total, 120);
  const rowsOf = (h) => [...h.matchAll(/<tr><td data-label="N°"><a href="\/aides\/engagements\/(\d+)">/g)].map((m) => Number(m[1]));
  let html = await (await agent.get('/aides/engagements')).text();
  assert.equal(rowsOf(html).length, 50);
  assert.match(html, /<p id="compte-registre">120 engagements — lignes 1 à 50, page 1 sur 3<\/p>/);
  assert.match(html, /rel="next" href="\/aides\/engagements\?page=2"/);
  assert.doesNotMatch(html, /rel="prev"/);
  const seen = new Set(rowsOf(html));
  html = await (await agent.get('/aides/engagements?page=3')).text();
  assert.equal(rowsOf(html).length, 20);
  assert.match(html, /lignes 101 à 120, page 3 sur 3/);
  assert.match(html, /rel="prev" href="\/aides\/engagements\?page=2"/);
  assert.doesNotMatch(html, /rel="next"/);
  for (const id of rowsOf(html)) assert.ok(!seen.has(id));
  // beyond the last page: the last page; nonsense: the first
  assert.match(await (await agent.get('/aides/engagements?page=99')).text(), /page 3 sur 3/);
  assert.match(await (await agent.get('/aides/engagements?page=abc')).text(), /page 1 sur 3/);
  // a filter is counted and kept in the links
  html = await (await agent.get('/aides/engagements?statut=honore&lieu=71270')).text();
  assert.match(html, /118 engagements — lignes 1 à 50, page 1 sur 3/);
  assert.match(html, /rel="next" href="\/aides\/engagements\?statut=honore&amp;aide=&amp;lieu=71270&amp;du=&amp;au=&amp;page=2"/);
  html = await (await agent.get('/aides/engagements?statut=rompu')).text();
  assert.match(html, /1 engagement — lignes 1 à 1, page 1 sur 1/);
  assert.doesNotMatch(html, /rel="(next|prev)"/);
});

test('exports: a cell starting with =, +, - or @ comes out inert in the CSV', async () => {
  const evil = ['=HYPERLINK("http://x","y")', '+33 6 00 00 00 00', '-1+2', '@SUM(A1)'];
  // the catalogue: a draft scheme whose texts start like formulas
  const tok = await agent.csrf('/aides/nouvelle');
  const text = 'id: test-formules\nnom: ' + evil[0] + '\nétat: brouillon\nporteur: département\n' +
    'porteur-code: 41\nporteur-nom: ' + evil[2] + '\nterritoire: département 41\n' +
    'professions: toutes\nstatuts: interne\nsource: ' + evil[1] + '\ncontact: ' + evil[3] + '\n' +
    '\n[avantage]\ntype: argent\nmontant: 100\npériodicité: unique\n' +
    '\n[engagement]\ndurée: 1 an\nremboursement: total\n';
  let r = await agent.fetch('/api/v1/aides', { method: 'POST', headers: { 'Content-Type': 'application/json',
    'X-CSRF-Token': tok }, body: JSON.stringify({ fichier: text }) });
  assert.equal(r.status, 200, await r.clone().text());
  r = await agent.get('/aides/export.csv?etat=brouillon');
  let csv = Buffer.from(await r.arrayBuffer()).subarray(3).toString();
  const line = csv.split('\r\n').find((l) => l.startsWith('test-formules;'));
  assert.ok(line, csv);
  for (const z of evil) {
    assert.ok(line.includes(`"'${z.replace(/"/g, '""')}"`), `${z} in ${line}`);
  }
  // the register: a beneficiary named like a formula, and the portfolio's porteur name
  sql(`INSERT INTO aid_commitment(aid, beneficiary, signed_on, start_on, end_on, place, amount_cents, repay)
       VALUES ('test-formules', '${evil[3]}', '2025-01-01', '2025-02-01', '2026-02-01', '41018', 10000, 'total')`);
  r = await agent.get('/aides/engagements/export.csv?aide=test-formules');
  csv = Buffer.from(await r.arrayBuffer()).subarray(3).toString();
  assert.match(csv, /;"'@SUM\(A1\)";/);
  assert.doesNotMatch(csv, /;@SUM/);
  r = await reader.get('/aides/engagements/tableau-de-bord.csv');
  csv = Buffer.from(await r.arrayBuffer()).subarray(3).toString();
  assert.match(csv, /^porteur;41;"'-1\+2";/m);
  sql("DELETE FROM aid_commitment WHERE aid = 'test-formules'");
});

// Issue 13: eligibility reads the one classification (zoning_of). Without
// an arrêté, an intern aiming at Blois (DREES 2023: 3.47, between the 2.5
// and 4 thresholds) is not refused the CESP: « à vérifier », citing the
// indicative class; once an ARS file classes Blois « hors zonage », the
// refusal names the arrêté.
test('CESP for an intern aiming at Blois: indicative class, then the arrêté', async () => {
  const body = { profession: 'médecin généraliste', statut: 'interne', annee: 8, commune: '41018' };
  let j = await (await simulate(body)).json();
  let cesp = j.aides.find((s) => s.id === 'cesp');
  assert.equal(cesp.verdict, 'à vérifier', JSON.stringify(cesp.raisons));
  assert.equal(j.commune.zone.classe, 'intermediaire');
  assert.equal(j.commune.zone.officiel, false);
  assert.ok(cesp.raisons.some((x) => /Blois \(41018\) : Intermédiaire — classement indicatif d'après l'APL DREES 2023 \(3,47 ; seuils 2,50 et 4,00\) — zonage officiel non importé/.test(x.texte)),
            JSON.stringify(cesp.raisons));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oasis-zonage-'));
  const file = path.join(dir, 'zonage-cvl.csv');
  fs.writeFileSync(file, 'code_commune,zone,profession,date_arrete,reference\n41018,hors zonage,medecin,01/02/2025,ARS-CVL-2025-12\n');
  try {
    oasis('zonage', 'import', file, '--db', server.dbPath);
    j = await (await simulate(body)).json();
    cesp = j.aides.find((s) => s.id === 'cesp');
    assert.equal(cesp.verdict, 'non éligible', JSON.stringify(cesp.raisons));
    assert.equal(j.commune.zone.classe, 'HORS');
    assert.equal(j.commune.zone.officiel, true);
    assert.ok(cesp.raisons.some((x) => x.resultat === 'non rempli' &&
              /Blois \(41018\) ne convient pas \(Hors zonage — zonage officiel, arrêté de l'ARS du 01\/02\/2025 \(ARS-CVL-2025-12\)\)/.test(x.texte)),
              JSON.stringify(cesp.raisons));
    // the page says the same, with the arrêté as its source
    const html = await (await fetch(server.url + '/aides/simulateur?profession=medecin-generaliste&statut=interne&annee=8&commune=41018')).text();
    assert.match(html, /<span class="badge badge-bien-dote">Hors zonage<\/span>/);
    assert.match(html, /zonage officiel, arrêté de l&#39;ARS du 01\/02\/2025 \(ARS-CVL-2025-12\)/);
  } finally {
    sql('DELETE FROM zonage');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Issue 13: the register refuses incoherent entries, in French, at the
// field (pages and API alike); the CLI counts a written period inclusively.
test('commitments register refuses incoherent entries at their field', async () => {
  const from = '/aides/engagements/nouveau';
  const tok = await agent.csrf(from);
  const api = (p, body) => agent.fetch(p, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': tok } });
  const base = { aide: 'loir-et-cher-bourse-internes', beneficiaire: 'Sacha Leroy', signature: '2024-01-10',
                 debut: '2024-02-01', fin: '2027-01-31', lieu: '41018', montant_centimes: 12960000 };
  const refused = async (r, field, re) => {
    assert.equal(r.status, 400);
    const e = (await r.json()).error;
    assert.equal(e.code, 'saisie_invalide');
    assert.equal(e.field, field, e.message);
    assert.match(e.message, re);
  };
  // Saint-Denis (93) for a Loir-et-Cher grant; 1,000,000,000 €
  await refused(await api('/api/v1/engagements', { ...base, lieu: '93066' }), 'lieu',
                /Saint-Denis \(93066\) est hors du territoire de l'aide : département Loir-et-Cher \(41\)/);
  await refused(await api('/api/v1/engagements', { ...base, montant_centimes: 100000000000 }), 'montant',
                /10 000 000/);
  // one territory: an instance of Saône-et-Loire registers no commitment
  // to practise in Blois
  oasis('territoire', 'set', '71', '--db', server.dbPath);
  try {
    await refused(await api('/api/v1/engagements', base), 'lieu',
                  /Blois \(41018\) est hors du territoire de l'instance \(Saône-et-Loire\)/);
  } finally {
    oasis('territoire', 'set', '', '--db', server.dbPath);
  }
  let r = await api('/api/v1/engagements', base);
  assert.equal(r.status, 201);
  const id = (await r.json()).id;
  // 500,000 € paid on 129,600 € granted; a payment six years before signature
  await refused(await api(`/api/v1/engagements/${id}/paiements`, { date: '2024-03-01', montant_centimes: 50000000 }),
                'montant', /dépasserait le montant accordé/);
  await refused(await api(`/api/v1/engagements/${id}/paiements`, { date: '2018-01-10', montant_centimes: 100000 }),
                'date', /avant la signature/);
  // a breach and an attestation dated in the future
  await refused(await api(`/api/v1/engagements/${id}/rupture`, { date: '2099-01-01' }), 'date', /futur/);
  await refused(await api(`/api/v1/engagements/${id}/attestations`, { date: '2099-01-01' }), 'date', /futur/);
  // the page shows the message at the field
  const loc = `/aides/engagements/${id}`;
  r = await agent.post(loc + '/paiements', { date: '2024-03-01', montant: '500 000' }, { from: loc });
  assert.equal(r.status, 400);
  const html = await r.text();
  assert.match(html, /href="#f-montant"/);
  assert.match(html, /dépasserait le montant accordé/);
  assert.equal(Number(sql(`SELECT count(*) FROM aid_payment WHERE commitment = ${id}`)), 0);
  sql(`DELETE FROM aid_commitment WHERE id = ${id}`);
  // `oasis aids repay` with the register's dates: 36 months, 7,333.33 €
  const out = oasis('aids', 'repay', '--rule', 'prorata', '--amount', '12000', '--start', '01/11/2023',
                    '--end', '31/10/2026', '--breach', '2025-01-01').stdout.trim();
  assert.equal(out, '7333.33');
});

// Issue 13: « 71200 » is Le Creusot's postal code and Fleury-la-Montagne's
// INSEE code, and Le Breuil shares the postal code: the simulator offers
// the choice instead of silently picking one (Le Creusot's aid vanished).
test('a number that is a postal code and another commune\'s INSEE code offers the choice', async () => {
  sql(`INSERT INTO communes(code, type, name, dep, reg, postal_codes, import_id) VALUES
       ('71200', 'COM', 'Fleury-la-Montagne', '71', '27', '71340', 1),
       ('71059', 'COM', 'Le Breuil', '71', '27', '71200', 1)`);
  try {
    const base = { profession: 'médecin généraliste', statut: 'étudiant·e', annee: 3, pass_las: true };
    let r = await simulate({ ...base, commune: '71200' });
    assert.equal(r.status, 400);
    const e = (await r.json()).error;
    assert.equal(e.field, 'commune');
    assert.deepEqual(e.choix.map((c) => c.code).sort(), ['71059', '71153', '71200']);
    const anon = new Client(server.url);
    r = await anon.get('/aides/simulateur?profession=medecin-generaliste&statut=etudiant&annee=3&pass_las=oui&commune=71200');
    assert.equal(r.status, 400);
    const html = await r.text();
    const links = [...html.matchAll(/<li><a href="(\/aides\/simulateur\?[^"]+)">([^<]+) \((\d+)\)<\/a>/g)];
    assert.deepEqual(links.map((m) => m[3]).sort(), ['71059', '71153', '71200']);
    // picking Le Creusot brings its aid back
    const pick = await anon.get(links.find((m) => m[3] === '71153')[1].replace(/&amp;/g, '&'));
    assert.equal(pick.status, 200);
    const page = await pick.text();
    assert.match(page, /Vos aides pour Le Creusot \(71153\)/);
    assert.match(page, /id="aide-creusot-etudiants"/);
    // a postal code of one commune only still goes straight to it
    r = await simulate({ ...base, commune: '71340' });
    assert.equal(r.status, 200);
    assert.equal((await r.json()).commune.code, '71200');
  } finally {
    sql("DELETE FROM communes WHERE code IN ('71200', '71059')");
  }
});

// Issue 18: each aid says what to do next, who receives it, when the team
// last checked it and who to contact, on the page and in the JSON.
test('each aid carries its next step, beneficiaries and contact', async () => {
  const j = await (await simulate({ profession: 'médecin généraliste', statut: 'installé·e libéral',
                                    commune: '41018' })).json();
  const msp = j.aides.find((s) => s.id === 'loir-et-cher-maisons-de-sante');
  assert.match(msp.beneficiaires, /collectivités \(communes, EPCI\)/);
  assert.match(msp.demarche, /commune ou l'EPCI qui porte la maison de santé/);
  assert.equal(msp.lien, null);
  assert.ok('verifie_le' in msp);
  const one = await (await fetch(server.url + '/api/v1/aides/cesp')).json();
  assert.match(one.demarche, /ARS/);
  const html = await (await fetch(server.url + '/aides/simulateur?profession=medecin-generaliste&statut=installe-liberal&commune=41018')).text();
  assert.match(html, /<dt>Que faire ensuite \?<\/dt><dd>Le financement est demandé par la commune/);
  assert.match(html, /<dt>Bénéficiaires<\/dt><dd>collectivités/);
  assert.doesNotMatch(html, /à compléter/);
});

// Issue 18: the suggestions behind the simulator's commune combobox.
test('GET /api/v1/aides/communes suggests communes by name, postal code, homonyms', async () => {
  const get = async (q) => (await (await fetch(server.url + '/api/v1/aides/communes?q=' + encodeURIComponent(q))).json()).communes;
  let c = await get('le creusot');
  assert.equal(c[0].code, '71153');
  assert.equal(c[0].libelle, 'Le Creusot (71153)');
  assert.equal(c[0].codes_postaux, '71200');
  assert.equal((await get('MACON'))[0].code, '71270');
  assert.equal((await get('71200'))[0].code, '71153');
  c = await get('saint-denis');
  assert.deepEqual(c.map((x) => x.code).sort(), ['93066', '97411']);
  assert.deepEqual(c.map((x) => x.dep).sort(), ['93', '974']);
  assert.deepEqual(await get('s'), []);                     // too short: nothing
  // the libelle is what the simulator takes back
  const r = await simulate({ profession: 'médecin généraliste', statut: 'étudiant·e', annee: 3,
                             commune: c.find((x) => x.code === '97411').libelle });
  assert.equal((await r.json()).commune.code, '97411');
});

// The best-combination box and the cumul list read the simulation's JSON
// keys (« meilleure », « paires », « texte »): they were printed empty.
test('the simulator page shows the best combination sentence and the cumul notes', async () => {
  const html = await (await fetch(server.url + '/aides/simulateur?profession=medecin-generaliste&statut=interne&annee=8&commune=41018')).text();
  assert.match(html, /<h2 class="alert-title" id="titre-best">La meilleure combinaison<\/h2>\n<p>Meilleure combinaison : \d aides?, [\d\s\u202f\u00a0]+€/);
  assert.match(html, /<strong>Cumul :<\/strong>/);
  assert.match(html, /id="resultat-resume" role="status"/);
  assert.match(html, /<h2 id="titre-res" tabindex="-1">/);
  assert.match(html, /data-communes="\/api\/v1\/aides\/communes"/);
  assert.match(html, /action="\/aides\/simulateur#resultat"/);
});

// Issue 13: a 5-year commitment « du 01/01/2024 au 31/12/2028 » reads
// 60 months on its page (the end day counts), not 59.
test('a commitment page counts the written end day: 60 months for 5 years', async () => {
  const from = '/aides/engagements/nouveau';
  const r = await agent.post(from, { aide: 'loir-et-cher-bourse-internes', beneficiaire: 'Noa Girard',
    signature: '2023-12-01', debut: '2024-01-01', fin: '2028-12-31', lieu: '41018', montant: '12 000' }, { from });
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  const html = await (await agent.get(loc)).text();
  assert.match(html, /<dt>Exercice dû<\/dt><dd>du 01\/01\/2024 au 31\/12\/2028 \(60 mois\)<\/dd>/);
  sql(`DELETE FROM aid_commitment WHERE id = ${loc.split('/').pop()}`);
});
